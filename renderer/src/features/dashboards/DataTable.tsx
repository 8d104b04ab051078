import { useEffect, useId, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/bridge';
import { locale } from '../../i18n';
import { base64ToBytes, downloadBlob } from '../../ui/files';
import { useToasts } from '../../ui/toast-store';
import { canDrill, drillDown, drillHref, type Drill } from '../overview/drill';

// The table under every chart (charts alone are not accessible), with its own CSV / XLSX export and, where
// a record list can show the records behind a number, a link to them.

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

/** How many rows show before "Show all" (the rest still print). */
const TOP_ROWS = 10;

const MIME = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** A titled panel: optionally a chart, then the same figures as a table with its export. */
export function DataTable<R>({
  caption,
  note,
  chart,
  columns,
  rows,
  rowKey,
  top = TOP_ROWS,
  fileName,
  wide = false,
  side = false,
}: {
  caption: string;
  note?: string;
  /** Drawn above the table; the table is the accessible version of it. */
  chart?: ReactNode;
  /** Takes the whole width of the section's grid. */
  wide?: boolean;
  /** Chart and table side by side where there is room. */
  side?: boolean;
  columns: Column<R>[];
  rows: readonly R[];
  rowKey: (row: R) => string;
  top?: number;
  /** Name of the exported file (defaults to the caption). */
  fileName?: string;
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
    <div className={wide ? 'dash-panel dash-panel--wide' : 'dash-panel'}>
      <div className="dash-panel__top">
        <h3 id={titleId}>{caption}</h3>
        <ExportButtons caption={caption} fileName={fileName ?? caption} columns={columns} rows={rows} />
      </div>
      {note && (
        <p className="dash-panel__note" id={noteId}>
          {note}
        </p>
      )}
      <div className={side ? 'dash-panel__body dash-panel__body--side' : 'dash-panel__body'}>
        {chart && rows.length > 0 && <div className="dash-panel__chart">{chart}</div>}
        {/* A table wider than its panel scrolls; then it takes focus, so the keyboard can scroll it too. */}
        <div
          className="dash-table"
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
                    {t('dashboards.none')}
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
              className="link-button dash-panel__more"
              aria-controls={tableId}
              aria-expanded={expanded}
              onClick={() => setExpanded(!expanded)}
            >
              {expanded ? t('dashboards.showFewer') : t('dashboards.showAll', { count: rows.length })}
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
    const result = await call('reports.tableFile', {
      name: fileName.slice(0, 100),
      columns: columns.map((c) => ({ key: c.key, header: c.header })),
      rows: rows.map((row) => Object.fromEntries(columns.map((c) => [c.key, c.value(row)]))),
      format,
    });
    setBusy(false);
    if (!result.ok) {
      showToast({ message: t('dashboards.exportFailed', { message: result.error.message }) });
      return;
    }
    downloadBlob(new Blob([base64ToBytes(result.value.base64)], { type: MIME[format] }), result.value.fileName);
  }

  return (
    <div className="dash-export" role="group" aria-label={t('dashboards.exportLabel', { table: caption })}>
      <span className="dash-export__label">{t('dashboards.export')}</span>
      {(['csv', 'xlsx'] as const).map((format) => (
        <button
          key={format}
          type="button"
          className="button button--small"
          disabled={busy}
          onClick={() => void save(format)}
        >
          {t(`dashboards.${format}`)}
        </button>
      ))}
    </div>
  );
}

export function useNumber(): (n: number) => string {
  const { i18n } = useTranslation();
  const format = new Intl.NumberFormat(locale(i18n.language));
  return (n) => format.format(n);
}

/** A number that, where the record list can show exactly these records, links to them. */
export function Count({ value, label, drill }: { value: number; label: string; drill: Drill | null }): ReactNode {
  const { t } = useTranslation();
  const text = useNumber()(value);
  if (!drill || value === 0 || !canDrill(drill)) return <span className="dash-count">{text}</span>;
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    drillDown(drill);
  };
  return (
    <a
      className="dash-count dash-count--link"
      href={drillHref(drill)}
      onClick={onClick}
      aria-label={t('dashboards.openList', { label, count: text })}
    >
      {text}
    </a>
  );
}

export type Series = 'engagements' | 'requests' | 'results' | 'single';

/** A bar beside a number, as long as its share of the largest in the column. Decorative: the number is there. */
export function InlineBar({ value, max, series = 'single' }: { value: number; max: number; series?: Series }) {
  const width = max > 0 ? Math.min(100, (value / max) * 100) : 0;
  return (
    <span className="dash-bar" aria-hidden="true">
      <span className={`dash-bar__fill dash-fill--${series}`} style={{ width: `${width.toFixed(1)}%` }} />
    </span>
  );
}

/** A number with its bar, in one cell. */
export function NumberWithBar({
  value,
  max,
  label,
  drill,
  series,
}: {
  value: number;
  max: number;
  label: string;
  drill: Drill | null;
  series?: Series;
}): ReactNode {
  return (
    <span className="dash-cell">
      <InlineBar value={value} max={max} series={series} />
      <Count value={value} label={label} drill={drill} />
    </span>
  );
}
