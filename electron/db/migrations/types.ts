import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface Migration {
  /** Consecutive from 1; the database's `user_version` is the last applied. */
  readonly version: number;
  readonly name: string;
  /** Runs inside the migration transaction. Forward-only: there is no `down`. */
  up(db: Database): void;
}
