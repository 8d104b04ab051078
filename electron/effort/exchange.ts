import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { BundleProgramme } from '../../shared/effort/bundle';
import type { ExportLevel } from '../../shared/exchange/formats';
import { createEffortService } from './service';
import { createWorkplanService } from '../workplan/service';

// The programme part of a post's export (budgets, work plans) and HQ's merge of it: docs/export-format.md,
// "Programme". Called by electron/exchange/export.ts and import.ts inside their transactions.

/** The row without its `post` (the bundle says which post it is from). */
function withoutPost<T extends { post: string }>(row: T): Omit<T, 'post'> {
  const out: Partial<T> = { ...row };
  delete out.post;
  return out as Omit<T, 'post'>;
}

/** A post's programme for its export, or nothing when it has neither budgets nor a plan. */
export function programmeForExport(db: Database, level: ExportLevel, now: () => Date): BundleProgramme | undefined {
  const deps = { db, now, timeZone: () => 'UTC' };
  const budgets = createEffortService(deps)
    .budgets()
    .map((b) => withoutPost(b));
  const activities =
    level === 'aggregate'
      ? []
      : createWorkplanService(deps)
          .exportable()
          .map((a) => withoutPost(a));
  if (budgets.length === 0 && activities.length === 0) return undefined;
  return level === 'aggregate' ? { budgets } : { budgets, activities };
}

/** HQ: a post's programme from its bundle, newest revision of each year's budget and each activity winning. */
export function importProgramme(db: Database, postId: string, programme: BundleProgramme, now: () => Date): void {
  const deps = { db, now, timeZone: () => 'UTC' };
  createEffortService(deps).importBudgets(
    postId,
    programme.budgets.map((b) => ({ ...b, post: postId })),
  );
  createWorkplanService(deps).importActivities(
    postId,
    (programme.activities ?? []).map((a) => ({ ...a, post: postId })),
  );
}
