import { useMemo, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { canDrill, drillDown, drillHref, type Drill } from '../features/overview/drill';
import { locale } from '../i18n';
import './figures.css';

// Numbers in the overview and the dashboards: formatted in the officer's language, with a bar where a
// share helps the eye, and a link to the records behind them where a record list can show exactly those.

export interface FigureFormats {
  number: (n: number) => string;
  /** part / whole as "83 %" (or "–" without a whole). */
  percent: (part: number, whole: number) => string;
  /** part / whole as a number 0–100 with one decimal, for exports; null without a whole. */
  percentValue: (part: number, whole: number) => number | null;
}

export function useFigureFormats(): FigureFormats {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => {
    const numberFormat = new Intl.NumberFormat(locale(language));
    const percentFormat = new Intl.NumberFormat(locale(language), { style: 'percent', maximumFractionDigits: 0 });
    return {
      number: (n) => numberFormat.format(n),
      percent: (part, whole) => (whole > 0 ? percentFormat.format(part / whole) : t('figures.noValue')),
      percentValue: (part, whole) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null),
    };
  }, [t, language]);
}

/** A number that, where the record list can show exactly these records, links to them. */
export function Count({ value, label, drill }: { value: number; label: string; drill: Drill | null }): ReactNode {
  const { t } = useTranslation();
  const text = useFigureFormats().number(value);
  if (!drill || value === 0 || !canDrill(drill)) return <span className="count">{text}</span>;
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    drillDown(drill);
  };
  return (
    <a
      className="count count--link"
      href={drillHref(drill)}
      onClick={onClick}
      aria-label={t('figures.openList', { label, number: text })}
    >
      {text}
    </a>
  );
}

/** The colour (and pattern) of a bar: one of the three kinds of activity, or the single accent colour. */
export type Series = 'engagements' | 'requests' | 'results' | 'single';

/** A bar as long as `value` is of `max`. Decorative: the number is always beside it. */
export function Bar({ value, max, series = 'single' }: { value: number; max: number; series?: Series }): ReactNode {
  const width = max > 0 ? Math.min(100, (value / max) * 100) : 0;
  return (
    <span className="bar" aria-hidden="true">
      <span className={`bar__fill bar__fill--${series}`} style={{ width: `${width.toFixed(1)}%` }} />
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
    <span className="figure-cell">
      <Bar value={value} max={max} series={series} />
      <Count value={value} label={label} drill={drill} />
    </span>
  );
}
