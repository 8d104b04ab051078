import { z } from 'zod';
import { TermCode } from '../records/common';
import { CountryCode, Id, requiredText } from '../validation/primitives';

// A post's yearly work plan (country programme, issue 14 item 3): planned activities per phenomenon and partner,
// operational and not, each carried out by engagements that name it ("carries out planned activity").
// Planned versus done by quarter, at the post and at HQ (work plans travel in the post's exports).

export const ACTIVITY_TYPES = ['operational', 'training', 'capacity_building', 'strategic_dialogue', 'other'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];
export const QUARTERS = [1, 2, 3, 4] as const;

export const WorkplanYear = z.number().int().min(2000).max(2100);

export const PlannedActivityInput = z.strictObject({
  year: WorkplanYear,
  title: requiredText(200),
  type: z.enum(ACTIVITY_TYPES),
  phenomenon: TermCode.nullable().default(null),
  partnerCountry: CountryCode.nullable().default(null),
  partnerOrganisationId: Id.nullable().default(null),
  /** The quarters it is planned in (at least one). */
  quarters: z
    .array(z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]))
    .min(1, { error: 'Choose at least one quarter.' })
    .max(4)
    .transform((qs) => [...new Set(qs)].sort()),
  /** How many times in the year (engagements that carry it out), spread over its quarters. */
  plannedCount: z.number().int().min(1).max(1000),
});
export type PlannedActivityInput = z.input<typeof PlannedActivityInput>;

export const PlannedActivity = z.strictObject({
  id: Id,
  revision: z.number().int().positive(),
  /** '' for this installation's own plan; at HQ, the post's code. */
  post: z.string(),
  ...PlannedActivityInput.shape,
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
});
export type PlannedActivity = z.output<typeof PlannedActivity>;

export const SaveActivityInput = z.strictObject({
  id: Id.optional(),
  /** The revision the edit was based on (required with an id). */
  revision: z.number().int().positive().optional(),
  fields: PlannedActivityInput,
});
export type SaveActivityInput = z.input<typeof SaveActivityInput>;

export const RemoveActivityInput = z.strictObject({ id: Id });

export const WorkplanQuery = z.strictObject({
  year: WorkplanYear,
  /** '' this installation's own plan; a post code (HQ). */
  post: z.string().max(64).default(''),
});
export type WorkplanQuery = z.input<typeof WorkplanQuery>;

const PerQuarter = z.tuple([z.number(), z.number(), z.number(), z.number()]);

export const ActivityProgress = z.strictObject({
  activity: PlannedActivity,
  planned: PerQuarter,
  done: PerQuarter,
  /** Time spent on the engagements that carried it out, in minutes. */
  minutes: z.number().int(),
});
export type ActivityProgress = z.output<typeof ActivityProgress>;

export const WorkplanView = z.strictObject({
  year: z.number().int(),
  post: z.string(),
  /** The posts that have a plan (HQ: every post whose exports carried one; a post: its own, ''). */
  posts: z.array(z.strictObject({ code: z.string(), name: z.string() })),
  activities: z.array(ActivityProgress),
  planned: PerQuarter,
  done: PerQuarter,
});
export type WorkplanView = z.output<typeof WorkplanView>;

/** An activity's planned count spread over its quarters: evenly, the remainder to the earliest ones. */
export function plannedByQuarter(plannedCount: number, quarters: readonly number[]): [number, number, number, number] {
  const out: [number, number, number, number] = [0, 0, 0, 0];
  const qs = [...new Set(quarters)].filter((q) => q >= 1 && q <= 4).sort();
  if (qs.length === 0) return out;
  const base = Math.floor(plannedCount / qs.length);
  let rest = plannedCount - base * qs.length;
  for (const q of qs) {
    out[q - 1] = base + (rest > 0 ? 1 : 0);
    if (rest > 0) rest -= 1;
  }
  return out;
}

/** Done counted against planned: an activity done more often than planned counts as its plan, not more. */
export function completion(planned: readonly number[], done: readonly number[]): number | null {
  const p = planned.reduce((a, b) => a + b, 0);
  if (p === 0) return null;
  const d = planned.reduce((a, pq, i) => a + Math.min(pq, done[i] ?? 0), 0);
  return d / p;
}
