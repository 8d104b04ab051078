import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type {
  InformationRequest,
  InformationRequestFields,
  RequestPage,
} from '../../shared/requests/schema';

// SQL for information requests. Inputs arrive already validated by the contract; this module only maps
// between rows and domain objects and keeps revisions honest.

interface Row {
  id: string;
  revision: number;
  direction: InformationRequest['direction'];
  counterpart_country: string;
  counterpart_agency: string;
  channel: InformationRequest['channel'];
  exchanged_at: string;
  subject: string;
  status: InformationRequest['status'];
  created_at: string;
  updated_at: string;
}

function fromRow(r: Row): InformationRequest {
  return {
    id: r.id,
    revision: r.revision,
    direction: r.direction,
    counterpartCountry: r.counterpart_country,
    counterpartAgency: r.counterpart_agency,
    channel: r.channel,
    exchangedAt: r.exchanged_at,
    subject: r.subject,
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export class StaleRevisionError extends Error {
  constructor(readonly current: number) {
    super(`This request was changed elsewhere (now at revision ${current}). Reload it before saving.`);
  }
}

export function createRequestRepository(db: Database, now: () => Date = () => new Date()) {
  const selectOne = db.prepare<[string], Row>('SELECT * FROM information_request WHERE id = ?');
  const selectPage = db.prepare<[number, number], Row>(
    'SELECT * FROM information_request ORDER BY exchanged_at DESC, id LIMIT ? OFFSET ?',
  );
  const countAll = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM information_request');
  const insert = db.prepare(`INSERT INTO information_request
    (id, revision, direction, counterpart_country, counterpart_agency, channel, exchanged_at, subject, status,
     created_at, updated_at)
    VALUES (@id, 1, @direction, @counterpartCountry, @counterpartAgency, @channel, @exchangedAt, @subject, @status,
     @now, @now)`);
  const update = db.prepare(`UPDATE information_request SET
      revision = revision + 1, direction = @direction, counterpart_country = @counterpartCountry,
      counterpart_agency = @counterpartAgency, channel = @channel, exchanged_at = @exchangedAt,
      subject = @subject, status = @status, updated_at = @now
    WHERE id = @id AND revision = @revision`);

  return {
    get(id: string): InformationRequest | undefined {
      const row = selectOne.get(id);
      return row ? fromRow(row) : undefined;
    },
    list(limit: number, offset: number): RequestPage {
      return { total: countAll.get()!.n, items: selectPage.all(limit, offset).map(fromRow) };
    },
    count(): number {
      return countAll.get()!.n;
    },
    create(fields: InformationRequestFields): InformationRequest {
      const id = randomUUID();
      insert.run({ ...fields, id, now: now().toISOString() });
      return fromRow(selectOne.get(id)!);
    },
    /** Returns undefined when the id does not exist; throws StaleRevisionError on a lost update. */
    update: db.transaction(
      (id: string, revision: number, fields: InformationRequestFields): InformationRequest | undefined => {
        const existing = selectOne.get(id);
        if (!existing) return undefined;
        const changed = update.run({ ...fields, id, revision, now: now().toISOString() }).changes;
        if (changed === 0) throw new StaleRevisionError(existing.revision);
        return fromRow(selectOne.get(id)!);
      },
    ),
  };
}

export type RequestRepository = ReturnType<typeof createRequestRepository>;
