/** Raised when the database was written by a newer Liaison Log; the file is left exactly as it was. */
export class DatabaseFromFutureError extends Error {
  constructor(
    readonly fileVersion: number,
    readonly supportedVersion: number,
  ) {
    super(
      `This data folder was written by a newer version of Liaison Log (database schema ${fileVersion}; ` +
        `this version understands up to ${supportedVersion}). Install the newer version to open it. ` +
        `Nothing was changed.`,
    );
    this.name = 'DatabaseFromFutureError';
  }
}

export class NotALiaisonLogDatabaseError extends Error {
  constructor(file: string, cause?: unknown) {
    super(`${file} is not a Liaison Log database, or it cannot be read with the key given. Nothing was changed.`, {
      cause,
    });
    this.name = 'NotALiaisonLogDatabaseError';
  }
}
