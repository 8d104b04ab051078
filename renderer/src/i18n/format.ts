import { useMemo } from 'react';
import { DEFAULT_COUNTRIES, findCountry } from '../../../shared/taxonomy/countries';
import { parseInstant } from '../../../shared/time/clock';
import { formatCalendarDate, formatDateIn, formatDateTimeIn } from '../../../shared/time/format';
import { useSettings } from '../features/settings/settings-store';
import { zoneLabelIfForeign } from '../ui/datetime/zone';
import { locale } from './index';

// Dates, numbers and country names in the officer's language; country names from the platform's own Intl data.

const namesCache = new Map<string, Intl.DisplayNames>();

export function countryName(code: string, language: string): string {
  const loc = locale(language);
  let names = namesCache.get(loc);
  if (!names) {
    names = new Intl.DisplayNames([loc], { type: 'region', fallback: 'none' });
    namesCache.set(loc, names);
  }
  return names.of(code) ?? findCountry(code)?.name ?? code;
}

// Times are read on the post's clock (HQ: HQ's), the zone in the settings, never the laptop's: the same instant
// reads the same on any laptop. The zone comes from the settings store rather than from every caller, so the
// screens that show a time (lists, history, backups, keys...) need no change and cannot pass the laptop's zone by
// mistake; a caller that needs another zone passes it.

/** The post's zone as the settings hold it (the default until they are read). */
function postZone(): string {
  return useSettings.getState().settings.timeZone;
}

/** An instant on the post's clock: Dutch `28-11-2026 14:05`, English `28 Nov 2026, 14:05`. */
export function formatDateTime(iso: string, language: string, timeZone: string = postZone()): string {
  return formatDateTimeIn(iso, timeZone, language);
}

/**
 * As formatDateTime, followed by the zone where the post's clock differs from the laptop's at that moment:
 * `28 Nov 2026, 14:05 (Bogotá time)`. For a time that stands alone (a deadline); where several times share a
 * screen, label the screen once instead (`datetime:zone.allTimes`).
 */
export function formatDateTimeLabelled(iso: string, language: string, timeZone: string = postZone()): string {
  const text = formatDateTimeIn(iso, timeZone, language);
  const zone = parseInstant(iso) === null ? undefined : zoneLabelIfForeign(timeZone, language, iso);
  return zone ? `${text} (${zone})` : text;
}

/**
 * A day: a calendar day (`YYYY-MM-DD`) as it is, an instant by the day it falls on at the post. Dutch
 * `28-11-2026`, English `28 Nov 2026`; text that is neither comes back unchanged.
 */
export function formatDay(value: string, language: string, timeZone: string = postZone()): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatCalendarDate(value, language);
  return parseInstant(value) === null ? value : formatDateIn(value, timeZone, language);
}

/** An instant with seconds on the post's clock (the log's lines): `28-11-2026 14:05:09`. */
export function formatDateTimeSeconds(iso: string, language: string, timeZone: string = postZone()): string {
  if (parseInstant(iso) === null) return iso;
  const seconds = new Intl.DateTimeFormat('en-GB', { timeZone, second: '2-digit' }).format(new Date(iso));
  return `${formatDateTimeIn(iso, timeZone, language)}:${seconds.padStart(2, '0')}`;
}

export function useCountryOptions(language: string): { code: string; label: string }[] {
  return useMemo(() => {
    const collator = new Intl.Collator(locale(language));
    return DEFAULT_COUNTRIES.map((c) => ({ code: c.code, label: countryName(c.code, language) })).sort((a, b) =>
      collator.compare(a.label, b.label),
    );
  }, [language]);
}
