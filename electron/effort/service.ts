import type { Database } from 'better-sqlite3-multiple-ciphers';
import {
  efficiencyFigures,
  postCost,
  type PostBudget,
  PostBudgetInput,
  ZERO_SUMS,
  type EfficiencyInput,
  type EfficiencyRow,
  type EfficiencyView,
  type EffortSums,
} from '../../shared/effort/schema';
import type { z } from 'zod';
import { EFFORT_CUBES, recountCube, SUM_COLUMNS } from '../db/migrations/015-effort-workplans';
import { keepDashboardCurrent } from '../reports/dashboard-upkeep';

// Effort and cost (issue 14, item 2): a post's budgets and staffing per year, and the efficiency figures read
// from migration 015's maintained aggregates (a few hundred rows at most, whatever the number of records).
// docs/efficiency.md defines every figure.

interface SumRow {
  key: string;
  engagements: number;
  requests: number;
  results: number;
  answered: number;
  timed: number;
  op_minutes: number;
  nonop_minutes: number;
  op_travel_cents: number;
  nonop_travel_cents: number;
  travel_half_days: number;
}

const SUM_SQL = SUM_COLUMNS.filter((c) => c !== 'n')
  .map((c) => `sum(${c}) AS ${c}`)
  .join(', ');

function toSums(r: SumRow | undefined): EffortSums {
  if (!r) return { ...ZERO_SUMS };
  return {
    engagements: r.engagements,
    requests: r.requests,
    results: r.results,
    answered: r.answered,
    timed: r.timed,
    opMinutes: r.op_minutes,
    nonOpMinutes: r.nonop_minutes,
    opTravelCents: r.op_travel_cents,
    nonOpTravelCents: r.nonop_travel_cents,
    travelHalfDays: r.travel_half_days,
  };
}

export interface EffortDeps {
  db: Database;
  now: () => Date;
  timeZone: () => string;
}

export function createEffortService({ db, now, timeZone }: EffortDeps) {
  const budgetsOf = db.prepare<
    [string],
    { post: string; year: number; budget_cents: number; fte_hundredths: number; revision: number; updated_at: string }
  >('SELECT * FROM post_budget WHERE post = ? ORDER BY year DESC');
  const allBudgets = db.prepare<
    [number],
    { post: string; year: number; budget_cents: number; fte_hundredths: number; revision: number; updated_at: string }
  >('SELECT * FROM post_budget WHERE year = ?');
  const postName = db.prepare<[string], { post_name: string }>(
    'SELECT post_name FROM enrolled_key WHERE post_id = ? ORDER BY enrolled_at DESC, rowid DESC LIMIT 1',
  );
  const upsertBudget =
    db.prepare(`INSERT INTO post_budget (post, year, budget_cents, fte_hundredths, revision, updated_at)
    VALUES (@post, @year, @budgetCents, @fteHundredths, 1, @updatedAt)
    ON CONFLICT (post, year) DO UPDATE SET budget_cents = excluded.budget_cents,
      fte_hundredths = excluded.fte_hundredths, revision = post_budget.revision + 1, updated_at = excluded.updated_at
    WHERE (post_budget.budget_cents, post_budget.fte_hundredths) IS NOT (excluded.budget_cents, excluded.fte_hundredths)`);
  const deleteBudget = db.prepare("DELETE FROM post_budget WHERE post = '' AND year = ?");

  const toBudget = (r: {
    post: string;
    year: number;
    budget_cents: number;
    fte_hundredths: number;
    revision: number;
    updated_at: string;
  }): PostBudget => ({
    post: r.post,
    year: r.year,
    budgetCents: r.budget_cents,
    fteHundredths: r.fte_hundredths,
    revision: r.revision,
    updatedAt: r.updated_at,
  });

  function label(post: string): string {
    return post === '' ? '' : (postName.get(post)?.post_name ?? post);
  }

  /** This installation's budgets (post ''), or a post's at HQ, newest year first. */
  function budgets(post = ''): PostBudget[] {
    return budgetsOf.all(post).map(toBudget);
  }

  function saveBudget(input: z.input<typeof PostBudgetInput>): PostBudget[] {
    const b = PostBudgetInput.parse(input);
    upsertBudget.run({ post: '', ...b, updatedAt: now().toISOString() });
    return budgets();
  }

  function removeBudget(year: number): PostBudget[] {
    deleteBudget.run(year);
    return budgets();
  }

  /**
   * HQ: the budgets a post's export carried replace what HQ holds for those years, when newer (by revision).
   * Inside the import's transaction.
   */
  const importBudgetRow =
    db.prepare(`INSERT INTO post_budget (post, year, budget_cents, fte_hundredths, revision, updated_at)
    VALUES (@post, @year, @budgetCents, @fteHundredths, @revision, @updatedAt)
    ON CONFLICT (post, year) DO UPDATE SET budget_cents = excluded.budget_cents,
      fte_hundredths = excluded.fte_hundredths, revision = excluded.revision, updated_at = excluded.updated_at
    WHERE excluded.revision > post_budget.revision`);
  function importBudgets(post: string, rows: readonly PostBudget[]): number {
    let changed = 0;
    for (const r of rows) {
      changed += importBudgetRow.run({
        post,
        year: r.year,
        budgetCents: r.budgetCents,
        fteHundredths: r.fteHundredths,
        revision: r.revision,
        updatedAt: r.updatedAt,
      }).changes;
    }
    return changed;
  }

  const statements = new Map<string, ReturnType<Database['prepare']>>();
  function grouped(table: string, key: string, postFilter: boolean) {
    const sql = `/* efficiency: ${table} by ${key} */ SELECT ${key} AS key, ${SUM_SQL} FROM ${table}
      WHERE year = @year AND n > 0 ${postFilter ? 'AND post = @post' : ''} GROUP BY ${key} ORDER BY ${key}`;
    let s = statements.get(sql);
    if (!s) statements.set(sql, (s = db.prepare(sql)));
    return s;
  }

  /** The efficiency figures of a year, by post, country or phenomenon; and what each post cost against what it did. */
  function efficiency(input: z.output<typeof EfficiencyInput>): EfficiencyView {
    keepDashboardCurrent(db, timeZone());
    const year = String(input.year);
    const postFilter = input.post !== undefined;
    const params = postFilter ? { year, post: input.post } : { year };
    const table = input.by === 'post' ? 'effort_post' : input.by === 'country' ? 'effort_country' : 'effort_phenomenon';
    const rows = (grouped(table, input.by, postFilter).all(params) as SumRow[]).map((r): EfficiencyRow => {
      const sums = toSums(r);
      return { key: r.key, label: input.by === 'post' ? label(r.key) : r.key, sums, figures: efficiencyFigures(sums) };
    });
    // A record in two countries (or phenomena) counts in each: the total is the post table's, counted once.
    const total = toSums(
      (postFilter
        ? grouped('effort_post', "''", true).get(params)
        : grouped('effort_post', "''", false).get(params)) as SumRow | undefined,
    );
    const byPost = (grouped('effort_post', 'post', postFilter).all(params) as SumRow[]).map((r) => ({
      post: r.key,
      sums: toSums(r),
    }));
    const budgetRows = new Map(allBudgets.all(input.year).map((b) => [b.post, b]));
    const posts = new Set([...byPost.map((p) => p.post), ...budgetRows.keys()]);
    const postRows = [...posts]
      .filter((p) => !postFilter || p === input.post)
      .sort()
      .map((p) => {
        const b = budgetRows.get(p);
        return postCost(
          p,
          label(p),
          b ? { budgetCents: b.budget_cents, fteHundredths: b.fte_hundredths } : undefined,
          byPost.find((x) => x.post === p)?.sums ?? { ...ZERO_SUMS },
        );
      });
    return {
      year: input.year,
      by: input.by,
      rows,
      total: { key: '', label: '', sums: total, figures: efficiencyFigures(total) },
      posts: postRows,
    };
  }

  return { budgets, saveBudget, removeBudget, importBudgets, efficiency };
}

export type EffortService = ReturnType<typeof createEffortService>;

/**
 * The aggregates as they are and as a recount from the facts gives them (rows with n = 0 left out): equal when
 * the triggers kept them true. For the tests and `liaison-log` checks.
 */
export function effortAggregates(db: Database): {
  actual: Record<string, unknown[]>;
  recount: Record<string, unknown[]>;
} {
  const actual: Record<string, unknown[]> = {};
  const recount: Record<string, unknown[]> = {};
  for (const cube of EFFORT_CUBES) {
    const order = cube.keys.join(', ');
    actual[cube.table] = db.prepare(`SELECT * FROM ${cube.table} WHERE n <> 0 ORDER BY ${order}`).all();
    recount[cube.table] = db.prepare(`SELECT * FROM (${recountCube(cube)}) ORDER BY ${order}`).all();
  }
  return { actual, recount };
}

/** Recounts the aggregates from the facts (a database whose aggregates cannot be trusted). */
export function rebuildEffortAggregates(db: Database): void {
  db.transaction(() => {
    for (const cube of EFFORT_CUBES) {
      db.prepare(`DELETE FROM ${cube.table}`).run();
      const cols = db.prepare(`SELECT name FROM pragma_table_info('${cube.table}')`).pluck().all() as string[];
      db.prepare(
        `INSERT INTO ${cube.table} (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM (${recountCube(cube)})`,
      ).run();
    }
  })();
}
