import { z } from 'zod';
import { BACKUP_INTERVAL_HOURS, BACKUP_KEEP } from '../backup/schema';
import { CountryCode } from '../validation/primitives';

export const Language = z.enum(['en', 'nl']);
export type Language = z.output<typeof Language>;

/** An IANA time zone the platform knows, e.g. Europe/Amsterdam or America/Bogota. */
export const TimeZone = z
  .string()
  .max(64)
  .refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    },
    { error: 'Not a known time zone.', params: { code: 'invalid_time_zone' } },
  );

/** Preferences of this installation. Every key has a default, so a fresh data folder needs no setup. */
export const Settings = z.strictObject({
  language: Language.default('en'),
  /** The post: its name, host country (the default counterpart) and wall clock (deadline days). */
  postName: z.string().trim().max(100).default(''),
  hostCountry: CountryCode.nullable().default(null),
  homeCountry: CountryCode.default('NL'),
  timeZone: TimeZone.default('Europe/Amsterdam'),
  /** A partner organisation not contacted for this many days shows under "losing touch". */
  quietDays: z.number().int().min(7).max(3650).default(90),
  /** Lock the data after this many minutes without keyboard or mouse use (the unlock session). */
  autoLockMinutes: z.number().int().min(1).max(240).default(10),
  /** An automatic backup is made at unlock and hourly while unlocked once this many hours have passed. */
  backupIntervalHours: z
    .number()
    .int()
    .min(BACKUP_INTERVAL_HOURS.min)
    .max(BACKUP_INTERVAL_HOURS.max)
    .default(BACKUP_INTERVAL_HOURS.default),
  /** How many automatic backups are kept (manual ones are never removed). */
  backupKeep: z.number().int().min(BACKUP_KEEP.min).max(BACKUP_KEEP.max).default(BACKUP_KEEP.default),
});
export type Settings = z.output<typeof Settings>;

/** A patch: only the keys given change. (zod's .partial() would still fill in defaults for the others.) */
export const UpdateSettingsInput = z.strictObject(
  Object.fromEntries(Object.entries(Settings.shape).map(([key, schema]) => [key, schema.unwrap().optional()])) as {
    [K in keyof typeof Settings.shape]: z.ZodOptional<ReturnType<(typeof Settings.shape)[K]['unwrap']>>;
  },
);
export type UpdateSettingsInput = z.input<typeof UpdateSettingsInput>;

export const DEFAULT_SETTINGS: Settings = Settings.parse({});
