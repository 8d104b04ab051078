import { z } from 'zod';
import { PlannedActivity } from '../workplan/schema';
import { PostBudget } from './schema';

// What a post's export carries of its country programme (issue 14, items 2 and 3; docs/export-format.md,
// "Programme"): its budgets and staffing per year (at every level: figures only), and its work plans' activities
// (at the record levels, like engagement subjects), removed ones included so that HQ removes them too.

export const MAX_BUNDLE_BUDGETS = 200;
export const MAX_BUNDLE_ACTIVITIES = 5000;

export const BundleProgramme = z.strictObject({
  budgets: z.array(PostBudget.omit({ post: true })).max(MAX_BUNDLE_BUDGETS),
  activities: z
    .array(PlannedActivity.omit({ post: true }))
    .max(MAX_BUNDLE_ACTIVITIES)
    .optional(),
});
export type BundleProgramme = z.output<typeof BundleProgramme>;
