import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { FEATURE_BUNDLES } from './bundles';
import { deepMerge } from './bundle';
import { en } from './en';
import { nl } from './nl';

export const LANGUAGES = ['en', 'nl'] as const;
export type Language = (typeof LANGUAGES)[number];

function resources() {
  const english = structuredClone(en) as Record<string, unknown>;
  const dutch = structuredClone(nl) as Record<string, unknown>;
  for (const bundle of FEATURE_BUNDLES) {
    deepMerge(english, bundle.en);
    deepMerge(dutch, bundle.nl);
  }
  return { en: { translation: english }, nl: { translation: dutch } };
}

export async function initI18n(language: Language = 'en'): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: resources(),
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
  });
  document.documentElement.lang = language;
}

export async function changeLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

/** Locale for dates and numbers; Dutch officers read 28-11-2026 14:05, English ones 28 Nov 2026, 14:05. */
export function locale(language: string): string {
  return language === 'nl' ? 'nl-NL' : 'en-GB';
}
