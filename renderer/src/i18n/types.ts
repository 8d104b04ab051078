import type { Catalogue, NamespaceName } from './namespaces';

// i18next's own key typing (i18next 26 / react-i18next 17). `useTranslation('records')` gives a `t` that accepts
// the `records` keys and, through the fallback namespace, every `common` key; `useTranslation(['records',
// 'requests'])` also accepts `requests:`-prefixed keys. A misspelled or missing key fails the typecheck, also when
// a `defaultValue` is given (`strictKeyChecks`). Dutch files are typed `Dutch<typeof en>` (catalogue.ts).
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    fallbackNS: 'common';
    resources: Catalogue;
    returnNull: false;
    strictKeyChecks: true;
  }
}

/** Every key of a namespace that holds a text, as `group.key`. */
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/**
 * A feature key with the same path as a `common` key would quietly hide the common text inside that feature (the
 * feature namespace is read first). None may exist: the line below fails the typecheck and names the key.
 */
type Shadowing = {
  [N in Exclude<NamespaceName, 'common'>]: `${N}:${Extract<Leaves<Catalogue[N]>, Leaves<Catalogue['common']>>}`;
}[Exclude<NamespaceName, 'common'>];
export const NO_FEATURE_KEY_SHADOWS_COMMON: [Shadowing] extends [never] ? true : Shadowing = true;
