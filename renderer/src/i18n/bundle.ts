/** A feature's own translations, merged into the app's under their own keys. Both languages, same shape. */
export interface FeatureBundle<T extends object = object> {
  en: T;
  nl: T;
}

export function defineBundle<T extends object>(bundle: FeatureBundle<T>): FeatureBundle<T> {
  return bundle;
}

export function deepMerge(target: Record<string, unknown>, source: object): Record<string, unknown> {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (value && typeof value === 'object' && existing && typeof existing === 'object') {
      deepMerge(existing as Record<string, unknown>, value as object);
    } else {
      target[key] = value;
    }
  }
  return target;
}
