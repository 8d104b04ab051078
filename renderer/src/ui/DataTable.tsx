import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/bridge';
import { problemText } from '../i18n/lookup';
import type { Drill } from '../features/overview/drill';
import { NumberWithBar, type FigureFormats } from './Count';
import { useToasts } from './toast-store';
import './figures.css';

// A table of figures as the overview and the dashboards show them: a titled panel, optionally a chart
// above (charts alone are not accessible: the table is their accessible version), the table with its own
// CSV / XLSX export, and, where a record list can show the records behind a number, a link to them.

type Cell = string | number | null;

export interface Column<R> {
  key: string;
  header: string;
  numeric?: boolean;
  /** Keeps the cell on one line (months, dates). */
  nowrap?: boolean;
  /** The cell's value, as exported. */
  value: (row: R) => Cell;
  /** What the cell shows, when more than the value (a link, a bar). */
  render?: (row: R) => ReactNode;
}

/** How many rows show before "Show all" (the rest still print and export). */
const TOP_ROWS = 10;

export function DataTable<R>({
  caption,
  note,
  chart,
  columns,
  rows,
  rowKey,
  top = TOP_ROWS,
  fileName,
  empty,
  wide = false,
  side = false,
}: {
  caption: string;
  note?: string;
  /** Drawn above the table; the table is the accessible version of it. */
  chart?: ReactNode;
  /** Takes the whole width of the grid it stands in. */
  wide?: boolean;
  /** Chart and table side by side where there is room. */
  side?: boolean;
  columns: Column<R>[];
  rows: readonly R[];
  rowKey: (row: R) => string;
  top?: number;
  /** Name of the exported file (defaults to the caption). */
  fileName?: string;
  /** What an empty table says (default: nothing in this period). */
  empty?: string;
}): ReactNode {
  const { t } = useTranslation();
  const [expanded, setExpanded] = useState(false);
  const tableId = useId();
  const titleId = useId();
  const noteId = useId();
  const [head, ...rest] = columns;
  const scroll = useRef<HTMLDivElement>(null);
  const scrolls = useScrolls(scroll);

  return (
    <div className={wide ? 'table-panel table-panel--wide' : 'table-panel'}>
      <div className="table-panel__top">
        <h3 id={titleId}>{caption}</h3>
        <ExportButtons caption={caption} fileName={fileName ?? caption} columns={columns} rows={rows} />
      </div>
      {note && (
        <p className="table-panel__note" id={noteId}>
          {note}
        </p>
      )}
      <div className={side ? 'table-panel__body table-panel__body--side' : 'table-panel__body'}>
        {chart && rows.length > 0 && <div className="table-panel__chart">{chart}</div>}
        {/* A table wider than its panel scrolls; then it takes focus, so the keyboard can scroll it too. */}
        <div
          className="figure-table"
          ref={scroll}
          tabIndex={scrolls ? 0 : undefined}
          role={scrolls ? 'region' : undefined}
          aria-labelledby={scrolls ? titleId : undefined}
        >
          <table id={tableId} aria-labelledby={titleId} aria-describedby={note ? noteId : undefined}>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined}>
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 || !head ? (
                <tr>
                  <td colSpan={columns.length} className="muted">
                    {empty ?? t('figures.none')}
                  </td>
                </tr>
              ) : (
                rows.map((row, i) => (
                  <tr key={rowKey(row)} className={!expanded && i >= top ? 'is-extra' : undefined}>
                    <th scope="row" className={head.nowrap ? 'nowrap' : undefined}>
                      {head.render ? head.render(row) : head.value(row)}
                    </th>
                    {rest.map((c) => (
                      <td key={c.key} className={c.numeric ? 'num' : undefined}>
                        {c.render ? c.render(row) : c.value(row)}
                      </td>
                    ))}
                  </tr>
                ))
              )}
            </tbody>
          </table>
          {rows.length > top && (
            <button
              type="button"
              className="link-button table-panel__more"
              aria-controls={tableId}
              aria-expanded={expanded}
              onClick={() => setExpanded(!expanded)}
            >
              {expanded ? t('figures.showFewer') : t('figures.showAll', { count: rows.length })}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}

/** Whether an element is narrower than its content (and so scrolls sideways). */
function useScrolls(ref: { current: HTMLElement | null }): boolean {
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(el);
    const table = el.firstElementChild;
    if (table) observer.observe(table);
    return () => observer.disconnect();
  }, [ref]);
  return scrolls;
}

/** CSV and XLSX of exactly the table's rows and columns (all rows, not only those shown), made by the backend. */
function ExportButtons<R>({
  caption,
  fileName,
  columns,
  rows,
}: {
  caption: string;
  fileName: string;
  columns: Column<R>[];
  rows: readonly R[];
}): ReactNode {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const showToast = useToasts((s) => s.show);

  async function save(format: 'csv' | 'xlsx') {
    setBusy(true);
    // The window's host asks where to save (its own dialog) and the backend writes the file there.
    const result = await call('reports.saveTable', {
      name: fileName.slice(0, 100),
      columns: columns.map((c) => ({ key: c.key, header: c.header })),
      rows: rows.map((row) => Object.fromEntries(columns.map((c) => [c.key, c.value(row)]))),
      format,
    });
    setBusy(false);
    if (!result.ok) {
      if (result.error.code !== 'cancelled') {
        showToast({ message: t('figures.exportFailed', { message: problemText(result.error) }) });
      }
      return;
    }
    showToast({ message: t('figures.savedTo', { path: result.value.savedTo }) });
  }

  return (
    <div className="table-export" role="group" aria-label={t('figures.exportLabel', { table: caption })}>
      <span className="table-export__label">{t('figures.export')}</span>
      {(['csv', 'xlsx'] as const).map((format) => (
        <button
          key={format}
          type="button"
          className="button button--small"
          disabled={busy}
          onClick={() => void save(format)}
        >
          {t(`figures.${format}`)}
        </button>
      ))}
    </div>
  );
}

type KeyCount = { key: string; count: number };

/**
 * The columns of a breakdown of one count: the name, the number (with a bar, linked where a list can show
 * the records) and its share.
 */
export function countColumns<R extends KeyCount>({
  first,
  rows,
  label,
  drill,
  formats,
  t,
  of,
}: {
  first: Column<R>;
  rows: readonly R[];
  label: (key: string) => string;
  drill: (key: string) => Drill | null;
  formats: FigureFormats;
  t: (key: string) => string;
  /** What the shares are of, where a record can count in several rows (or none). Default: the rows' sum. */
  of?: number;
}): Column<R>[] {
  const top = rows.reduce((n, r) => Math.max(n, r.count), 0);
  const total = of ?? rows.reduce((n, r) => n + r.count, 0);
  return [
    first,
    {
      key: 'count',
      header: t('figures.column.count'),
      numeric: true,
      value: (r) => r.count,
      render: (r) => <NumberWithBar value={r.count} max={top} label={label(r.key)} drill={drill(r.key)} />,
    },
    {
      key: 'share',
      header: t('figures.column.share'),
      numeric: true,
      value: (r) => formats.percentValue(r.count, total),
      render: (r) => formats.percent(r.count, total),
    },
  ];
}

/** The first column of a breakdown: the name of each row's code. */
export function nameColumn<R extends { key: string }>(
  key: string,
  header: string,
  label: (code: string) => string,
): Column<R> {
  return { key, header, value: (r) => label(r.key) };
}
