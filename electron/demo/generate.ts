import { CaseInput } from '../../shared/records/case';
import { EngagementInput, ENGAGEMENT_KINDS, ENGAGEMENT_PURPOSES } from '../../shared/records/engagement';
import { OrganisationInput } from '../../shared/records/organisation';
import { PersonInput } from '../../shared/records/person';
import { OperationalResultInput, RESULT_KINDS } from '../../shared/records/result';
import { REFUSAL_GROUNDS, URGENCY_GROUNDS } from '../../shared/requests/directive-codes';
import { InformationRequestInput } from '../../shared/requests/schema';
import type { RecordKind } from '../../shared/records/kinds';
import { inDashboardBatch } from '../reports/dashboard-batch';
import type { Database } from '../db/open';
import { seededRandom } from './random';

// Realistic, deterministic sample data for trying the app and for benchmarks. Every record goes through
// the same schemas and the same store as the officer's own entries.

const PARTNERS: Record<string, readonly string[]> = {
  DE: ['Bundeskriminalamt', 'Landeskriminalamt NRW', 'Zoll'],
  BE: ['Federale Gerechtelijke Politie', 'Douane en Accijnzen'],
  FR: ['Police judiciaire', 'OFAST', 'Gendarmerie nationale'],
  ES: ['Policía Nacional', 'Guardia Civil'],
  IT: ['Direzione Centrale Servizi Antidroga', 'Guardia di Finanza'],
  PL: ['Centralne Biuro Śledcze Policji'],
  CO: ['Policía Nacional de Colombia', 'Fiscalía General de la Nación', 'DIJIN'],
  EC: ['Policía Nacional del Ecuador', 'SENAE Aduana'],
  BR: ['Polícia Federal', 'Receita Federal'],
  MA: ['Direction Générale de la Sûreté Nationale'],
  TR: ['Emniyet Genel Müdürlüğü', 'Jandarma'],
  AE: ['Dubai Police', 'Abu Dhabi Police'],
  GB: ['National Crime Agency', 'Border Force'],
  US: ['DEA', 'Homeland Security Investigations', 'FBI'],
};
const COUNTRIES = Object.keys(PARTNERS);
const TYPES = ['police', 'police', 'customs', 'prosecution', 'ministry', 'foreign_lo'] as const;
const PHENOMENA = [
  'cocaine',
  'cocaine',
  'money_laundering',
  'migrant_smuggling',
  'thb',
  'cyber_attacks',
  'online_fraud',
  'synthetic_drugs',
  'firearms',
  'hvt',
  'document_fraud',
  'vat_fraud',
] as const;
const FIRST = ['Ana', 'Carlos', 'Jan', 'Marie', 'Luca', 'Sofia', 'Pieter', 'Ahmed', 'Elif', 'John', 'Katarzyna'];
const LAST = ['García', 'Müller', 'de Vries', 'Rossi', 'Dubois', 'Kowalski', 'Yilmaz', 'Silva', 'Smith'];
const TOPICS = [
  'container shipment',
  'money mule network',
  'suspect location',
  'vessel tracking',
  'phone subscriber',
  'company register',
  'bank accounts',
  'travel movements',
  'fingerprint match',
  'crypto wallet',
  'vehicle registration',
];
const CHANNELS_EU = ['siena', 'siena', 'siena', 'siena', 'bilateral', 'interpol'] as const;
const CHANNELS_OTHER = ['interpol', 'bilateral', 'bilateral', 'mla_eio', 'other'] as const;

/**
 * Where demo records go: the record store (this installation's own records, `store.create`), or anything
 * that takes the same call, such as HQ's import of a post's records (see posts.ts).
 */
export interface DemoSink {
  create(kind: RecordKind, fields: unknown, id: string): unknown;
  /** The record store's bulk path (inside the demo's one transaction): used instead of `create` if present. */
  insertInTransaction?(kind: RecordKind, fields: unknown, id: string): void;
}

export interface DemoOptions {
  records: number;
  seed: number;
  /** The last day demo activity may fall on; activity spreads over the 18 months before it. */
  until: Date;
}

export type DemoSummary = Record<'organisations' | 'people' | 'cases' | 'engagements' | 'requests' | 'results', number>;

const EU = new Set(['DE', 'BE', 'FR', 'ES', 'IT', 'PL']);
const SEIZED_PHENOMENON = {
  cocaine: 'cocaine',
  cannabis: 'cannabis',
  MDMA: 'synthetic_drugs',
  firearms: 'firearms',
} as const;
const RESULT_TEXT: Record<(typeof RESULT_KINDS)[number], string> = {
  arrest: 'Arrests after a joint action day',
  seizure: 'Seizure',
  assets_frozen: 'Bank accounts frozen at our request',
  hvt_identified: 'High value target identified with partner intelligence',
  joint_operation: 'Joint operation started with the partner service',
  intelligence_package: 'Intelligence package shared with the partner',
  victim_safeguarded: 'Victims safeguarded after information exchange',
  other: 'Other result of the cooperation',
};

export function generateDemo(db: Database, sink: DemoSink, options: DemoOptions): DemoSummary {
  const store = { create: sink.insertInTransaction?.bind(sink) ?? sink.create.bind(sink) };
  const rnd = seededRandom(options.seed);
  const n = Math.max(0, Math.floor(options.records));
  const counts = {
    organisations: Math.max(1, Math.round(n * 0.03)),
    people: Math.round(n * 0.04),
    cases: Math.round(n * 0.02),
    results: Math.round(n * 0.1),
    engagements: 0,
    requests: 0,
  };
  const rest = Math.max(0, n - counts.organisations - counts.people - counts.cases - counts.results);
  counts.engagements = Math.floor(rest / 2);
  counts.requests = rest - counts.engagements;

  const span = 548 * 86_400_000;
  const end = options.until.getTime();
  const moment = () => new Date(end - Math.floor(rnd.next() * span)).toISOString();
  const day = () => moment().slice(0, 10);
  const phenomena = () =>
    rnd.chance(0.85) ? [rnd.pick(PHENOMENA)] : [...new Set([rnd.pick(PHENOMENA), rnd.pick(PHENOMENA)])];
  const unique = <T>(xs: T[]) => [...new Set(xs)];
  const followUp = (at: number) => {
    if (!rnd.chance(0.15)) return { followUpOn: null, followUpDone: false };
    const on = new Date(at + rnd.int(2, 21) * 86_400_000).toISOString().slice(0, 10);
    return { followUpOn: on, followUpDone: end - at > 30 * 86_400_000 ? rnd.chance(0.95) : false };
  };

  const orgs: { id: string; country: string }[] = [];
  const people: string[] = [];
  const cases: string[] = [];
  const engagements: string[] = [];
  const requests: string[] = [];

  // One batch: the dashboards' aggregates are settled every few thousand records, not per row.
  inDashboardBatch(db, () => {
    for (let i = 0; i < counts.organisations; i++) {
      const country = rnd.pick(COUNTRIES);
      const name = `${rnd.pick(PARTNERS[country] ?? ['Police'])}${i >= COUNTRIES.length * 2 ? ` (${i})` : ''}`;
      const id = rnd.uuid();
      store.create('organisation', OrganisationInput.parse({ name, country, type: rnd.pick(TYPES) }), id);
      orgs.push({ id, country });
    }
    for (let i = 0; i < counts.people; i++) {
      const org = rnd.pick(orgs);
      const name = `${rnd.pick(FIRST)} ${rnd.pick(LAST)}`;
      const id = rnd.uuid();
      const fields = PersonInput.parse({
        name,
        organisationId: org.id,
        role: rnd.pick(['Liaison officer', 'Investigator', 'Head of unit', 'Prosecutor', 'Analyst']),
        email: `${name
          .normalize('NFD')
          .replace(/\p{M}/gu, '')
          .toLowerCase()
          .replace(/[^a-z]+/g, '.')}@example.org`,
      });
      store.create('person', fields, id);
      people.push(id);
    }
    for (let i = 0; i < counts.cases; i++) {
      const id = rnd.uuid();
      const ph = phenomena();
      store.create(
        'case',
        CaseInput.parse({
          reference: `OP-${2025 + (i % 2)}-${String(i + 1).padStart(4, '0')}`,
          name: `Operation ${rnd.pick(['Atlas', 'Breeze', 'Condor', 'Delta', 'Emerald', 'Falcon', 'Granite'])} ${i + 1}`,
          phenomena: ph,
          status: rnd.chance(0.7) ? 'active' : 'closed',
        }),
        id,
      );
      cases.push(id);
    }
    for (let i = 0; i < counts.engagements; i++) {
      const id = rnd.uuid();
      const org = rnd.pick(orgs);
      const occurredAt = moment();
      const purpose = rnd.pick(ENGAGEMENT_PURPOSES);
      store.create(
        'engagement',
        EngagementInput.parse({
          occurredAt,
          kind: rnd.pick(ENGAGEMENT_KINDS),
          subject: `${purpose === 'operational' ? 'Operational meeting' : 'Working contact'} on ${rnd.pick(TOPICS)}`,
          purpose,
          organisationIds: [org.id],
          personIds: people.length && rnd.chance(0.5) ? [rnd.pick(people)] : [],
          phenomena: phenomena(),
          caseId: cases.length && rnd.chance(0.3) ? rnd.pick(cases) : null,
          // Follow-ups a few days after the contact; most of the older ones are done.
          ...followUp(Date.parse(occurredAt)),
        }),
        id,
      );
      engagements.push(id);
    }
    for (let i = 0; i < counts.requests; i++) {
      const id = rnd.uuid();
      const country = rnd.pick(COUNTRIES);
      const eu = EU.has(country);
      const channel = eu ? rnd.pick(CHANNELS_EU) : rnd.pick(CHANNELS_OTHER);
      const exchangedAt = moment();
      const urgent = rnd.chance(0.15);
      // Old requests are settled; the last few weeks hold the open ones, as at a real post.
      const recent = end - Date.parse(exchangedAt) < 21 * 86_400_000;
      const status = recent
        ? rnd.pick(['open', 'open', 'answered'] as const)
        : rnd.pick([
            'answered',
            'answered',
            'answered',
            'answered',
            'answered',
            'refused',
            'withdrawn',
            'open',
          ] as const);
      const answeredAt =
        status === 'answered' || status === 'refused'
          ? new Date(Date.parse(exchangedAt) + rnd.int(1, 240) * 3_600_000).toISOString()
          : null;
      store.create(
        'request',
        InformationRequestInput.parse({
          direction: rnd.chance(0.55) ? 'incoming' : 'outgoing',
          counterpartCountry: country,
          counterpartAgency: rnd.pick(PARTNERS[country] ?? ['Police']),
          channel,
          exchangedAt,
          subject: `Request for ${rnd.pick(TOPICS)}`,
          status,
          urgency: urgent ? 'urgent' : 'non_urgent',
          urgencyGround: urgent ? rnd.pick(URGENCY_GROUNDS) : null,
          accessibility: rnd.chance(0.6) ? 'direct' : 'indirect',
          nonSienaReason: eu && channel !== 'siena' ? rnd.pick(['urgency', 'third_party', 'incident'] as const) : null,
          answeredAt,
          refusalGround: status === 'refused' ? rnd.pick(REFUSAL_GROUNDS) : null,
          judicialDeviation: rnd.chance(0.02),
          spocCopied: channel === 'bilateral' && eu,
          phenomena: phenomena(),
          caseId: cases.length && rnd.chance(0.3) ? rnd.pick(cases) : null,
        }),
        id,
      );
      requests.push(id);
    }
    for (let i = 0; i < counts.results; i++) {
      const kind = rnd.pick(RESULT_KINDS);
      const seizure = kind === 'seizure';
      const substance = seizure ? rnd.pick(['cocaine', 'cannabis', 'MDMA', 'firearms'] as const) : '';
      store.create(
        'result',
        OperationalResultInput.parse({
          kind,
          achievedOn: day(),
          description: seizure
            ? `Seizure at ${rnd.pick(['the port', 'the airport', 'a warehouse'])}`
            : RESULT_TEXT[kind],
          count: kind === 'arrest' || kind === 'victim_safeguarded' ? rnd.int(1, 12) : null,
          substance,
          quantity: seizure ? rnd.int(1, 4000) : kind === 'assets_frozen' ? rnd.int(10, 5000) * 1000 : null,
          unit: seizure ? (substance === 'firearms' ? 'pieces' : 'kg') : kind === 'assets_frozen' ? 'eur' : null,
          // A seizure's phenomenon follows from what was seized; other results from the work behind them.
          phenomena: seizure ? [SEIZED_PHENOMENON[substance as keyof typeof SEIZED_PHENOMENON]] : phenomena(),
          engagementIds: engagements.length && rnd.chance(0.6) ? unique([rnd.pick(engagements)]) : [],
          requestIds: requests.length && rnd.chance(0.6) ? unique([rnd.pick(requests)]) : [],
          caseId: cases.length && rnd.chance(0.4) ? rnd.pick(cases) : null,
        }),
        rnd.uuid(),
      );
    }
  });
  return counts;
}
