import { z } from 'zod';
import { requiredText } from '../validation/primitives';
import { Notes, Phenomena, RecordMeta } from './common';

export const CASE_STATUSES = ['active', 'closed'] as const;

/** A case or operation that engagements, requests and results can be linked to. */
export const CaseInput = z.strictObject({
  reference: requiredText(100),
  name: requiredText(200),
  phenomena: Phenomena,
  status: z.enum(CASE_STATUSES).default('active'),
  notes: Notes,
});
export type CaseInput = z.input<typeof CaseInput>;

export const Case = z.strictObject({ ...RecordMeta, ...CaseInput.shape });
export type Case = z.output<typeof Case>;
