import { useEffect, useId, useRef, useState, type ReactNode, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Progress } from '../../../../shared/contract/progress';
import type { AppError } from '../../../../shared/contract/result';
import {
  DATASET_PHASES,
  DEFAULT_THRESHOLD,
  THRESHOLD_RANGE,
  type DatasetOutcome,
} from '../../../../shared/dataset/schema';
import { isCalendarDate } from '../../../../shared/time/clock';
import { callTracked, type TrackedCall } from '../../api/bridge';
import { useProblemText } from '../../i18n/lookup';
import { LabelledField } from '../../ui/Field';
import { DateInput } from '../../ui/datetime/DateInputs';
import './dataset-export.css';

// The evaluation dataset for external evaluators (docs/evaluation-dataset.md): a button on the Reports page and
// its dialog. The period, the suppression threshold, aggregates only, replace; the host's own dialog asks for the
// folder, the backend writes a new folder there (reporting its progress, stoppable) and the dialog says where.

const PHASES = DATASET_PHASES;
type Phase = (typeof PHASES)[number];
const isPhase = (p: string | undefined): p is Phase => (PHASES as readonly (string | undefined)[]).includes(p);

export function DatasetExportButton({ year }: { year: number }): ReactNode {
  const { t } = useTranslation('reports');
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        {t('dataset.open')}
      </button>
      {open && <DatasetExportDialog year={year} onClose={() => setOpen(false)} />}
    </>
  );
}

function DatasetExportDialog({ year, onClose }: { year: number; onClose: () => void }): ReactNode {
  const { t, i18n } = useTranslation('reports');
  const problemText = useProblemText('reports');
  const ref = useRef<HTMLDialogElement>(null);
  const running = useRef<TrackedCall<DatasetOutcome> | null>(null);
  const stoppedByOfficer = useRef(false);
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(`${year}-12-31`);
  /** The date fields the officer has left: a date that does not read is said once its field is left. */
  const [left, setLeft] = useState<{ from?: boolean; to?: boolean }>({});
  const [threshold, setThreshold] = useState(String(DEFAULT_THRESHOLD));
  const [aggregatesOnly, setAggregatesOnly] = useState(false);
  const [replace, setReplace] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<DatasetOutcome | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const ids = { title: useId(), intro: useId(), threshold: useId() };
  const number = (n: number) => new Intl.NumberFormat(i18n.language === 'nl' ? 'nl-NL' : 'en-GB').format(n);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const thresholdValue = Number(threshold);
  const thresholdOk =
    /^\d+$/.test(threshold) && thresholdValue >= THRESHOLD_RANGE.min && thresholdValue <= THRESHOLD_RANGE.max;
  const periodProblems = datasetPeriodProblems({ from, to }, left);
  const periodOk = isCalendarDate(from) && isCalendarDate(to) && from <= to;

  async function start(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!periodOk || !thresholdOk || busy) return;
    setProblem(null);
    setDone(null);
    setCancelled(false);
    setBusy(true);
    setProgress(null);
    // The host asks for the folder in its own dialog; the backend makes the dataset's folder inside it.
    const tracked = callTracked(
      'reports.exportDataset',
      { from, to, threshold: thresholdValue, aggregatesOnly, replace },
      setProgress,
    );
    running.current = tracked;
    const result = await tracked.result;
    running.current = null;
    setBusy(false);
    setProgress(null);
    if (result.ok) {
      setDone(result.value);
      return;
    }
    if (result.error.code === 'cancelled') {
      // A folder dialog the officer closed says nothing; a stopped export says that nothing was written.
      setCancelled(stoppedByOfficer.current);
      stoppedByOfficer.current = false;
      return;
    }
    setProblem(describe(result.error));
  }

  function stop() {
    stoppedByOfficer.current = true;
    running.current?.cancel();
  }

  function describe(error: AppError): string {
    const field = error.fields && Object.keys(error.fields)[0];
    if (error.code === 'invalid_input' && field) return t('dataset.invalid');
    return problemText(error);
  }

  const rows = done ? done.tables.reduce((n, table) => n + table.rows, 0) : 0;
  const phase: Phase = isPhase(progress?.phase) ? progress.phase : 'read';
  const phaseText = t(`dataset.phase.${phase}`, {
    done: number(progress?.done ?? 0),
    total: number(progress?.total ?? 0),
  });

  return (
    <dialog
      ref={ref}
      className="dataset-dialog"
      aria-labelledby={ids.title}
      aria-describedby={ids.intro}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
    >
      <h2 id={ids.title}>{t('dataset.title')}</h2>
      <p id={ids.intro}>{t('dataset.intro')}</p>
      <ul className="dataset-dialog__facts">
        <li>{t('dataset.factPrivacy')}</li>
        <li>{t('dataset.factPseudonyms')}</li>
        <li>{t('dataset.factSuppression')}</li>
      </ul>
      <form className="dataset-dialog__form" noValidate onSubmit={(e) => void start(e)}>
        <fieldset disabled={busy}>
          <legend>{t('dataset.period')}</legend>
          <div className="dataset-dialog__row">
            {(['from', 'to'] as const).map((k) => (
              <LabelledField
                key={k}
                label={t(`dataset.${k}`)}
                error={periodProblems[k] && t(`dataset.problem.${periodProblems[k]}`)}
              >
                {({ id, describedBy, invalid }) => (
                  <DateInput
                    id={id}
                    value={k === 'from' ? from : to}
                    language={i18n.language}
                    required
                    describedBy={describedBy}
                    invalid={invalid}
                    onChange={(value) => (k === 'from' ? setFrom(value) : setTo(value))}
                    onBlur={() => setLeft((l) => ({ ...l, [k]: true }))}
                  />
                )}
              </LabelledField>
            ))}
          </div>
        </fieldset>
        <label className="dataset-dialog__threshold">
          <span>{t('dataset.threshold')}</span>
          <input
            type="number"
            inputMode="numeric"
            min={THRESHOLD_RANGE.min}
            max={THRESHOLD_RANGE.max}
            value={threshold}
            disabled={busy}
            aria-invalid={!thresholdOk}
            aria-describedby={ids.threshold}
            onChange={(e) => setThreshold(e.target.value)}
          />
        </label>
        <p id={ids.threshold} className={thresholdOk ? 'muted' : 'notice notice--error'}>
          {thresholdOk
            ? t('dataset.thresholdHint', { below: Math.max(0, thresholdValue - 1) })
            : t('dataset.thresholdProblem', { min: THRESHOLD_RANGE.min, max: THRESHOLD_RANGE.max })}
        </p>
        <label className="dataset-dialog__check">
          <input
            type="checkbox"
            disabled={busy}
            checked={aggregatesOnly}
            onChange={(e) => setAggregatesOnly(e.target.checked)}
          />
          <span>{t('dataset.aggregatesOnly')}</span>
        </label>
        <label className="dataset-dialog__check">
          <input type="checkbox" disabled={busy} checked={replace} onChange={(e) => setReplace(e.target.checked)} />
          <span>{t('dataset.replace')}</span>
        </label>
        <div aria-live="polite" className="dataset-dialog__status">
          {busy && (
            <p>
              <progress
                max={progress?.total ?? undefined}
                value={progress?.total ? progress.done : undefined}
                aria-label={phaseText}
              />{' '}
              {phaseText}
            </p>
          )}
          {cancelled && <p>{t('dataset.cancelled')}</p>}
          {done && (
            <div className="notice" role="status">
              <p>{t('dataset.done')}</p>
              <p className="dataset-dialog__path" translate="no">
                {done.folder}
              </p>
              <p>
                {t('dataset.summary', {
                  tables: number(done.tables.length),
                  rows: number(rows),
                  suppressed: number(done.suppressed.primary + done.suppressed.secondary),
                })}
              </p>
            </div>
          )}
        </div>
        {problem && (
          <p className="notice notice--error" role="alert">
            {problem}
          </p>
        )}
        <div className="form-actions">
          {busy ? (
            <button type="button" className="button" onClick={stop}>
              {t('dataset.stop')}
            </button>
          ) : (
            <button type="submit" className="button button--primary" disabled={!periodOk || !thresholdOk}>
              {t('dataset.submit')}
            </button>
          )}
          <button type="button" className="button" disabled={busy} onClick={onClose}>
            {t('dataset.close')}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** What can be wrong with a date of the period: its stable code (`dataset.problem.*` in `reports`). */
type PeriodProblem = 'required' | 'date_format' | 'period_order';

/**
 * The period's problems by stable code, each shown next to its field: a date left empty or that does not read,
 * once its field was left; the end before the start.
 */
function datasetPeriodProblems(
  period: { from: string; to: string },
  left: { from?: boolean; to?: boolean },
): { from?: PeriodProblem; to?: PeriodProblem } {
  const problems: { from?: PeriodProblem; to?: PeriodProblem } = {};
  for (const k of ['from', 'to'] as const) {
    if (left[k] && period[k] === '') problems[k] = 'required';
    else if (left[k] && !isCalendarDate(period[k])) problems[k] = 'date_format';
  }
  if (!problems.to && isCalendarDate(period.from) && isCalendarDate(period.to) && period.to < period.from) {
    problems.to = 'period_order';
  }
  return problems;
}
