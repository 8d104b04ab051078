import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import type { FieldProblem } from '../../shared/contract/result';

// "Carries out planned activity" on an engagement (issue 14, item 3): the id must be an activity of this
// installation's own work plan that is still in it. Checked by the record store when an officer saves an
// engagement (electron/records/store.ts, checkReferences); an import from a post is not checked here (the
// post's activities arrive with it, in the same bundle).

/** The stable codes of a refused link, translated in `common:error` (English and Dutch). */
export const ACTIVITY_LINK_PROBLEMS = {
  unknown_activity: 'There is no such planned activity in the work plan.',
  activity_removed: 'This planned activity was removed from the work plan. Choose another one, or none.',
  activity_of_other_post: 'This planned activity is in another post’s work plan, not in this one’s.',
} as const;
export type ActivityLinkProblem = keyof typeof ACTIVITY_LINK_PROBLEMS;

/**
 * A checker of the engagement's `plannedActivityId`: the problem with it, or undefined when it is fine (none, or
 * an activity of this installation's plan that is not removed). On an edit, the link the engagement already had
 * stays valid even if its activity has since been removed (as links to records in the trash do): the officer can
 * correct a typo without unlinking history.
 */
export function plannedActivityCheck(db: Database): (fields: unknown, previous?: unknown) => FieldProblem | undefined {
  // Prepared at the first link checked: a store may be made on a database not yet at migration 015 (tests).
  let activity: Statement<[string], { post: string; deleted_at: string | null }> | undefined;
  return (fields, previous) => {
    const id = linkOf(fields);
    if (id === null || id === linkOf(previous)) return undefined;
    activity ??= db.prepare('SELECT post, deleted_at FROM workplan_activity WHERE id = ?');
    const row = activity.get(id);
    const code: ActivityLinkProblem | undefined = !row
      ? 'unknown_activity'
      : row.deleted_at !== null
        ? 'activity_removed'
        : row.post !== ''
          ? 'activity_of_other_post'
          : undefined;
    return code && { code, message: ACTIVITY_LINK_PROBLEMS[code] };
  };
}

function linkOf(fields: unknown): string | null {
  const id = (fields as { plannedActivityId?: unknown } | undefined)?.plannedActivityId;
  return typeof id === 'string' && id !== '' ? id : null;
}
