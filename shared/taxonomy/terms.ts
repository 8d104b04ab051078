import { z } from 'zod';
import { TermCode } from '../records/common';
import { requiredText } from '../validation/primitives';

// Editable taxonomies. Defaults ship as seed data; officers and HQ may add, relabel and retire terms.
// A retired term stays on the records that used it (history is never rewritten) but is not offered anew.

export const TAXONOMIES = ['phenomenon', 'organisation_type'] as const;
export type Taxonomy = (typeof TAXONOMIES)[number];

export const Term = z.strictObject({
  taxonomy: z.enum(TAXONOMIES),
  code: TermCode,
  labelEn: requiredText(120),
  labelNl: requiredText(120),
  /** Groups a term under another of the same taxonomy (e.g. cocaine under drugs). */
  parentCode: TermCode.nullable().default(null),
  /** UNODC ICCS code, for comparability; left empty until verified. */
  iccs: z
    .string()
    .trim()
    .regex(/^(\d{2}(\d{2}(\d{1,2})?)?)?$/, { error: 'An ICCS code is 2, 4, 5 or 6 digits.' })
    .default(''),
  retiredAt: z.string().nullable().default(null),
});
export type Term = z.output<typeof Term>;

export const SaveTermInput = Term.omit({ retiredAt: true });
export const RetireTermInput = z.strictObject({ taxonomy: z.enum(TAXONOMIES), code: TermCode, retired: z.boolean() });
export const ListTermsInput = z.strictObject({ taxonomy: z.enum(TAXONOMIES) });
