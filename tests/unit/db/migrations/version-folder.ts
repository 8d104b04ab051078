import fs from 'node:fs';
import path from 'node:path';
import Sqlite, { type Database } from 'better-sqlite3-multiple-ciphers';
import { afterEach } from 'vitest';
import { DATABASE_FILE } from '../../../../electron/db/open';
import { migrate } from '../../../../electron/db/migrate';
import { MIGRATIONS } from '../../../../electron/db/migrations/index';
import { createRecordStore } from '../../../../electron/records/store';
import { tempDir } from '../../logbook/helpers';

// The set-up migration tests share: a data folder whose database stands at schema version N (the migrations
// before the one under test), with a record store on it; closed and removed after each test.

export type VersionStore = ReturnType<typeof createRecordStore>;

export interface VersionFolder {
  dir: string;
  db: Database;
  store: VersionStore;
}

/** Call in a test file (registers the clean-up); returns a maker of folders at a given schema version. */
export function useVersionFolders(
  prefix: string,
  clock: { now: string; timeZone: string } = { now: '2026-07-01T08:00:00Z', timeZone: 'UTC' },
): (version: number) => VersionFolder {
  const made: VersionFolder[] = [];
  afterEach(() => {
    for (const f of made.splice(0)) {
      if (f.db.open) f.db.close();
      fs.rmSync(f.dir, { recursive: true, force: true });
    }
  });
  return (version) => {
    const dir = tempDir(prefix);
    const db = new Sqlite(path.join(dir, DATABASE_FILE));
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, version));
    const store = createRecordStore(db, {
      now: () => new Date(clock.now),
      context: () => ({ timeZone: clock.timeZone, homeCountry: 'NL' }),
    });
    const folder = { dir, db, store };
    made.push(folder);
    return folder;
  };
}

/**
 * A meeting about cocaine with its purpose, written through the store; with `minutes` of time spent and the
 * given travel, or without any effort.
 */
export function meetingWriter(store: VersionStore, travel: Record<string, number>) {
  return (purpose: string, minutes: number | undefined, at: string) =>
    store.create('engagement', {
      occurredAt: at,
      kind: 'meeting',
      subject: 'Meeting',
      purpose,
      organisationIds: [],
      personIds: [],
      phenomena: ['cocaine'],
      caseId: null,
      notes: '',
      followUpOn: null,
      followUpDone: false,
      ...(minutes === undefined ? {} : { timeSpentMinutes: minutes, ...travel }),
    });
}
