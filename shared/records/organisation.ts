import { z } from 'zod';
import { CountryCode, requiredText } from '../validation/primitives';
import { Notes, RecordMeta, TermCode } from './common';

/** A partner organisation: police, customs, prosecution, Europol, another country's LO... */
export const OrganisationInput = z.strictObject({
  name: requiredText(200),
  country: CountryCode,
  type: TermCode,
  notes: Notes,
});
export type OrganisationInput = z.input<typeof OrganisationInput>;

export const Organisation = z.strictObject({
  ...RecordMeta,
  ...OrganisationInput.shape,
  /** Derived: the most recent engagement with this organisation. */
  lastContactAt: z.string().nullable(),
});
export type Organisation = z.output<typeof Organisation>;
