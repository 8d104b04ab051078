import { MAX_BUNDLE_BYTES } from '../../../../shared/exchange/formats';
import { useId, useRef, useState, type DragEvent, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileReport, ImportReport } from '../../../../shared/exchange/schema';
import { call, callTracked } from '../../api/bridge';
import { locale } from '../../i18n';
import { formatList, formatNumber } from './display';
import { useExchange } from './exchange-store';
import { englishText, messageRef, type MessageRef } from '../../../../shared/contract/messages';
import { messageText, problemText } from '../../i18n/lookup';
import { ErrorNotice, Section, Spinner, useFocusAfterRender } from './parts';

/** The backend refuses bundles above this size (electron/exchange/import.ts); such files are not even read. */

interface Running {
  /** Files finished so far. */
  done: number;
  total: number;
  current: string;
  dryRun: boolean;
  /** Files chosen in the host's dialog: imported in one call, so there is no count to show. */
  chosen?: boolean;
}

interface RunReport {
  dryRun: boolean;
  files: FileReport[];
  gaps: ImportReport['gaps'];
  /** Set when the officer stopped the run before the end. */
  stopped: { done: number; total: number } | null;
}

/** A file the window rejected itself: its detail is a backend message by code, or a text already translated. */
function localRejection(
  file: string,
  reason: NonNullable<FileReport['reason']>,
  detail: MessageRef | string,
  outcome: 'rejected' | 'not_reached' = 'rejected',
): FileReport {
  return {
    file,
    outcome,
    reason,
    ...(typeof detail === 'string' ? { message: detail } : { message: englishText(detail), detail }),
    postId: null,
    exportId: null,
    sequence: null,
    added: 0,
    updated: 0,
    unchanged: 0,
  };
}

const sameFile = (a: File, b: File) => a.name === b.name && a.size === b.size && a.lastModified === b.lastModified;

/**
 * HQ: import bundle files one at a time, so the officer sees progress and can stop between files. Each file
 * is its own transaction in the backend: stopping never leaves a file half imported.
 */
export function ImportPanel(): ReactNode {
  const { t, i18n } = useTranslation('exchange');
  const loadPosts = useExchange((s) => s.loadPosts);
  const [queue, setQueue] = useState<File[]>([]);
  const [dryRun, setDryRun] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [running, setRunning] = useState<Running | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [report, setReport] = useState<RunReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const cancelRequested = useRef(false);
  const chosenCall = useRef<{ cancel(): void } | null>(null);
  const chosenCancelled = useRef(false);
  // Read through a function: the Cancel button sets it while the call is in flight.
  const chosenWasCancelled = () => chosenCancelled.current;
  const stopRequested = () => cancelRequested.current;
  const reportHeading = useRef<HTMLHeadingElement>(null);
  const startButton = useRef<HTMLButtonElement>(null);
  const focusLater = useFocusAfterRender();
  const progressLabelId = useId();
  const dryHintId = useId();

  function add(files: File[]) {
    if (files.length === 0) return;
    setQueue((q) => [...q, ...files.filter((f) => !q.some((x) => sameFile(x, f)))]);
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    if (running) return;
    add(Array.from(event.dataTransfer.files));
    focusLater(() => startButton.current);
  }

  async function importOne(
    file: File,
    dry: boolean,
  ): Promise<{ report: FileReport; gaps: ImportReport['gaps'] | null }> {
    const name = file.name.slice(0, 260);
    if (file.size > MAX_BUNDLE_BYTES) {
      const tooLarge = messageRef('import.too_large.file', { size: file.size, limit: MAX_BUNDLE_BYTES });
      return { report: localRejection(name, 'too_large', tooLarge), gaps: null };
    }
    // A dropped file has no path in the page: its bytes go as a Uint8Array (structured clone, not base64).
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch {
      return { report: localRejection(name, 'unreadable', t('import.unreadable')), gaps: null };
    }
    const result = await call('imports.run', { files: [{ name, bytes }], dryRun: dry });
    if (!result.ok) return { report: localRejection(name, 'unreadable', problemText(result.error)), gaps: null };
    const first = result.value.files[0];
    return {
      report: first ?? localRejection(name, 'unreadable', t('import.unreadable')),
      gaps: result.value.gaps,
    };
  }

  async function run() {
    const files = queue;
    const dry = dryRun;
    const total = files.length;
    if (total === 0) return;
    cancelRequested.current = false;
    setCancelling(false);
    const reports: FileReport[] = [];
    let gaps: ImportReport['gaps'] | null = null;
    setReport({ dryRun: dry, files: [], gaps: [], stopped: null });
    let done = 0;
    for (const file of files) {
      // Read afresh each time: the Cancel button sets it while a file is in flight.
      if (stopRequested()) break;
      setRunning({ done, total, current: file.name, dryRun: dry });
      const outcome = await importOne(file, dry);
      reports.push(outcome.report);
      gaps = outcome.gaps ?? gaps;
      done += 1;
      setReport({ dryRun: dry, files: [...reports], gaps: gaps ?? [], stopped: null });
    }
    const stopped = done < total ? { done, total } : null;
    // The files a stop left unsent are in the report as the backend reports them: not reached, not rejected.
    for (const file of files.slice(done)) {
      reports.push(
        localRejection(file.name.slice(0, 260), 'cancelled', messageRef('import.cancelled_before'), 'not_reached'),
      );
    }
    // What was handled leaves the list; what was not stays, ready for another run.
    setQueue((q) => q.filter((f) => !files.slice(0, done).includes(f)));
    if (gaps === null) {
      // No file reached the backend: the posts list still knows what is missing.
      const posts = await call('posts.list', {});
      if (posts.ok) {
        gaps = posts.value.flatMap((p) =>
          p.gaps.map((g) => ({ postId: p.postId, keyId: g.keyId, missing: g.missing })),
        );
      }
    }
    setReport({ dryRun: dry, files: reports, gaps: gaps ?? [], stopped });
    setRunning(null);
    setCancelling(false);
    void loadPosts();
    focusLater(() => reportHeading.current);
  }

  /** Files chosen in the window's own open dialog: the backend reads them from disk, one at a time. */
  async function runChosen() {
    const dry = dryRun;
    setProblem(null);
    setCancelling(false);
    setRunning({ done: 0, total: 0, current: '', dryRun: dry, chosen: true });
    // The backend checks the files one by one (reporting each), then saves them all in one transaction; a
    // cancel during the checks leaves everything as it was.
    const tracked = callTracked('imports.run', { fromDialog: true, dryRun: dry }, (p) =>
      setRunning({ done: p.done, total: p.total ?? 0, current: '', dryRun: dry, chosen: true }),
    );
    chosenCall.current = tracked;
    chosenCancelled.current = false;
    const result = await tracked.result;
    chosenCall.current = null;
    setRunning(null);
    setCancelling(false);
    if (!result.ok) {
      // A cancelled dialog says nothing; a cancelled import says that nothing was imported.
      if (result.error.code !== 'cancelled') setProblem(t('failed', { message: problemText(result.error) }));
      else if (chosenWasCancelled()) setProblem(t('import.cancelledChosen'));
      return;
    }
    setReport({ dryRun: dry, files: result.value.files, gaps: result.value.gaps, stopped: null });
    void loadPosts();
    focusLater(() => reportHeading.current);
  }

  function cancel() {
    cancelRequested.current = true;
    setCancelling(true);
  }

  const count = queue.length;
  return (
    <Section id="exchange-import" title={t('import.title')} intro={t('import.intro')}>
      <div
        className={`exchange-drop${dragging ? ' is-dragging' : ''}${running ? ' is-disabled' : ''}`}
        onDragEnter={(e) => {
          e.preventDefault();
          if (!running) setDragging(true);
        }}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = running ? 'none' : 'copy';
        }}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={onDrop}
      >
        <p className="exchange-drop__text">
          <span className="exchange-drop__icon" aria-hidden="true">
            ⇣
          </span>
          {t('import.drop')}
        </p>
        <p className="exchange-drop__or">{t('import.or')}</p>
        <button
          type="button"
          className="button"
          disabled={running !== null}
          aria-describedby={dryHintId}
          onClick={() => void runChosen()}
        >
          {t(dryRun ? 'import.chooseAndCheck' : 'import.chooseAndImport')}
        </button>
      </div>
      {problem && <ErrorNotice text={problem} />}

      {count > 0 && !running && (
        <div className="exchange-queue">
          <p className="exchange-queue__count">{t('import.queued', { count })}</p>
          <ul aria-label={t('import.queueCaption')}>
            {queue.map((f) => (
              <li key={`${f.name}-${f.size}-${f.lastModified}`}>
                <span className="exchange-mono exchange-break">{f.name}</span>
                <span className="muted small">{formatSize(f.size, i18n.language)}</span>
                <button
                  type="button"
                  className="link-button small"
                  aria-label={t('import.remove', { file: f.name })}
                  onClick={() => setQueue((q) => q.filter((x) => x !== f))}
                >
                  {t('import.removeShort')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}

      <div className="exchange-import-controls">
        <label className="checkbox exchange-dry">
          <input
            type="checkbox"
            checked={dryRun}
            disabled={running !== null}
            aria-describedby={dryHintId}
            onChange={(e) => setDryRun(e.target.checked)}
          />
          {t('import.dryRun')}
        </label>
        <p id={dryHintId} className="field__hint">
          {t('import.dryRunHint')}
        </p>
        <div className="exchange-actions">
          <button
            ref={startButton}
            type="button"
            className="button button--primary"
            disabled={count === 0 || running !== null}
            onClick={() => void run()}
          >
            {count === 0
              ? t(dryRun ? 'import.checkNone' : 'import.startNone')
              : t(dryRun ? 'import.check' : 'import.start', { count })}
          </button>
          {count > 0 && !running && (
            <button type="button" className="button" onClick={() => setQueue([])}>
              {t('import.clear')}
            </button>
          )}
        </div>
      </div>

      {running?.chosen && (
        <div className="exchange-progress">
          <p id={progressLabelId} className="exchange-status" role="status">
            <Spinner />{' '}
            {cancelling
              ? t('import.cancellingChosen')
              : running.total === 0
                ? t(running.dryRun ? 'import.checkingChosen' : 'import.importingChosen')
                : running.done < running.total
                  ? t('import.chosenProgress', { done: running.done, total: running.total })
                  : t('import.chosenMerging')}
          </p>
          {running.total > 0 && <progress aria-labelledby={progressLabelId} max={running.total} value={running.done} />}
          <button
            type="button"
            className="button"
            disabled={cancelling || (running.total > 0 && running.done >= running.total)}
            onClick={() => {
              setCancelling(true);
              chosenCancelled.current = true;
              chosenCall.current?.cancel();
            }}
          >
            {t('import.cancelChosen')}
          </button>
        </div>
      )}
      {running && !running.chosen && (
        <div className="exchange-progress">
          <p id={progressLabelId} className="exchange-status" role="status">
            <Spinner />{' '}
            {cancelling
              ? t('import.cancelling')
              : t(running.dryRun ? 'import.progressDry' : 'import.progress', {
                  done: running.done + 1,
                  total: running.total,
                  file: running.current,
                })}
          </p>
          <progress aria-labelledby={progressLabelId} max={running.total} value={running.done} />
          <button type="button" className="button" disabled={cancelling} onClick={cancel}>
            {t('import.cancel')}
          </button>
        </div>
      )}

      {report && (report.files.length > 0 || !running) && (
        <Report report={report} running={running !== null} headingRef={reportHeading} />
      )}
    </Section>
  );
}

function formatSize(bytes: number, language: string): string {
  const kb = bytes / 1024;
  return kb < 1024
    ? `${formatNumber(Math.max(1, Math.round(kb)), language)} KB`
    : `${new Intl.NumberFormat(locale(language), { maximumFractionDigits: 1 }).format(kb / 1024)} MB`;
}

function Report({
  report,
  running,
  headingRef,
}: {
  report: RunReport;
  running: boolean;
  headingRef: RefObject<HTMLHeadingElement | null>;
}): ReactNode {
  const { t, i18n } = useTranslation('exchange');
  const n = (x: number) => formatNumber(x, i18n.language);
  const count = (o: FileReport['outcome']) => report.files.filter((f) => f.outcome === o).length;
  const sum = (k: 'added' | 'updated' | 'unchanged') => report.files.reduce((a, f) => a + f[k], 0);
  const outcomeText = (f: FileReport) =>
    f.outcome === 'imported' && report.dryRun ? t('report.outcome.importedDry') : t(`report.outcome.${f.outcome}`);
  // Not reached: the files a cancel left unread, whether the backend reports them (files chosen in the dialog)
  // or the window never sent them (dropped files, stopped between two): never counted as rejected.
  const notReached = count('not_reached');
  const filesLine = notReached > 0 ? 'Stopped' : '';
  const noRecords = (f: FileReport) => f.outcome === 'rejected' || f.outcome === 'not_reached';

  return (
    <div className="exchange-report" aria-busy={running}>
      <h3 ref={headingRef} tabIndex={-1}>
        {t(report.dryRun ? 'report.titleDry' : 'report.title')}
      </h3>
      {report.stopped && (
        <p className="notice exchange-notice--warn">
          {t('import.stopped', { done: report.stopped.done, total: report.stopped.total })}
        </p>
      )}
      {!running && report.gaps.length > 0 && (
        <div className="exchange-gap" role="alert">
          <p className="exchange-gap__title">
            <span aria-hidden="true">⚠ </span>
            {t('report.gapTitle')}
          </p>
          <ul>
            {report.gaps.map((g) => (
              <li key={g.keyId}>
                <strong>
                  {t('report.gap', {
                    count: g.missing.length,
                    postId: g.postId,
                    missing: formatList(g.missing, i18n.language),
                  })}
                </strong>{' '}
                <span className="small">{t('report.gapKey', { keyId: g.keyId })}</span>
              </li>
            ))}
          </ul>
          <p className="small">{t('report.gapHint')}</p>
        </div>
      )}
      {!running && (
        <dl className="exchange-totals">
          <dt>{t('report.totals.files')}</dt>
          <dd>
            {t(report.dryRun ? `report.filesLineDry${filesLine}` : `report.filesLine${filesLine}`, {
              imported: n(count('imported')),
              already: n(count('already_imported')),
              rejected: n(count('rejected')),
              notReached: n(notReached),
            })}
          </dd>
          <dt>{t('report.totals.records')}</dt>
          <dd>
            {t('report.recordsLine', {
              added: n(sum('added')),
              updated: n(sum('updated')),
              unchanged: n(sum('unchanged')),
            })}
          </dd>
        </dl>
      )}
      {report.files.length > 0 && (
        <div className="exchange-table-wrap">
          <table className="exchange-table exchange-report__table">
            <caption className="visually-hidden">{t('report.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('report.col.file')}</th>
                <th scope="col">{t('report.col.outcome')}</th>
                <th scope="col">{t('report.col.post')}</th>
                <th scope="col" className="exchange-num">
                  {t('report.col.sequence')}
                </th>
                <th scope="col" className="exchange-num">
                  {t('report.col.records')}
                </th>
                <th scope="col">{t('report.col.details')}</th>
              </tr>
            </thead>
            <tbody>
              {report.files.map((f, i) => (
                <tr key={`${f.file}-${i}`} className={`is-${f.outcome}`}>
                  <th scope="row" className="exchange-mono exchange-break">
                    {f.file}
                  </th>
                  <td>
                    <span className={`exchange-pill exchange-pill--${f.outcome}`}>{outcomeText(f)}</span>
                  </td>
                  <td>{f.postId ?? '—'}</td>
                  <td className="exchange-num">{f.sequence ?? '—'}</td>
                  <td className="exchange-num nowrap">
                    {noRecords(f) ? '—' : `${n(f.added)} / ${n(f.updated)} / ${n(f.unchanged)}`}
                  </td>
                  <td>
                    {f.reason && (
                      <strong className="exchange-reason">{messageText({ code: `import.reason.${f.reason}` })}</strong>
                    )}
                    {noRecords(f) && (f.detail || f.message) && (
                      <span className="exchange-message small">
                        {/* The English message only for a report without a detail: made here, already translated. */}
                        {f.detail ? messageText(f.detail) : f.message}
                      </span>
                    )}
                    {f.notes && f.notes.length > 0 && (
                      // What else the import did: a restore and the exports it supersedes, tombstones, corrections.
                      <ul
                        className="exchange-notes small"
                        style={{ margin: '0.25rem 0 0', paddingInlineStart: '1.1rem' }}
                      >
                        {f.notes.map((note, k) => (
                          <li key={`${note.code}-${k}`} data-code={note.code}>
                            {messageText(note)}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
