import type { Migration } from './types';

// The first real table: information requests, with revision counters so later exports can merge
// newest-wins, and an applied-migrations log so support can see how a database got where it is.
export const migration001: Migration = {
  version: 1,
  name: 'information requests',
  up(db) {
    db.exec(`
      CREATE TABLE information_request (
        id                  TEXT PRIMARY KEY NOT NULL,
        revision            INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
        direction           TEXT NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
        counterpart_country TEXT NOT NULL CHECK (length(counterpart_country) = 2),
        counterpart_agency  TEXT NOT NULL,
        channel             TEXT NOT NULL,
        exchanged_at        TEXT NOT NULL,
        subject             TEXT NOT NULL,
        status              TEXT NOT NULL CHECK (status IN ('open', 'answered', 'refused', 'withdrawn')),
        created_at          TEXT NOT NULL,
        updated_at          TEXT NOT NULL
      ) STRICT;
      CREATE INDEX information_request_exchanged_at ON information_request (exchanged_at DESC, id);
      CREATE INDEX information_request_status ON information_request (status, exchanged_at);
    `);
  },
};
