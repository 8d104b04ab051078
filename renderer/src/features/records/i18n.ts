import { defineBundle } from '../../i18n/bundle';

// Translations of the record lists' own additions, merged into the app's under the core `filters` keys.
export const recordsI18n = defineBundle({
  en: {
    filters: {
      post: 'Post',
      ownPost: 'This installation',
    },
  },
  nl: {
    filters: {
      post: 'Post',
      ownPost: 'Deze installatie',
    },
  },
});
