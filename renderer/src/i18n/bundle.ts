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
