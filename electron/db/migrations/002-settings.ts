import type { Migration } from './types';

// Preferences such as the interface language, stored with the data rather than in the browser profile,
// so the command line and every window agree.
export const migration002: Migration = {
  version: 2,
  name: 'settings',
  up(db) {
    db.exec(`
      CREATE TABLE setting (
        key   TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT;
    `);
  },
};
