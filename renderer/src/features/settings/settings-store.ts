import { create } from 'zustand';
import type { Result } from '../../../../shared/contract/result';
import { DEFAULT_SETTINGS, type Settings, type UpdateSettingsInput } from '../../../../shared/settings/schema';
import { call } from '../../api/bridge';
import { changeLanguage } from '../../i18n';

interface SettingsState {
  settings: Settings;
  /** True once the stored settings have been read (until then `settings` holds the defaults). */
  loaded: boolean;
  // Property signatures (not methods): components destructure these actions, which never use `this`.
  load: () => Promise<void>;
  setLanguage: (language: Settings['language']) => Promise<void>;
  /** Saves a patch; on success the store and the screen language follow. The result carries field problems. */
  update: (patch: UpdateSettingsInput) => Promise<Result<Settings>>;
}

export const useSettings = create<SettingsState>((set, get) => ({
  settings: DEFAULT_SETTINGS,
  loaded: false,
  async load() {
    const result = await call('settings.get', {});
    if (!result.ok) {
      set({ loaded: true }); // start with the defaults rather than a blank window
      return;
    }
    await changeLanguage(result.value.language);
    set({ settings: result.value, loaded: true });
  },
  async setLanguage(language) {
    const result = await call('settings.update', { language });
    if (!result.ok) return;
    set({ settings: result.value });
    await changeLanguage(result.value.language);
  },
  async update(patch) {
    const before = get().settings.language;
    const result = await call('settings.update', patch);
    if (!result.ok) return result;
    set({ settings: result.value, loaded: true });
    if (result.value.language !== before) await changeLanguage(result.value.language);
    return result;
  },
}));
