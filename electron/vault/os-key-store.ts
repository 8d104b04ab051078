/**
 * The operating system's per-user secret store (Windows DPAPI, macOS Keychain, a Linux secret service), as the
 * vault sees it. The Electron implementation is electron/shell/os-key-store.ts (safeStorage); the vault itself
 * stays plain Node so that it runs in tests and on the command line, where no such store exists.
 */
export interface OsKeyStore {
  /** A name to show the officer, e.g. "Windows DPAPI". */
  readonly name: string;
  /** False when the store cannot protect anything (no secret service, or a plain-text fallback). */
  available(): boolean;
  /** May answer asynchronously: Electron's non-deprecated safeStorage calls are. */
  encrypt(plain: Buffer): Buffer | Promise<Buffer>;
  /** Throws (or rejects) when the bytes were not sealed by this store for this user. */
  decrypt(sealed: Buffer): Buffer | Promise<Buffer>;
}
