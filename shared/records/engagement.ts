import { z } from 'zod';
import { Id, Instant, requiredText } from '../validation/primitives';
import { CalendarDate, IdList, Notes, Phenomena, RecordMeta } from './common';
import { EFFORT_FIELDS } from '../effort/time-spent';

export const ENGAGEMENT_KINDS = ['meeting', 'call', 'message', 'visit', 'training', 'conference', 'other'] as const;
/** Operational, or one of the non-operational purposes named by the policy evaluation. */
export const ENGAGEMENT_PURPOSES = ['operational', 'relationship', 'capacity_building', 'strategic'] as const;

export function isOperational(purpose: (typeof ENGAGEMENT_PURPOSES)[number]): boolean {
  return purpose === 'operational';
}

/** A contact with partners: a meeting, a call, a visit, a training... */
export const EngagementInput = z.strictObject({
  occurredAt: Instant,
  kind: z.enum(ENGAGEMENT_KINDS),
  subject: requiredText(300),
  purpose: z.enum(ENGAGEMENT_PURPOSES),
  organisationIds: IdList,
  personIds: IdList,
  phenomena: Phenomena,
  caseId: Id.nullable().default(null),
  notes: Notes,
  followUpOn: CalendarDate.nullable().default(null),
  followUpDone: z.boolean().default(false),
  // Effort and cost (issue 14, item 2): optional, stored as integers (minutes, half days... see shared/effort/).
  ...EFFORT_FIELDS,
  /** The planned activity of the post's work plan this engagement carries out (issue 14, item 3). */
  plannedActivityId: Id.nullable().optional(),
});
export type EngagementInput = z.input<typeof EngagementInput>;

export const Engagement = z.strictObject({ ...RecordMeta, ...EngagementInput.shape });
export type Engagement = z.output<typeof Engagement>;
