import fs from 'node:fs';
import path from 'node:path';
import type { Backend } from '../backend/create-backend';
import { ExchangeError } from '../exchange/identity';
import { createSession, type Session } from '../session/session';
import { VaultError, WITHOUT_RECOVERY } from '../vault/errors';
import type { OsKeyStore } from '../vault/os-key-store';
import { recoveryCodeForHq } from '../vault/vault';
import type { CliIo } from './io';

// The command line reaches a data folder only through the unlock session, like the app. Passphrases come from
// a file or an environment variable, never from an argument: arguments are visible to every user of the
// computer (ps, /proc) and stay in shell history.

export const PASSPHRASE_ENV = 'LIAISON_LOG_PASSPHRASE';
export const NEW_PASSPHRASE_ENV = 'LIAISON_LOG_NEW_PASSPHRASE';
export const RECOVERY_KEY_OUT_ENV = 'LIAISON_LOG_RECOVERY_KEY_OUT';

export interface SessionCliValues {
  'passphrase-file'?: string;
  'new-passphrase-file'?: string;
  'recovery-key-out'?: string;
  'code-file'?: string;
  in?: string;
}

export interface SessionCliContext {
  readonly dataDir: string;
  readonly io: CliIo;
  readonly env: NodeJS.ProcessEnv;
  readonly values: SessionCliValues;
  readonly version: string;
  readonly kdfWorkFactor?: number | undefined;
  readonly osKeyStore?: OsKeyStore | undefined;
  readonly nativeBinding?: string | undefined;
}

/** Refuses `--passphrase` before argument parsing, with the reason, instead of "unknown option". */
export function passphraseArgumentRefused(argv: readonly string[], io: CliIo): boolean {
  const offending = argv.find((a) => /^--(new-)?passphrase(=|$)/.test(a));
  if (!offending) return false;
  io.err(
    `liaison-log: ${offending.split('=')[0] ?? ''} is not accepted: a passphrase on the command line is visible ` +
      'to other users and stays in shell history. Use --passphrase-file FILE or the environment variable ' +
      `${PASSPHRASE_ENV} (and --new-passphrase-file FILE or ${NEW_PASSPHRASE_ENV} for a new one).\n`,
  );
  return true;
}

/** A passphrase from a file (one trailing line break dropped) or the environment; undefined after an error. */
function readSecret(
  file: string | undefined,
  envValue: string | undefined,
  what: { option: string; env: string; label: string },
  io: CliIo,
): string | undefined {
  let value: string | undefined;
  if (file) {
    try {
      value = fs.readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      io.err(`liaison-log: cannot read ${file}: ${(error as Error).message}\n`);
      return undefined;
    }
  } else value = envValue;
  if (!value) {
    io.err(`liaison-log: the ${what.label} is needed: give ${what.option} FILE or set ${what.env}.\n`);
    return undefined;
  }
  return value;
}

const PASSPHRASE = { option: '--passphrase-file', env: PASSPHRASE_ENV, label: 'passphrase' };
const NEW_PASSPHRASE = { option: '--new-passphrase-file', env: NEW_PASSPHRASE_ENV, label: 'new passphrase' };

function openSession(c: SessionCliContext): Session {
  return createSession({
    dataDir: path.resolve(c.dataDir),
    version: c.version,
    log: () => undefined,
    // A command is short and must see the folder as the officer left it: no automatic backup.
    automaticBackups: false,
    ...(c.nativeBinding ? { nativeBinding: c.nativeBinding } : {}),
    ...(c.kdfWorkFactor ? { kdfWorkFactor: c.kdfWorkFactor } : {}),
    ...(c.osKeyStore ? { osKeyStore: c.osKeyStore } : {}),
  });
}

function failure(io: CliIo, error: { message: string; fields?: Record<string, { message: string }> }): number {
  const own = new Set([error.message]);
  const fields = Object.entries(error.fields ?? {})
    .filter(([, v]) => !own.has(v.message))
    .map(([k, v]) => `  ${k}: ${v.message}`)
    .join('\n');
  io.err(`liaison-log: ${error.message}\n${fields ? `${fields}\n` : ''}`);
  return 1;
}

/**
 * The personal recovery key, once: appended to the file named by --recovery-key-out (or the environment) as
 * an age identity file with a comment line, or else printed to stderr. Appending never overwrites a key
 * written for another data folder.
 */
function deliverRecoveryKey(c: SessionCliContext, recoveryKey: string): boolean {
  const out = c.values['recovery-key-out'] ?? c.env[RECOVERY_KEY_OUT_ENV];
  const folder = path.resolve(c.dataDir);
  if (out) {
    try {
      const fd = fs.openSync(out, 'a', 0o600);
      try {
        fs.writeSync(
          fd,
          `# Liaison Log personal recovery key for ${folder}, ${new Date().toISOString()}\n${recoveryKey}\n`,
        );
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      return true;
    } catch (error) {
      c.io.err(`liaison-log: cannot write the recovery key to ${out}: ${(error as Error).message}\n`);
      // Fall through: the key must still reach the officer, or there is no second way in.
    }
  }
  c.io.err(
    `liaison-log: ${folder} is now encrypted with your passphrase.\n` +
      'Personal recovery key (shown only now; write it down and keep it in the safe, not on this computer):\n\n' +
      `${recoveryKey}\n\n` +
      `It opens the data if the passphrase is forgotten (liaison-log recover). ${WITHOUT_RECOVERY}\n`,
  );
  return true;
}

/**
 * Opens the data folder for a command: sets a new folder up with the passphrase given (printing the personal
 * recovery key once), unlocks an existing one, runs the command and locks again.
 */
export async function withUnlockedData(
  c: SessionCliContext,
  run: (backend: Backend) => Promise<number>,
): Promise<number> {
  const passphrase = readSecret(c.values['passphrase-file'], c.env[PASSPHRASE_ENV], PASSPHRASE, c.io);
  if (passphrase === undefined) return 2;
  let session: Session;
  try {
    session = openSession(c);
    const state = session.status().state;
    if (state === 'new') {
      const r = await session.setup(passphrase, false);
      if (!r.ok) return failure(c.io, r.error);
      deliverRecoveryKey(c, r.value.recoveryKey);
    } else {
      const r = await session.unlock(passphrase);
      if (!r.ok) return failure(c.io, r.error);
    }
  } catch (error) {
    c.io.err(`liaison-log: ${(error as Error).message}\n`);
    return 1;
  }
  const backend = session.backend();
  try {
    return backend ? await run(backend) : failure(c.io, { message: 'The data did not unlock.' });
  } finally {
    await session.lock();
  }
}

/** `passphrase change`: a new passphrase for the same key (the database itself is not rewritten). */
export async function runPassphraseCommand(positionals: string[], c: SessionCliContext): Promise<number> {
  if (positionals[1] !== 'change') {
    c.io.err('liaison-log: passphrase change [--passphrase-file FILE] [--new-passphrase-file FILE]\n');
    return 2;
  }
  const current = readSecret(c.values['passphrase-file'], c.env[PASSPHRASE_ENV], PASSPHRASE, c.io);
  if (current === undefined) return 2;
  const next = readSecret(c.values['new-passphrase-file'], c.env[NEW_PASSPHRASE_ENV], NEW_PASSPHRASE, c.io);
  if (next === undefined) return 2;
  const session = openSession(c);
  if (session.status().state === 'new') {
    c.io.err(`liaison-log: ${path.resolve(c.dataDir)} has no passphrase yet; any command sets one up.\n`);
    return 1;
  }
  const r = await session.changePassphrase(current, next);
  await session.lock();
  if (!r.ok) return failure(c.io, r.error);
  c.io.out('Passphrase changed. The old passphrase no longer opens the data.\n');
  return 0;
}

/** `recover --code-file FILE`: a recovery code from HQ, or the personal recovery key, and a new passphrase. */
export async function runRecoverCommand(c: SessionCliContext): Promise<number> {
  const file = c.values['code-file'];
  if (!file) {
    c.io.err('liaison-log: recover --code-file FILE [--new-passphrase-file FILE]\n');
    return 2;
  }
  let lines: string[];
  try {
    lines = fs
      .readFileSync(file, 'utf8')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
  } catch (error) {
    c.io.err(`liaison-log: cannot read ${file}: ${(error as Error).message}\n`);
    return 2;
  }
  // An age identity file may hold several keys (one per data folder set up): try each. A code may be split
  // over lines.
  const keys = lines.filter((line) => /^AGE-SECRET-KEY-/i.test(line));
  const candidates = keys.length > 0 ? keys : [lines.join('')];
  const next = readSecret(c.values['new-passphrase-file'], c.env[NEW_PASSPHRASE_ENV], NEW_PASSPHRASE, c.io);
  if (next === undefined) return 2;
  const session = openSession(c);
  let r: Awaited<ReturnType<Session['recover']>> | undefined;
  for (const secret of candidates) {
    r = await session.recover(secret, next);
    if (r.ok || r.error.code !== 'wrong_recovery_secret') break;
  }
  await session.lock();
  if (!r) return failure(c.io, { message: `${file} holds no recovery code or key.` });
  if (!r.ok) return failure(c.io, r.error);
  c.io.out('Recovered: the data opens with the new passphrase.\n');
  return 0;
}

/** HQ: `recovery open --in FILE` prints the recovery code for a post's key.recovery.age. */
export async function runRecoveryOpenCommand(positionals: string[], c: SessionCliContext): Promise<number> {
  const file = c.values.in;
  if (positionals[1] !== 'open' || !file) {
    c.io.err('liaison-log: recovery open --in key.recovery.age\n');
    return 2;
  }
  let content: Buffer;
  try {
    content = fs.readFileSync(file);
  } catch (error) {
    c.io.err(`liaison-log: cannot read ${file}: ${(error as Error).message}\n`);
    return 2;
  }
  return withUnlockedData(c, async (backend) => {
    let secrets: string[];
    try {
      secrets = backend.services.exchange.identity.hqSecrets().map((s) => s.secret);
    } catch (error) {
      if (error instanceof ExchangeError)
        return failure(c.io, { message: `recovery open is for HQ: ${error.message}` });
      throw error;
    }
    try {
      const opened = await recoveryCodeForHq(content, secrets);
      c.io.out(
        `Recovery code for post ${opened.postId ?? '(not set up as a post)'}` +
          ` (installation ${opened.installationId ?? 'unknown'}, recovery file of ${opened.createdAt}):\n\n` +
          `  ${opened.code}\n\n` +
          'Check who is asking before reading it out: with this code and the laptop, anyone can read its data.\n',
      );
      return 0;
    } catch (error) {
      if (error instanceof VaultError) return failure(c.io, { message: error.message });
      throw error;
    }
  });
}
