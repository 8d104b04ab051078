import { directiveApplies, dueAt } from '../../../shared/deadlines/directive';
import { DEFAULT_TERMS } from '../../../shared/taxonomy/defaults';
import type { Migration } from './types';

// The whole logbook in one shape: every record (organisation, person, engagement, request, result, case)
// is a row of `record` with its fields as JSON, plus the few facets lists filter and sort on as indexed
// columns. Links and phenomena get their own tables so "everything about X" is an index lookup.
// Information requests from migration 001 move over unchanged (checked by count), then the old table goes.
export const migration003: Migration = {
  version: 3,
  name: 'logbook records, links, audit trail, search, taxonomies',
  up(db) {
    db.exec(`
      CREATE TABLE record (
        n           INTEGER PRIMARY KEY,            -- stable rowid for the search index
        id          TEXT NOT NULL UNIQUE,
        kind        TEXT NOT NULL CHECK (kind IN ('organisation','person','engagement','request','result','case')),
        revision    INTEGER NOT NULL CHECK (revision >= 1),
        data        TEXT NOT NULL CHECK (json_valid(data)),
        title       TEXT NOT NULL,
        occurred_at TEXT,
        country     TEXT,
        channel     TEXT,
        status      TEXT,
        direction   TEXT,
        due_at      TEXT,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        deleted_at  TEXT
      ) STRICT;
      CREATE INDEX record_by_time    ON record (kind, occurred_at DESC, n) WHERE deleted_at IS NULL;
      CREATE INDEX record_by_title   ON record (kind, title COLLATE NOCASE) WHERE deleted_at IS NULL;
      CREATE INDEX record_by_country ON record (kind, country, occurred_at DESC) WHERE deleted_at IS NULL;
      CREATE INDEX record_by_channel ON record (kind, channel, occurred_at DESC) WHERE deleted_at IS NULL;
      CREATE INDEX record_by_status  ON record (kind, status, due_at) WHERE deleted_at IS NULL;
      CREATE INDEX record_by_due     ON record (kind, due_at) WHERE deleted_at IS NULL AND due_at IS NOT NULL;
      CREATE INDEX record_in_trash   ON record (deleted_at) WHERE deleted_at IS NOT NULL;

      CREATE TABLE record_phenomenon (
        record_n INTEGER NOT NULL REFERENCES record (n) ON DELETE CASCADE,
        code     TEXT NOT NULL,
        PRIMARY KEY (record_n, code)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX record_phenomenon_by_code ON record_phenomenon (code, record_n);

      CREATE TABLE record_link (
        from_n INTEGER NOT NULL REFERENCES record (n) ON DELETE CASCADE,
        role   TEXT NOT NULL,
        to_id  TEXT NOT NULL,
        PRIMARY KEY (from_n, role, to_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX record_link_by_target ON record_link (to_id, role, from_n);

      CREATE TABLE audit_entry (
        seq       INTEGER PRIMARY KEY,
        record_id TEXT NOT NULL,
        at        TEXT NOT NULL,
        action    TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore')),
        revision  INTEGER NOT NULL,
        changes   TEXT NOT NULL CHECK (json_valid(changes))
      ) STRICT;
      CREATE INDEX audit_entry_by_record ON audit_entry (record_id, seq);

      CREATE VIRTUAL TABLE record_search USING fts5 (
        title, body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
      );

      CREATE TABLE taxonomy_term (
        taxonomy    TEXT NOT NULL,
        code        TEXT NOT NULL,
        label_en    TEXT NOT NULL,
        label_nl    TEXT NOT NULL,
        parent_code TEXT,
        iccs        TEXT NOT NULL DEFAULT '',
        sort        INTEGER NOT NULL,
        retired_at  TEXT,
        PRIMARY KEY (taxonomy, code)
      ) STRICT;
    `);

    // Seed: the default taxonomies as they stood when this migration was written. Later changes to the
    // defaults need a migration of their own; this one must do the same thing forever.
    const seed = db.prepare(
      'INSERT INTO taxonomy_term (taxonomy, code, label_en, label_nl, parent_code, sort) VALUES (?, ?, ?, ?, ?, ?)',
    );
    DEFAULT_TERMS.forEach((t, i) => seed.run(t.taxonomy, t.code, t.labelEn, t.labelNl, t.parentCode, i));

    interface OldRow {
      id: string;
      revision: number;
      direction: string;
      counterpart_country: string;
      counterpart_agency: string;
      channel: string;
      exchanged_at: string;
      subject: string;
      status: string;
      created_at: string;
      updated_at: string;
    }
    const old = db.prepare('SELECT * FROM information_request').all() as OldRow[];
    const insert = db.prepare(`INSERT INTO record
      (id, kind, revision, data, title, occurred_at, country, channel, status, direction, due_at, created_at, updated_at)
      VALUES (?, 'request', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const index = db.prepare('INSERT INTO record_search (rowid, title, body) VALUES (?, ?, ?)');
    for (const r of old) {
      const data = {
        direction: r.direction,
        counterpartCountry: r.counterpart_country,
        counterpartAgency: r.counterpart_agency,
        channel: r.channel,
        exchangedAt: r.exchanged_at,
        subject: r.subject,
        status: r.status,
        urgency: 'non_urgent',
        urgencyGround: null,
        accessibility: 'direct',
        nonSienaReason: null,
        nonSienaReasonText: '',
        answeredAt: null,
        refusalGround: null,
        judicialDeviation: false,
        deviationNote: '',
        spocCopied: false,
        spocExemption: '',
        europolCopied: false,
        phenomena: [],
        caseId: null,
        caseReference: '',
        notes: '',
      };
      // Both directions: what we owe (incoming) and what the partner owes us (outgoing).
      const due = directiveApplies({ counterpartCountry: r.counterpart_country, channel: r.channel, homeCountry: 'NL' })
        ? dueAt(r.exchanged_at, 'non_urgent', 'direct', 'Europe/Amsterdam')
        : null;
      const info = insert.run(
        r.id,
        r.revision,
        JSON.stringify(data),
        r.subject,
        r.exchanged_at,
        r.counterpart_country,
        r.channel,
        r.status,
        r.direction,
        due,
        r.created_at,
        r.updated_at,
      );
      index.run(info.lastInsertRowid, r.subject, r.counterpart_agency);
    }
    const moved = (db.prepare("SELECT count(*) AS n FROM record WHERE kind = 'request'").get() as { n: number }).n;
    if (moved !== old.length) {
      throw new Error(`Moving information requests failed: ${old.length} found, ${moved} moved. Nothing was changed.`);
    }
    db.exec('DROP TABLE information_request');
  },
};
