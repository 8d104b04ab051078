import { z } from 'zod';
import { CHANNEL_CODES } from '../taxonomy/channels';
import { CountryCode, Id, Instant, requiredText } from '../validation/primitives';

// The information request: one exchange with a partner, incoming (a partner asks us) or outgoing (we ask).
// One schema gives both the TypeScript type and the runtime validation on every side of the contract.

export const REQUEST_DIRECTIONS = ['incoming', 'outgoing'] as const;
export const REQUEST_STATUSES = ['open', 'answered', 'refused', 'withdrawn'] as const;

export const RequestDirection = z.enum(REQUEST_DIRECTIONS);
export const RequestStatus = z.enum(REQUEST_STATUSES);
export const Channel = z.enum(CHANNEL_CODES);

export const LIMITS = { agency: 200, subject: 300 } as const;

/** What the officer fills in. `exchangedAt` is "received at" for incoming and "sent at" for outgoing. */
export const InformationRequestInput = z.strictObject({
  direction: RequestDirection,
  counterpartCountry: CountryCode,
  counterpartAgency: requiredText(LIMITS.agency),
  channel: Channel,
  exchangedAt: Instant,
  subject: requiredText(LIMITS.subject),
  status: RequestStatus,
});
export type InformationRequestInput = z.input<typeof InformationRequestInput>;
export type InformationRequestFields = z.output<typeof InformationRequestInput>;

export const InformationRequest = z.strictObject({
  id: Id,
  revision: z.number().int().positive(),
  ...InformationRequestInput.shape,
  createdAt: z.string(),
  updatedAt: z.string(),
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
