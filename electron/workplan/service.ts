import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import {
  PlannedActivity,
  PlannedActivityInput,
  plannedByQuarter,
  type SaveActivityInput,
  type WorkplanQuery,
  type WorkplanView,
} from '../../shared/workplan/schema';
import { keepDashboardCurrent } from '../reports/dashboard-upkeep';

// A post's yearly work plan (issue 14, item 3): planned activities, and what was done, by quarter, counted from
// the engagements that carry each one out (migration 015's effort_activity, kept by triggers). HQ holds every
// post's plans from their exports (post = the post's code) and reads the same view per post.

interface Row {
  id: string;
  post: string;
  year: number;
  revision: number;
  data: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export class WorkplanError extends Error {
  constructor(
    readonly code: 'not_found' | 'stale' | 'unknown_term' | 'unknown_record',
    readonly field?: string,
  ) {
    super(
      code === 'stale'
        ? 'This activity was changed elsewhere. Reload it before saving.'
        : code === 'not_found'
          ? 'There is no such planned activity.'
          : 'Some linked records or codes do not exist.',
    );
  }
}

export interface WorkplanDeps {
  db: Database;
  now: () => Date;
  timeZone: () => string;
}

export function createWorkplanService({ db, now, timeZone }: WorkplanDeps) {
  const byId = db.prepare<[string], Row>('SELECT * FROM workplan_activity WHERE id = ?');
  const ofYear = db.prepare<[string, number], Row>(
    'SELECT * FROM workplan_activity WHERE post = ? AND year = ? AND deleted_at IS NULL ORDER BY created_at, rowid',
  );
  const insert =
    db.prepare(`INSERT INTO workplan_activity (id, post, year, revision, data, created_at, updated_at, deleted_at)
    VALUES (@id, @post, @year, @revision, @data, @createdAt, @updatedAt, @deletedAt)`);
  const update = db.prepare(`UPDATE workplan_activity SET year = @year, revision = @revision, data = @data,
    updated_at = @updatedAt, deleted_at = @deletedAt WHERE id = @id`);
  const done = db.prepare<[string, string], { quarter: number; n: number; minutes: number }>(
    `SELECT quarter, n, op_minutes + nonop_minutes AS minutes FROM effort_activity
     WHERE activity = ? AND year = ? AND n > 0`,
  );
  const termExists = db.prepare<[string], { ok: number }>(
    "SELECT 1 AS ok FROM taxonomy_term WHERE taxonomy = 'phenomenon' AND code = ?",
  );
  const organisation = db.prepare<[string], { ok: number }>(
    "SELECT 1 AS ok FROM record WHERE id = ? AND kind = 'organisation' AND deleted_at IS NULL",
  );
  const plannedPosts = db.prepare<[], { post: string }>(
    'SELECT DISTINCT post FROM workplan_activity WHERE deleted_at IS NULL ORDER BY post',
  );
  const postName = db.prepare<[string], { post_name: string }>(
    'SELECT post_name FROM enrolled_key WHERE post_id = ? ORDER BY enrolled_at DESC, rowid DESC LIMIT 1',
  );

  function toActivity(r: Row): PlannedActivity {
    const data = JSON.parse(r.data) as z.output<typeof PlannedActivityInput>;
    return PlannedActivity.parse({
      id: r.id,
      revision: r.revision,
      post: r.post,
      ...data,
      year: r.year,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      deletedAt: r.deleted_at,
    });
  }

  function reread(id: string): PlannedActivity {
    const row = byId.get(id);
    if (!row) throw new WorkplanError('not_found');
    return toActivity(row);
  }

  function check(fields: z.output<typeof PlannedActivityInput>, previous?: z.output<typeof PlannedActivityInput>) {
    if (
      fields.phenomenon !== null &&
      fields.phenomenon !== previous?.phenomenon &&
      !termExists.get(fields.phenomenon)
    ) {
      throw new WorkplanError('unknown_term', 'phenomenon');
    }
    if (
      fields.partnerOrganisationId !== null &&
      fields.partnerOrganisationId !== previous?.partnerOrganisationId &&
      !organisation.get(fields.partnerOrganisationId)
    ) {
      throw new WorkplanError('unknown_record', 'partnerOrganisationId');
    }
  }

  /** Creates (no id) or edits (id and the revision it was based on) one of this installation's activities. */
  const save = db.transaction((input: z.output<typeof SaveActivityInput>): PlannedActivity => {
    const at = now().toISOString();
    const fields = input.fields;
    if (input.id === undefined) {
      check(fields);
      const id = randomUUID();
      insert.run({
        id,
        post: '',
        year: fields.year,
        revision: 1,
        data: JSON.stringify(fields),
        createdAt: at,
        updatedAt: at,
        deletedAt: null,
      });
      return reread(id);
    }
    const existing = byId.get(input.id);
    if (!existing || existing.post !== '' || existing.deleted_at !== null) throw new WorkplanError('not_found');
    if (input.revision !== undefined && input.revision !== existing.revision) throw new WorkplanError('stale');
    check(fields, JSON.parse(existing.data) as z.output<typeof PlannedActivityInput>);
    update.run({
      id: input.id,
      year: fields.year,
      revision: existing.revision + 1,
      data: JSON.stringify(fields),
      updatedAt: at,
      deletedAt: null,
    });
    return reread(input.id);
  });

  /** Removes an activity from the plan (kept as removed, so the next export tells HQ). */
  const remove = db.transaction((id: string): void => {
    const existing = byId.get(id);
    if (!existing || existing.post !== '' || existing.deleted_at !== null) throw new WorkplanError('not_found');
    const at = now().toISOString();
    update.run({
      id,
      year: existing.year,
      revision: existing.revision + 1,
      data: existing.data,
      updatedAt: at,
      deletedAt: at,
    });
  });

  /** The activities of one plan (a post's year), for the engagement form's choice and the export. */
  function activities(post: string, year: number): PlannedActivity[] {
    return ofYear.all(post, year).map(toActivity);
  }

  /** Planned versus done by quarter, per activity and for the whole plan. */
  function view(query: z.output<typeof WorkplanQuery>): WorkplanView {
    keepDashboardCurrent(db, timeZone());
    const year = String(query.year);
    const planned: [number, number, number, number] = [0, 0, 0, 0];
    const doneAll: [number, number, number, number] = [0, 0, 0, 0];
    const items = activities(query.post, query.year).map((activity) => {
      const p = plannedByQuarter(activity.plannedCount, activity.quarters);
      const d: [number, number, number, number] = [0, 0, 0, 0];
      let minutes = 0;
      for (const row of done.all(activity.id, year)) {
        if (row.quarter >= 1 && row.quarter <= 4) d[row.quarter - 1] = row.n;
        minutes += row.minutes;
      }
      p.forEach((n, i) => (planned[i] = (planned[i] ?? 0) + n));
      d.forEach((n, i) => (doneAll[i] = (doneAll[i] ?? 0) + n));
      return { activity, planned: p, done: d, minutes };
    });
    const posts = plannedPosts
      .all()
      .map(({ post }) => ({ code: post, name: post === '' ? '' : (postName.get(post)?.post_name ?? post) }));
    return { year: query.year, post: query.post, posts, activities: items, planned, done: doneAll };
  }

  /** Every activity of this installation (removed ones too: HQ learns of the removal), for an export. */
  const ownAll = db.prepare<[], Row>("SELECT * FROM workplan_activity WHERE post = '' ORDER BY created_at, rowid");
  function exportable(): PlannedActivity[] {
    return ownAll.all().map(toActivity);
  }

  /** HQ: a post's activities from its export, newest revision wins. Inside the import's transaction. */
  function importActivities(post: string, rows: readonly PlannedActivity[]): number {
    let changed = 0;
    for (const a of rows) {
      const existing = byId.get(a.id);
      if (existing && existing.post !== post) continue; // another post's (or HQ's own) id: never overwritten
      if (existing && existing.revision >= a.revision) continue;
      const fields = PlannedActivityInput.parse({
        year: a.year,
        title: a.title,
        type: a.type,
        phenomenon: a.phenomenon,
        partnerCountry: a.partnerCountry,
        partnerOrganisationId: a.partnerOrganisationId,
        quarters: a.quarters,
        plannedCount: a.plannedCount,
      });
      const row = {
        id: a.id,
        post,
        year: a.year,
        revision: a.revision,
        data: JSON.stringify(fields),
        createdAt: a.createdAt,
        updatedAt: a.updatedAt,
        deletedAt: a.deletedAt,
      };
      if (existing) update.run(row);
      else insert.run(row);
      changed += 1;
    }
    return changed;
  }

  return { save, remove, activities, view, exportable, importActivities };
}

export type WorkplanService = ReturnType<typeof createWorkplanService>;
