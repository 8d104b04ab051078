import { cloneElement, useId, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useFigureFormats } from '../../ui/Count';
import { PRINT_WIDTH, usePrinting } from './print-mode';

// Charts as SVG (recharts): readable in print, no canvas, no injected style sheets. Each one is a picture
// for the eye only: the same numbers are in the table beside it, which is what screen readers read.
// Colours are Okabe–Ito (colour-blind safe); where colour tells series apart, a pattern does too.

export const PALETTE = {
  blue: '#0072B2',
  orange: '#E69F00',
  green: '#009E73',
  pink: '#CC79A7',
  sky: '#56B4E9',
  vermillion: '#D55E00',
  yellow: '#F0E442',
  black: '#000000',
} as const;

/** The three kinds of activity, each with a colour that has 3:1 contrast on white, and a pattern. */
export const SERIES_COLOURS = {
  engagements: PALETTE.blue,
  requests: PALETTE.vermillion,
  results: PALETTE.green,
} as const;

const AXIS = { fontSize: 12, fill: '#4f5b6a' };
const GRID = '#d7dde4';
const INK = '#1b2430';

/** A chart: a labelled picture whose numbers the table next to it holds. */
function Figure({
  title,
  height,
  children,
}: {
  title: string;
  height: number;
  children: ReactElement<{ width?: number; height?: number }>;
}) {
  const { t } = useTranslation('dashboards');
  const printing = usePrinting();
  return (
    <div className="dash-chart" role="img" aria-label={t('chartLabel', { title })}>
      {printing ? (
        cloneElement(children, { width: PRINT_WIDTH, height })
      ) : (
        <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 600, height }}>
          {children}
        </ResponsiveContainer>
      )}
    </div>
  );
}

/** ids for <pattern> elements: unique per chart, and safe inside url(#…). */
function usePatternIds(): { requests: string; results: string } {
  const base = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  return { requests: `dash-stripes-${base}`, results: `dash-dots-${base}` };
}

export interface MonthRow {
  label: string;
  engagements: number;
  requests: number;
  results: number;
}

/** Engagements, requests and results per month, side by side; requests striped, results dotted. */
export function MonthlyBars({ title, rows }: { title: string; rows: MonthRow[] }): ReactNode {
  const { t } = useTranslation('dashboards');
  const { number } = useFigureFormats();
  const ids = usePatternIds();
  return (
    <Figure title={title} height={280}>
      <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
        <defs>
          <pattern id={ids.requests} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill={SERIES_COLOURS.requests} />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#fff" strokeWidth="2" />
          </pattern>
          <pattern id={ids.results} width="6" height="6" patternUnits="userSpaceOnUse">
            <rect width="6" height="6" fill={SERIES_COLOURS.results} />
            <circle cx="3" cy="3" r="1.3" fill="#fff" />
          </pattern>
        </defs>
        <CartesianGrid stroke={GRID} vertical={false} />
        <XAxis dataKey="label" tick={AXIS} tickLine={false} axisLine={{ stroke: GRID }} interval="preserveStartEnd" />
        <YAxis tick={AXIS} tickLine={false} axisLine={false} allowDecimals={false} width={44} />
        <Tooltip formatter={(value) => number(Number(value))} />
        <Legend wrapperStyle={{ fontSize: 13, color: INK }} iconType="square" />
        <Bar
          dataKey="engagements"
          name={t('series.engagements')}
          fill={SERIES_COLOURS.engagements}
          isAnimationActive={false}
        />
        <Bar
          dataKey="requests"
          name={t('series.requests')}
          fill={`url(#${ids.requests})`}
          stroke={SERIES_COLOURS.requests}
          isAnimationActive={false}
        />
        <Bar
          dataKey="results"
          name={t('series.results')}
          fill={`url(#${ids.results})`}
          stroke={SERIES_COLOURS.results}
          isAnimationActive={false}
        />
      </BarChart>
    </Figure>
  );
}

export interface LabelledValue {
  label: string;
  value: number;
}

/** One bar per category, longest first as given, each with its number written at its end. */
export function HorizontalBars({
  title,
  rows,
  colour = PALETTE.blue,
  format,
  max,
}: {
  title: string;
  rows: LabelledValue[];
  colour?: string;
  /** How a value is written at the end of its bar (default: a number). */
  format?: (value: number) => string;
  /** Fixed end of the scale (e.g. 100 for percentages). */
  max?: number;
}): ReactNode {
  const { number } = useFigureFormats();
  const write = format ?? number;
  const longest = rows.reduce((n, r) => Math.max(n, r.label.length), 0);
  const labelWidth = Math.min(230, Math.max(80, Math.ceil(longest * 7.3) + 16));
  return (
    <Figure title={title} height={Math.max(80, rows.length * 30 + 16)}>
      <BarChart
        data={rows}
        layout="vertical"
        margin={{ top: 4, right: 56, bottom: 4, left: 4 }}
        barCategoryGap={6}
        accessibilityLayer={false}
      >
        <XAxis type="number" hide domain={[0, max ?? 'auto']} />
        <YAxis
          type="category"
          dataKey="label"
          tick={{ ...AXIS, fill: INK }}
          tickLine={false}
          axisLine={{ stroke: GRID }}
          width={labelWidth}
          interval={0}
        />
        <Tooltip formatter={(value) => write(Number(value))} cursor={{ fill: '#eef3fa' }} />
        <Bar dataKey="value" fill={colour} isAnimationActive={false} maxBarSize={22}>
          <LabelList
            dataKey="value"
            position="right"
            formatter={(value: unknown) => write(Number(value))}
            style={{ fontSize: 12, fill: INK }}
          />
        </Bar>
      </BarChart>
    </Figure>
  );
}

export interface ShareRow {
  label: string;
  /** 0–100, or null for a month without EU exchanges. */
  share: number | null;
}

/** A share per month as a line on a fixed 0–100 % scale, each point marked. */
export function ShareLine({ title, rows, name }: { title: string; rows: ShareRow[]; name: string }): ReactNode {
  const { i18n } = useTranslation('dashboards');
  const percent = new Intl.NumberFormat(i18n.language === 'nl' ? 'nl-NL' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 0,
  });
  const write = (v: number) => percent.format(v / 100);
  return (
    <Figure title={title} height={240}>
      <LineChart data={rows} margin={{ top: 16, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid stroke={GRID} vertical={false} />
        <XAxis dataKey="label" tick={AXIS} tickLine={false} axisLine={{ stroke: GRID }} interval="preserveStartEnd" />
        <YAxis
          tick={AXIS}
          tickLine={false}
          axisLine={false}
          domain={[0, 100]}
          ticks={[0, 25, 50, 75, 100]}
          tickFormatter={write}
          width={48}
        />
        <Tooltip formatter={(value) => write(Number(value))} />
        <Line
          type="linear"
          dataKey="share"
          name={name}
          stroke={PALETTE.blue}
          strokeWidth={2.5}
          dot={{ r: 3.5, fill: PALETTE.blue, stroke: PALETTE.blue }}
          connectNulls={false}
          isAnimationActive={false}
        />
      </LineChart>
    </Figure>
  );
}
