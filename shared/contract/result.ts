// The one shape every backend call answers with, across IPC, the browser bridge and the CLI.
// Errors are data, not thrown exceptions, so the renderer can show them without guessing.

import { englishText, type MessageRef } from './messages';

export type ErrorCode =
  | 'invalid_input' // the payload broke the contract; `fields` says where
  | 'unknown_channel'
  | 'not_found'
  | 'conflict' // e.g. an edit based on a revision that is no longer current
  | 'forbidden' // e.g. a call from an unexpected frame
  | 'locked' // the data is locked: unlock it with the passphrase first (session.unlock)
  | 'wrong_passphrase' // the passphrase does not open the data; `fields.passphrase.params` says how many failed
  | 'try_later' // too many wrong passphrases: `fields.<field>.params.seconds` says how long to wait
  | 'key_store_unavailable' // the data is bound to this computer's key store, which is not available now
  | 'wrong_recovery_secret' // the recovery code or personal recovery key does not open this data
  | 'damaged' // a file in the data folder is missing, damaged or replaced; the message says what to do
  | 'storage' // the disk refused a write (full, read-only, no permission); nothing was changed
  | 'cancelled' // the officer cancelled a long operation; nothing was changed
  | 'backend_stopped' // the backend process ended before it answered; the window offers to restart it
  | 'internal';

/** One problem with one form field. `code` is stable and translatable; `message` is English. */
export interface FieldProblem {
  readonly code: string;
  readonly message: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

export interface AppError {
  /** The family of the error, for the caller's logic (retry, unlock, show the field). */
  readonly code: ErrorCode;
  /** English, for logs and the command line. The window shows `reason` in its own language when present. */
  readonly message: string;
  /**
   * What happened, by stable code (shared/contract/messages.ts) with its figures: the renderer translates it.
   * `message` is its English text.
   */
  readonly reason?: MessageRef;
  /** Keyed by the dotted path of the field, e.g. `subject` or `phenomena.0`. */
  readonly fields?: Readonly<Record<string, FieldProblem>>;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, fields?: Record<string, FieldProblem>): Result<never> {
  return fields ? { ok: false, error: { code, message, fields } } : { ok: false, error: { code, message } };
}

/** A failure whose message is a stable code: `message` is its English text, `reason` the code for translation. */
export function failWith(code: ErrorCode, reason: MessageRef, fields?: Record<string, FieldProblem>): Result<never> {
  const message = englishText(reason);
  return fields
    ? { ok: false, error: { code, message, reason, fields } }
    : { ok: false, error: { code, message, reason } };
}

/**
 * A failure with its own, more detailed English message (naming files, folders, the underlying cause) and the
 * stable code the renderer translates: for errors whose English comes from elsewhere (the vault, the disk).
 */
export function failBecause(
  code: ErrorCode,
  reason: MessageRef,
  message: string,
  fields?: Record<string, FieldProblem>,
): Result<never> {
  return fields
    ? { ok: false, error: { code, message, reason, fields } }
    : { ok: false, error: { code, message, reason } };
}
