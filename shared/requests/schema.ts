import { z } from 'zod';
import { CHANNEL_CODES } from '../taxonomy/channels';
import { ACCESSIBILITIES, URGENCIES } from '../deadlines/directive';
import { Notes, Phenomena } from '../records/common';
import { RecordOrigin } from '../records/origin';
import { CountryCode, Id, Instant, optionalText, requiredText } from '../validation/primitives';
import { EFFORT_FIELDS } from '../effort/time-spent';
import { NON_SIENA_REASONS, REFUSAL_GROUNDS, URGENCY_GROUNDS } from './directive-codes';

// The information request: one exchange with a partner, incoming (a partner asks us) or outgoing (we ask).
// One schema gives both the TypeScript type and the runtime validation on every side of the contract.

export const REQUEST_DIRECTIONS = ['incoming', 'outgoing'] as const;
export const REQUEST_STATUSES = ['open', 'answered', 'refused', 'withdrawn'] as const;

export const RequestDirection = z.enum(REQUEST_DIRECTIONS);
export const RequestStatus = z.enum(REQUEST_STATUSES);
export const Channel = z.enum(CHANNEL_CODES);

export const LIMITS = { agency: 200, subject: 300, reference: 100, note: 2000 } as const;

/**
 * What the officer fills in. `exchangedAt` is "received at" for incoming and "sent at" for outgoing.
 * Fields added after the first release have defaults, so older callers and older exports stay valid.
 */
export const InformationRequestInput = z
  .strictObject({
    direction: RequestDirection,
    counterpartCountry: CountryCode,
    counterpartAgency: requiredText(LIMITS.agency),
    channel: Channel,
    exchangedAt: Instant,
    subject: requiredText(LIMITS.subject),
    status: RequestStatus,
    urgency: z.enum(URGENCIES).default('non_urgent'),
    urgencyGround: z.enum(URGENCY_GROUNDS).nullable().default(null),
    accessibility: z.enum(ACCESSIBILITIES).default('direct'),
    nonSienaReason: z.enum(NON_SIENA_REASONS).nullable().default(null),
    nonSienaReasonText: optionalText(LIMITS.note).default(''),
    answeredAt: Instant.nullable().default(null),
    refusalGround: z.enum(REFUSAL_GROUNDS).nullable().default(null),
    judicialDeviation: z.boolean().default(false),
    deviationNote: optionalText(LIMITS.note).default(''),
    spocCopied: z.boolean().default(false),
    spocExemption: optionalText(LIMITS.note).default(''),
    europolCopied: z.boolean().default(false),
    phenomena: Phenomena,
    caseId: Id.nullable().default(null),
    caseReference: optionalText(LIMITS.reference).default(''),
    notes: Notes,
    // Effort and cost (issue 14, item 2): optional time spent, travel days and cost (shared/effort/).
    ...EFFORT_FIELDS,
  })
  .superRefine((r, ctx) => {
    const problem = (path: string, code: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message, params: { code } });
    if (r.urgency === 'urgent' && r.urgencyGround === null) {
      problem('urgencyGround', 'required', 'Say why the request is urgent.');
    }
    if (r.status === 'refused' && r.refusalGround === null) {
      problem('refusalGround', 'required', 'Choose the refusal ground (Art. 6).');
    }
    if (r.status === 'answered' && r.answeredAt === null) {
      problem('answeredAt', 'required', 'Enter when the request was answered.');
    }
    if (r.answeredAt !== null && Date.parse(r.answeredAt) < Date.parse(r.exchangedAt)) {
      problem('answeredAt', 'before_exchange', 'The answer cannot come before the request.');
    }
    if (r.nonSienaReason === 'other' && r.nonSienaReasonText === '') {
      problem('nonSienaReasonText', 'required', 'Describe the reason.');
    }
  });
export type InformationRequestInput = z.input<typeof InformationRequestInput>;
export type InformationRequestFields = z.output<typeof InformationRequestInput>;

export const InformationRequest = z.strictObject({
  id: Id,
  revision: z.number().int().positive(),
  ...InformationRequestInput.shape,
  /** Computed by the backend from the Directive's time limits; null where the Directive does not apply. */
  dueAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
  /** Null for this installation's own requests; the post and import for one HQ imported (read-only at HQ). */
  origin: RecordOrigin.nullable(),
});
export type InformationRequest = z.output<typeof InformationRequest>;

export const CreateRequestInput = InformationRequestInput;

/** An edit names the revision it was based on, so a stale form cannot silently overwrite a newer save. */
export const UpdateRequestInput = z.strictObject({
  id: Id,
  revision: z.number().int().positive(),
  fields: InformationRequestInput,
});
export type UpdateRequestInput = z.input<typeof UpdateRequestInput>;

export const GetRequestInput = z.strictObject({ id: Id });

export const ListRequestsInput = z.strictObject({
  limit: z.number().int().min(1).max(1000).default(200),
  offset: z.number().int().min(0).default(0),
});
export type ListRequestsInput = z.input<typeof ListRequestsInput>;

export const RequestPage = z.strictObject({
  total: z.number().int().min(0),
  items: z.array(InformationRequest),
});
export type RequestPage = z.output<typeof RequestPage>;
