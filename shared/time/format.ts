import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { isCalendarDate, isTimeZone, parseInstant } from './clock';

// Times and dates as officers read them, always on the post's clock and in the app's language, never in the
// laptop's zone or locale: Dutch `28-11-2026 14:05` (day-month-year, 24-hour), English `28 Nov 2026, 14:05`
// (day month year, 24-hour: the English an officer of a European police reads). Fixed patterns rather than
// Intl's styles, so the text is the same on every laptop and platform version.

/** Dutch for 'nl'; English for anything else. */
export type TimeLanguage = 'en' | 'nl' | (string & {});

const PATTERNS = {
  en: { dateTime: 'd MMM yyyy, HH:mm', date: 'd MMM yyyy', time: 'HH:mm' },
  nl: { dateTime: 'dd-MM-yyyy HH:mm', date: 'dd-MM-yyyy', time: 'HH:mm' },
} as const;

function patterns(language: TimeLanguage) {
  return language === 'nl' ? PATTERNS.nl : PATTERNS.en;
}

/** A wall-clock field of an instant on the post's clock, or null when the instant or zone is not valid. */
function inZone(iso: string | Date, timeZone: string): TZDate | null {
  const ms = parseInstant(iso);
  return ms === null || !isTimeZone(timeZone) ? null : new TZDate(ms, timeZone);
}

/**
 * An instant as date and time on the post's clock: `28-11-2026 14:05` / `28 Nov 2026, 14:05`.
 * Text that is not an instant comes back unchanged, so a bad value shows rather than vanishes.
 */
export function formatDateTimeIn(iso: string | Date, timeZone: string, language: TimeLanguage): string {
  const at = inZone(iso, timeZone);
  return at ? format(at, patterns(language).dateTime) : String(iso);
}

/** The calendar day of an instant on the post's clock: `28-11-2026` / `28 Nov 2026`. */
export function formatDateIn(iso: string | Date, timeZone: string, language: TimeLanguage): string {
  const at = inZone(iso, timeZone);
  return at ? format(at, patterns(language).date) : String(iso);
}

/** The time of day of an instant on the post's clock: `14:05` in both languages. */
export function formatTimeIn(iso: string | Date, timeZone: string, language: TimeLanguage): string {
  const at = inZone(iso, timeZone);
  return at ? format(at, patterns(language).time) : String(iso);
}

/**
 * A calendar day stored as `YYYY-MM-DD` (results, follow-ups, periods): it has no zone, so none is applied.
 * `28-11-2026` / `28 Nov 2026`; anything else comes back unchanged.
 */
export function formatCalendarDate(date: string, language: TimeLanguage): string {
  if (!isCalendarDate(date)) return date;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  // A TZDate in UTC holds exactly these fields whatever the laptop's zone is.
  return format(new TZDate(y, m - 1, d, 'UTC'), patterns(language).date);
}

// Zone labels: "Bogotá time" / "tijd Bogotá", the city of the IANA id in the reader's language. The id's last
// part with spaces for underscores is right for most zones; these are the ones it gets wrong (accents) or
// that Dutch names differently.
const CITY_NAMES: Readonly<Record<string, { en?: string; nl?: string }>> = {
  'America/Bogota': { en: 'Bogotá', nl: 'Bogotá' },
  'America/Cancun': { en: 'Cancún', nl: 'Cancún' },
  'America/Curacao': { en: 'Curaçao', nl: 'Curaçao' },
  'America/Mexico_City': { nl: 'Mexico-Stad' },
  'America/Asuncion': { en: 'Asunción', nl: 'Asunción' },
  'America/Sao_Paulo': { en: 'São Paulo', nl: 'São Paulo' },
  'America/Panama': { nl: 'Panama-Stad' },
  'America/Guatemala': { nl: 'Guatemala-Stad' },
  'Asia/Ho_Chi_Minh': { en: 'Ho Chi Minh City', nl: 'Ho Chi Minhstad' },
  'Asia/Tokyo': { nl: 'Tokio' },
  'Asia/Shanghai': { nl: 'Sjanghai' },
  'Asia/Riyadh': { nl: 'Riyad' },
  'Africa/Cairo': { nl: 'Caïro' },
  'Europe/Athens': { nl: 'Athene' },
  'Europe/Belgrade': { nl: 'Belgrado' },
  'Europe/Brussels': { nl: 'Brussel' },
  'Europe/Bucharest': { nl: 'Boekarest' },
  'Europe/Copenhagen': { nl: 'Kopenhagen' },
  'Europe/Lisbon': { nl: 'Lissabon' },
  'Europe/London': { nl: 'Londen' },
  'Europe/Moscow': { nl: 'Moskou' },
  'Europe/Paris': { nl: 'Parijs' },
  'Europe/Prague': { nl: 'Praag' },
  'Europe/Tirane': { en: 'Tirana', nl: 'Tirana' },
  'Europe/Vienna': { nl: 'Wenen' },
  'Europe/Warsaw': { nl: 'Warschau' },
  'Europe/Kiev': { en: 'Kyiv', nl: 'Kyiv' },
  'Europe/Istanbul': { nl: 'Istanboel' },
  'Europe/Zurich': { nl: 'Zürich', en: 'Zürich' },
  'Pacific/Chatham': { en: 'Chatham Islands', nl: 'Chathameilanden' },
};

/** The city an IANA zone is named after, in the reader's language: `Bogotá`, `Tokio` (nl), `UTC`. */
export function zoneCity(timeZone: string, language: TimeLanguage): string {
  const names = CITY_NAMES[timeZone];
  const named = language === 'nl' ? (names?.nl ?? names?.en) : names?.en;
  if (named) return named;
  const last = timeZone.split('/').pop() ?? timeZone;
  return last.replace(/_/g, ' ');
}

/** "Bogotá time" / "tijd Bogotá": what a time on the post's clock is labelled with where the laptop differs. */
export function zoneLabel(timeZone: string, language: TimeLanguage): string {
  const city = zoneCity(timeZone, language);
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 'UTC';
  return language === 'nl' ? `tijd ${city}` : `${city} time`;
}
