import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageRef } from '../../../../shared/contract/messages';
import { DEFAULT_COUNTRIES } from '../../../../shared/taxonomy/countries';
import { CHANNEL_CODES } from '../../../../shared/taxonomy/channels';
import { DATE_ORDERS, CHOICE_WORDS } from '../../../../shared/sheet-import/values';
import {
  IGNORE_ROLE,
  SHEET_TARGETS,
  TARGET_ROLES,
  suggestColumns,
  type RoleSpec,
  type SheetMapping,
  type ValueKind,
} from '../../../../shared/sheet-import/mapping';
import type { PreviewRow } from '../../../../shared/sheet-import/schema';
import { call } from '../../api/bridge';
import { routeHash } from '../../app/router';
import { locale } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { dataLabel, messageText, problemText } from '../../i18n/lookup';
import { useTaxonomy } from '../taxonomy/taxonomy-store';
import { PAGE, useSheetImport, type PreviewFilter } from './sheet-import-store';
import './sheet-import.css';

const KIND_VIEW = { request: 'requests', engagement: 'engagements', result: 'results' } as const;
const FILTERS: PreviewFilter[] = ['all', 'problems', 'ready', 'already_imported'];

/** A row problem as a translated sentence (its code is one of the backend's message codes). */
function rowProblemText(p: PreviewRow['problems'][number]): string {
  return messageText({ code: p.code, params: p.params } as MessageRef);
}

/** Import an officer's legacy log (CSV or XLSX): map the columns, check every row, fix, import, undo. */
export function SheetImportPage(): ReactNode {
  const { t } = useTranslation('sheetImport');
  const s = useSheetImport();
  const loadBatches = useSheetImport((x) => x.loadBatches);
  useEffect(() => {
    void loadBatches();
  }, [loadBatches]);

  return (
    <div className="sheet-import">
      <h1>{t('title')}</h1>
      <p className="sheet-import__intro">{t('intro')}</p>
      <FilePanel />
      {s.error && (
        <p className="sheet-import__error" role="alert">
          {problemText(s.error)}
        </p>
      )}
      {s.opened && s.mapping && (
        <>
          <MappingPanel mapping={s.mapping} />
          <PreviewPanel mapping={s.mapping} />
          <RunPanel mapping={s.mapping} />
        </>
      )}
      <BatchesPanel />
    </div>
  );
}

function FilePanel(): ReactNode {
  const { t, i18n } = useTranslation('sheetImport');
  const { opened, busy, progress, cancel, open } = useSheetImport();
  const size = opened
    ? new Intl.NumberFormat(locale(i18n.language), { maximumFractionDigits: 1 }).format(opened.bytes / 1024)
    : '';
  const delimiterName: Record<string, 'comma' | 'semicolon' | 'tab' | 'pipe' | undefined> = {
    ',': 'comma',
    ';': 'semicolon',
    '\t': 'tab',
    '|': 'pipe',
  };
  const named = opened?.delimiter ? delimiterName[opened.delimiter] : undefined;
  return (
    <section className="sheet-import__panel" aria-label={t('choose')}>
      <div className="sheet-import__row">
        <button
          type="button"
          className={opened ? 'button' : 'button button--primary'}
          onClick={() => void open()}
          disabled={busy !== null}
        >
          {opened ? t('chooseAnother') : t('choose')}
        </button>
        {busy === 'open' && (
          <span role="status">
            {progress?.phase === 'parse' && progress.total
              ? t('readingRows', { done: progress.done, total: progress.total })
              : t('reading')}{' '}
            {cancel && (
              <button className="button" type="button" onClick={cancel}>
                {t('cancel')}
              </button>
            )}
          </span>
        )}
      </div>
      {opened ? (
        <p className="sheet-import__file">
          <strong>{opened.fileName}</strong> · {opened.format.toUpperCase()} · {size} KB
          {opened.encoding && <> · {t('encoding', { encoding: opened.encoding })}</>}
          {named && <> · {t('delimiter', { delimiter: t(`delimiterNames.${named}`) })}</>}
        </p>
      ) : (
        <p className="sheet-import__hint">{t('limits')}</p>
      )}
      {opened?.notices
        .filter((n) => n.code !== 'sheet_import.notice.encoding')
        .map((n) => (
          <p key={n.code} className="sheet-import__notice">
            {messageText(n as MessageRef)}
          </p>
        ))}
      {opened && (
        <p className="sheet-import__hint">
          {opened.mappingFrom === 'saved'
            ? t('mappingFrom.saved', { source: opened.mapping.source })
            : t('mappingFrom.suggested')}
        </p>
      )}
    </section>
  );
}

function roleLabel(role: string): string {
  return dataLabel('sheetImport', `roles.${role}`, role);
}

function MappingPanel({ mapping }: { mapping: SheetMapping }): ReactNode {
  const { t } = useTranslation('sheetImport');
  const { opened, preview, setMapping, pages } = useSheetImport();
  const [saved, setSaved] = useState<string | null>(null);
  const ids = { source: useId(), target: useId(), order: useId(), header: useId(), sheet: useId() };
  const roles = TARGET_ROLES[mapping.target];
  const headers = preview?.headers ?? Object.keys(mapping.columns);
  const update = (patch: Partial<SheetMapping>) => void setMapping({ ...mapping, ...patch });
  const mappedRoles = new Set(Object.values(mapping.columns));
  const defaultable = roles.filter(
    (r) => r.defaultable && (r.required || mapping.defaults[r.role]) && !mappedRoles.has(r.role),
  );

  async function saveFile() {
    const r = await call('sheetImport.saveMapping', { mapping });
    setSaved(
      r.ok
        ? t('mapping.savedFile', { file: r.value.savedTo })
        : r.error.code === 'cancelled'
          ? null
          : problemText(r.error),
    );
  }
  async function openFile() {
    const r = await call('sheetImport.openMapping', {});
    if (r.ok) update(r.value);
    else if (r.error.code !== 'cancelled') setSaved(problemText(r.error));
  }

  return (
    <section className="sheet-import__panel" aria-labelledby={`${ids.source}-h`}>
      <h2 id={`${ids.source}-h`}>{t('mapping.heading')}</h2>
      <div className="sheet-import__settings">
        <label htmlFor={ids.source}>
          {t('mapping.source')}
          <input
            id={ids.source}
            defaultValue={mapping.source}
            key={mapping.source}
            aria-describedby={`${ids.source}-hint`}
            onBlur={(e) => {
              const source = e.target.value.trim();
              if (source && source !== mapping.source) update({ source });
            }}
          />
        </label>
        <label htmlFor={ids.target}>
          {t('mapping.target')}
          <select
            id={ids.target}
            value={mapping.target}
            onChange={(e) => {
              const target = e.target.value as SheetMapping['target'];
              update({ target, columns: suggestColumns(target, headers), defaults: {} });
            }}
          >
            {SHEET_TARGETS.map((target) => (
              <option key={target} value={target}>
                {t(`targets.${target}`)}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={ids.order}>
          {t('mapping.dateOrder')}
          <select
            id={ids.order}
            value={mapping.dateOrder}
            onChange={(e) => update({ dateOrder: e.target.value as SheetMapping['dateOrder'] })}
          >
            {DATE_ORDERS.map((o) => (
              <option key={o} value={o}>
                {t(`dateOrders.${o}`)}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={ids.header}>
          {t('mapping.headerRow')}
          <input
            id={ids.header}
            type="number"
            min={1}
            max={50}
            value={mapping.headerRow}
            onChange={(e) => {
              const headerRow = Number(e.target.value);
              if (Number.isInteger(headerRow) && headerRow >= 1 && headerRow <= 50) update({ headerRow, columns: {} });
            }}
          />
        </label>
        {opened && opened.sheets.length > 1 && (
          <label htmlFor={ids.sheet}>
            {t('mapping.sheet')}
            <select
              id={ids.sheet}
              value={mapping.sheet ?? opened.sheets[0]}
              onChange={(e) => update({ sheet: e.target.value, columns: {} })}
            >
              {opened.sheets.map((name) => (
                <option key={name}>{name}</option>
              ))}
            </select>
          </label>
        )}
      </div>
      <p id={`${ids.source}-hint`} className="sheet-import__hint">
        {t('mapping.sourceHint')}
      </p>
      {preview && (
        <table className="sheet-import__columns">
          <thead>
            <tr>
              <th scope="col">{t('mapping.column')}</th>
              <th scope="col">{t('mapping.examples')}</th>
              <th scope="col">{t('mapping.role')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.headers.map((header, i) => (
              <tr key={header}>
                <th scope="row">{header}</th>
                <td className="sheet-import__examples">
                  {preview.samples
                    .map((row) => row[i] ?? '')
                    .filter(Boolean)
                    .slice(0, 2)
                    .join(' · ')}
                </td>
                <td>
                  <RoleSelect
                    header={header}
                    roles={roles}
                    value={mapping.columns[header] ?? IGNORE_ROLE}
                    onChange={(role) => update({ columns: { ...mapping.columns, [header]: role } })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {defaultable.length > 0 && (
        <div className="sheet-import__defaults">
          <h3>{t('mapping.defaultsHeading')}</h3>
          <p className="sheet-import__hint">{t('mapping.defaultsHint')}</p>
          {defaultable.map((spec) => (
            <DefaultField key={spec.role} spec={spec} mapping={mapping} onChange={update} />
          ))}
        </div>
      )}
      <UnknownWords mapping={mapping} rows={Object.values(pages).flat()} onChange={update} />
      <div className="sheet-import__row">
        <button className="button" type="button" onClick={() => void saveFile()}>
          {t('mapping.saveFile')}
        </button>
        <button className="button" type="button" onClick={() => void openFile()}>
          {t('mapping.openFile')}
        </button>
        {saved && <span role="status">{saved}</span>}
      </div>
    </section>
  );
}

function RoleSelect(props: {
  header: string;
  roles: readonly RoleSpec[];
  value: string;
  onChange: (role: string) => void;
}): ReactNode {
  const { t } = useTranslation('sheetImport');
  return (
    <select
      aria-label={`${props.header}: ${t('mapping.role')}`}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
    >
      <option value={IGNORE_ROLE}>{t('mapping.ignore')}</option>
      {props.roles.map((r) => (
        <option key={r.role} value={r.role}>
          {roleLabel(r.role)}
          {r.required ? ` (${t('mapping.required')})` : ''}
        </option>
      ))}
    </select>
  );
}

/** The value kind a role's words are mapped in (for the "words to map" list and defaults). */
function valueKindOf(spec: RoleSpec | undefined): ValueKind | null {
  if (!spec) return null;
  const v = spec.value;
  if (v.kind === 'country') return 'country';
  if (v.kind === 'channel') return 'channel';
  if (v.kind === 'phenomena') return 'phenomenon';
  if (v.kind === 'boolean') return 'boolean';
  if (v.kind === 'choice') return v.vocabulary;
  return null;
}

function useOptions(kind: ValueKind): { value: string; label: string }[] {
  const { t, i18n } = useTranslation('common');
  const phenomena = useTaxonomy((s) => s.terms.phenomenon);
  return useMemo(() => {
    if (kind === 'country') {
      const names = new Intl.DisplayNames([locale(i18n.language)], { type: 'region' });
      return DEFAULT_COUNTRIES.map((c) => ({ value: c.code, label: names.of(c.code) ?? c.name })).sort((a, b) =>
        a.label.localeCompare(b.label, locale(i18n.language)),
      );
    }
    if (kind === 'channel') return CHANNEL_CODES.map((c) => ({ value: c, label: t(`channel.${c}`) }));
    if (kind === 'phenomenon') {
      return phenomena.map((p) => ({ value: p.code, label: i18n.language.startsWith('nl') ? p.labelNl : p.labelEn }));
    }
    return Object.keys(CHOICE_WORDS[kind]).map((code) => ({
      value: code,
      label: dataLabel('sheetImport', `choices.${code}`, code),
    }));
  }, [kind, i18n.language, phenomena, t]);
}

function DefaultField({
  spec,
  mapping,
  onChange,
}: {
  spec: RoleSpec;
  mapping: SheetMapping;
  onChange: (patch: Partial<SheetMapping>) => void;
}): ReactNode {
  const { t } = useTranslation('sheetImport');
  const id = useId();
  const kind = valueKindOf(spec);
  const value = mapping.defaults[spec.role] ?? '';
  const set = (v: string) => {
    const defaults = Object.fromEntries(Object.entries(mapping.defaults).filter(([role]) => role !== spec.role));
    onChange({ defaults: v ? { ...defaults, [spec.role]: v } : defaults });
  };
  return (
    <label htmlFor={id} className="sheet-import__default">
      {roleLabel(spec.role)}
      {kind ? (
        <OptionSelect id={id} kind={kind} value={value} empty={t('mapping.noDefault')} onChange={set} />
      ) : (
        <input id={id} defaultValue={value} onBlur={(e) => set(e.target.value.trim())} />
      )}
    </label>
  );
}

function OptionSelect(props: {
  id?: string;
  label?: string;
  kind: ValueKind;
  value: string;
  empty: string;
  onChange: (value: string) => void;
}): ReactNode {
  const options = useOptions(props.kind);
  return (
    <select id={props.id} aria-label={props.label} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
      <option value="">{props.empty}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/** Words in the rows shown that no mapping knows: the officer says what each means. */
function UnknownWords({
  mapping,
  rows,
  onChange,
}: {
  mapping: SheetMapping;
  rows: PreviewRow[];
  onChange: (patch: Partial<SheetMapping>) => void;
}): ReactNode {
  const { t } = useTranslation('sheetImport');
  const words = new Map<string, { column: string; word: string; kind: ValueKind }>();
  const roles = TARGET_ROLES[mapping.target];
  for (const row of rows) {
    for (const p of row.problems) {
      if (!/^sheet_import\.row\.(country|channel|phenomenon|choice)$/.test(p.code) || p.column === null) continue;
      const kind = valueKindOf(roles.find((r) => r.role === mapping.columns[p.column ?? '']));
      const word = String(p.params['value'] ?? '');
      if (kind && word) words.set(`${kind}|${word.toLowerCase()}`, { column: p.column, word, kind });
    }
  }
  if (words.size === 0) return null;
  return (
    <div className="sheet-import__words">
      <h3>{t('mapping.wordsHeading')}</h3>
      <p className="sheet-import__hint">{t('mapping.wordsHint')}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('mapping.wordColumn')}</th>
            <th scope="col">{t('mapping.word')}</th>
            <th scope="col">{t('mapping.means')}</th>
          </tr>
        </thead>
        <tbody>
          {[...words.values()].slice(0, 30).map(({ column, word, kind }) => (
            <tr key={`${kind}|${word}`}>
              <td>{column}</td>
              <td>“{word}”</td>
              <td>
                <OptionSelect
                  kind={kind}
                  label={`${column}: “${word}”`}
                  value=""
                  empty={t('mapping.noDefault')}
                  onChange={(code) => {
                    if (!code) return;
                    const values = { ...mapping.values, [kind]: { ...(mapping.values[kind] ?? {}), [word]: code } };
                    onChange({ values });
                  }}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PreviewPanel({ mapping }: { mapping: SheetMapping }): ReactNode {
  const { t, i18n } = useTranslation('sheetImport');
  const { preview, pages, filter, setFilter, ensureRange, busy } = useSheetImport();
  const parent = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const count = preview?.total ?? 0;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => parent.current,
    estimateSize: () => 72,
    overscan: 6,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (count > 0) ensureRange(first, last);
  }, [first, last, count, ensureRange]);
  if (!preview) return null;
  const n = (x: number) => new Intl.NumberFormat(locale(i18n.language)).format(x);
  const c = preview.counts;
  const shown = preview.headers.filter((h) => (mapping.columns[h] ?? IGNORE_ROLE) !== IGNORE_ROLE);

  return (
    <section className="sheet-import__panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('preview.heading')}</h2>
      <p className="sheet-import__counts" role="status">
        {t('preview.counts', {
          rows: n(c.rows),
          ready: n(c.ready),
          problems: n(c.problems),
          already: n(c.alreadyImported + c.duplicates),
        })}
        {busy === 'preview' && <span className="sheet-import__checking"> {t('preview.checking')}</span>}
      </p>
      <div className="sheet-import__filters" role="group" aria-label={t('preview.filterLabel')}>
        {FILTERS.map((f) => (
          <button
            className="button"
            key={f}
            type="button"
            aria-pressed={filter === f}
            onClick={() => void setFilter(f)}
          >
            {t(`preview.filters.${f}`)}
          </button>
        ))}
      </div>
      {count === 0 ? (
        <p className="sheet-import__hint">{t('preview.none')}</p>
      ) : (
        <div className="sheet-import__list" ref={parent} role="list" aria-label={t('preview.listLabel')}>
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = pages[Math.floor(item.index / PAGE)]?.[item.index % PAGE];
              return (
                <div
                  key={item.key}
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  role="listitem"
                  className="sheet-import__item"
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  {row ? (
                    <RowView row={row} headers={preview.headers} shown={shown} />
                  ) : (
                    <div className="sheet-import__placeholder" />
                  )}
                </div>
              );
            })}
          </div>
        </div>
      )}
    </section>
  );
}

function RowView({ row, headers, shown }: { row: PreviewRow; headers: string[]; shown: string[] }): ReactNode {
  const { t } = useTranslation('sheetImport');
  const fixRow = useSheetImport((s) => s.fixRow);
  const [editing, setEditing] = useState<Record<string, string> | null>(null);
  const bad = new Set(row.problems.map((p) => p.column));
  const cell = (h: string) => row.cells[headers.indexOf(h)] ?? '';
  const status =
    row.status === 'duplicate'
      ? t('preview.status.duplicate', { row: row.duplicateOf ?? 0 })
      : t(`preview.status.${row.status}`);
  return (
    <div className={`sheet-row sheet-row--${row.status}`} data-row={row.row}>
      <div className="sheet-row__head">
        <span className="sheet-row__number">{t('preview.row', { row: row.row })}</span>
        <span className={`sheet-row__status sheet-row__status--${row.status}`}>{status}</span>
        {row.edited.length > 0 && <span className="sheet-row__edited">{t('preview.edited')}</span>}
        {(row.status === 'problem' || row.status === 'ready') && editing === null && (
          <button
            type="button"
            className="button button--small sheet-row__fix"
            aria-label={t('preview.editLabel', { row: row.row })}
            onClick={() => setEditing(Object.fromEntries(shown.map((h) => [h, cell(h)])))}
          >
            {t('preview.edit')}
          </button>
        )}
      </div>
      {editing ? (
        <form
          className="sheet-row__edit"
          onSubmit={(e) => {
            e.preventDefault();
            const changed = Object.fromEntries(Object.entries(editing).filter(([h, v]) => v !== cell(h)));
            setEditing(null);
            if (Object.keys(changed).length > 0) void fixRow(row.row, changed);
          }}
        >
          {shown.map((h) => (
            <label key={h} className={bad.has(h) ? 'sheet-row__bad' : ''}>
              {h}
              <input value={editing[h] ?? ''} onChange={(e) => setEditing({ ...editing, [h]: e.target.value })} />
            </label>
          ))}
          <div className="sheet-import__row">
            <button type="submit" className="button button--primary">
              {t('preview.check')}
            </button>
            <button className="button" type="button" onClick={() => setEditing(null)}>
              {t('preview.cancelEdit')}
            </button>
          </div>
        </form>
      ) : (
        <dl className="sheet-row__cells">
          {shown.map((h) => (
            <div key={h} className={bad.has(h) ? 'sheet-row__bad' : ''}>
              <dt>{h}</dt>
              <dd>{cell(h) || '–'}</dd>
            </div>
          ))}
        </dl>
      )}
      {row.problems.length > 0 && (
        <ul className="sheet-row__problems">
          {row.problems.map((p) => (
            <li key={`${p.column ?? ''}|${p.code}`}>{rowProblemText(p)}</li>
          ))}
        </ul>
      )}
      {row.warnings.length > 0 && (
        <ul className="sheet-row__warnings">
          {row.warnings.map((p) => (
            <li key={`${p.column ?? ''}|${p.code}|${String(p.params['value'])}`}>{rowProblemText(p)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function RunPanel({ mapping }: { mapping: SheetMapping }): ReactNode {
  const { t, i18n } = useTranslation('sheetImport');
  const { preview, busy, progress, cancel, run, report } = useSheetImport();
  const [save, setSave] = useState(true);
  const id = useId();
  if (!preview) return null;
  const ready = preview.counts.ready;
  const n = (x: number) => new Intl.NumberFormat(locale(i18n.language)).format(x);
  return (
    <section className="sheet-import__panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('run.heading')}</h2>
      <label className="sheet-import__check">
        <input type="checkbox" checked={save} onChange={(e) => setSave(e.target.checked)} />
        {t('run.saveMapping', { source: mapping.source })}
      </label>
      {preview.counts.problems > 0 && <p className="sheet-import__hint">{t('run.skipped')}</p>}
      <div className="sheet-import__row">
        <button
          type="button"
          className="button button--primary"
          disabled={busy !== null || ready === 0}
          onClick={() => void run(false, save)}
        >
          {t('run.import', { count: ready })}
        </button>
        <button
          className="button"
          type="button"
          disabled={busy !== null || ready === 0}
          onClick={() => void run(true, false)}
        >
          {t('run.dryRun')}
        </button>
        {busy === 'run' && (
          <span role="status">
            {progress?.total ? t('writing', { done: n(progress.done), total: n(progress.total) }) : t('reading')}{' '}
            {cancel && (
              <button className="button" type="button" onClick={cancel}>
                {t('cancel')}
              </button>
            )}
          </span>
        )}
      </div>
      {ready === 0 && !report && <p className="sheet-import__hint">{t('run.nothing')}</p>}
      {report && (
        <div className="sheet-import__report" role="status">
          {report.dryRun ? (
            <p>{t('run.dryDone', { count: report.counts.imported })}</p>
          ) : (
            <>
              <p>
                <strong>
                  {t('run.done', {
                    count: report.counts.imported,
                    target: t(`targets.${report.target}`).toLowerCase(),
                  })}
                </strong>{' '}
                {report.counts.problems > 0 && t('run.doneSkipped', { problems: report.counts.problems })}{' '}
                {report.counts.alreadyImported > 0 && t('run.doneAlready', { already: report.counts.alreadyImported })}
              </p>
              <p>
                <a href={routeHash({ view: KIND_VIEW[report.target], id: null })}>{t('run.show')}</a>
              </p>
            </>
          )}
        </div>
      )}
    </section>
  );
}

function BatchesPanel(): ReactNode {
  const { t, i18n } = useTranslation('sheetImport');
  const { batches, undo, undone, busy } = useSheetImport();
  const [asking, setAsking] = useState<string | null>(null);
  const id = useId();
  const when = (iso: string) => formatDateTime(iso, i18n.language);
  return (
    <section className="sheet-import__panel" aria-labelledby={id}>
      <h2 id={id}>{t('batches.heading')}</h2>
      {undone && (
        <p role="status" className="sheet-import__report">
          {t('batches.undoDone', { removed: undone.removed })}{' '}
          {undone.kept.length > 0 &&
            t('batches.undoKept', {
              count: undone.kept.length,
              titles: undone.kept.map((k) => `“${k.title}”`).join(', '),
            })}
        </p>
      )}
      {!batches || batches.length === 0 ? (
        <p className="sheet-import__hint">{t('batches.none')}</p>
      ) : (
        <table className="sheet-import__batches">
          <thead>
            <tr>
              <th scope="col">{t('batches.when')}</th>
              <th scope="col">{t('batches.source')}</th>
              <th scope="col">{t('batches.file')}</th>
              <th scope="col">{t('batches.rows')}</th>
              <th scope="col">{t('batches.state')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('batches.undo')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {batches.map((b) => (
              <tr key={b.id}>
                <td>{when(b.importedAt)}</td>
                <td>{b.source}</td>
                <td>{b.fileName}</td>
                <td>{t('batches.imported', { imported: b.imported, rows: b.rows })}</td>
                <td>
                  {b.undoneAt
                    ? b.kept > 0
                      ? t('batches.undoneKept', { when: when(b.undoneAt), count: b.kept })
                      : t('batches.undone', { when: when(b.undoneAt) })
                    : t('batches.active')}
                </td>
                <td>
                  {!b.undoneAt &&
                    (asking === b.id ? (
                      <span className="sheet-import__confirm">
                        {t('batches.confirm')}{' '}
                        <button
                          type="button"
                          className="button button--danger"
                          disabled={busy !== null}
                          onClick={() => {
                            setAsking(null);
                            void undo(b.id);
                          }}
                        >
                          {t('batches.confirmYes')}
                        </button>{' '}
                        <button className="button" type="button" onClick={() => setAsking(null)}>
                          {t('cancel')}
                        </button>
                      </span>
                    ) : (
                      <button
                        type="button"
                        className="button button--small"
                        aria-label={t('batches.undoLabel', { file: b.fileName, when: when(b.importedAt) })}
                        onClick={() => setAsking(b.id)}
                      >
                        {t('batches.undo')}
                      </button>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
