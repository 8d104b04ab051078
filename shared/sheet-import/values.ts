import { DEFAULT_COUNTRIES, findCountry } from '../taxonomy/countries';
import type { ChannelCode } from '../taxonomy/channels';

// Value mapping for spreadsheet import: the words officers typed in their own logs, in English or Dutch, read as
// the codes the records hold. Every function answers undefined for a word it does not know; the mapping's own
// `values` (per source) are looked up first, so an officer can teach any word without a code change.

/** Lower case, accents off, punctuation to spaces, spaces collapsed: "Côte d’Ivoire " -> "cote d ivoire". */
export function normaliseWord(text: string): string {
  // Legacy logs repeat the same few words in every row: remembered (a bounded number of them).
  const known = normalised.get(text);
  if (known !== undefined) return known;
  const out = normaliseUncached(text);
  if (normalised.size >= 50_000) normalised.clear();
  normalised.set(text, out);
  return out;
}

const normalised = new Map<string, string>();

function normaliseUncached(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// Countries: every ISO code's name in English and Dutch from Intl.DisplayNames, the seed list's names, and the
// variants legacy logs use.
const COUNTRY_VARIANTS: Record<string, string> = {
  holland: 'NL',
  nederland: 'NL',
  'the netherlands': 'NL',
  netherlands: 'NL',
  uk: 'GB',
  'u k': 'GB',
  'great britain': 'GB',
  'groot brittannie': 'GB',
  engeland: 'GB',
  england: 'GB',
  scotland: 'GB',
  schotland: 'GB',
  usa: 'US',
  'u s a': 'US',
  us: 'US',
  'u s': 'US',
  vk: 'GB',
  'united states of america': 'US',
  amerika: 'US',
  america: 'US',
  vs: 'US',
  'verenigde staten van amerika': 'US',
  uae: 'AE',
  vae: 'AE',
  emiraten: 'AE',
  dubai: 'AE',
  'czech republic': 'CZ',
  tsjechie: 'CZ',
  russia: 'RU',
  rusland: 'RU',
  'south korea': 'KR',
  'zuid korea': 'KR',
  'north korea': 'KP',
  'noord korea': 'KP',
  turkey: 'TR',
  turkije: 'TR',
  turkiye: 'TR',
  'ivory coast': 'CI',
  ivoorkust: 'CI',
  bosnia: 'BA',
  bosnie: 'BA',
  macedonia: 'MK',
  macedonie: 'MK',
  kosovo: 'XK',
  curacao: 'CW',
  'sint maarten': 'SX',
  'st maarten': 'SX',
  bonaire: 'BQ',
  vatican: 'VA',
  china: 'CN',
  iran: 'IR',
  laos: 'LA',
  syria: 'SY',
  syrie: 'SY',
  moldova: 'MD',
  vietnam: 'VN',
  venezuela: 'VE',
  bolivia: 'BO',
  tanzania: 'TZ',
};

let countryIndex: Map<string, string> | undefined;

function buildCountryIndex(): Map<string, string> {
  const index = new Map<string, string>();
  const names = (['en', 'nl'] as const).map((lang) => {
    try {
      return new Intl.DisplayNames([lang], { type: 'region' });
    } catch {
      return undefined;
    }
  });
  for (const country of DEFAULT_COUNTRIES) {
    index.set(normaliseWord(country.code), country.code);
    index.set(normaliseWord(country.name), country.code);
    for (const display of names) {
      const name = display?.of(country.code);
      if (name && name !== country.code) index.set(normaliseWord(name), country.code);
    }
  }
  for (const [word, code] of Object.entries(COUNTRY_VARIANTS)) if (findCountry(code)) index.set(word, code);
  return index;
}

/** An ISO 3166-1 alpha-2 code for a country name or code in English or Dutch ("Duitsland", "Germany", "DE"). */
export function countryCode(text: string): string | undefined {
  countryIndex ??= buildCountryIndex();
  const word = normaliseWord(text);
  if (word === '') return undefined;
  return countryIndex.get(word) ?? countryIndex.get(word.replace(/^(the|de|het) /, ''));
}

// Channels: the words of legacy logs. Longest matching phrase wins; a cell holding a known word among others
// ("via SIENA (Europol)") is read by its words.
const CHANNEL_WORDS: Record<string, ChannelCode> = {
  siena: 'siena',
  europol: 'siena',
  'europol siena': 'siena',
  eurpol: 'siena',
  interpol: 'interpol',
  'i 24 7': 'interpol',
  i247: 'interpol',
  'i 247': 'interpol',
  ncb: 'interpol',
  'interpol ncb': 'interpol',
  sis: 'sis_sirene',
  sirene: 'sis_sirene',
  'sis sirene': 'sis_sirene',
  schengen: 'sis_sirene',
  bilateral: 'bilateral',
  bilateraal: 'bilateral',
  direct: 'bilateral',
  rechtstreeks: 'bilateral',
  'lo lo': 'bilateral',
  liaison: 'bilateral',
  telefoon: 'bilateral',
  phone: 'bilateral',
  email: 'bilateral',
  'e mail': 'bilateral',
  mail: 'bilateral',
  mla: 'mla_eio',
  rechtshulp: 'mla_eio',
  rechtshulpverzoek: 'mla_eio',
  'internationale rechtshulp': 'mla_eio',
  'mutual legal assistance': 'mla_eio',
  eio: 'mla_eio',
  eob: 'mla_eio',
  'european investigation order': 'mla_eio',
  'europees onderzoeksbevel': 'mla_eio',
  other: 'other',
  anders: 'other',
  overig: 'other',
  overige: 'other',
};

export function channelCode(text: string): ChannelCode | undefined {
  const word = normaliseWord(text);
  if (word === '') return undefined;
  const exact = CHANNEL_WORDS[word] ?? CHANNEL_WORDS[word.replace(/\s+/g, '')];
  if (exact) return exact;
  // "via SIENA", "Interpol NCB Bogotá": the first known word decides.
  const words = word.split(' ');
  for (let i = 0; i < words.length; i++) {
    const pair = words.slice(i, i + 3).join(' ');
    const hit = CHANNEL_WORDS[pair] ?? CHANNEL_WORDS[words.slice(i, i + 2).join(' ')] ?? CHANNEL_WORDS[words[i] ?? ''];
    if (hit && hit !== 'other') return hit;
  }
  return undefined;
}

/** The fixed vocabularies other than channels and countries: words in English and Dutch per code. */
export const CHOICE_WORDS = {
  direction: {
    incoming: ['incoming', 'in', 'inkomend', 'binnenkomend', 'ontvangen', 'received', 'inbound'],
    outgoing: ['outgoing', 'out', 'uitgaand', 'verzonden', 'sent', 'verstuurd', 'outbound'],
  },
  status: {
    open: ['open', 'pending', 'lopend', 'in behandeling', 'openstaand'],
    answered: ['answered', 'beantwoord', 'closed', 'done', 'afgehandeld', 'gesloten', 'afgerond', 'replied'],
    refused: ['refused', 'geweigerd', 'rejected', 'afgewezen', 'declined'],
    withdrawn: ['withdrawn', 'ingetrokken', 'cancelled', 'vervallen'],
  },
  urgency: {
    urgent: ['urgent', 'spoed', 'ja', 'yes', 'y', 'j', 'x', 'high', 'hoog', 'dringend', 'true', '1'],
    non_urgent: [
      'non urgent',
      'not urgent',
      'normal',
      'normaal',
      'nee',
      'no',
      'n',
      'geen spoed',
      'false',
      '0',
      'regulier',
    ],
  },
  engagementKind: {
    meeting: ['meeting', 'overleg', 'bespreking', 'vergadering', 'afspraak'],
    call: ['call', 'phone call', 'telefoon', 'telefoongesprek', 'gebeld', 'phone'],
    message: ['message', 'bericht', 'email', 'e mail', 'mail', 'whatsapp', 'signal'],
    visit: ['visit', 'bezoek', 'werkbezoek'],
    training: ['training', 'cursus', 'opleiding', 'workshop'],
    conference: ['conference', 'congres', 'conferentie', 'seminar', 'symposium'],
    other: ['other', 'anders', 'overig'],
  },
  purpose: {
    operational: ['operational', 'operationeel', 'ops', 'case', 'zaak'],
    relationship: ['relationship', 'relatiebeheer', 'relatie', 'netwerk', 'networking', 'kennismaking'],
    capacity_building: ['capacity building', 'capaciteitsopbouw', 'training', 'opleiding'],
    strategic: ['strategic', 'strategisch', 'beleid', 'policy'],
  },
  resultKind: {
    arrest: ['arrest', 'arrests', 'aanhouding', 'aanhoudingen', 'arrestatie', 'arrestaties'],
    seizure: ['seizure', 'seizures', 'inbeslagname', 'inbeslagneming', 'beslag', 'vangst'],
    assets_frozen: ['assets frozen', 'freeze', 'bevriezing', 'beslag op vermogen', 'tegoeden bevroren'],
    hvt_identified: ['hvt', 'hvt identified', 'high value target', 'hvt geidentificeerd'],
    joint_operation: ['joint operation', 'jit', 'gezamenlijke operatie', 'joint investigation team'],
    intelligence_package: ['intelligence package', 'intelligence', 'informatiepakket', 'inlichtingenpakket'],
    victim_safeguarded: ['victim safeguarded', 'victims', 'slachtoffer', 'slachtoffers', 'slachtoffer in veiligheid'],
    other: ['other', 'anders', 'overig'],
  },
  unit: {
    kg: ['kg', 'kilo', 'kilos', 'kilogram'],
    g: ['g', 'gram', 'gr'],
    l: ['l', 'liter', 'litre', 'ltr'],
    pieces: ['pieces', 'stuks', 'st', 'pcs', 'stuk'],
    eur: ['eur', 'euro', 'euros', 'e'],
  },
  urgencyGround: {
    public_security: ['public security', 'openbare veiligheid', 'openbare orde', 'threat', 'dreiging'],
    life_or_integrity: ['life', 'leven', 'life or integrity', 'levensgevaar', 'lijfsgevaar'],
    deprivation_of_liberty: ['deprivation of liberty', 'vrijheidsbeneming', 'detention', 'detentie', 'aanhouding'],
    loses_relevance: ['loses relevance', 'relevance', 'relevantie', 'verliest relevantie', 'tijdkritisch'],
  },
  refusalGround: {
    a: ['6 1 a', 'not available', 'niet beschikbaar'],
    b: ['6 1 b'],
    c: ['6 1 c', 'judicial authorisation refused'],
    d: ['6 1 d'],
    e: ['6 1 e'],
    f: ['6 1 f', 'national security', 'nationale veiligheid', 'ongoing investigation', 'lopend onderzoek'],
    g: ['6 1 g'],
    h: ['6 1 h', 'no consent', 'geen toestemming'],
  },
  boolean: {
    true: ['yes', 'ja', 'y', 'j', 'x', 'true', 'waar', '1', 'done', 'gedaan'],
    false: ['no', 'nee', 'n', 'false', 'onwaar', '0', 'open'],
  },
} as const satisfies Record<string, Record<string, readonly string[]>>;
export type ChoiceVocabulary = keyof typeof CHOICE_WORDS;

const choiceIndex = new Map<ChoiceVocabulary, Map<string, string>>();

/** The code of a word in one of the fixed vocabularies (the code itself is a word of its own too). */
export function choiceCode(vocabulary: ChoiceVocabulary, text: string): string | undefined {
  let index = choiceIndex.get(vocabulary);
  if (!index) {
    index = new Map();
    for (const [code, words] of Object.entries(CHOICE_WORDS[vocabulary]) as [string, readonly string[]][]) {
      index.set(normaliseWord(code), code);
      for (const word of words) index.set(normaliseWord(word), code);
    }
    choiceIndex.set(vocabulary, index);
  }
  return index.get(normaliseWord(text));
}

// Dates. Legacy logs hold Dutch (31-12-2019, 31 dec. 2019, 31 december 2019), English (12/31/2019, 31/12/2019,
// 31 Dec 2019), ISO (2019-12-31) and, from Excel, serial day numbers (43830). Which of day and month comes
// first in a numeric date is the mapping's `dateFormat`: nothing is guessed per row.

export const DATE_ORDERS = ['dmy', 'mdy', 'ymd'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

const MONTHS: Record<string, number> = {};
for (const lang of ['en', 'nl']) {
  for (let m = 0; m < 12; m++) {
    const at = new Date(Date.UTC(2020, m, 15));
    for (const style of ['long', 'short'] as const) {
      const name = normaliseWord(new Intl.DateTimeFormat(lang, { month: style, timeZone: 'UTC' }).format(at));
      MONTHS[name] = m + 1;
      MONTHS[name.slice(0, 3)] = m + 1;
    }
  }
}
Object.assign(MONTHS, { mrt: 3, mei: 5, okt: 10, sept: 9, sep: 9 });

export interface LocalMoment {
  /** YYYY-MM-DD */
  date: string;
  /** HH:mm, when the cell held a time. */
  time?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function real(y: number, m: number, d: number): string | undefined {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return undefined;
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

function fullYear(y: number, digits: number): number {
  return digits <= 2 ? (y < 70 ? 2000 + y : 1900 + y) : y;
}

function readTime(text: string | undefined): string | undefined | null {
  if (text === undefined || text.trim() === '') return undefined;
  const m = /^(\d{1,2})[:.u](\d{2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?\s*(?:uur|h)?$/i.exec(text.trim());
  if (!m) return null;
  let h = Number(m[1]);
  const mi = Number(m[2]);
  const ampm = m[4]?.toLowerCase().replace(/\./g, '');
  if (ampm === 'pm' && h < 12) h += 12;
  if (ampm === 'am' && h === 12) h = 0;
  if (h > 23 || mi > 59) return null;
  return `${pad(h)}:${pad(mi)}`;
}

/** A time of day alone ("14:30", "9.15", "2:30 PM", an Excel fraction 0.604166): HH:mm, or undefined. */
export function timeOfDay(text: string): string | undefined {
  const t = text.trim();
  if (/^0?\.\d+$/.test(t)) {
    const minutes = Math.round(Number(t) * 24 * 60);
    return minutes < 24 * 60 ? `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}` : undefined;
  }
  return readTime(t) ?? undefined;
}

/**
 * A date (and time, when given) from a cell: undefined when it cannot be read in the given order. Excel serial
 * numbers (days since 1899-12-30, with a fraction for the time) are read whatever the order.
 */
export function localMoment(text: string, order: DateOrder): LocalMoment | undefined {
  const t = text.trim().replace(/\s+/g, ' ');
  if (t === '') return undefined;
  // Excel serial day numbers (1955 to 2173): 20000..100000, optionally with a fraction.
  if (/^\d{5}(\.\d+)?$/.test(t)) {
    const serial = Number(t);
    if (serial < 20_000 || serial > 100_000) return undefined;
    const ms = Math.round((serial - 25_569) * 86_400_000);
    const at = new Date(ms);
    const date = at.toISOString().slice(0, 10);
    const minutes = at.getUTCHours() * 60 + at.getUTCMinutes();
    return minutes === 0 ? { date } : { date, time: `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}` };
  }
  // ISO: 2019-12-31, 2019-12-31T14:30, 2019-12-31 14:30(:00)
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](.+))?$/.exec(t);
  if (m) return withTime(real(Number(m[1]), Number(m[2]), Number(m[3])), m[4]);
  // Numeric with separators: 31-12-2019, 31/12/19, 12.31.2019, 2019/12/31
  m = /^(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})(?:,?\s+(.+))?$/.exec(t);
  if (m) {
    const [a, b, c] = [m[1] ?? '', m[2] ?? '', m[3] ?? ''];
    let date: string | undefined;
    if (a.length === 4) date = real(Number(a), Number(b), Number(c));
    else if (order === 'mdy') date = real(fullYear(Number(c), c.length), Number(a), Number(b));
    else if (order === 'dmy') date = real(fullYear(Number(c), c.length), Number(b), Number(a));
    else date = undefined;
    return withTime(date, m[4]);
  }
  // Month names: 31 dec. 2019, 31 December 2019, Dec 31, 2019, 31-mrt-2019
  m = /^(\d{1,2})[\s-]+([\p{L}.]+)[\s-]+(\d{2,4})(?:,?\s+(.+))?$/u.exec(t);
  if (m) {
    const month = MONTHS[normaliseWord(m[2] ?? '')];
    const y = m[3] ?? '';
    return withTime(month ? real(fullYear(Number(y), y.length), month, Number(m[1])) : undefined, m[4]);
  }
  m = /^([\p{L}.]+)\s+(\d{1,2}),?\s+(\d{4})(?:,?\s+(.+))?$/u.exec(t);
  if (m) {
    const month = MONTHS[normaliseWord(m[1] ?? '')];
    return withTime(month ? real(Number(m[3]), month, Number(m[2])) : undefined, m[4]);
  }
  return undefined;
}

function withTime(date: string | undefined, time: string | undefined): LocalMoment | undefined {
  if (!date) return undefined;
  if (time === undefined) return { date };
  const hhmm = readTime(time.replace(/Z$|[+-]\d{2}:?\d{2}$/, ''));
  if (hhmm === null) return undefined;
  return hhmm === undefined || hhmm === '00:00' ? { date } : { date, time: hhmm };
}

/** A number as officers write it: "1.234,5" (Dutch), "1,234.5" (English), "12" -> 12; undefined if not one. */
export function readNumber(text: string): number | undefined {
  const t = text.trim().replace(/\s|€|eur$/gi, '');
  if (t === '') return undefined;
  let normal = t;
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(t) || /^-?\d+,\d+$/.test(t)) normal = t.replace(/\./g, '').replace(',', '.');
  else if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) normal = t.replace(/,/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(normal)) return undefined;
  return Number(normal);
}

/** A quantity with its unit in one cell ("12 kg", "3.000 stuks"): the number and the unit code if named. */
export function quantityWithUnit(text: string): { quantity?: number; unit?: string } {
  const m = /^\s*([\d.,]+)\s*([\p{L}€]+)?\s*$/u.exec(text);
  if (!m) return {};
  const quantity = readNumber(m[1] ?? '');
  const unit = m[2] ? (m[2] === '€' ? 'eur' : choiceCode('unit', m[2])) : undefined;
  return { ...(quantity === undefined ? {} : { quantity }), ...(unit ? { unit } : {}) };
}

/** Several values in one cell: "cocaine; money laundering", "cocaïne / witwassen", "A, B". */
export function splitList(text: string): string[] {
  return text
    .split(/[;,/|\n+&]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Words for phenomena that are not a label of the default taxonomy (used only where the code exists). */
export const PHENOMENON_VARIANTS: Record<string, string> = {
  cybercrime: 'online_crime',
  cyber: 'online_crime',
  'drug trafficking': 'drugs',
  drugshandel: 'drugs',
  drugssmokkel: 'drugs',
  coke: 'cocaine',
  xtc: 'synthetic_drugs',
  mdma: 'synthetic_drugs',
  amphetamine: 'synthetic_drugs',
  'human trafficking': 'thb',
  'people smuggling': 'migrant_smuggling',
  'human smuggling': 'migrant_smuggling',
  weapons: 'firearms',
  wapens: 'firearms',
  wapenhandel: 'firearms',
  vuurwapens: 'firearms',
  'arms trafficking': 'firearms',
  fraud: 'economic_financial',
  fraude: 'economic_financial',
  'money laundering': 'money_laundering',
  'document fraud': 'document_fraud',
  identiteitsfraude: 'document_fraud',
  hvt: 'hvt',
};
