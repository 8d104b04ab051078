import { safeStorage } from 'electron';
import type { OsKeyStore } from '../vault/os-key-store';

// The OS key store through Electron's safeStorage: DPAPI on Windows, the Keychain on macOS, libsecret or
// KWallet on Linux. On Linux without a secret service, safeStorage falls back to "basic_text", a key
// hard-coded in Chromium: that protects nothing, so it counts as unavailable and the vault refuses to bind
// to it (and refuses to unlock a bound vault through it). safeStorage works only after the app is ready:
// until `whenReady` has asked it, the store says it is unavailable.

const LINUX_NAMES: Record<string, string> = {
  gnome_libsecret: 'the GNOME keyring (libsecret)',
  kwallet: 'KWallet',
  kwallet5: 'KWallet 5',
  kwallet6: 'KWallet 6',
};

function storeName(): string {
  if (process.platform === 'win32') return 'Windows DPAPI';
  if (process.platform === 'darwin') return 'the macOS Keychain';
  return LINUX_NAMES[safeStorage.getSelectedStorageBackend()] ?? 'the Linux secret service';
}

export function createSafeStorageKeyStore(): OsKeyStore & { whenReady(): Promise<void> } {
  let encryptionAvailable = false;
  return {
    get name() {
      return storeName();
    },
    /** Call once the app is ready: safeStorage answers availability only asynchronously. */
    async whenReady() {
      encryptionAvailable = await safeStorage.isAsyncEncryptionAvailable();
    },
    available() {
      if (!encryptionAvailable) return false;
      if (process.platform === 'linux') {
        const backend = safeStorage.getSelectedStorageBackend();
        if (backend === 'basic_text' || backend === 'unknown') return false;
      }
      return true;
    },
    // safeStorage seals strings: the bytes travel as base64 (the sealed age file is ASCII anyway).
    encrypt: (plain) => safeStorage.encryptStringAsync(plain.toString('base64')),
    decrypt: async (sealed) => Buffer.from((await safeStorage.decryptStringAsync(sealed)).result, 'base64'),
  };
}
