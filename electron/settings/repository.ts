import type { Database } from 'better-sqlite3-multiple-ciphers';
import { Settings, type UpdateSettingsInput } from '../../shared/settings/schema';

export function createSettingsRepository(db: Database) {
  const all = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM setting');
  const upsert = db.prepare(
    'INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );

  function read(): Settings {
    const stored: Record<string, unknown> = {};
    for (const row of all.all()) stored[row.key] = JSON.parse(row.value);
    // A value this version does not understand falls back to its default instead of blocking start-up.
    const parsed = Settings.safeParse(stored);
    if (parsed.success) return parsed.data;
    const usable: Record<string, unknown> = {};
    for (const key of Object.keys(Settings.shape) as (keyof Settings)[]) {
      if (Settings.shape[key].safeParse(stored[key]).success) usable[key] = stored[key];
    }
    return Settings.parse(usable);
  }

  return {
    read,
    update: db.transaction((patch: UpdateSettingsInput): Settings => {
      for (const [key, value] of Object.entries<unknown>(patch)) {
        if (value !== undefined) upsert.run(key, JSON.stringify(value));
      }
      return read();
    }),
  };
}
