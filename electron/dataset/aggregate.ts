import { MEASURES, type Measure } from '../../shared/dataset/tables';

// The aggregate tables and their suppression (docs/evaluation-dataset.md, "Suppression").
//
// Three tables of counts per measure: per post × phenomenon × month (the cells), per phenomenon × month (the
// totals over posts of each column of cells) and per post × month (each record once). Primary suppression: a
// count from 1 to threshold − 1 is not shown. Secondary suppression: a shown total with exactly one suppressed
// cell among those that add up to it would give that cell away by subtraction, so one more cell of the group is
// suppressed, the smallest non-zero one (a zero only if there is none; the total itself if no cell is left);
// repeated until no shown total has a single suppressed cell. A post's phenomena do not add up exactly to its
// post × month total (records with several phenomena count under each, records with none under none) but are
// treated as a group all the same: for most months they do add up. Each measure is suppressed on its own.

export interface Fact {
  /** The post's pseudonym. */
  readonly post: string;
  /** YYYY-MM. */
  readonly month: string;
  readonly phenomena: readonly string[];
  /** What the record counts as (an operational engagement is both an engagement and an operational one). */
  readonly measures: readonly Measure[];
}

export type CellState = 'shown' | 'primary' | 'secondary';

export interface AggCell {
  value: number;
  state: CellState;
}

export type Counts = Record<Measure, AggCell>;

export interface AggRow<K extends string> {
  readonly key: Readonly<Record<K, string>>;
  readonly counts: Counts;
}

export interface Aggregates {
  readonly postPhenomenonMonth: readonly AggRow<'post' | 'phenomenon' | 'month'>[];
  readonly phenomenonMonth: readonly AggRow<'phenomenon' | 'month'>[];
  readonly postMonth: readonly AggRow<'post' | 'month'>[];
  readonly suppressed: { readonly primary: number; readonly secondary: number };
}

const MEASURE_NAMES = MEASURES.map(([name]) => name);

function emptyCounts(): Counts {
  return Object.fromEntries(MEASURE_NAMES.map((m) => [m, { value: 0, state: 'shown' }])) as Counts;
}

function rowsOf<K extends string>(
  map: Map<string, { key: Record<K, string>; counts: Counts }>,
  order: readonly K[],
): AggRow<K>[] {
  return [...map.values()].sort((a, b) => {
    for (const k of order) {
      const c = a.key[k] < b.key[k] ? -1 : a.key[k] > b.key[k] ? 1 : 0;
      if (c !== 0) return c;
    }
    return 0;
  });
}

export function aggregate(facts: Iterable<Fact>, threshold: number): Aggregates {
  const counter = factCounter();
  for (const f of facts) counter.add(f);
  return counter.finish(threshold);
}

/**
 * The aggregates counted one fact at a time, as the export reads the records: what it holds grows with the
 * combinations of post, phenomenon and month, not with the records.
 */
export function factCounter(): { add(f: Fact): void; finish(threshold: number): Aggregates } {
  const ppm = new Map<string, { key: Record<'post' | 'phenomenon' | 'month', string>; counts: Counts }>();
  const pm = new Map<string, { key: Record<'phenomenon' | 'month', string>; counts: Counts }>();
  const postM = new Map<string, { key: Record<'post' | 'month', string>; counts: Counts }>();
  const add = (counts: Counts, measures: readonly Measure[]) => {
    for (const m of measures) counts[m].value += 1;
  };
  return {
    add(f: Fact) {
      if (f.measures.length === 0) return;
      const pk = `${f.post}\u0000${f.month}`;
      let row = postM.get(pk);
      if (!row) postM.set(pk, (row = { key: { post: f.post, month: f.month }, counts: emptyCounts() }));
      add(row.counts, f.measures);
      for (const phenomenon of new Set(f.phenomena)) {
        const ck = `${f.post}\u0000${phenomenon}\u0000${f.month}`;
        let cell = ppm.get(ck);
        if (!cell) ppm.set(ck, (cell = { key: { post: f.post, phenomenon, month: f.month }, counts: emptyCounts() }));
        add(cell.counts, f.measures);
        const tk = `${phenomenon}\u0000${f.month}`;
        let total = pm.get(tk);
        if (!total) pm.set(tk, (total = { key: { phenomenon, month: f.month }, counts: emptyCounts() }));
        add(total.counts, f.measures);
      }
    },
    finish: (threshold: number) => suppress(ppm, pm, postM, threshold),
  };
}

function suppress(
  ppm: Map<string, { key: Record<'post' | 'phenomenon' | 'month', string>; counts: Counts }>,
  pm: Map<string, { key: Record<'phenomenon' | 'month', string>; counts: Counts }>,
  postM: Map<string, { key: Record<'post' | 'month', string>; counts: Counts }>,
  threshold: number,
): Aggregates {
  const cells = rowsOf(ppm, ['post', 'phenomenon', 'month']);
  const phenomenonMonth = rowsOf(pm, ['phenomenon', 'month']);
  const postMonth = rowsOf(postM, ['post', 'month']);
  const all = [...cells, ...phenomenonMonth, ...postMonth];
  let primary = 0;
  let secondary = 0;
  for (const row of all) {
    for (const m of MEASURE_NAMES) {
      const c = row.counts[m];
      if (c.value > 0 && c.value < threshold) {
        c.state = 'primary';
        primary += 1;
      }
    }
  }

  // The groups: a shown total and the cells that add up to it (in the cells' order, for a stable choice).
  const groups: { total: Counts; members: Counts[] }[] = [];
  const byColumn = new Map<string, Counts[]>();
  const byRow = new Map<string, Counts[]>();
  for (const c of cells) {
    const col = `${c.key.phenomenon}\u0000${c.key.month}`;
    const row = `${c.key.post}\u0000${c.key.month}`;
    byColumn.set(col, [...(byColumn.get(col) ?? []), c.counts]);
    byRow.set(row, [...(byRow.get(row) ?? []), c.counts]);
  }
  for (const t of phenomenonMonth) {
    groups.push({ total: t.counts, members: byColumn.get(`${t.key.phenomenon}\u0000${t.key.month}`) ?? [] });
  }
  for (const t of postMonth) {
    groups.push({ total: t.counts, members: byRow.get(`${t.key.post}\u0000${t.key.month}`) ?? [] });
  }

  for (const m of MEASURE_NAMES) {
    for (let changed = true; changed;) {
      changed = false;
      for (const g of groups) {
        if (g.total[m].state !== 'shown') continue;
        const hidden = g.members.filter((c) => c[m].state !== 'shown').length;
        if (hidden !== 1) continue;
        const shown = g.members.filter((c) => c[m].state === 'shown');
        // The smallest non-zero cell; a zero only when there is nothing else (stable sort keeps the cells' order).
        const pick = [...shown].sort((a, b) => rank(a[m].value) - rank(b[m].value))[0];
        const target = pick ? pick[m] : g.total[m];
        target.state = 'secondary';
        secondary += 1;
        changed = true;
      }
    }
  }
  return { postPhenomenonMonth: cells, phenomenonMonth, postMonth, suppressed: { primary, secondary } };
}

/** Sort key of a candidate for secondary suppression: non-zero counts first, smallest first. */
function rank(value: number): number {
  return value === 0 ? Number.MAX_SAFE_INTEGER : value;
}

// ---- Time and travel per post and year (agg_effort_post_year)
//
// Sums of what officers recorded: a sum over fewer records than the threshold could give one officer's entry
// away, so it is not shown. The whole row hides when the post had from 1 to threshold - 1 engagements and
// requests that year; otherwise the time (timed, hours) hides when from 1 to threshold - 1 of them had time
// recorded, and the travel (with_travel, travel_days, travel_cost_eur) when that many had travel recorded. No
// total over posts or years is published, so nothing can be worked out by subtraction.

export interface EffortFact {
  readonly post: string;
  readonly year: number;
  /** null: not recorded. */
  readonly minutes: number | null;
  readonly travelDays: number | null;
  readonly travelCents: number | null;
}

export interface EffortCell {
  readonly post: string;
  readonly year: number;
  records: number;
  timed: number;
  minutes: number;
  withTravel: number;
  halfDays: number;
  cents: number;
}

export function effortCounter(): { add(f: EffortFact): void; cells(): EffortCell[] } {
  const cells = new Map<string, EffortCell>();
  return {
    add(f) {
      const key = `${f.post}\u0000${f.year}`;
      let c = cells.get(key);
      if (!c) {
        c = { post: f.post, year: f.year, records: 0, timed: 0, minutes: 0, withTravel: 0, halfDays: 0, cents: 0 };
        cells.set(key, c);
      }
      c.records += 1;
      if (f.minutes !== null) {
        c.timed += 1;
        c.minutes += f.minutes;
      }
      if (f.travelDays !== null || f.travelCents !== null) {
        c.withTravel += 1;
        c.halfDays += Math.round((f.travelDays ?? 0) * 2);
        c.cents += Math.round(f.travelCents ?? 0);
      }
    },
    cells: () => [...cells.values()].sort((a, b) => (a.post < b.post ? -1 : a.post > b.post ? 1 : a.year - b.year)),
  };
}

/** Which figures of a cell are shown under `threshold`: the records, the time, the travel. */
export function effortVisibility(
  c: EffortCell,
  threshold: number,
): { records: boolean; time: boolean; travel: boolean } {
  const small = (n: number) => n > 0 && n < threshold;
  if (small(c.records)) return { records: false, time: false, travel: false };
  return { records: true, time: !small(c.timed), travel: !small(c.withTravel) };
}
