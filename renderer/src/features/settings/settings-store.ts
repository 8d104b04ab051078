import { create } from 'zustand';
import { DEFAULT_SETTINGS, type Settings } from '../../../../shared/settings/schema';
import { call } from '../../api/bridge';
import { changeLanguage } from '../../i18n';

interface SettingsState {
  settings: Settings;
  // Property signatures (not methods): components destructure these actions, which never use `this`.
  load: () => Promise<void>;
  setLanguage: (language: Settings['language']) => Promise<void>;
}

export const useSettings = create<SettingsState>((set) => ({
  settings: DEFAULT_SETTINGS,
  async load() {
    const result = await call('settings.get', {});
    if (!result.ok) return;
    set({ settings: result.value });
    await changeLanguage(result.value.language);
  },
  async setLanguage(language) {
    const result = await call('settings.update', { language });
    if (!result.ok) return;
    set({ settings: result.value });
    await changeLanguage(result.value.language);
  },
}));
