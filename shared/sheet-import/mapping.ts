import { z } from 'zod';
import { normaliseWord, DATE_ORDERS, type ChoiceVocabulary } from './values';

// The import configuration (docs/sheet-import.md): which record kind a source's rows become, what each column
// is (its role), how the source's own words map to codes, the order of day and month in its dates, and values
// for fields no column holds. One JSON object, saved per source in the data folder and given to the command
// line as --mapping; the mapping screen edits the same object.

export const SHEET_TARGETS = ['request', 'engagement', 'result'] as const;
export type SheetTarget = (typeof SHEET_TARGETS)[number];

/** How a role's cell is read. */
export type RoleValue =
  | { kind: 'text' }
  | { kind: 'moment' } // date, or date and time: a moment on the post's clock
  | { kind: 'time' } // the time of day for the moment role of the same record
  | { kind: 'date' }
  | { kind: 'country' }
  | { kind: 'channel' }
  | { kind: 'phenomena' }
  | { kind: 'choice'; vocabulary: ChoiceVocabulary }
  | { kind: 'integer' }
  | { kind: 'number' }
  | { kind: 'quantity' } // a number, optionally with its unit in the same cell
  | { kind: 'boolean' }
  | { kind: 'organisations' }
  | { kind: 'notes' };

export interface RoleSpec {
  /** The record field the role fills (`notes` roles append to the notes). */
  readonly role: string;
  readonly value: RoleValue;
  /** Required by the record: a row without it has a problem unless the mapping gives a default. */
  readonly required?: boolean;
  /** Header words (normalised, English and Dutch) that suggest the role. */
  readonly headers: readonly string[];
  /** May take a default value in the mapping (for every row). */
  readonly defaultable?: boolean;
}

const notes: RoleSpec = {
  role: 'notes',
  value: { kind: 'notes' },
  headers: ['notes', 'note', 'remarks', 'comments', 'opmerkingen', 'opmerking', 'toelichting', 'notities', 'memo'],
};
const phenomena: RoleSpec = {
  role: 'phenomena',
  value: { kind: 'phenomena' },
  headers: [
    'phenomenon',
    'phenomena',
    'crime type',
    'crime',
    'fenomeen',
    'fenomenen',
    'delict',
    'criminaliteitsvorm',
    'thema',
    'theme',
  ],
};

export const TARGET_ROLES: Record<SheetTarget, readonly RoleSpec[]> = {
  request: [
    {
      role: 'exchangedAt',
      value: { kind: 'moment' },
      required: true,
      headers: [
        'date',
        'datum',
        'received',
        'sent',
        'ontvangen',
        'verzonden',
        'date received',
        'datum ontvangst',
        'datum verzoek',
        'request date',
      ],
    },
    { role: 'exchangedTime', value: { kind: 'time' }, headers: ['time', 'tijd', 'tijdstip', 'uur'] },
    {
      role: 'direction',
      value: { kind: 'choice', vocabulary: 'direction' },
      required: true,
      defaultable: true,
      headers: ['direction', 'richting', 'in out', 'in uit', 'inkomend uitgaand', 'type'],
    },
    {
      role: 'counterpartCountry',
      value: { kind: 'country' },
      required: true,
      defaultable: true,
      headers: ['country', 'land', 'counterpart country', 'partner country', 'partnerland'],
    },
    {
      role: 'counterpartAgency',
      value: { kind: 'text' },
      required: true,
      defaultable: true,
      headers: [
        'agency',
        'partner',
        'instantie',
        'dienst',
        'organisation',
        'organisatie',
        'counterpart',
        'wederpartij',
        'requesting agency',
      ],
    },
    {
      role: 'channel',
      value: { kind: 'channel' },
      required: true,
      defaultable: true,
      headers: ['channel', 'kanaal', 'via', 'route', 'medium'],
    },
    {
      role: 'subject',
      value: { kind: 'text' },
      required: true,
      headers: ['subject', 'onderwerp', 'description', 'omschrijving', 'request', 'verzoek', 'summary', 'samenvatting'],
    },
    {
      role: 'status',
      value: { kind: 'choice', vocabulary: 'status' },
      required: true,
      defaultable: true,
      headers: ['status', 'state', 'stand', 'afgehandeld'],
    },
    {
      role: 'urgency',
      value: { kind: 'choice', vocabulary: 'urgency' },
      defaultable: true,
      headers: ['urgency', 'urgent', 'spoed', 'urgentie', 'priority', 'prioriteit'],
    },
    {
      role: 'urgencyGround',
      value: { kind: 'choice', vocabulary: 'urgencyGround' },
      defaultable: true,
      headers: ['urgency ground', 'grond spoed', 'reden spoed', 'spoedgrond'],
    },
    {
      role: 'refusalGround',
      value: { kind: 'choice', vocabulary: 'refusalGround' },
      defaultable: true,
      headers: ['refusal ground', 'weigeringsgrond', 'reden weigering'],
    },
    {
      role: 'answeredAt',
      value: { kind: 'moment' },
      headers: [
        'answered',
        'answered on',
        'date answered',
        'beantwoord',
        'datum antwoord',
        'antwoord',
        'reply date',
        'datum beantwoord',
      ],
    },
    phenomena,
    {
      role: 'caseReference',
      value: { kind: 'text' },
      headers: [
        'case',
        'case reference',
        'zaak',
        'zaaknummer',
        'operation',
        'operatie',
        'reference',
        'referentie',
        'kenmerk',
      ],
    },
    notes,
  ],
  engagement: [
    {
      role: 'occurredAt',
      value: { kind: 'moment' },
      required: true,
      headers: ['date', 'datum', 'when', 'wanneer'],
    },
    { role: 'occurredTime', value: { kind: 'time' }, headers: ['time', 'tijd', 'tijdstip', 'uur'] },
    {
      role: 'kind',
      value: { kind: 'choice', vocabulary: 'engagementKind' },
      required: true,
      defaultable: true,
      headers: ['kind', 'type', 'soort', 'contact type', 'soort contact', 'vorm'],
    },
    {
      role: 'subject',
      value: { kind: 'text' },
      required: true,
      headers: ['subject', 'onderwerp', 'description', 'omschrijving', 'summary', 'samenvatting', 'topic'],
    },
    {
      role: 'purpose',
      value: { kind: 'choice', vocabulary: 'purpose' },
      required: true,
      defaultable: true,
      headers: ['purpose', 'doel', 'aard', 'operational', 'operationeel'],
    },
    {
      role: 'organisations',
      value: { kind: 'organisations' },
      headers: [
        'organisation',
        'organisations',
        'organisatie',
        'organisaties',
        'partner',
        'partners',
        'instantie',
        'dienst',
      ],
    },
    phenomena,
    {
      role: 'followUpOn',
      value: { kind: 'date' },
      headers: ['follow up', 'follow up on', 'opvolging', 'actie op', 'terugkoppeling'],
    },
    notes,
  ],
  result: [
    {
      role: 'achievedOn',
      value: { kind: 'date' },
      required: true,
      headers: ['date', 'datum', 'achieved', 'behaald'],
    },
    {
      role: 'kind',
      value: { kind: 'choice', vocabulary: 'resultKind' },
      required: true,
      defaultable: true,
      headers: ['kind', 'type', 'soort', 'result', 'resultaat', 'soort resultaat'],
    },
    {
      role: 'description',
      value: { kind: 'text' },
      required: true,
      headers: ['description', 'omschrijving', 'subject', 'onderwerp', 'toelichting resultaat'],
    },
    { role: 'count', value: { kind: 'integer' }, headers: ['count', 'number', 'aantal', 'aantallen'] },
    { role: 'substance', value: { kind: 'text' }, headers: ['substance', 'middel', 'goederen', 'what', 'wat'] },
    { role: 'quantity', value: { kind: 'quantity' }, headers: ['quantity', 'hoeveelheid', 'amount', 'bedrag'] },
    {
      role: 'unit',
      value: { kind: 'choice', vocabulary: 'unit' },
      defaultable: true,
      headers: ['unit', 'eenheid'],
    },
    phenomena,
    notes,
  ],
};

/** The value vocabularies a mapping may extend with its own words (word -> code). */
export const VALUE_KINDS = [
  'country',
  'channel',
  'phenomenon',
  'direction',
  'status',
  'urgency',
  'engagementKind',
  'purpose',
  'resultKind',
  'unit',
  'boolean',
  'urgencyGround',
  'refusalGround',
] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

const Word = z.string().trim().min(1).max(200);
const Code = z.string().trim().min(1).max(64);

export const SheetMapping = z.strictObject({
  /** The format of this object; 1 for now. */
  version: z.literal(1).default(1),
  /** Whose log this is ("bogota-log-2015-2019"): saved mappings and duplicate detection are per source. */
  source: z.string().trim().min(1).max(100),
  target: z.enum(SHEET_TARGETS),
  /** XLSX: the worksheet by name; the first when absent. */
  sheet: z.string().max(100).nullable().default(null),
  /** The spreadsheet row holding the column headers (1 = the first row); rows above it are ignored. */
  headerRow: z.number().int().min(1).max(50).default(1),
  /** The order of day, month and year in numeric dates (31-12-2019 is dmy, 12/31/2019 mdy). */
  dateOrder: z.enum(DATE_ORDERS).default('dmy'),
  /** Column header (as in the file) -> role; a column not named here is ignored. */
  columns: z.record(z.string().max(200), z.string().max(40)).default({}),
  /** Per value kind: the source's own word -> code (overrides the built-in words). */
  values: z.partialRecord(z.enum(VALUE_KINDS), z.record(Word, Code)).default({}),
  /** Role -> the value every row gets when no column holds it (or the cell is empty). */
  defaults: z.record(z.string().max(40), z.string().max(300)).default({}),
});
export type SheetMapping = z.output<typeof SheetMapping>;
export type SheetMappingInput = z.input<typeof SheetMapping>;

export const IGNORE_ROLE = 'ignore';

export function roleSpec(target: SheetTarget, role: string): RoleSpec | undefined {
  return TARGET_ROLES[target].find((r) => r.role === role);
}

/**
 * The role each header suggests (exact words first, then words within the header), each role taken once except
 * notes. Headers are the officer's own: "Datum ontvangst", "Land", "Kanaal".
 */
export function suggestColumns(target: SheetTarget, headers: readonly string[]): Record<string, string> {
  const roles = TARGET_ROLES[target];
  const out: Record<string, string> = {};
  const taken = new Set<string>();
  const normal = headers.map((h) => normaliseWord(h));
  const pass = (match: (header: string, word: string) => boolean) => {
    headers.forEach((header, i) => {
      if (out[header] !== undefined) return;
      const h = normal[i] ?? '';
      for (const spec of roles) {
        if (taken.has(spec.role) && spec.role !== 'notes') continue;
        if (spec.headers.some((word) => match(h, word))) {
          out[header] = spec.role;
          taken.add(spec.role);
          return;
        }
      }
    });
  };
  pass((h, w) => h === w);
  pass((h, w) => w.length > 3 && (` ${h} `.includes(` ${w} `) || h.startsWith(w)));
  for (const header of headers) out[header] ??= IGNORE_ROLE;
  return out;
}

/** Which target the headers fit best (most required roles suggested). */
export function suggestTarget(headers: readonly string[]): SheetTarget {
  let best: SheetTarget = 'request';
  let score = -1;
  for (const target of SHEET_TARGETS) {
    const roles = new Set(Object.values(suggestColumns(target, headers)));
    const s = TARGET_ROLES[target].filter((r) => roles.has(r.role)).reduce((n, r) => n + (r.required ? 2 : 1), 0);
    if (s > score) [best, score] = [target, s];
  }
  return best;
}

/** A suggested mapping for a file's headers. */
export function suggestMapping(source: string, headers: readonly string[], target?: SheetTarget): SheetMapping {
  const t = target ?? suggestTarget(headers);
  return SheetMapping.parse({ source, target: t, columns: suggestColumns(t, headers) });
}

/** A source name from a file name: "Logboek Bogota 2018.xlsx" -> "logboek-bogota-2018". */
export function sourceFromFileName(fileName: string): string {
  const stem = fileName.replace(/\.[^.]+$/, '');
  return normaliseWord(stem).replace(/ /g, '-').slice(0, 100) || 'spreadsheet';
}
