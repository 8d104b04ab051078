/** A backup that was not made, or not kept, because it could not be trusted. Nothing was changed. */
export class BackupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BackupError';
  }
}

export type RestoreProblem =
  'missing' | 'unreadable' | 'not_ours' | 'from_future' | 'damaged' | 'database_open' | 'storage' | 'failed';

/** A restore that did not happen. The current database is exactly as it was. */
export class RestoreError extends Error {
  constructor(
    readonly problem: RestoreProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RestoreError';
  }
}
