import {
  InformationRequestInput,
  type InformationRequest,
  type InformationRequestInput as Input,
} from '../../../../shared/requests/schema';
import type { FieldProblem } from '../../../../shared/contract/result';
import { fieldProblems } from '../../../../shared/validation/field-problems';

// What the form holds: exactly what the officer typed, as strings, so nothing is lost when a value is
// invalid. Conversion to the contract's types happens only on submit.

export interface RequestFormValues {
  direction: string;
  counterpartCountry: string;
  counterpartAgency: string;
  channel: string;
  /** `YYYY-MM-DDTHH:mm` in the laptop's local time, as a datetime-local input gives it. */
  exchangedAt: string;
  subject: string;
  status: string;
}

export type FormErrors = Partial<Record<keyof RequestFormValues | '_', FieldProblem>>;

export function emptyForm(now: Date, lastCountry = ''): RequestFormValues {
  return {
    direction: 'incoming',
    counterpartCountry: lastCountry,
    counterpartAgency: '',
    channel: 'siena',
    exchangedAt: toLocalInput(now.toISOString()),
    subject: '',
    status: 'open',
  };
}

export function formFromRequest(r: InformationRequest): RequestFormValues {
  return {
    direction: r.direction,
    counterpartCountry: r.counterpartCountry,
    counterpartAgency: r.counterpartAgency,
    channel: r.channel,
    exchangedAt: toLocalInput(r.exchangedAt),
    subject: r.subject,
    status: r.status,
  };
}

/** Checks the form with the same schema the backend uses; returns the payload or the field problems. */
export function toPayload(values: RequestFormValues): { ok: true; payload: Input } | { ok: false; errors: FormErrors } {
  const candidate = { ...values, exchangedAt: fromLocalInput(values.exchangedAt) };
  const parsed = InformationRequestInput.safeParse(candidate);
  if (parsed.success) return { ok: true, payload: candidate as Input };
  return { ok: false, errors: fieldProblems(parsed.error) as FormErrors };
}

export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Local wall-clock time to an ISO instant; anything unparseable is passed on so validation names it. */
export function fromLocalInput(local: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return local;
  const d = new Date(local); // no zone designator: the browser reads it as local time
  return Number.isNaN(d.getTime()) ? local : d.toISOString();
}
