import { useEffect, useId, useMemo, useRef, useState, type DragEvent, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { SavedConfigCopy } from '../../../../shared/contract/ipc';
import { messageRef } from '../../../../shared/contract/messages';
import type { FieldProblem } from '../../../../shared/contract/result';
import { EXPORT_LEVELS, type ExportLevel } from '../../../../shared/exchange/formats';
import {
  MAX_CONFIG_BYTES,
  type ConfigPreview,
  type NetworkConfigStatus,
  type ReportingPeriod,
} from '../../../../shared/network-config/schema';
import type { Objective } from '../../../../shared/objectives/schema';
import { DEFAULT_RETENTION, type RetentionRules } from '../../../../shared/retention/rules';
import { isCalendarDate } from '../../../../shared/time/clock';
import { call } from '../../api/bridge';
import { formatDay } from '../../i18n/format';
import { messageText, problemText, useProblemText } from '../../i18n/lookup';
import { LabelledField } from '../../ui/Field';
import { DateInput } from '../../ui/datetime/DateInputs';
import { termLabel, useTaxonomy } from '../taxonomy/taxonomy-store';
import { draftChanges, RETENTION_ENTRIES, retentionOf } from './draft-model';
import { ObjectivesEditor, usePosts } from './ObjectivesEditor';
import { DraftChangesView, RetentionEditor, useRetentionName, useRetentionValue } from './RetentionEditor';
import './network-config.css';

// Settings → Network configuration. At a post: open or drop HQ's file, see what it changes, apply it (one
// transaction in the backend; a refusal says why, in the window's language, and changes nothing). At HQ: the
// signing key's fingerprint, the last version published, and the editor of the next one.

export function NetworkConfigSection(): ReactNode {
  const { t } = useTranslation('networkConfig');
  const [status, setStatus] = useState<NetworkConfigStatus | null>(null);
  const load = async () => {
    const r = await call('networkConfig.status', {});
    if (r.ok) setStatus(r.value);
  };
  useEffect(() => {
    void load();
  }, []);
  if (!status?.role) return null;
  return (
    <section className="settings-section network-config" aria-labelledby="network-config-title">
      <h2 id="network-config-title">{t('title')}</h2>
      <p className="muted settings-section__intro">{t(status.role === 'hq' ? 'introHq' : 'introPost')}</p>
      <Status status={status} />
      {status.role === 'post' ? (
        <PostImport onApplied={() => void load()} />
      ) : (
        <HqEditor status={status} onPublished={() => void load()} />
      )}
    </section>
  );
}

function Status({ status }: { status: NetworkConfigStatus }): ReactNode {
  const { t, i18n } = useTranslation('networkConfig');
  const day = (iso: string) => formatDay(iso, i18n.language);
  const c = status.current;
  return (
    <div className="network-config__status">
      <dl className="network-config__facts">
        <div>
          <dt>{t('signingKey')}</dt>
          <dd>
            {status.signingKey ? (
              <>
                <code className="network-config__fingerprint">{status.signingKey.fingerprint}</code>
                <span className="muted small"> {t(status.role === 'hq' ? 'signingKeyHintHq' : 'signingKeyHint')}</span>
              </>
            ) : (
              t('noSigningKey')
            )}
          </dd>
        </div>
        <div>
          <dt>{t('title')}</dt>
          <dd>
            {c ? (
              <>
                <strong>{t('current', { version: c.version, hqName: c.hqName })}</strong>
                <span className="muted small">
                  {' '}
                  {t('currentDates', { issued: day(c.issuedAt), expires: day(c.expiresAt) })}
                </span>
                {c.expired && <p className="notice notice--warn">{t('expired')}</p>}
                {status.role === 'hq' && <SaveCopy key={c.version} version={c.version} />}
              </>
            ) : (
              t(status.role === 'hq' ? 'noneHq' : 'none')
            )}
          </dd>
        </div>
      </dl>
    </div>
  );
}

/**
 * HQ: "Save a copy as…" of the version published (e.g. onto a USB stick for a post without mail). The host's own
 * save dialog asks where; the backend copies the published file byte for byte and says what it wrote, with the
 * file's SHA-256 (the same as the published file's) for a check by phone. A closed dialog says nothing.
 */
function SaveCopy({ version }: { version: number }): ReactNode {
  const { t } = useTranslation('networkConfig');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<SavedConfigCopy | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function save() {
    setBusy(true);
    setSaved(null);
    setProblem(null);
    const r = await call('networkConfig.saveCopy', { version });
    setBusy(false);
    if (r.ok) setSaved(r.value);
    else if (r.error.code !== 'cancelled') setProblem(problemText(r.error));
  }

  return (
    <div className="network-config__copy">
      <button type="button" className="button" disabled={busy} onClick={() => void save()}>
        {t('saveCopy.button')}
      </button>
      <div role="status" className="network-config__copy-done">
        {saved && (
          <>
            <p>{t('saveCopy.saved', { version: saved.version, file: saved.fileName })}</p>
            <p className="muted small network-config__path" translate="no">
              {saved.savedTo}
            </p>
            <p className="muted small">
              {t('saveCopy.checksum')}{' '}
              <code className="network-config__sha" data-testid="config-copy-sha256">
                {saved.sha256}
              </code>
            </p>
          </>
        )}
      </div>
      {problem && (
        <p className="notice notice--error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

type Checked = { bytes: Uint8Array; preview: ConfigPreview };

function PostImport({ onApplied }: { onApplied: () => void }): ReactNode {
  const { t } = useTranslation('networkConfig');
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState<'checking' | 'applying' | null>(null);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const inputId = useId();

  async function check(file: File) {
    setProblem(null);
    setDone(null);
    setChecked(null);
    if (file.size > MAX_CONFIG_BYTES) {
      setProblem(messageText(messageRef('config.too_large', { size: file.size, limit: MAX_CONFIG_BYTES })));
      return;
    }
    setBusy('checking');
    // Read in the page and sent as bytes (never a path); at most the limit and one byte more.
    const bytes = new Uint8Array(await file.slice(0, MAX_CONFIG_BYTES + 1).arrayBuffer());
    const r = await call('networkConfig.apply', { bytes, dryRun: true });
    setBusy(null);
    if (!r.ok) {
      setProblem(problemText(r.error));
      return;
    }
    setChecked({ bytes, preview: r.value.preview });
    requestAnimationFrame(() => previewHeading.current?.focus());
  }

  async function apply() {
    if (!checked) return;
    setBusy('applying');
    const r = await call('networkConfig.apply', { bytes: checked.bytes, dryRun: false });
    setBusy(null);
    if (!r.ok) {
      setProblem(problemText(r.error));
      setChecked(null);
      return;
    }
    setChecked(null);
    setDone(t('preview.applied', { version: r.value.preview.version }));
    // Every form and filter offers the new terms and priorities at once.
    await useTaxonomy.getState().load();
    onApplied();
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file && !busy) void check(file);
  }

  return (
    <div className="network-config__import">
      <div
        className={`network-config__drop${dragging ? ' is-dragging' : ''}`}
        data-testid="network-config-drop"
        onDragEnter={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
        }}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={onDrop}
      >
        <p className="network-config__drop-text">{t('drop')}</p>
        <p className="muted small">{t('or')}</p>
        <input
          ref={input}
          id={inputId}
          type="file"
          accept=".llconfig,application/json"
          className="visually-hidden"
          tabIndex={-1}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void check(file);
          }}
        />
        <button type="button" className="button" disabled={busy !== null} onClick={() => input.current?.click()}>
          {busy === 'checking' ? t('checking') : t('choose')}
        </button>
      </div>
      <p role="status" className="network-config__done">
        {done}
      </p>
      {problem && (
        <div className="notice notice--error network-config__refused" role="alert">
          <strong>{t('refused')}: </strong>
          {problem}
        </div>
      )}
      {checked && (
        <PreviewView
          preview={checked.preview}
          headingRef={previewHeading}
          busy={busy === 'applying'}
          onApply={() => void apply()}
          onCancel={() => setChecked(null)}
        />
      )}
    </div>
  );
}

function PreviewView({
  preview: p,
  headingRef,
  busy,
  onApply,
  onCancel,
}: {
  preview: ConfigPreview;
  headingRef: RefObject<HTMLHeadingElement | null>;
  busy: boolean;
  onApply: () => void;
  onCancel: () => void;
}): ReactNode {
  const { t, i18n } = useTranslation('networkConfig');
  const nl = i18n.language === 'nl';
  const day = (iso: string) => formatDay(iso, i18n.language);
  const terms = useTaxonomy((s) => s.terms.phenomenon);
  const label = (x: { code: string; labelEn: string; labelNl: string }) => (nl ? x.labelNl : x.labelEn);
  const codeLabel = (code: string) => {
    const inFile = [...p.terms.added, ...p.terms.relabelled].find((x) => x.code === code);
    return inFile
      ? label(inFile)
      : termLabel(
          terms.find((x) => x.code === code),
          i18n.language,
          code,
        );
  };
  const records = (n: number) => t('preview.records', { count: n });
  const period = (x: ReportingPeriod) => t('preview.period', { from: day(x.from), to: day(x.to), due: day(x.due) });
  const level = (l: ExportLevel | null) => (l ? t(`levels.${l}`) : '–');
  const retentionName = useRetentionName();
  const retentionValue = useRetentionValue();
  const retentionChanges = RETENTION_ENTRIES.map((entry) => ({
    entry,
    before: retentionOf(p.retention.before ?? DEFAULT_RETENTION, entry),
    after: retentionOf(p.retention.after, entry),
  })).filter((x) => x.before !== x.after);
  const objectiveName = (id: string) => {
    const names = p.objectives.labels[id];
    return names ? (nl ? names.labelNl : names.labelEn) : id;
  };
  const objectiveChanges = [
    ...p.objectives.added.map((id) => ({ kind: 'added' as const, id })),
    ...p.objectives.changed.map((id) => ({ kind: 'changed' as const, id })),
    ...p.objectives.removed.map((id) => ({ kind: 'removed' as const, id })),
  ];
  const isNewPeriod = (x: ReportingPeriod) =>
    p.calendar.added.some((y) => y.from === x.from && y.to === x.to && y.due === x.due);

  const termList = (
    title: string,
    items: readonly { code: string; labelEn: string; labelNl: string; records: number }[],
    extra?: (x: (typeof items)[number]) => ReactNode,
  ) =>
    items.length > 0 && (
      <div className="network-config__group">
        <h4>
          {title} <span className="network-config__count">{items.length}</span>
        </h4>
        <ul>
          {items.map((x) => (
            <li key={x.code}>
              {extra ? extra(x) : <span>{label(x)}</span>} <code className="muted small">{x.code}</code>{' '}
              <span className="muted small">· {records(x.records)}</span>
            </li>
          ))}
        </ul>
      </div>
    );

  return (
    <div className="network-config__preview" aria-labelledby="network-config-preview-title">
      <h3 id="network-config-preview-title" ref={headingRef} tabIndex={-1}>
        {t('preview.title', { version: p.version })}
      </h3>
      <p className="muted">
        {t('preview.from', {
          hqName: p.hqName,
          issued: day(p.issuedAt),
          expires: day(p.expiresAt),
          fingerprint: p.signerFingerprint,
        })}{' '}
        {p.previousVersion === null ? t('preview.first') : t('preview.previous', { version: p.previousVersion })}
      </p>
      {p.rotatedTo && <p className="notice notice--warn">{t('preview.rotation', { fingerprint: p.rotatedTo })}</p>}
      <div className="network-config__columns">
        <div>
          {termList(t('preview.termsAdded'), p.terms.added)}
          {termList(t('preview.termsRelabelled'), p.terms.relabelled, (x) => {
            const r = p.terms.relabelled.find((y) => y.code === x.code);
            return (
              <span>
                {t('preview.relabelled', {
                  before: r ? (nl ? r.beforeNl : r.beforeEn) : '',
                  after: label(x),
                })}
              </span>
            );
          })}
          {termList(t('preview.termsRetired'), p.terms.retired)}
          {termList(t('preview.termsReinstated'), p.terms.reinstated)}
          {termList(t('preview.termsRegrouped'), p.terms.regrouped)}
          {termList(t('preview.termsLocal'), p.terms.local)}
        </div>
        <div>
          <div className="network-config__group">
            <h4>{t('preview.priorities')}</h4>
            {p.priorities.all.length === 0 ? (
              <p className="muted">{t('preview.nothing')}</p>
            ) : (
              <ol>
                {p.priorities.all.map((code) => (
                  <li key={code}>
                    <span className="network-config__priority" aria-hidden="true">
                      ★
                    </span>{' '}
                    {codeLabel(code)}
                    {p.priorities.added.includes(code) && (
                      <span className="network-config__badge">{t('preview.prioritiesNew')}</span>
                    )}
                  </li>
                ))}
              </ol>
            )}
            {p.priorities.removed.length > 0 && (
              <p className="muted small">
                {t('preview.prioritiesRemoved', { list: p.priorities.removed.map(codeLabel).join(', ') })}
              </p>
            )}
          </div>
          <div className="network-config__group">
            <h4>{t('preview.calendar')}</h4>
            {p.calendar.all.length === 0 ? (
              <p className="muted">{t('preview.nothing')}</p>
            ) : (
              <ul>
                {p.calendar.all.map((x) => (
                  <li key={`${x.from}-${x.to}-${x.due}`}>
                    {period(x)}
                    {isNewPeriod(x) && <span className="network-config__badge">{t('preview.periodNew')}</span>}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div className="network-config__group">
            <h4>{t('preview.keys')}</h4>
            {p.keys.added.length + p.keys.retired.length === 0 ? (
              <p className="muted">{t('preview.nothing')}</p>
            ) : (
              <ul>
                {p.keys.added.map((k) => (
                  <li key={`a-${k.fingerprint}`}>{t('preview.keyAdded', k)}</li>
                ))}
                {p.keys.retired.map((k) => (
                  <li key={`r-${k.fingerprint}`}>{t('preview.keyRetired', k)}</li>
                ))}
              </ul>
            )}
          </div>
          <dl className="network-config__facts network-config__facts--small">
            <div>
              <dt>{t('preview.level')}</dt>
              <dd>
                {p.minimumLevel.before === p.minimumLevel.after
                  ? level(p.minimumLevel.after)
                  : t('preview.levelChange', {
                      before: level(p.minimumLevel.before),
                      after: level(p.minimumLevel.after),
                    })}
              </dd>
            </div>
            <div>
              <dt>{t('preview.retention')}</dt>
              <dd>
                {retentionChanges.length === 0 ? (
                  t('preview.retentionSame')
                ) : (
                  <ul className="network-config__plain-list">
                    {retentionChanges.map((x) => (
                      <li key={x.entry}>
                        {t('changes.retentionChange', {
                          kind: retentionName(x.entry),
                          before: retentionValue(x.before),
                          after: retentionValue(x.after),
                        })}
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </div>
            <div>
              <dt>{t('preview.objectives')}</dt>
              <dd>
                {t('preview.objectivesSummary', {
                  count: p.objectives.count,
                  added: p.objectives.added.length,
                  changed: p.objectives.changed.length,
                  removed: p.objectives.removed.length,
                })}
                {objectiveChanges.length > 0 && (
                  <ul className="network-config__plain-list" data-testid="preview-objectives">
                    {objectiveChanges.map((x) => (
                      <li key={`${x.kind}-${x.id}`}>
                        {t(`changes.${x.kind}`)}: {objectiveName(x.id)}
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </div>
          </dl>
        </div>
      </div>
      <div className="form-actions">
        <button type="button" className="button button--primary" disabled={busy} onClick={onApply}>
          {busy ? t('preview.applying') : t('preview.apply', { version: p.version })}
        </button>
        <button type="button" className="button" disabled={busy} onClick={onCancel}>
          {t('preview.cancel')}
        </button>
      </div>
    </div>
  );
}

function HqEditor({ status, onPublished }: { status: NetworkConfigStatus; onPublished: () => void }): ReactNode {
  const { t, i18n } = useTranslation('networkConfig');
  const terms = useTaxonomy((s) => s.terms.phenomenon);
  const draft = status.draft;
  const [priorities, setPriorities] = useState<string[]>(draft?.priorities ?? status.current?.priorities ?? []);
  const [calendar, setCalendar] = useState<ReportingPeriod[]>(draft?.calendar ?? status.current?.calendar ?? []);
  const [level, setLevel] = useState<ExportLevel>(draft?.minimumLevel ?? status.current?.minimumLevel ?? 'aggregate');
  const [validDays, setValidDays] = useState(draft?.validDays ?? 365);
  const [objectives, setObjectives] = useState<Objective[]>(draft?.objectives ?? status.current?.objectives ?? []);
  const publishedRetention = status.current?.retention ?? DEFAULT_RETENTION;
  const [retention, setRetention] = useState<RetentionRules>(draft?.retention ?? publishedRetention);
  const [retentionValid, setRetentionValid] = useState(true);
  const [draftProblem, setDraftProblem] = useState<string | null>(null);
  const posts = usePosts();
  const changes = useMemo(
    () =>
      draftChanges(
        status.current ? { objectives: status.current.objectives, retention: status.current.retention } : null,
        { objectives, retention },
      ),
    [status, objectives, retention],
  );
  const [rotate, setRotate] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const version = (status.current?.version ?? 0) + 1;
  const active = terms.filter((x) => x.retiredAt === null);

  /**
   * The objectives and retention rules are kept in HQ's draft as soon as they change (leaving Settings loses
   * nothing); the rest of the editor is kept when it is published, as before.
   */
  async function keepDraft(next: { objectives?: Objective[]; retention?: RetentionRules }) {
    const r = await call('networkConfig.saveDraft', {
      priorities: draft?.priorities ?? status.current?.priorities ?? [],
      calendar: draft?.calendar ?? status.current?.calendar ?? [],
      minimumLevel: draft?.minimumLevel ?? status.current?.minimumLevel ?? 'aggregate',
      validDays: draft?.validDays ?? 365,
      objectives: next.objectives ?? objectives,
      retention: next.retention ?? retention,
    });
    setDraftProblem(r.ok ? null : problemText(r.error));
  }

  async function publish() {
    setBusy(true);
    setProblem(null);
    setDone(null);
    const r = await call('networkConfig.publish', {
      draft: {
        priorities,
        calendar,
        minimumLevel: level,
        validDays,
        objectives,
        retention,
      },
      rotateSigningKey: rotate,
    });
    setBusy(false);
    if (!r.ok) {
      setProblem(problemText(r.error));
      return;
    }
    setRotate(false);
    setDone(t('editor.published', { version: r.value.version, file: r.value.file }));
    await useTaxonomy.getState().load();
    onPublished();
  }

  return (
    <div className="network-config__editor">
      <h3>{t('editor.title')}</h3>
      <fieldset className="network-config__fieldset">
        <legend>{t('editor.priorities')}</legend>
        <p className="muted small">{t('editor.prioritiesHint')}</p>
        <div className="network-config__checks">
          {active.map((x) => (
            <label key={x.code} className={x.parentCode ? 'is-member' : ''}>
              <input
                type="checkbox"
                checked={priorities.includes(x.code)}
                onChange={(e) =>
                  setPriorities((p) => (e.target.checked ? [...p, x.code] : p.filter((c) => c !== x.code)))
                }
              />{' '}
              {termLabel(x, i18n.language, x.code)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="network-config__fieldset">
        <legend>{t('editor.calendar')}</legend>
        <ul className="network-config__periods">
          {calendar.map((x, i) => (
            <li key={`${x.from}-${x.to}-${x.due}-${i}`}>
              {t('preview.period', {
                from: formatDay(x.from, i18n.language),
                to: formatDay(x.to, i18n.language),
                due: formatDay(x.due, i18n.language),
              })}{' '}
              <button
                type="button"
                className="link-button small"
                aria-label={t('editor.removePeriod', { from: x.from, to: x.to })}
                onClick={() => setCalendar((c) => c.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <PeriodForm onAdd={(p) => setCalendar((c) => [...c, p].sort((a, b) => (a.from < b.from ? -1 : 1)))} />
      </fieldset>
      <div className="network-config__row">
        <label>
          <span>{t('editor.level')}</span>
          <select value={level} onChange={(e) => setLevel(e.target.value as ExportLevel)}>
            {EXPORT_LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`levels.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('editor.validDays')}</span>
          <input
            type="number"
            min={1}
            max={3650}
            value={validDays}
            onChange={(e) => setValidDays(Math.max(1, Math.min(3650, Math.round(Number(e.target.value) || 1))))}
          />
        </label>
      </div>
      <ObjectivesEditor
        objectives={objectives}
        posts={posts}
        onChange={(next) => {
          setObjectives(next);
          void keepDraft({ objectives: next });
        }}
      />
      <RetentionEditor
        rules={retention}
        published={publishedRetention}
        onChange={(next) => {
          setRetention(next);
          void keepDraft({ retention: next });
        }}
        onValidity={setRetentionValid}
      />
      {draftProblem && (
        <p className="notice notice--error" role="alert">
          {draftProblem}
        </p>
      )}
      <DraftChangesView
        changes={changes}
        version={version}
        previousVersion={status.current?.version ?? null}
        posts={posts}
      />
      <label className="network-config__rotate">
        <input type="checkbox" checked={rotate} onChange={(e) => setRotate(e.target.checked)} /> {t('editor.rotate')}
      </label>
      {problem && (
        <p className="notice notice--error" role="alert">
          {problem}
        </p>
      )}
      <p role="status" className="network-config__done">
        {done}
      </p>
      <div className="form-actions">
        <button
          type="button"
          className="button button--primary"
          disabled={busy || !retentionValid}
          onClick={() => void publish()}
        >
          {busy ? t('editor.publishing') : t('editor.publish', { version })}
        </button>
      </div>
      {!retentionValid && <p className="muted small">{t('changes.invalid')}</p>}
    </div>
  );
}

const PERIOD_FIELDS = ['from', 'to', 'due'] as const;
type PeriodField = (typeof PERIOD_FIELDS)[number];

/**
 * The problems of a period being typed, by stable code (translated in `networkConfig`, `errors.*`): a date that
 * does not read once its field was left, the end before the start, the export due before the end.
 */
function periodFormProblems(
  dates: Readonly<Record<PeriodField, string>>,
  left: Readonly<Partial<Record<PeriodField, boolean>>>,
): Partial<Record<PeriodField, FieldProblem>> {
  const problems: Partial<Record<PeriodField, FieldProblem>> = {};
  for (const k of PERIOD_FIELDS) {
    if (left[k] && dates[k] !== '' && !isCalendarDate(dates[k])) {
      problems[k] = { code: 'date_format', message: 'Enter the date as day, month and year.' };
    }
  }
  const reads = (k: PeriodField) => isCalendarDate(dates[k]);
  if (!problems.to && reads('from') && reads('to') && dates.to < dates.from) {
    problems.to = { code: 'period_order', message: 'The period ends before it starts.' };
  }
  if (!problems.due && reads('to') && reads('due') && dates.due < dates.to) {
    problems.due = { code: 'due_order', message: 'The export is due before the period ends.' };
  }
  return problems;
}

/**
 * A reporting period to add to HQ's calendar: the app's own date inputs (day-month-year in the app's language,
 * whatever the laptop's locale), each problem next to its field; "Add a period" only once all three dates read
 * and follow each other.
 */
function PeriodForm({ onAdd }: { onAdd: (period: ReportingPeriod) => void }): ReactNode {
  const { t, i18n } = useTranslation('networkConfig');
  const problemText = useProblemText('networkConfig');
  const empty = { from: '', to: '', due: '' };
  const [dates, setDates] = useState<Record<PeriodField, string>>(empty);
  const [left, setLeft] = useState<Partial<Record<PeriodField, boolean>>>({});
  const problems = periodFormProblems(dates, left);
  const ready =
    PERIOD_FIELDS.every((k) => isCalendarDate(dates[k])) && PERIOD_FIELDS.every((k) => problems[k] === undefined);

  return (
    <div className="network-config__period-form" role="group" aria-label={t('editor.newPeriod')}>
      {PERIOD_FIELDS.map((k) => (
        <LabelledField key={k} label={t(`editor.${k}`)} error={problemText(problems[k], k)}>
          {({ id, describedBy, invalid }) => (
            <DateInput
              id={id}
              value={dates[k]}
              language={i18n.language}
              describedBy={describedBy}
              invalid={invalid}
              onChange={(value) => setDates((d) => ({ ...d, [k]: value }))}
              onBlur={() => setLeft((l) => ({ ...l, [k]: true }))}
            />
          )}
        </LabelledField>
      ))}
      <button
        type="button"
        className="button"
        disabled={!ready}
        onClick={() => {
          onAdd({ from: dates.from, to: dates.to, due: dates.due });
          setDates(empty);
          setLeft({});
        }}
      >
        {t('editor.addPeriod')}
      </button>
    </div>
  );
}
