import { catalogue } from '../../renderer/src/i18n/namespaces';

// The app's whole catalogue in English and in Dutch, namespace by namespace, as the renderer loads it.

export const CATALOGUE_EN = catalogue('en');
export const CATALOGUE_NL = catalogue('nl');
