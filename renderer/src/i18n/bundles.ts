import { NAMESPACES } from './namespaces';

/**
 * Every feature namespace, each under its own name (`{ records: {...} }`): merged over `common` (en.ts, nl.ts) this
 * gives the whole catalogue as one tree with nothing overwritten (for tests that read every sentence).
 */
export const FEATURE_BUNDLES: readonly { en: object; nl: object }[] = Object.entries(NAMESPACES)
  .filter(([name]) => name !== 'common')
  .map(([name, ns]) => ({ en: { [name]: ns.en }, nl: { [name]: ns.nl } }));
