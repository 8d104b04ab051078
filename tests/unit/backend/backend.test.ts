import { describe, it, expect } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../../electron/db/migrations/index';
import { useBackends, validRequestInput } from '../helpers/backend';
import { dumpDatabase } from '../helpers/db-dump';
import { useTempDirs } from '../helpers/temp-dir';

interface Req {
  id: string;
  revision: number;
  subject: string;
  exchangedAt: string;
  createdAt: string;
  updatedAt: string;
  [key: string]: unknown;
}

type Ok<T> = { ok: true; value: T };

function expectOk<T>(result: unknown): T {
  expect(result).toMatchObject({ ok: true });
  return (result as Ok<T>).value;
}

function expectFail(result: unknown, code: string): { code: string; message: string; fields?: unknown } {
  expect(result).toMatchObject({ ok: false, error: { code } });
  return (result as { error: { code: string; message: string } }).error;
}

const UNKNOWN_ID = '3f0c6a1e-9d1b-4c2a-8e7f-2b5d4c3a1f00';

/** A clock the test moves by hand, so timestamps are exact. */
function manualClock(start = '2026-03-02T08:00:00.000Z') {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe('backend: information requests', () => {
  const open = useBackends();

  it('creates a request with id, revision 1 and the clock as createdAt/updatedAt', async () => {
    const clock = manualClock();
    const { backend } = open({ now: clock.now });
    const created = expectOk<Req>(await backend.invoke('requests.create', validRequestInput()));
    expect(created.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(created).toMatchObject({
      ...validRequestInput(),
      revision: 1,
      createdAt: '2026-03-02T08:00:00.000Z',
      updatedAt: '2026-03-02T08:00:00.000Z',
    });
  });

  it('normalises what it stores: trimmed text, instants in UTC with milliseconds', async () => {
    const { backend } = open();
    const created = expectOk<Req>(
      await backend.invoke(
        'requests.create',
        validRequestInput({
          subject: '  Vehicle check  ',
          counterpartAgency: '\tPolitie ',
          exchangedAt: '2026-03-01T10:30+01:00',
        }),
      ),
    );
    expect(created).toMatchObject({
      subject: 'Vehicle check',
      counterpartAgency: 'Politie',
      exchangedAt: '2026-03-01T09:30:00.000Z',
    });
    const fetched = expectOk<Req>(await backend.invoke('requests.get', { id: created.id }));
    expect(fetched).toEqual(created);
  });

  it('gives every request its own id', async () => {
    const { backend } = open();
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add(expectOk<Req>(await backend.invoke('requests.create', validRequestInput())).id);
    expect(ids.size).toBe(5);
  });

  it('gets a request by id, and answers not_found for an id that does not exist', async () => {
    const { backend } = open();
    const created = expectOk<Req>(await backend.invoke('requests.create', validRequestInput()));
    expect(expectOk<Req>(await backend.invoke('requests.get', { id: created.id }))).toEqual(created);
    const error = expectFail(await backend.invoke('requests.get', { id: UNKNOWN_ID }), 'not_found');
    expect(error.message).toMatch(/does not exist/);
  });

  it('lists newest exchange first with total, limit and offset', async () => {
    const { backend } = open();
    const days = ['2026-01-05', '2026-01-01', '2026-01-04', '2026-01-02', '2026-01-03'];
    for (const day of days) {
      await backend.invoke('requests.create', validRequestInput({ exchangedAt: `${day}T12:00:00.000Z`, subject: day }));
    }
    const all = expectOk<{ total: number; items: Req[] }>(await backend.invoke('requests.list', {}));
    expect(all.total).toBe(5);
    expect(all.items.map((r) => r.subject)).toEqual([...days].sort().reverse());

    const page = expectOk<{ total: number; items: Req[] }>(
      await backend.invoke('requests.list', { limit: 2, offset: 1 }),
    );
    expect(page.total).toBe(5);
    expect(page.items.map((r) => r.subject)).toEqual(['2026-01-04', '2026-01-03']);

    const beyond = expectOk<{ total: number; items: Req[] }>(
      await backend.invoke('requests.list', { limit: 10, offset: 50 }),
    );
    expect(beyond).toMatchObject({ total: 5, items: [] });
  });

  it('updates a request: new revision, new updatedAt, createdAt kept', async () => {
    const clock = manualClock();
    const { backend } = open({ now: clock.now });
    const created = expectOk<Req>(await backend.invoke('requests.create', validRequestInput()));
    clock.advance(60_000);
    const updated = expectOk<Req>(
      await backend.invoke('requests.update', {
        id: created.id,
        revision: 1,
        fields: validRequestInput({ subject: 'Person check', counterpartCountry: 'BE', channel: 'interpol' }),
      }),
    );
    expect(updated).toMatchObject({
      id: created.id,
      revision: 2,
      subject: 'Person check',
      counterpartCountry: 'BE',
      channel: 'interpol',
      createdAt: '2026-03-02T08:00:00.000Z',
      updatedAt: '2026-03-02T08:01:00.000Z',
    });
    expect(expectOk<Req>(await backend.invoke('requests.get', { id: created.id }))).toEqual(updated);
  });

  it('refuses an update based on a stale revision with conflict, and leaves the row as it was', async () => {
    const { backend } = open();
    const created = expectOk<Req>(await backend.invoke('requests.create', validRequestInput()));
    const first = expectOk<Req>(
      await backend.invoke('requests.update', {
        id: created.id,
        revision: 1,
        fields: validRequestInput({ subject: 'First edit' }),
      }),
    );
    const before = dumpDatabase(backend.db);

    // A second window still holds revision 1.
    const error = expectFail(
      await backend.invoke('requests.update', {
        id: created.id,
        revision: 1,
        fields: validRequestInput({ subject: 'Lost edit' }),
      }),
      'conflict',
    );
    expect(error.message).toMatch(/revision 2/);
    // A revision from the future is just as stale.
    expectFail(
      await backend.invoke('requests.update', {
        id: created.id,
        revision: 7,
        fields: validRequestInput({ subject: 'Lost edit' }),
      }),
      'conflict',
    );

    expect(dumpDatabase(backend.db)).toEqual(before);
    expect(expectOk<Req>(await backend.invoke('requests.get', { id: created.id }))).toEqual(first);

    // With the current revision the edit goes through.
    const second = expectOk<Req>(
      await backend.invoke('requests.update', {
        id: created.id,
        revision: 2,
        fields: validRequestInput({ subject: 'Second edit' }),
      }),
    );
    expect(second).toMatchObject({ revision: 3, subject: 'Second edit' });
  });

  it('answers not_found when updating an id that does not exist, and writes nothing', async () => {
    const { backend } = open();
    await backend.invoke('requests.create', validRequestInput());
    const before = dumpDatabase(backend.db);
    expectFail(
      await backend.invoke('requests.update', { id: UNKNOWN_ID, revision: 1, fields: validRequestInput() }),
      'not_found',
    );
    expect(dumpDatabase(backend.db)).toEqual(before);
  });
});

describe('backend: settings, app info, counts', () => {
  const open = useBackends();

  it('starts from the default settings and round-trips an update', async () => {
    const { backend } = open();
    expect(expectOk(await backend.invoke('settings.get', undefined))).toMatchObject({ language: 'en' });
    const updated = expectOk(await backend.invoke('settings.update', { language: 'nl' }));
    expect(updated).toMatchObject({ language: 'nl' });
    expect(expectOk(await backend.invoke('settings.get', {}))).toEqual(updated);
    expect(backend.db.prepare("SELECT value FROM setting WHERE key = 'language'").pluck().get()).toBe('"nl"');
  });

  it('falls back to the default for a stored value it does not understand', async () => {
    const { backend } = open();
    backend.db.prepare('INSERT INTO setting (key, value) VALUES (?, ?)').run('language', JSON.stringify('tlh'));
    expect(expectOk(await backend.invoke('settings.get', undefined))).toMatchObject({ language: 'en' });
  });

  it('app.info reports the version, schema version and data folder', async () => {
    const { backend, dataDir } = open({ version: '9.8.7' });
    expect(expectOk(await backend.invoke('app.info', undefined))).toEqual({
      version: '9.8.7',
      schemaVersion: LATEST_SCHEMA_VERSION,
      dataDir,
    });
  });

  it('stats.counts counts information requests', async () => {
    const { backend } = open();
    expect(expectOk(await backend.invoke('stats.counts', {}))).toMatchObject({ informationRequests: 0 });
    await backend.invoke('requests.create', validRequestInput());
    await backend.invoke('requests.create', validRequestInput({ direction: 'outgoing' }));
    expect(expectOk(await backend.invoke('stats.counts', undefined))).toMatchObject({ informationRequests: 2 });
  });

  it('turns an unexpected failure into a generic internal error and logs it', async () => {
    const { backend, logged } = open();
    backend.db.close(); // every handler that touches the database now throws
    const error = expectFail(await backend.invoke('stats.counts', {}), 'internal');
    expect(error.message).not.toMatch(/SELECT|sqlite|database connection/i);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toBeInstanceOf(Error);
  });
});

describe('backend: persistence', () => {
  const open = useBackends();
  const tempDir = useTempDirs();

  it('keeps requests and settings after close and reopen of the same data folder', async () => {
    const dataDir = tempDir();
    const first = open({ dataDir }).backend;
    const created = expectOk<Req>(await first.invoke('requests.create', validRequestInput()));
    const updated = expectOk<Req>(
      await first.invoke('requests.update', {
        id: created.id,
        revision: 1,
        fields: validRequestInput({ status: 'withdrawn' }),
      }),
    );
    const settings = expectOk(await first.invoke('settings.update', { language: 'nl' }));
    first.close();

    const second = open({ dataDir }).backend;
    expect(expectOk<Req>(await second.invoke('requests.get', { id: created.id }))).toEqual(updated);
    expect(expectOk(await second.invoke('settings.get', undefined))).toEqual(settings);
    expect(expectOk(await second.invoke('stats.counts', {}))).toMatchObject({ informationRequests: 1 });
    const list = expectOk<{ total: number; items: Req[] }>(await second.invoke('requests.list', {}));
    expect(list.items).toEqual([updated]);
  });

  it('an encrypted data folder reopens with its key', async () => {
    const dataDir = tempDir();
    const key = Buffer.alloc(32, 7);
    const first = open({ dataDir, key }).backend;
    const created = expectOk<Req>(await first.invoke('requests.create', validRequestInput()));
    first.close();
    const second = open({ dataDir, key }).backend;
    expect(expectOk<Req>(await second.invoke('requests.get', { id: created.id }))).toEqual(created);
    second.close();
    expect(() => open({ dataDir })).toThrow(/not a Liaison Log database/);
  });
});
