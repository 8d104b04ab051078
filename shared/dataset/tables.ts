import { ACCESSIBILITIES, URGENCIES } from '../deadlines/directive';
import { CASE_STATUSES } from '../records/case';
import { ENGAGEMENT_KINDS, ENGAGEMENT_PURPOSES } from '../records/engagement';
import { QUANTITY_UNITS, RESULT_KINDS } from '../records/result';
import { NON_SIENA_REASONS, REFUSAL_GROUNDS, URGENCY_GROUNDS } from '../requests/directive-codes';
import { REQUEST_DIRECTIONS, REQUEST_STATUSES } from '../requests/schema';
import { CHANNEL_CODES } from '../taxonomy/channels';
import { ACTIVITY_TYPES } from '../workplan/schema';
import {
  code,
  count,
  COUNTRY_PATTERN,
  flag,
  id,
  month,
  text,
  type ColumnDef,
  type ForeignKeyDef,
  type TableDef,
} from './columns';

// The evaluation dataset's tables: the one source of truth for their columns, types, constraints and
// descriptions in English and Dutch. The backend fills them (electron/dataset/), datapackage.json and the
// codebooks describe them. Nothing here holds a name or free text: titles, subjects, notes, descriptions,
// agencies, people and officers never enter the dataset.
//
// Adding a table: define it here, add it to DATASET_TABLES (and to SORTED_TABLES if its rows are written sorted),
// and emit its rows in electron/dataset/collect.ts.

export const TIME_LIMITS = ['8_hours', '3_days', '7_days'] as const;
export const POST_ROLES = ['post', 'hq'] as const;

/** A calendar year, 2000 to 2100 (budgets, work plans, the effort aggregate). */
const year = (en: string, nl: string): ColumnDef => ({
  name: 'year',
  type: 'integer',
  required: true,
  minimum: 2000,
  maximum: 2100,
  description: { en, nl },
});

const post: ColumnDef = id(
  'post_id',
  'The post that logged the record (pseudonymous; see posts).',
  'De post die het record vastlegde (pseudoniem; zie posts).',
);
const caseRef = (en: string, nl: string) => id('case_id', en, nl, false);
const toPosts: ForeignKeyDef = { fields: ['post_id'], table: 'posts', columns: ['post_id'] };
const toCases: ForeignKeyDef = { fields: ['case_id'], table: 'cases', columns: ['case_id'] };
const toPhenomena: ForeignKeyDef = { fields: ['phenomenon'], table: 'phenomena', columns: ['code'] };

const TERM_PATTERN = '^[a-z0-9][a-z0-9_.-]{0,63}$';

/** A code of an editable taxonomy: checked by a foreign key to its reference list, not by an enum. */
function term(name: string, en: string, nl: string, required = true): ColumnDef {
  return text(name, en, nl, required, TERM_PATTERN);
}

function phenomenonColumn(en: string, nl: string): ColumnDef {
  return term('phenomenon', en, nl);
}

// ---- Reference lists ------------------------------------------------------------------------------------

export const POSTS: TableDef = {
  name: 'posts',
  kind: 'code',
  title: { en: 'Posts', nl: 'Posten' },
  description: {
    en: 'The posts whose records are in the dataset, and headquarters for the records it logged itself. No names.',
    nl: 'De posten waarvan records in de dataset staan, en het hoofdkantoor voor de records die het zelf vastlegde. Geen namen.',
  },
  columns: [
    id('post_id', 'Pseudonymous id of the post.', 'Pseudoniem van de post.'),
    code(
      'role',
      POST_ROLES,
      'post: a liaison post; hq: headquarters itself.',
      'post: een liaisonpost; hq: het hoofdkantoor zelf.',
    ),
    text(
      'host_country',
      'The country the post is in (ISO 3166-1 alpha-2), when known.',
      'Het land waar de post gevestigd is (ISO 3166-1 alpha-2), indien bekend.',
      false,
      COUNTRY_PATTERN,
    ),
  ],
  primaryKey: ['post_id'],
  foreignKeys: [{ fields: ['host_country'], table: 'countries', columns: ['code'] }],
};

export const COUNTRIES: TableDef = {
  name: 'countries',
  kind: 'code',
  title: { en: 'Countries', nl: 'Landen' },
  description: {
    en: 'ISO 3166-1 alpha-2 country codes with English and Dutch names and EU membership (XK: Kosovo).',
    nl: 'Landcodes ISO 3166-1 alpha-2 met Engelse en Nederlandse naam en EU-lidmaatschap (XK: Kosovo).',
  },
  columns: [
    text('code', 'Country code.', 'Landcode.', true, COUNTRY_PATTERN),
    text('name_en', 'Name in English.', 'Naam in het Engels.'),
    text('name_nl', 'Name in Dutch.', 'Naam in het Nederlands.'),
    flag(
      'eu_member',
      'An EU member state (Directive (EU) 2023/977 applies).',
      'Een EU-lidstaat (Richtlijn (EU) 2023/977 is van toepassing).',
    ),
  ],
  primaryKey: ['code'],
};

export const CHANNELS: TableDef = {
  name: 'channels',
  kind: 'code',
  title: { en: 'Channels', nl: 'Kanalen' },
  description: {
    en: 'The information-exchange channels. SIENA is the default between EU member states (Directive (EU) 2023/977, Art. 13).',
    nl: 'De kanalen voor informatie-uitwisseling. SIENA is de standaard tussen EU-lidstaten (Richtlijn (EU) 2023/977, art. 13).',
  },
  columns: [
    code('code', CHANNEL_CODES, 'Channel code.', 'Kanaalcode.'),
    text('label_en', 'Label in English.', 'Omschrijving in het Engels.'),
    text('label_nl', 'Label in Dutch.', 'Omschrijving in het Nederlands.'),
  ],
  primaryKey: ['code'],
};

export const PHENOMENA: TableDef = {
  name: 'phenomena',
  kind: 'code',
  title: { en: 'Crime phenomena', nl: 'Criminaliteitsfenomenen' },
  description: {
    en: 'The crime phenomena taxonomy of this installation (EU EMPACT priorities by default), with every code a record in the dataset uses.',
    nl: 'De fenomenentaxonomie van deze installatie (standaard de EU EMPACT-prioriteiten), met elke code die een record in de dataset gebruikt.',
  },
  columns: [
    term('code', 'Phenomenon code.', 'Fenomeencode.'),
    term('parent_code', 'The broader phenomenon it falls under.', 'Het bredere fenomeen waaronder het valt.', false),
    text(
      'label_en',
      'Label in English (empty for a code this installation does not know).',
      'Omschrijving in het Engels (leeg voor een code die deze installatie niet kent).',
      false,
    ),
    text(
      'label_nl',
      'Label in Dutch (empty for a code this installation does not know).',
      'Omschrijving in het Nederlands (leeg voor een code die deze installatie niet kent).',
      false,
    ),
    text(
      'iccs',
      'UNODC ICCS code, where verified.',
      'UNODC ICCS-code, indien geverifieerd.',
      false,
      '^\\d{2}(\\d{2}(\\d{1,2})?)?$',
    ),
    flag('retired', 'No longer offered for new records.', 'Niet meer aangeboden voor nieuwe records.'),
  ],
  primaryKey: ['code'],
  foreignKeys: [{ fields: ['parent_code'], table: 'phenomena', columns: ['code'] }],
};

export const ORGANISATION_TYPES: TableDef = {
  name: 'organisation_types',
  kind: 'code',
  title: { en: 'Partner agency types', nl: 'Soorten partnerorganisaties' },
  description: {
    en: 'The types of partner agency (police, customs, prosecution...), with every code an organisation in the dataset uses.',
    nl: 'De soorten partnerorganisatie (politie, douane, OM...), met elke code die een organisatie in de dataset gebruikt.',
  },
  columns: [
    term('code', 'Type code.', 'Code van de soort.'),
    text(
      'label_en',
      'Label in English (empty for a code this installation does not know).',
      'Omschrijving in het Engels (leeg voor een code die deze installatie niet kent).',
      false,
    ),
    text(
      'label_nl',
      'Label in Dutch (empty for a code this installation does not know).',
      'Omschrijving in het Nederlands (leeg voor een code die deze installatie niet kent).',
      false,
    ),
    flag('retired', 'No longer offered for new records.', 'Niet meer aangeboden voor nieuwe records.'),
  ],
  primaryKey: ['code'],
};

// ---- Records --------------------------------------------------------------------------------------------

export const ORGANISATIONS: TableDef = {
  name: 'organisations',
  kind: 'record',
  title: { en: 'Partner organisations', nl: 'Partnerorganisaties' },
  description: {
    en: 'Partner organisations an engagement in the period was with: only their type and country (no names, no notes).',
    nl: 'Partnerorganisaties waarmee een contact in de periode was: alleen soort en land (geen namen, geen notities).',
  },
  columns: [
    id('organisation_id', 'Pseudonymous id of the organisation.', 'Pseudoniem van de organisatie.'),
    post,
    text('country', 'The organisation’s country.', 'Het land van de organisatie.', true, COUNTRY_PATTERN),
    term('type', 'The type of agency (see organisation_types).', 'De soort organisatie (zie organisation_types).'),
  ],
  primaryKey: ['organisation_id'],
  foreignKeys: [
    toPosts,
    { fields: ['country'], table: 'countries', columns: ['code'] },
    { fields: ['type'], table: 'organisation_types', columns: ['code'] },
  ],
};

export const CASES: TableDef = {
  name: 'cases',
  kind: 'record',
  title: { en: 'Cases and operations', nl: 'Zaken en operaties' },
  description: {
    en: 'Cases and operations a request, engagement or result in the period is linked to: status only (no reference, no name).',
    nl: 'Zaken en operaties waaraan een verzoek, contact of resultaat in de periode gekoppeld is: alleen de status (geen kenmerk, geen naam).',
  },
  columns: [
    id('case_id', 'Pseudonymous id of the case.', 'Pseudoniem van de zaak.'),
    post,
    code('status', CASE_STATUSES, 'Whether the case is still active.', 'Of de zaak nog loopt.'),
  ],
  primaryKey: ['case_id'],
  foreignKeys: [toPosts],
};

export const REQUESTS: TableDef = {
  name: 'requests',
  kind: 'record',
  title: { en: 'Information requests', nl: 'Informatieverzoeken' },
  description: {
    en: 'Information requests received (incoming) or sent (outgoing) in the period. No subject, agency, reference or notes.',
    nl: 'Informatieverzoeken ontvangen (inkomend) of verzonden (uitgaand) in de periode. Geen onderwerp, instantie, kenmerk of notities.',
  },
  columns: [
    id('request_id', 'Pseudonymous id of the request.', 'Pseudoniem van het verzoek.'),
    post,
    code(
      'direction',
      REQUEST_DIRECTIONS,
      'incoming: a partner asked; outgoing: the Netherlands asked.',
      'incoming: een partner vroeg; outgoing: Nederland vroeg.',
    ),
    month('month', 'Month the request was received or sent.', 'Maand waarin het verzoek ontvangen of verzonden is.'),
    text('counterpart_country', 'Country of the other side.', 'Land van de andere partij.', true, COUNTRY_PATTERN),
    code('channel', CHANNEL_CODES, 'Channel used (see channels).', 'Gebruikt kanaal (zie channels).'),
    code('status', REQUEST_STATUSES, 'Where the request stands.', 'Stand van het verzoek.'),
    code('urgency', URGENCIES, 'Urgency as recorded.', 'Urgentie zoals vastgelegd.'),
    code(
      'urgency_ground',
      URGENCY_GROUNDS,
      'Why it is urgent (urgent requests).',
      'Waarom het spoedeisend is (spoedeisende verzoeken).',
      false,
    ),
    code(
      'accessibility',
      ACCESSIBILITIES,
      'Whether the information is directly or indirectly accessible (Art. 5(1)).',
      'Of de informatie direct of indirect toegankelijk is (art. 5 lid 1).',
    ),
    code(
      'non_siena_reason',
      NON_SIENA_REASONS,
      'Why SIENA was not used, where given (Art. 13).',
      'Waarom SIENA niet is gebruikt, indien opgegeven (art. 13).',
      false,
    ),
    code(
      'refusal_ground',
      REFUSAL_GROUNDS,
      'Refusal ground, Art. 6(1)(a)–(h) (refused requests).',
      'Weigeringsgrond, art. 6 lid 1 onder a–h (geweigerde verzoeken).',
      false,
    ),
    flag(
      'judicial_deviation',
      'The time limit was exceeded for judicial authorisation (Art. 5(2)).',
      'De termijn is overschreden voor rechterlijke machtiging (art. 5 lid 2).',
    ),
    flag('spoc_copied', 'The Single Point of Contact was copied.', 'Het Single Point of Contact kreeg een kopie.'),
    flag('europol_copied', 'Europol was copied (Art. 12).', 'Europol kreeg een kopie (art. 12).'),
    flag(
      'directive_applies',
      'An exchange with another EU member state outside the judicial channel.',
      'Een uitwisseling met een andere EU-lidstaat buiten het justitiële kanaal.',
    ),
    code(
      'time_limit',
      TIME_LIMITS,
      'The Directive’s time limit (Art. 5(1)), where it applies.',
      'De termijn uit de richtlijn (art. 5 lid 1), waar die geldt.',
      false,
    ),
    {
      name: 'hours_to_answer',
      type: 'number',
      minimum: 0,
      description: {
        en: 'Hours from receipt or sending to the answer, to one decimal (answered or refused requests).',
        nl: 'Uren van ontvangst of verzending tot het antwoord, op één decimaal (beantwoorde of geweigerde verzoeken).',
      },
      privacy: {
        en: 'A duration instead of the two moments, so that the day of the exchange stays hidden.',
        nl: 'Een duur in plaats van de twee tijdstippen, zodat de dag van de uitwisseling verborgen blijft.',
      },
    },
    flag(
      'answered_in_time',
      'Answered within the time limit (empty: no limit, or not answered yet).',
      'Binnen de termijn beantwoord (leeg: geen termijn, of nog niet beantwoord).',
      false,
    ),
    caseRef('The case it is linked to.', 'De zaak waaraan het gekoppeld is.'),
  ],
  primaryKey: ['request_id'],
  foreignKeys: [
    toPosts,
    { fields: ['counterpart_country'], table: 'countries', columns: ['code'] },
    { fields: ['channel'], table: 'channels', columns: ['code'] },
    toCases,
  ],
};

export const ENGAGEMENTS: TableDef = {
  name: 'engagements',
  kind: 'record',
  title: { en: 'Engagements', nl: 'Contacten' },
  description: {
    en: 'Meetings, calls, visits, trainings and other contacts with partners in the period. No subject, people or notes.',
    nl: 'Overleggen, gesprekken, bezoeken, trainingen en andere contacten met partners in de periode. Geen onderwerp, personen of notities.',
  },
  columns: [
    id('engagement_id', 'Pseudonymous id of the engagement.', 'Pseudoniem van het contact.'),
    post,
    month('month', 'Month it took place.', 'Maand waarin het plaatsvond.'),
    code('kind', ENGAGEMENT_KINDS, 'The kind of contact.', 'De soort contact.'),
    code(
      'purpose',
      ENGAGEMENT_PURPOSES,
      'Operational, or the non-operational purpose.',
      'Operationeel, of het niet-operationele doel.',
    ),
    flag('operational', 'The purpose is operational.', 'Het doel is operationeel.'),
    count('organisation_count', 'Number of partner organisations involved.', 'Aantal betrokken partnerorganisaties.'),
    count(
      'person_count',
      'Number of people at partners involved (people themselves are never in the dataset).',
      'Aantal betrokken personen bij partners (de personen zelf staan nooit in de dataset).',
    ),
    flag('follow_up_set', 'A follow-up date was set.', 'Er is een vervolgdatum gezet.'),
    flag('follow_up_done', 'The follow-up was done.', 'Het vervolg is gedaan.'),
    caseRef('The case it is linked to.', 'De zaak waaraan het gekoppeld is.'),
  ],
  primaryKey: ['engagement_id'],
  foreignKeys: [toPosts, toCases],
};

export const RESULTS: TableDef = {
  name: 'results',
  kind: 'record',
  title: { en: 'Operational results', nl: 'Operationele resultaten' },
  description: {
    en: 'Results achieved in the period: arrests, seizures, assets frozen, high-value targets identified... No description, no substance.',
    nl: 'Resultaten behaald in de periode: aanhoudingen, inbeslagnames, bevroren vermogen, geïdentificeerde high value targets... Geen omschrijving, geen stof.',
  },
  columns: [
    id('result_id', 'Pseudonymous id of the result.', 'Pseudoniem van het resultaat.'),
    post,
    month('month', 'Month it was achieved.', 'Maand waarin het behaald is.'),
    code('kind', RESULT_KINDS, 'The kind of result.', 'De soort resultaat.'),
    {
      ...count(
        'count',
        'How many (arrests, victims, targets), where recorded.',
        'Hoeveel (aanhoudingen, slachtoffers, targets), indien vastgelegd.',
        false,
      ),
      minimum: 1,
    },
    {
      name: 'quantity',
      type: 'number',
      minimum: 0,
      description: {
        en: 'Quantity seized or frozen, in `unit`.',
        nl: 'Hoeveelheid in beslag genomen of bevroren, in `unit`.',
      },
    },
    code('unit', QUANTITY_UNITS, 'Unit of the quantity.', 'Eenheid van de hoeveelheid.', false),
    count(
      'engagement_links',
      'Engagements it is linked to (also those outside the period).',
      'Contacten waaraan het gekoppeld is (ook die buiten de periode).',
    ),
    count(
      'request_links',
      'Requests it is linked to (also those outside the period).',
      'Verzoeken waaraan het gekoppeld is (ook die buiten de periode).',
    ),
    caseRef('The case it is linked to.', 'De zaak waaraan het gekoppeld is.'),
  ],
  primaryKey: ['result_id'],
  foreignKeys: [toPosts, toCases],
};

// ---- Links ----------------------------------------------------------------------------------------------

function phenomenonLinks(table: string, recordColumn: string, en: string, nl: string): TableDef {
  return {
    name: `${table.replace(/s$/, '')}_phenomena`,
    kind: 'link',
    title: { en: `Phenomena of ${en}`, nl: `Fenomenen van ${nl}` },
    description: {
      en: `The crime phenomena each of the ${en} concerns (one row per pair).`,
      nl: `De criminaliteitsfenomenen waarover elk van de ${nl} gaat (één rij per paar).`,
    },
    columns: [
      id(recordColumn, `The ${en.replace(/s$/, '')}.`, `Het record (${nl}).`),
      phenomenonColumn('Phenomenon code (see phenomena).', 'Fenomeencode (zie phenomena).'),
    ],
    primaryKey: [recordColumn, 'phenomenon'],
    foreignKeys: [{ fields: [recordColumn], table, columns: [recordColumn] }, toPhenomena],
  };
}

export const REQUEST_PHENOMENA = phenomenonLinks('requests', 'request_id', 'requests', 'verzoeken');
export const ENGAGEMENT_PHENOMENA = phenomenonLinks('engagements', 'engagement_id', 'engagements', 'contacten');
export const RESULT_PHENOMENA = phenomenonLinks('results', 'result_id', 'results', 'resultaten');
export const CASE_PHENOMENA = phenomenonLinks('cases', 'case_id', 'cases', 'zaken');

function recordLinks(
  name: string,
  from: [table: string, column: string],
  to: [table: string, column: string],
  title: { en: string; nl: string },
): TableDef {
  return {
    name,
    kind: 'link',
    title,
    description: {
      en: `${title.en}: both in the dataset (links to records outside the period are counted on the record, not listed).`,
      nl: `${title.nl}: beide in de dataset (koppelingen met records buiten de periode zijn op het record geteld, niet opgesomd).`,
    },
    columns: [
      id(from[1], `The record in ${from[0]}.`, `Het record in ${from[0]}.`),
      id(to[1], `The record in ${to[0]}.`, `Het record in ${to[0]}.`),
    ],
    primaryKey: [from[1], to[1]],
    foreignKeys: [
      { fields: [from[1]], table: from[0], columns: [from[1]] },
      { fields: [to[1]], table: to[0], columns: [to[1]] },
    ],
  };
}

export const ENGAGEMENT_ORGANISATIONS = recordLinks(
  'engagement_organisations',
  ['engagements', 'engagement_id'],
  ['organisations', 'organisation_id'],
  { en: 'Organisations of engagements', nl: 'Organisaties van contacten' },
);
export const RESULT_ENGAGEMENTS = recordLinks(
  'result_engagements',
  ['results', 'result_id'],
  ['engagements', 'engagement_id'],
  { en: 'Engagements that led to results', nl: 'Contacten die tot resultaten leidden' },
);
export const RESULT_REQUESTS = recordLinks('result_requests', ['results', 'result_id'], ['requests', 'request_id'], {
  en: 'Requests that led to results',
  nl: 'Verzoeken die tot resultaten leidden',
});

// ---- Effort, budgets and work plans (issue 14, items 2 and 3; docs/efficiency.md) -------------------------

function effortTable(table: string, column: string, en: string, nl: string): TableDef {
  return {
    name: `${table.replace(/s$/, '')}_effort`,
    kind: 'record',
    title: { en: `Time and travel of ${en}`, nl: `Tijd en reizen van ${nl}` },
    description: {
      en: `The time spent, travel days and travel cost officers recorded on ${en} in the dataset: one row per record with any of them recorded (a record without a row had none recorded; an empty cell: that one not recorded).`,
      nl: `De bestede tijd, reisdagen en reiskosten die functionarissen bij ${nl} in de dataset vastlegden: één rij per record waarbij iets daarvan is vastgelegd (een record zonder rij had niets vastgelegd; een lege cel: dat gegeven niet vastgelegd).`,
    },
    columns: [
      id(column, `The record in ${table}.`, `Het record in ${table}.`),
      {
        name: 'hours',
        type: 'number',
        minimum: 0,
        description: {
          en: 'Time spent, in hours (recorded in quarter hours).',
          nl: 'Bestede tijd, in uren (vastgelegd in kwartieren).',
        },
      },
      {
        name: 'travel_days',
        type: 'number',
        minimum: 0,
        description: {
          en: 'Days of travel (recorded in half days).',
          nl: 'Reisdagen (vastgelegd in halve dagen).',
        },
      },
      {
        name: 'travel_cost_eur',
        type: 'number',
        minimum: 0,
        description: {
          en: 'Travel cost in euros, to the cent.',
          nl: 'Reiskosten in euro, op de cent.',
        },
      },
    ],
    primaryKey: [column],
    foreignKeys: [{ fields: [column], table, columns: [column] }],
  };
}

export const ENGAGEMENT_EFFORT = effortTable('engagements', 'engagement_id', 'engagements', 'contacten');
export const REQUEST_EFFORT = effortTable('requests', 'request_id', 'requests', 'verzoeken');

export const POST_BUDGETS: TableDef = {
  name: 'post_budgets',
  kind: 'record',
  title: { en: 'Budgets and staffing of posts', nl: 'Budgetten en formatie van posten' },
  description: {
    en: 'What each post costs per year besides travel (staff, housing, operations) and its staffing in FTE, for the years the period touches, as the post entered them on its Efficiency page.',
    nl: 'Wat elke post per jaar kost naast reizen (personeel, huisvesting, werkbudget) en de formatie in fte, voor de jaren die de periode raakt, zoals de post ze op de pagina Efficiëntie invoerde.',
  },
  columns: [
    post,
    year('Calendar year.', 'Kalenderjaar.'),
    {
      name: 'budget_eur',
      type: 'number',
      required: true,
      minimum: 0,
      description: {
        en: 'Budget of the year in euros (travel not included: see engagement_effort and request_effort).',
        nl: 'Budget van het jaar in euro (zonder reizen: zie engagement_effort en request_effort).',
      },
    },
    {
      name: 'fte',
      type: 'number',
      required: true,
      minimum: 0,
      description: { en: 'Staffing in full-time equivalents.', nl: 'Formatie in voltijdequivalenten (fte).' },
    },
  ],
  primaryKey: ['post_id', 'year'],
  foreignKeys: [toPosts],
};

const quarterCount = (what: 'planned' | 'done', q: number): ColumnDef =>
  what === 'planned'
    ? count(
        `planned_q${q}`,
        `Planned in quarter ${q}: the planned count spread evenly over its quarters, the remainder to the earliest.`,
        `Gepland in kwartaal ${q}: het geplande aantal gelijk verdeeld over de kwartalen, de rest naar de vroegste.`,
      )
    : count(
        `done_q${q}`,
        `Done in quarter ${q} of its year: engagements that carry it out (not in the trash), as the Work plan page counts them, also those outside the period.`,
        `Gedaan in kwartaal ${q} van het jaar: contacten die het uitvoeren (niet in de prullenbak), zoals de pagina Werkplan ze telt, ook die buiten de periode.`,
      );

export const PLANNED_ACTIVITIES: TableDef = {
  name: 'planned_activities',
  kind: 'record',
  title: { en: 'Planned activities (work plans)', nl: 'Geplande activiteiten (werkplannen)' },
  description: {
    en: 'The activities in the posts’ yearly work plans for the years the period touches, and any other an engagement in the dataset carries out: type, phenomenon, partner country and type of partner agency, planned and done per quarter. No title, no partner name.',
    nl: 'De activiteiten in de jaarlijkse werkplannen van de posten voor de jaren die de periode raakt, en elke andere die een contact in de dataset uitvoert: soort, fenomeen, partnerland en soort partnerorganisatie, gepland en gedaan per kwartaal. Geen titel, geen partnernaam.',
  },
  columns: [
    id('activity_id', 'Pseudonymous id of the planned activity.', 'Pseudoniem van de geplande activiteit.'),
    id(
      'post_id',
      'The post whose work plan it is in (pseudonymous; see posts).',
      'De post in wiens werkplan het staat (pseudoniem; zie posts).',
    ),
    year('The year of the work plan.', 'Het jaar van het werkplan.'),
    code('type', ACTIVITY_TYPES, 'The type of activity.', 'De soort activiteit.'),
    phenomenonColumnOptional(),
    text(
      'partner_country',
      'The partner country it is planned with, if any.',
      'Het partnerland waarmee het gepland is, indien opgegeven.',
      false,
      COUNTRY_PATTERN,
    ),
    term(
      'partner_type',
      'The type of the partner agency it is planned with, if any (see organisation_types).',
      'De soort partnerorganisatie waarmee het gepland is, indien opgegeven (zie organisation_types).',
      false,
    ),
    {
      name: 'planned_count',
      type: 'integer',
      required: true,
      minimum: 1,
      description: {
        en: 'How many times in the year it is planned (engagements that carry it out).',
        nl: 'Hoe vaak het in het jaar gepland is (contacten die het uitvoeren).',
      },
    },
    ...[1, 2, 3, 4].map((q) => quarterCount('planned', q)),
    ...[1, 2, 3, 4].map((q) => quarterCount('done', q)),
    flag(
      'removed',
      'Removed from the work plan (listed because an engagement in the dataset carries it out).',
      'Uit het werkplan verwijderd (opgenomen omdat een contact in de dataset het uitvoert).',
    ),
  ],
  primaryKey: ['activity_id'],
  foreignKeys: [
    toPosts,
    toPhenomena,
    { fields: ['partner_country'], table: 'countries', columns: ['code'] },
    { fields: ['partner_type'], table: 'organisation_types', columns: ['code'] },
  ],
};

function phenomenonColumnOptional(): ColumnDef {
  return term(
    'phenomenon',
    'The crime phenomenon it is planned on, if any (see phenomena).',
    'Het criminaliteitsfenomeen waarop het gepland is, indien opgegeven (zie phenomena).',
    false,
  );
}

export const ENGAGEMENT_ACTIVITIES = recordLinks(
  'engagement_activities',
  ['engagements', 'engagement_id'],
  ['planned_activities', 'activity_id'],
  { en: 'Planned activities engagements carry out', nl: 'Geplande activiteiten die contacten uitvoeren' },
);

// ---- Aggregates (small counts suppressed) ---------------------------------------------------------------

/** The counts every aggregate table carries, per combination of its dimensions. */
export const MEASURES = [
  ['requests_incoming', 'Incoming requests', 'Inkomende verzoeken'],
  ['requests_outgoing', 'Outgoing requests', 'Uitgaande verzoeken'],
  ['engagements', 'Engagements', 'Contacten'],
  ['engagements_operational', 'Operational engagements', 'Operationele contacten'],
  ['results', 'Operational results', 'Operationele resultaten'],
] as const;
export type Measure = (typeof MEASURES)[number][0];

// Not `required`: a suppressed count is the missing value "c" (every other count is there, 0 included).
const measureColumns: ColumnDef[] = MEASURES.map(([name, en, nl]) =>
  count(
    name,
    `${en}. "c": fewer than the threshold, or suppressed to protect such a count (see Suppression).`,
    `${nl}. "c": minder dan de drempel, of weggelaten om zo'n aantal te beschermen (zie Onderdrukking).`,
    false,
  ),
);

export const AGG_POST_PHENOMENON_MONTH: TableDef = {
  name: 'agg_post_phenomenon_month',
  kind: 'aggregate',
  title: { en: 'Activity per post, phenomenon and month', nl: 'Activiteit per post, fenomeen en maand' },
  description: {
    en: 'Counts of records per post, phenomenon and month. A record with several phenomena counts under each.',
    nl: 'Aantallen records per post, fenomeen en maand. Een record met meer fenomenen telt onder elk daarvan.',
  },
  columns: [
    post,
    phenomenonColumn('Phenomenon code (see phenomena).', 'Fenomeencode (zie phenomena).'),
    month('month', 'Month.', 'Maand.'),
    ...measureColumns,
  ],
  primaryKey: ['post_id', 'phenomenon', 'month'],
  foreignKeys: [toPosts, toPhenomena],
};

export const AGG_PHENOMENON_MONTH: TableDef = {
  name: 'agg_phenomenon_month',
  kind: 'aggregate',
  title: { en: 'Activity per phenomenon and month, all posts', nl: 'Activiteit per fenomeen en maand, alle posten' },
  description: {
    en: 'Counts of records per phenomenon and month over all posts: the column totals of agg_post_phenomenon_month.',
    nl: 'Aantallen records per fenomeen en maand over alle posten: de kolomtotalen van agg_post_phenomenon_month.',
  },
  columns: [
    phenomenonColumn('Phenomenon code (see phenomena).', 'Fenomeencode (zie phenomena).'),
    month('month', 'Month.', 'Maand.'),
    ...measureColumns,
  ],
  primaryKey: ['phenomenon', 'month'],
  foreignKeys: [toPhenomena],
};

export const AGG_POST_MONTH: TableDef = {
  name: 'agg_post_month',
  kind: 'aggregate',
  title: { en: 'Activity per post and month', nl: 'Activiteit per post en maand' },
  description: {
    en: 'Counts of records per post and month, each record once (also records without a phenomenon).',
    nl: 'Aantallen records per post en maand, elk record één keer (ook records zonder fenomeen).',
  },
  columns: [post, month('month', 'Month.', 'Maand.'), ...measureColumns],
  primaryKey: ['post_id', 'month'],
  foreignKeys: [toPosts],
};

/**
 * Time and travel per post and year (issue 14, item 2), for a package that may be published: each sum hides when
 * fewer records than the threshold are behind it (see Suppression).
 */
export const AGG_EFFORT_POST_YEAR: TableDef = {
  name: 'agg_effort_post_year',
  kind: 'aggregate',
  title: { en: 'Time and travel per post and year', nl: 'Tijd en reizen per post en jaar' },
  description: {
    en: 'Engagements and requests in the period per post and year, and the time and travel recorded on them. "c": fewer records behind the figure than the threshold (see Suppression).',
    nl: 'Contacten en verzoeken in de periode per post en jaar, en de daarop vastgelegde tijd en reizen. "c": minder records achter het getal dan de drempel (zie Onderdrukking).',
  },
  columns: [
    post,
    year('Calendar year (on the installation’s clock).', 'Kalenderjaar (volgens de klok van de installatie).'),
    count('records', 'Engagements and requests.', 'Contacten en verzoeken.', false),
    count('timed', 'Of which with the time spent recorded.', 'Waarvan met vastgelegde bestede tijd.', false),
    {
      name: 'hours',
      type: 'number',
      minimum: 0,
      description: { en: 'Hours recorded on them.', nl: 'Daarop vastgelegde uren.' },
    },
    count('with_travel', 'Of which with travel recorded.', 'Waarvan met vastgelegde reizen.', false),
    {
      name: 'travel_days',
      type: 'number',
      minimum: 0,
      description: { en: 'Travel days recorded on them.', nl: 'Daarop vastgelegde reisdagen.' },
    },
    {
      name: 'travel_cost_eur',
      type: 'number',
      minimum: 0,
      description: { en: 'Travel cost recorded on them, in euros.', nl: 'Daarop vastgelegde reiskosten, in euro.' },
    },
  ],
  primaryKey: ['post_id', 'year'],
  foreignKeys: [toPosts],
};

/** Every table of the dataset, in the order of datapackage.json (a table before the tables that refer to it). */
export const DATASET_TABLES: readonly TableDef[] = [
  COUNTRIES,
  CHANNELS,
  PHENOMENA,
  ORGANISATION_TYPES,
  POSTS,
  CASES,
  ORGANISATIONS,
  REQUESTS,
  ENGAGEMENTS,
  RESULTS,
  REQUEST_PHENOMENA,
  ENGAGEMENT_PHENOMENA,
  RESULT_PHENOMENA,
  CASE_PHENOMENA,
  ENGAGEMENT_ORGANISATIONS,
  RESULT_ENGAGEMENTS,
  RESULT_REQUESTS,
  ENGAGEMENT_EFFORT,
  REQUEST_EFFORT,
  POST_BUDGETS,
  PLANNED_ACTIVITIES,
  ENGAGEMENT_ACTIVITIES,
  AGG_POST_PHENOMENON_MONTH,
  AGG_PHENOMENON_MONTH,
  AGG_POST_MONTH,
  AGG_EFFORT_POST_YEAR,
];

/**
 * The tables whose rows are written sorted by their lines (the record tables: by pseudonymous id, which comes
 * first; budgets by post and year), so that their order says nothing of the order the records were made in.
 * The other tables are written in the order their rows are read.
 */
export const SORTED_TABLES: ReadonlySet<string> = new Set([
  POSTS.name,
  CASES.name,
  ORGANISATIONS.name,
  REQUESTS.name,
  ENGAGEMENTS.name,
  RESULTS.name,
  ENGAGEMENT_EFFORT.name,
  REQUEST_EFFORT.name,
  POST_BUDGETS.name,
  PLANNED_ACTIVITIES.name,
]);

/** The tables an aggregates-only package holds: the reference lists and the aggregates (no records). */
export function tablesFor(aggregatesOnly: boolean): readonly TableDef[] {
  return aggregatesOnly ? DATASET_TABLES.filter((t) => t.kind === 'code' || t.kind === 'aggregate') : DATASET_TABLES;
}
