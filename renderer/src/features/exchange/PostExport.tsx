import { useRef, useState, type ReactNode, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, FieldProblem } from '../../../../shared/contract/result';
import { EXPORT_LEVELS, type ExportLevel } from '../../../../shared/exchange/formats';
import type { ExportEntry, ExportPreview, Identity } from '../../../../shared/exchange/schema';
import { RECORD_KINDS } from '../../../../shared/records/kinds';
import { call } from '../../api/bridge';
import { DateInput } from '../../ui/datetime/DateInputs';
import { locale } from '../../i18n';
import { formatPeriod, isCalendarDate, presetPeriod, todayIn, type Period } from '../overview/period';
import { useSettings } from '../settings/settings-store';
import { formatList, formatNumber, keyLabel, recordTitle, sampleKind, shortHash } from './display';
import { useExchange } from './exchange-store';
import { Done, ErrorNotice, ExField, Fingerprint, Section, Spinner, useFocusAfterRender } from './parts';
import { isKeyOf, isRecordKind } from '../../i18n/lookup';
import { en } from './i18n';
import { saveExportCopy } from './save-copy';
import { problemText as errorText, useProblemText } from '../../i18n/lookup';

type Quick = 'lastMonth' | 'lastQuarter';

function iso(year: number, monthIndex: number, day: number): string {
  return new Date(Date.UTC(year, monthIndex, day)).toISOString().slice(0, 10);
}

function quickPeriod(quick: Quick, today: string): Period {
  if (quick === 'lastQuarter') return presetPeriod('lastQuarter', today);
  const [y = 1970, m = 1] = today.split('-').map(Number);
  return { from: iso(y, m - 2, 1), to: iso(y, m - 1, 0) };
}

interface Problem {
  text: string;
  details: string | null;
}

/** Post: choose a period and a level, see exactly what would leave, then write the signed, encrypted file. */
export function PostExport({ identity }: { identity: Identity }): ReactNode {
  const { t, i18n } = useTranslation('exchange');
  const timeZone = useSettings((s) => s.settings.timeZone);
  const loadHistory = useExchange((s) => s.loadHistory);
  const problemText = useProblemText('exchange');
  const loc = locale(i18n.language);
  const [today] = useState(() => todayIn(timeZone));
  const [period, setPeriod] = useState<Period>(() => quickPeriod('lastMonth', today));
  const [level, setLevel] = useState<ExportLevel>('pseudonymised');
  const [errors, setErrors] = useState<Record<string, FieldProblem>>({});
  const [preview, setPreview] = useState<{
    key: string;
    period: Period;
    value: ExportPreview;
    /** Set once this preview was written: a second click must not make a second export. */
    exported: boolean;
  } | null>(null);
  const [busy, setBusy] = useState<'preview' | 'create' | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [created, setCreated] = useState<ExportEntry | null>(null);
  const [copyStatus, setCopyStatus] = useState('');
  const [copyProblem, setCopyProblem] = useState<string | null>(null);
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const focusLater = useFocusAfterRender();

  const key = `${period.from}|${period.to}|${level}`;
  const stale = preview !== null && preview.key !== key;
  const hasHqKey = identity.hqKeys.some((k) => !k.retired);
  const labelOf = (fingerprint: string) => identity.hqKeys.find((k) => k.fingerprint === fingerprint)?.label ?? '';

  function setDate(which: 'from' | 'to', value: string) {
    setPeriod((p) => ({ ...p, [which]: value }));
    setErrors(({ [which]: _cleared, ...rest }) => rest);
  }

  function checkPeriod(): boolean {
    const problems: Record<string, FieldProblem> = {};
    for (const which of ['from', 'to'] as const) {
      const value = period[which];
      if (!value) problems[which] = { code: 'required', message: 'This field is required.' };
      else if (!isCalendarDate(value)) problems[which] = { code: 'invalid_date', message: 'Enter a valid date.' };
    }
    if (!problems['from'] && !problems['to'] && period.from > period.to) {
      problems['to'] = { code: 'period_order', message: 'The period ends before it starts.' };
    }
    setErrors(problems);
    if (Object.keys(problems).length > 0) {
      focusLater(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]'));
      return false;
    }
    return true;
  }

  function failed(error: AppError) {
    const periodFields = Object.fromEntries(
      Object.entries(error.fields ?? {}).filter(([k]) => k === 'from' || k === 'to'),
    );
    if (Object.keys(periodFields).length > 0) setErrors(periodFields);
    else if (!hasHqKey) setProblem({ text: t('export.noHqKey'), details: errorText(error) });
    else setProblem({ text: t('failed', { message: errorText(error) }), details: null });
  }

  async function onPreview(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setProblem(null);
    if (!checkPeriod()) return;
    setBusy('preview');
    const request = { ...period, level };
    const result = await call('exports.preview', request);
    setBusy(null);
    if (!result.ok) {
      failed(result.error);
      return;
    }
    setPreview({ key, period, value: result.value, exported: false });
    setCreated(null);
    focusLater(() => previewHeading.current);
  }

  async function onCreate() {
    if (!preview || stale || preview.exported) return;
    setProblem(null);
    setCopyStatus('');
    setCopyProblem(null);
    setBusy('create');
    const [from = '', to = '', lvl] = preview.key.split('|');
    const result = await call('exports.create', { from, to, level: lvl as ExportLevel });
    setBusy(null);
    if (!result.ok) {
      failed(result.error);
      return;
    }
    setCreated(result.value);
    setPreview((p) => (p ? { ...p, exported: true } : p));
    void loadHistory();
    focusLater(() => resultHeading.current);
  }

  async function onSaveCopy(entry: ExportEntry) {
    setCopyStatus('');
    setCopyProblem(null);
    const result = await saveExportCopy(entry);
    if (result.ok) setCopyStatus(t('fileSaved', { path: result.path }));
    else if (!result.cancelled) setCopyProblem(t('failed', { message: result.message }));
  }

  const kindLabel = (kind: string, count: number) => (isRecordKind(kind) ? t(`kinds.${kind}`, { count }) : kind);
  const field = (which: 'from' | 'to') => ({
    label: t(`export.${which}`),
    error: problemText(errors[which], which),
  });

  return (
    <Section id="exchange-export" title={t('export.title')} intro={t('export.intro')}>
      {!hasHqKey && <p className="notice exchange-notice--warn">{t('export.noHqKey')}</p>}
      <form
        ref={formRef}
        className="exchange-export-form"
        noValidate
        aria-label={t('export.title')}
        onSubmit={(e) => void onPreview(e)}
      >
        <fieldset className="exchange-period">
          <legend>{t('export.period')}</legend>
          <div className="exchange-period__row">
            {(['from', 'to'] as const).map((which) => (
              <ExField key={which} {...field(which)}>
                {({ id, describedBy, invalid }) => (
                  <DateInput
                    id={id}
                    value={period[which]}
                    language={i18n.language}
                    describedBy={describedBy}
                    invalid={invalid}
                    onChange={(value) => setDate(which, value)}
                  />
                )}
              </ExField>
            ))}
            <div className="exchange-quick" role="group" aria-label={t('export.quick')}>
              <span className="exchange-quick__label" aria-hidden="true">
                {t('export.quick')}
              </span>
              <div className="exchange-quick__buttons">
                {(['lastMonth', 'lastQuarter'] as const).map((quick) => {
                  const p = quickPeriod(quick, today);
                  const on = p.from === period.from && p.to === period.to;
                  return (
                    <button
                      key={quick}
                      type="button"
                      className={`button button--small${on ? ' is-on' : ''}`}
                      aria-pressed={on}
                      onClick={() => {
                        setPeriod(p);
                        setErrors({});
                      }}
                    >
                      {t(`export.${quick}`)}
                    </button>
                  );
                })}
              </div>
            </div>
          </div>
        </fieldset>

        <fieldset className="exchange-levels">
          <legend>{t('export.levelLegend')}</legend>
          {EXPORT_LEVELS.map((l) => (
            <label key={l} className={`exchange-level${level === l ? ' is-chosen' : ''}`}>
              <input type="radio" name="exchange-level" value={l} checked={level === l} onChange={() => setLevel(l)} />
              <span>
                <span className="exchange-level__label">{t(`export.level.${l}.label`)}</span>
                <span className="exchange-level__text">{t(`export.level.${l}.text`)}</span>
              </span>
            </label>
          ))}
        </fieldset>

        <div className="exchange-actions">
          <button type="submit" className="button" disabled={busy !== null || !hasHqKey}>
            {t('export.preview')}
          </button>
          <button
            type="button"
            className="button button--primary"
            disabled={busy !== null || !preview || stale || preview.exported || !hasHqKey}
            aria-describedby="exchange-create-why"
            onClick={() => void onCreate()}
          >
            {t('export.create')}
          </button>
          <p className="exchange-status" role="status" id="exchange-create-why">
            {busy === 'preview' ? (
              <>
                <Spinner /> {t('export.previewing')}
              </>
            ) : busy === 'create' ? (
              <>
                <Spinner /> {t('export.creating')}
              </>
            ) : stale ? (
              t('export.stale')
            ) : !preview && hasHqKey ? (
              <span className="exchange-status__idle">{t('export.needPreview')}</span>
            ) : (
              ''
            )}
          </p>
        </div>
      </form>

      {problem && <ErrorNotice {...problem} />}

      {created && (
        <div className="exchange-result">
          <h3 ref={resultHeading} tabIndex={-1}>
            <span aria-hidden="true">✓ </span>
            {t('export.result.title', { sequence: created.sequence })}
          </h3>
          <dl className="exchange-facts">
            <dt>{t('export.result.file')}</dt>
            <dd className="exchange-mono">{created.fileName}</dd>
            <dt>{t('export.result.sequence')}</dt>
            <dd>{created.sequence}</dd>
            <dt>{t('export.result.sha')}</dt>
            <dd className="exchange-mono">{shortHash(created.sha256)}</dd>
            <dt>{t('export.result.path')}</dt>
            <dd className="exchange-mono exchange-path">{created.path}</dd>
          </dl>
          <p>{t('export.result.send')}</p>
          <div className="exchange-actions">
            <button type="button" className="button button--primary" onClick={() => void onSaveCopy(created)}>
              {t('export.result.saveCopy')}
            </button>
            <p className="exchange-status" role="status">
              <Done text={copyStatus} />
            </p>
          </div>
          {copyProblem && <ErrorNotice text={copyProblem} />}
        </div>
      )}

      {preview && (
        <div className={`exchange-preview${stale ? ' is-stale' : ''}`}>
          <h3 ref={previewHeading} tabIndex={-1}>
            {t('export.previewTitle')}
          </h3>
          {stale && <p className="notice exchange-notice--warn">{t('export.stale')}</p>}
          <p className="muted">
            {t('export.previewOf', {
              period: formatPeriod(preview.period, loc),
              level: t(`export.level.${preview.value.level}.label`),
            })}
          </p>
          <PreviewSummary preview={preview.value} labelOf={labelOf} />
          {preview.value.sample.length > 0 && (
            <>
              <h4>{t('export.sample')}</h4>
              <table className="exchange-table exchange-sample">
                <caption className="muted">
                  {t('export.sampleCaption', {
                    shown: formatNumber(preview.value.sample.length, i18n.language),
                    total: formatNumber(
                      Object.values(preview.value.counts).reduce((a, b) => a + b, 0),
                      i18n.language,
                    ),
                  })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('export.col.kind')}</th>
                    <th scope="col">{t('export.col.title')}</th>
                    <th scope="col">{t('export.col.id')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.value.sample.map((record, i) => (
                    <tr key={typeof record['id'] === 'string' ? record['id'] : i}>
                      <td className="nowrap">{kindLabel(sampleKind(record), 1)}</td>
                      <td>{recordTitle(record) || <span className="muted">{t('export.untitled')}</span>}</td>
                      <td className="exchange-mono small">{typeof record['id'] === 'string' ? record['id'] : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </div>
      )}
    </Section>
  );
}

/** Counts per kind, what stays behind at this level, and which HQ keys can open the file. */
function PreviewSummary({
  preview: p,
  labelOf,
}: {
  preview: ExportPreview;
  labelOf: (fingerprint: string) => string;
}): ReactNode {
  const { t, i18n } = useTranslation('exchange');
  const kindLabel = (kind: string, count: number) => (isRecordKind(kind) ? t(`kinds.${kind}`, { count }) : kind);
  const total = Object.values(p.counts).reduce((a, b) => a + b, 0);
  const kinds = RECORD_KINDS.filter((k) => (p.counts[k] ?? 0) > 0);
  const leftOut = Object.entries(p.leftOut);
  return (
    <div className="exchange-preview__grid">
      <div className="exchange-box">
        <h4>{t('export.counts')}</h4>
        {p.level === 'aggregate' ? (
          <p>{t('export.onlyTotals')}</p>
        ) : total === 0 ? (
          <p>{t('export.noRecords')}</p>
        ) : (
          <>
            <ul className="exchange-counts">
              {kinds.map((k) => (
                <li key={k}>
                  <span>{kindLabel(k, p.counts[k] ?? 0)}</span>
                  <span className="exchange-count">{formatNumber(p.counts[k] ?? 0, i18n.language)}</span>
                </li>
              ))}
            </ul>
            <p className="exchange-total">
              {t('export.total', { count: total, n: formatNumber(total, i18n.language) })}
            </p>
          </>
        )}
      </div>
      <div className="exchange-box">
        <h4>{t('export.leftOut')}</h4>
        {leftOut.length === 0 ? (
          <p>{t('export.leftOutNone')}</p>
        ) : (
          <ul className="exchange-leftout">
            {leftOut.map(([kind, fields]) =>
              kind === '*' ? (
                <li key={kind}>{t('export.leftOutAll')}</li>
              ) : (
                <li key={kind}>
                  <strong>{kindLabel(kind, 2)}</strong>:{' '}
                  {fields.includes('*')
                    ? t('export.allOfKind')
                    : formatList(
                        fields.map((f) => (isKeyOf(en.export.fieldName, f) ? t(`export.fieldName.${f}`) : f)),
                        i18n.language,
                      )}
                </li>
              ),
            )}
          </ul>
        )}
      </div>
      <div className="exchange-box">
        <h4>{t('export.recipients')}</h4>
        <ul className="exchange-recipients">
          {p.recipients.map((fingerprint) => (
            <li key={fingerprint}>
              <span className="exchange-recipients__label">{keyLabel(t, labelOf(fingerprint))}</span>
              <Fingerprint value={fingerprint} />
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
