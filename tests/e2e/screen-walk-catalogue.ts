import { FEATURE_BUNDLES } from '../../renderer/src/i18n/bundles';
import { deepMerge } from '../../renderer/src/i18n/bundle';
import { en } from '../../renderer/src/i18n/en';
import { nl } from '../../renderer/src/i18n/nl';

// The app's whole catalogue in English and in Dutch, as the renderer loads it.

function merged(base: object, side: 'en' | 'nl'): Record<string, unknown> {
  const out = structuredClone(base) as Record<string, unknown>;
  for (const bundle of FEATURE_BUNDLES) deepMerge(out, bundle[side]);
  return out;
}

export const CATALOGUE_EN = merged(en, 'en');
export const CATALOGUE_NL = merged(nl, 'nl');
