import { useMemo } from 'react';
import { DEFAULT_COUNTRIES, findCountry } from '../../../shared/taxonomy/countries';
import { locale } from './index';

// Dates, numbers and country names in the officer's language, from the platform's own Intl data.

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

export function formatDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function useCountryOptions(language: string): { code: string; label: string }[] {
  return useMemo(() => {
    const collator = new Intl.Collator(locale(language));
    return DEFAULT_COUNTRIES.map((c) => ({ code: c.code, label: countryName(c.code, language) })).sort((a, b) =>
      collator.compare(a.label, b.label),
    );
  }, [language]);
}
