import type { z } from 'zod';
import { directiveApplies, dueAt } from '../../shared/deadlines/directive';
import type { CaseInput } from '../../shared/records/case';
import type { EngagementInput } from '../../shared/records/engagement';
import type { RecordKind } from '../../shared/records/kinds';
import type { OrganisationInput } from '../../shared/records/organisation';
import type { PersonInput } from '../../shared/records/person';
import type { OperationalResultInput } from '../../shared/records/result';
import type { InformationRequestFields } from '../../shared/requests/schema';

// How each kind of record maps onto the shared `record` table: the facets lists filter and sort on,
// the links to other records, and the text the search index holds. Nothing else is kind-specific.

export interface Facets {
  title: string;
  occurredAt: string | null;
  country: string | null;
  channel: string | null;
  status: string | null;
  direction: string | null;
  dueAt: string | null;
}

export interface Link {
  /** What the target is to this record: `organisation`, `person`, `case`, `engagement`, `request`. */
  role: RecordKind;
  toId: string;
}

export interface FacetContext {
  timeZone: string;
  homeCountry: string;
}

export interface KindSpec<F> {
  facets(fields: F, ctx: FacetContext): Facets;
  links(fields: F): Link[];
  phenomena(fields: F): string[];
  /** Searchable text besides the title. People's details are indexed only on their own record. */
  body(fields: F): string;
  /** Fields derived from facets and returned with the record (not stored in `data`). */
  derived?: readonly string[];
}

const none = { country: null, channel: null, status: null, direction: null, dueAt: null };
const many = (role: RecordKind, ids: readonly string[]): Link[] => ids.map((toId) => ({ role, toId }));
const one = (role: RecordKind, id: string | null): Link[] => (id ? [{ role, toId: id }] : []);

type Organisation = z.output<typeof OrganisationInput>;
type Person = z.output<typeof PersonInput>;
type Engagement = z.output<typeof EngagementInput>;
type Result = z.output<typeof OperationalResultInput>;
type Case = z.output<typeof CaseInput>;

export const KIND_SPECS = {
  organisation: {
    facets: (f: Organisation) => ({ ...none, title: f.name, occurredAt: null, country: f.country, status: f.type }),
    links: () => [],
    phenomena: () => [],
    body: (f: Organisation) => f.notes,
  } satisfies KindSpec<Organisation>,
  person: {
    facets: (f: Person) => ({ ...none, title: f.name, occurredAt: null }),
    links: (f: Person) => one('organisation', f.organisationId),
    phenomena: () => [],
    body: (f: Person) => [f.role, f.email, f.notes].join(' '),
  } satisfies KindSpec<Person>,
  engagement: {
    facets: (f: Engagement) => ({
      ...none,
      title: f.subject,
      occurredAt: f.occurredAt,
      status: f.purpose,
      direction: f.kind,
      dueAt: f.followUpOn && !f.followUpDone ? f.followUpOn : null,
    }),
    links: (f: Engagement) => [
      ...many('organisation', f.organisationIds),
      ...many('person', f.personIds),
      ...one('case', f.caseId),
    ],
    phenomena: (f: Engagement) => f.phenomena,
    body: (f: Engagement) => f.notes,
  } satisfies KindSpec<Engagement>,
  request: {
    facets: (f: InformationRequestFields, ctx: FacetContext) => ({
      title: f.subject,
      occurredAt: f.exchangedAt,
      country: f.counterpartCountry,
      channel: f.channel,
      status: f.status,
      direction: f.direction,
      dueAt: requestDueAt(f, ctx),
    }),
    links: (f: InformationRequestFields) => one('case', f.caseId),
    phenomena: (f: InformationRequestFields) => f.phenomena,
    body: (f: InformationRequestFields) => [f.counterpartAgency, f.caseReference, f.notes].join(' '),
    derived: ['dueAt'],
  } satisfies KindSpec<InformationRequestFields>,
  result: {
    facets: (f: Result) => ({ ...none, title: f.description.slice(0, 200), occurredAt: f.achievedOn, status: f.kind }),
    links: (f: Result) => [
      ...many('engagement', f.engagementIds),
      ...many('request', f.requestIds),
      ...one('case', f.caseId),
    ],
    phenomena: (f: Result) => f.phenomena,
    body: (f: Result) => [f.description, f.substance].join(' '),
  } satisfies KindSpec<Result>,
  case: {
    facets: (f: Case) => ({ ...none, title: `${f.reference} ${f.name}`, occurredAt: null, status: f.status }),
    links: () => [],
    phenomena: (f: Case) => f.phenomena,
    body: (f: Case) => f.notes,
  } satisfies KindSpec<Case>,
} as const;

/**
 * The Directive deadline of an incoming request (what we owe), or the deadline the partner owes us for an
 * outgoing one; none where the Directive does not apply.
 */
export function requestDueAt(f: InformationRequestFields, ctx: FacetContext): string | null {
  if (
    !directiveApplies({ counterpartCountry: f.counterpartCountry, channel: f.channel, homeCountry: ctx.homeCountry })
  ) {
    return null;
  }
  return dueAt(f.exchangedAt, f.urgency, f.accessibility, ctx.timeZone);
}

export type KindFields = {
  organisation: Organisation;
  person: Person;
  engagement: Engagement;
  request: InformationRequestFields;
  result: Result;
  case: Case;
};
