import { z } from 'zod';

export const Language = z.enum(['en', 'nl']);

/** Preferences of this installation. Every key has a default, so a fresh data folder needs no setup. */
export const Settings = z.strictObject({
  language: Language.default('en'),
});
export type Settings = z.output<typeof Settings>;

export const UpdateSettingsInput = Settings.partial().strict();
export type UpdateSettingsInput = z.input<typeof UpdateSettingsInput>;

export const DEFAULT_SETTINGS: Settings = Settings.parse({});
