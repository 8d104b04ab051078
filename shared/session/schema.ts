import { z } from 'zod';
import { Language } from '../settings/schema';

// The unlock session: whether the data folder is new, locked or unlocked, and the calls that move between
// these states. The passphrase never leaves the backend once checked; see docs/data-protection.md.

/** Fewer characters are refused when a passphrase is chosen (setup, change, recovery). */
export const PASSPHRASE_MIN_LENGTH = 10;
export const PASSPHRASE_MAX_LENGTH = 1024;

/** A passphrase being checked: any length the user once chose (the minimum may rise in a later version). */
export const Passphrase = z.string().min(1).max(PASSPHRASE_MAX_LENGTH);

/** Characters as a reader counts them (grapheme clusters): "é", typed either way, or "東" counts once. */
function characters(s: string): number {
  let n = 0;
  for (const _ of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s)) n += 1;
  return n;
}

/** A passphrase being chosen. */
export const NewPassphrase = z
  .string()
  .max(PASSPHRASE_MAX_LENGTH)
  // Too long is already reported by max(); never segment a megabyte of text to say so twice.
  .refine((s) => s.length > PASSPHRASE_MAX_LENGTH || characters(s) >= PASSPHRASE_MIN_LENGTH, {
    error: `Choose a passphrase of at least ${PASSPHRASE_MIN_LENGTH} characters; several words are easiest to remember.`,
    params: { code: 'passphrase_too_short' },
  });

export const SessionState = z.enum(['new', 'locked', 'unlocked', 'damaged']);
export type SessionState = z.output<typeof SessionState>;

export const SessionStatus = z.strictObject({
  /**
   * new: no vault yet (set up a passphrase); locked: unlock first; unlocked: every other channel works;
   * damaged: the passphrase was right but the database failed its check: only session.* and backups.* answer.
   */
  state: SessionState,
  /** What this computer offers to bind the data to (Windows DPAPI, macOS Keychain, a Linux secret service). */
  osKeyStore: z.strictObject({ available: z.boolean(), name: z.string().nullable() }),
  /** The key file can only be opened on this computer, under this user account (and with the passphrase). */
  osBound: z.boolean(),
  /** Wrong passphrases since the last success (kept across restarts). */
  failedAttempts: z.number().int().min(0),
  /** While the rising delay runs: seconds until the next passphrase is checked. */
  retryAfterSeconds: z.number().int().min(0).nullable(),
  /** Who can help when the passphrase is forgotten: the personal recovery key, and HQ keys by fingerprint. */
  recovery: z
    .strictObject({
      personalKey: z.boolean(),
      hqKeyFingerprints: z.array(z.string()),
      updatedAt: z.string(),
    })
    .nullable(),
  /** state 'new' only: there is a database from before encryption, which setup will encrypt in place. */
  plaintextDatabase: z.boolean(),
  /** The language last used, kept outside the encrypted data so the unlock screen can speak it. */
  language: Language,
  /**
   * state 'damaged': what is wrong (plain English) and SQLite's own findings. Nothing was deleted. `foundLater`:
   * the check in the background found it after the unlock had answered; what was saved until then is in the file.
   */
  damaged: z.strictObject({ message: z.string(), details: z.array(z.string()), foundLater: z.boolean() }).nullable(),
  /** The last automatic backup failed (the data is fine): why. Null when it worked or was not due. */
  backupWarning: z.string().nullable(),
});
export type SessionStatus = z.output<typeof SessionStatus>;

/**
 * The work the backend does in the background once the data is unlocked (electron/maintenance/): the start-up
 * check (quick_check, table by table), a full check the officer asked for (integrity_check, table by table, then
 * the whole file) and the automatic backup (the copy, then the copy checked table by table).
 */
export const MaintenanceStatus = z.strictObject({
  /** The session's state now, so that a window following the progress notices damage found meanwhile. */
  state: SessionState,
  running: z
    .strictObject({
      task: z.enum(['check', 'full_check', 'backup']),
      phase: z.enum(['check', 'copy', 'verify']),
      /** Tables checked, or for the copy the bytes written so far. */
      done: z.number().int().min(0),
      /** Tables to check, or the copy's expected size in bytes; null until known. */
      total: z.number().int().min(0).nullable(),
    })
    .nullable(),
  /** The last check since this backend started: which, when it ended, and what it found (not_run: busy). */
  lastCheck: z
    .strictObject({
      kind: z.enum(['quick', 'full']),
      finishedAt: z.string(),
      outcome: z.enum(['sound', 'damaged', 'not_run']),
    })
    .nullable(),
});
export type MaintenanceStatus = z.output<typeof MaintenanceStatus>;

export const SetupInput = z.strictObject({
  passphrase: NewPassphrase,
  /** Also bind the key file to this computer's key store (refused if the store is not available). */
  osBind: z.boolean().default(false),
});

export const SetupResult = z.strictObject({
  /** The personal recovery key (AGE-SECRET-KEY-1...): shown once, to be kept in the embassy safe. */
  recoveryKey: z.string(),
  status: SessionStatus,
});
export type SetupResult = z.output<typeof SetupResult>;

export const UnlockInput = z.strictObject({ passphrase: Passphrase });

export const ChangePassphraseInput = z.strictObject({
  oldPassphrase: Passphrase,
  newPassphrase: NewPassphrase,
});

export const RecoverInput = z.strictObject({
  /** A recovery code from HQ (groups of letters and digits) or the personal recovery key (AGE-SECRET-KEY-1...). */
  secret: z.string().trim().min(1).max(200),
  newPassphrase: NewPassphrase,
  /** Bind the new key file to this computer's key store (recovery often happens on a new computer). */
  osBind: z.boolean().default(false),
});

export const RecoveryFile = z.strictObject({
  fileName: z.string(),
  /** The content of key.recovery.age: to send to HQ when the passphrase is forgotten. */
  base64: z.string(),
});
