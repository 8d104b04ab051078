import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalogue, NAMESPACES } from './namespaces';
import './types';

export const LANGUAGES = ['en', 'nl'] as const;
export type Language = (typeof LANGUAGES)[number];

function resources() {
  return { en: catalogue('en'), nl: catalogue('nl') };
}

export async function initI18n(language: Language = 'en'): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: resources(),
    ns: Object.keys(NAMESPACES),
    defaultNS: 'common',
    fallbackNS: 'common',
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
  });
  document.documentElement.lang = language;
}

/** Where the window keeps its language across reloads (only the language: nothing of the data). */
const LANGUAGE_KEY = 'liaison-log.language';

export async function changeLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
  try {
    sessionStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    /* storage refused: the next reload starts in English */
  }
}

/**
 * The language this window last showed, for the screens that appear when the backend cannot say (its process
 * stopped): the officer keeps reading their own language.
 */
export function lastLanguage(): Language | null {
  try {
    const value = sessionStorage.getItem(LANGUAGE_KEY);
    return value === 'en' || value === 'nl' ? value : null;
  } catch {
    return null;
  }
}

/** Locale for dates and numbers; Dutch officers read 28-11-2026 14:05, English ones 28 Nov 2026, 14:05. */
export function locale(language: string): string {
  return language === 'nl' ? 'nl-NL' : 'en-GB';
}
