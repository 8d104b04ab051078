import { z } from 'zod';
import { Id, optionalText, requiredText } from '../validation/primitives';
import { Notes, RecordMeta } from './common';

// People are personal data. They live in their own table and are left out of everything but a full export.

export const PersonInput = z.strictObject({
  name: requiredText(200),
  organisationId: Id.nullable().default(null),
  role: optionalText(200).default(''),
  email: z
    .string()
    .trim()
    .max(254)
    .refine((s) => s === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), {
      error: 'Enter a valid e-mail address.',
      params: { code: 'invalid_email' },
    })
    .default(''),
  phone: z
    .string()
    .trim()
    .max(50)
    .refine((s) => s === '' || /^[+()\d\s./-]{3,}$/.test(s), {
      error: 'Enter a valid phone number.',
      params: { code: 'invalid_phone' },
    })
    .default(''),
  notes: Notes,
});
export type PersonInput = z.input<typeof PersonInput>;

export const Person = z.strictObject({ ...RecordMeta, ...PersonInput.shape });
export type Person = z.output<typeof Person>;
