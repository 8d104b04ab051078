import { defineBundle } from '../../i18n/bundle';

// Translations of this feature, merged into the app's. Keys must exist in both languages.
export const paletteI18n = defineBundle({
  en: {},
  nl: {},
});
