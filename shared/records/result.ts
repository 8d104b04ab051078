import { z } from 'zod';
import { Id, optionalText, requiredText } from '../validation/primitives';
import { CalendarDate, IdList, Phenomena, RecordMeta } from './common';

export const RESULT_KINDS = [
  'arrest',
  'seizure',
  'assets_frozen',
  'hvt_identified',
  'joint_operation',
  'intelligence_package',
  'victim_safeguarded',
  'other',
] as const;
export const QUANTITY_UNITS = ['kg', 'g', 'l', 'pieces', 'eur'] as const;

/** An operational result, linked to what led to it: engagements, requests, a case. */
export const OperationalResultInput = z
  .strictObject({
    kind: z.enum(RESULT_KINDS),
    achievedOn: CalendarDate,
    description: requiredText(1000),
    /** How many: arrests made, victims safeguarded, targets identified. */
    count: z.number().int().min(1).max(100_000).nullable().default(null),
    substance: optionalText(100).default(''),
    quantity: z.number().positive().max(1e12).nullable().default(null),
    unit: z.enum(QUANTITY_UNITS).nullable().default(null),
    phenomena: Phenomena,
    engagementIds: IdList,
    requestIds: IdList,
    caseId: Id.nullable().default(null),
  })
  .superRefine((r, ctx) => {
    if (r.quantity !== null && r.unit === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['unit'],
        message: 'Choose the unit of the quantity.',
        params: { code: 'unit_required' },
      });
    }
    if (r.kind === 'seizure' && r.substance === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['substance'],
        message: 'Name what was seized.',
        params: { code: 'required' },
      });
    }
  });
export type OperationalResultInput = z.input<typeof OperationalResultInput>;

export const OperationalResult = z.strictObject({ ...RecordMeta, ...OperationalResultInput.shape });
export type OperationalResult = z.output<typeof OperationalResult>;
