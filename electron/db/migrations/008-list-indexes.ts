import type { Migration } from './types';

// The record lists (issue 12): the first page of any filter combination the list screens offer reads about as
// much at a million records as at a thousand. A list walks one index in the order it shows (newest, oldest,
// A–Z, deadline) from where its filters start, and stops after the page (electron/records/store.ts, `list`).
// So each index here leads with the kind, then at most one selective filter, then the sort column and `n` (the
// tie-break every sort ends with, so the index order is exactly the list order), and then carries every other
// facet a filter compares: a filter that does not lead the index is tested on the index entry, never by
// reading the record (a record is a few hundred bytes to kilobytes of JSON; an entry a few dozen bytes).
//
// Indexes of migrations 003 and 005 that these make redundant (the same leading columns) are dropped, so a
// write updates about as many indexes as before. record_by_post (origin_post first) stays: a post's export
// and the command line's breakdown by post read it. docs/architecture.md ("Lists") has the table of which index
// serves which filters and sorts; tests/unit/logbook/list-scale.test.ts checks every pair the screens offer.
/** The facets the list filters compare: every list index carries them all. */
const FACETS = ['status', 'channel', 'direction', 'country', 'origin_post'];
const others = (...lead: string[]) => FACETS.filter((f) => !lead.includes(f)).join(', ');

export const migration008: Migration = {
  version: 8,
  name: 'indexes for the lists filter pairs',
  up(db) {
    db.exec(`
      DROP INDEX record_by_time;
      DROP INDEX record_by_title;
      DROP INDEX record_by_country;
      DROP INDEX record_by_channel;
      DROP INDEX record_by_status;
      DROP INDEX record_by_due;
      DROP INDEX record_by_direction;

      -- Newest / oldest first (the period is a range on occurred_at), with any filters.
      CREATE INDEX record_by_time_listed ON record (kind, occurred_at, n, ${others()}, due_at)
        WHERE deleted_at IS NULL;
      -- Led by one filter, then newest / oldest first, with any other filters.
      ${FACETS.map(
        (facet) => `CREATE INDEX record_by_${facet === 'origin_post' ? 'post' : facet}_listed
        ON record (kind, ${facet}, occurred_at, n, ${others(facet)}, due_at) WHERE deleted_at IS NULL;`,
      ).join('\n      ')}
      -- A–Z (the timeless kinds' default), with any filters.
      CREATE INDEX record_by_title_listed ON record (kind, title COLLATE NOCASE, n, ${others()}, occurred_at, due_at)
        WHERE deleted_at IS NULL;
      -- A–Z where the names follow the filter (organisations' names go with their country, results'
      -- descriptions with their kind): small, one kind each.
      CREATE INDEX record_by_organisation_country_title ON record (kind, country, title COLLATE NOCASE, n)
        WHERE deleted_at IS NULL AND kind = 'organisation';
      CREATE INDEX record_by_result_kind_title ON record
        (kind, status, title COLLATE NOCASE, n, origin_post, occurred_at)
        WHERE deleted_at IS NULL AND kind = 'result';
      -- Deadline first: records with a deadline by deadline, then those without; with any filters.
      CREATE INDEX record_by_deadline_listed ON record (kind, due_at IS NULL, due_at, n, ${others()}, occurred_at)
        WHERE deleted_at IS NULL;

      -- Open requests with a deadline (overdue once it passes and no answer time is recorded, as
      -- shared/deadlines/outcome.ts has it): a few in a hundred, by deadline and by time. The answer time is an
      -- indexed expression, read from the entry.
      CREATE INDEX record_by_open_request_deadline ON record
        (kind, status, due_at, n, json_extract(data, '$.answeredAt'), occurred_at, ${others('status')})
        WHERE deleted_at IS NULL AND kind = 'request' AND status = 'open' AND due_at IS NOT NULL;
      CREATE INDEX record_by_open_request_time ON record
        (kind, status, occurred_at, n, due_at, json_extract(data, '$.answeredAt'), ${others('status')})
        WHERE deleted_at IS NULL AND kind = 'request' AND status = 'open' AND due_at IS NOT NULL;
      -- Engagements with a follow-up still to do (due_at holds its day), by that day and by time.
      CREATE INDEX record_by_follow_up_deadline ON record (kind, due_at, n, occurred_at, ${others()})
        WHERE deleted_at IS NULL AND kind = 'engagement' AND due_at IS NOT NULL;
      CREATE INDEX record_by_follow_up_time ON record (kind, occurred_at, n, due_at, ${others()})
        WHERE deleted_at IS NULL AND kind = 'engagement' AND due_at IS NOT NULL;
    `);
  },
};
