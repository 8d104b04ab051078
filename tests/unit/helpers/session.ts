import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import { afterEach } from 'vitest';
import { DATABASE_FILE } from '../../../electron/db/open';
import { createSession, type Session, type SessionOptions } from '../../../electron/session/session';
import type { OsKeyStore } from '../../../electron/vault/os-key-store';
import { unwrapWithPassphrase } from '../../../electron/vault/vault';
import { runCli, type CliOptions } from '../../../electron/cli/main';
import type { CliIo } from '../../../electron/cli/io';
import { makeTempDir, removeTempDir } from './temp-dir';

// Sessions (the unlock layer) on real folders, with real age and real SQLite. The only concession to speed:
// key files are written with a small scrypt work factor (2^10 instead of age's 2^18); the format and the
// code path are the same, and one test checks the default.

export const TEST_PASSPHRASE = 'correct horse battery staple';
export const TEST_WORK_FACTOR = 10;

/**
 * Stands in for the operating system's key store (DPAPI, Keychain, libsecret), not for our code: AES-256-GCM
 * under a fixed key, as the OS would seal under the user's login secret. `available` can be switched off to
 * play "another computer" or "no secret service".
 */
export function testKeyStore(name = 'Test key store'): OsKeyStore & { enabled: boolean } {
  const key = Buffer.alloc(32, 7);
  return {
    name,
    enabled: true,
    available() {
      return this.enabled;
    },
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
    },
  };
}

/** Opens sessions on temp folders; every session is locked and every folder made here removed after each test. */
export function useSessions(): (options?: Partial<SessionOptions>) => {
  session: Session;
  dataDir: string;
  logged: unknown[];
} {
  const made: { session: Session; dataDir: string; ownDir: boolean }[] = [];
  afterEach(async () => {
    const done = made.splice(0);
    for (const m of done) await m.session.lock();
    // A maintenance worker stopped by the lock ends its step first (sessions with `background`).
    for (const m of done) await m.session.settled();
    for (const m of done) if (m.ownDir) removeTempDir(m.dataDir);
  });
  return (options = {}) => {
    const ownDir = options.dataDir === undefined;
    const dataDir = options.dataDir ?? makeTempDir('liaison-log-session-');
    const logged: unknown[] = [];
    const session = createSession({
      kdfWorkFactor: TEST_WORK_FACTOR,
      log: (_message, error) => logged.push(error),
      ...options,
      dataDir,
    });
    made.push({ session, dataDir, ownDir });
    return { session, dataDir, logged };
  };
}

/** An unlocked session on a new folder (set up with TEST_PASSPHRASE), and the recovery key it showed. */
export async function setUpSession(session: Session, passphrase = TEST_PASSPHRASE, osBind = false) {
  const r = await session.setup(passphrase, osBind);
  if (!r.ok) throw new Error(`setup failed: ${JSON.stringify(r.error)}`);
  return r.value;
}

/**
 * What an in-process CLI test passes to runCli: the passphrase in the environment, the personal recovery key
 * written to a file outside the data folder (so stderr stays clean), and the test work factor.
 */
export function cliTestSetup(dir = makeTempDir('liaison-log-cli-secrets-')): {
  env: NodeJS.ProcessEnv;
  options: CliOptions;
  recoveryKeyFile: string;
} {
  fs.mkdirSync(dir, { recursive: true });
  const recoveryKeyFile = path.join(dir, 'recovery-key.txt');
  return {
    env: { LIAISON_LOG_PASSPHRASE: TEST_PASSPHRASE, LIAISON_LOG_RECOVERY_KEY_OUT: recoveryKeyFile },
    options: { kdfWorkFactor: TEST_WORK_FACTOR },
    recoveryKeyFile,
  };
}

/** An in-process runner of the command line with those secrets: its exit code and what it printed. */
export function cliRunner(secrets: ReturnType<typeof cliTestSetup>) {
  return async (...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
    let stdout = '';
    let stderr = '';
    const io: CliIo = { out: (t) => (stdout += t), err: (t) => (stderr += t) };
    const code = await runCli(argv, io, secrets.env, secrets.options);
    return { code, stdout, stderr };
  };
}

/**
 * The database of a data folder, opened read-only with its key (unwrapped from key.age with the passphrase),
 * as a test reads it behind the app's back. The caller closes it.
 */
export async function openDatabaseWithPassphrase(
  dataDir: string,
  passphrase = TEST_PASSPHRASE,
): Promise<Sqlite.Database> {
  const { key } = await unwrapWithPassphrase(
    { dataDir, now: () => new Date(), workFactor: TEST_WORK_FACTOR },
    passphrase,
  );
  const db = new Sqlite(path.join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  db.pragma(`key = "x'${key.toString('hex')}'"`);
  key.fill(0);
  return db;
}

/** Every file under `dir` (recursively) whose bytes contain `marker` in UTF-8 or UTF-16. */
export function filesContaining(dir: string, marker: string): string[] {
  const needles = [Buffer.from(marker, 'utf8'), Buffer.from(marker, 'utf16le')];
  const hits: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const bytes = fs.readFileSync(file);
    if (needles.some((n) => bytes.includes(n))) hits.push(file);
  }
  return hits;
}
