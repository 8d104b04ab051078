export type VaultErrorCode =
  | 'not_set_up'
  | 'already_set_up'
  | 'wrong_passphrase'
  | 'try_later'
  | 'key_store_unavailable'
  | 'wrong_recovery_secret'
  /** A vault file cannot be read: damaged, edited, or from a newer version. Nothing was changed. */
  | 'damaged';

/** A refusal the officer can act on; `message` is plain English for the UI and the command line. */
export class VaultError extends Error {
  constructor(
    readonly code: VaultErrorCode,
    message: string,
    readonly details: { readonly failedAttempts?: number; readonly retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'VaultError';
  }
}

/** Said wherever a forgotten passphrase comes up: what is lost without recovery, and what is not. */
export const WITHOUT_RECOVERY =
  'Without the passphrase, a recovery code from HQ or the personal recovery key, the data in this folder ' +
  'cannot be read by anyone, including the developers. What was already exported to HQ remains at HQ.';
