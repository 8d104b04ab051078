import { describe, it, expect } from 'vitest';
import type { Backend } from '../../../electron/backend/create-backend';
import type { ImportEntry, RecordOrigin } from '../../../shared/records/origin';
import { editRecord, exportBundle, importFiles, initHq, initPost, pair } from '../exchange/helpers';
import {
  UNKNOWN_ID,
  caseInput,
  create,
  engagementInput,
  failure,
  organisationInput,
  requestInput,
  useLogbook,
  value,
  type Page,
  type Rec,
} from './helpers';

// Records have an owner. At HQ a record imported from a post belongs to that post: it says so (`origin`: the
// post, the level, and the import that brought its current revision), HQ's backend refuses to change it
// (update, link edits, trash, restore) with `forbidden` / record.imported_read_only naming the post, and
// `imports.get` opens the import it came from. HQ's own records and a post's records have `origin: null` and
// stay editable. Real backends on real files, a real signed and encrypted bundle between them.

const PERIOD = { from: '2026-03-01', to: '2026-03-31' };
const open = useLogbook();

interface World {
  hq: Backend;
  post: Backend;
  ids: { organisation: string; case: string; request: string; engagement: string; hqOwn: string };
  bundle: { exportId: string; fileName: string };
}

async function world(): Promise<World> {
  const { backend: hq, clock: hqClock } = open({ start: '2026-04-02T08:00:00.000Z' });
  const { backend: post } = open({ start: '2026-04-01T10:00:00.000Z' });
  await initHq(hq);
  await initPost(post, 'BOG', 'CO');
  await pair(post, hq);
  const organisation = (await create(post, 'organisations', organisationInput({ name: 'Policía Nacional' }))).id;
  const kase = (await create(post, 'cases', caseInput())).id;
  const request = (await create(post, 'requests', requestInput({ caseId: kase }))).id;
  const engagement = (await create(post, 'engagements', engagementInput({ organisationIds: [organisation] }))).id;
  const { entry, bytes } = await exportBundle(post, 'full', PERIOD);
  hqClock.set('2026-04-02T09:15:00.000Z');
  const report = await importFiles(hq, [{ name: 'bog-march.llb', bytes }]);
  expect(report.files.map((f) => f.outcome)).toEqual(['imported']);
  const hqOwn = (await create(hq, 'organisations', organisationInput({ name: 'HQ liaison desk', country: 'NL' }))).id;
  return {
    hq,
    post,
    ids: { organisation, case: kase, request, engagement, hqOwn },
    bundle: { exportId: entry.exportId, fileName: 'bog-march.llb' },
  };
}

const originOf = (r: Rec) => r['origin'] as RecordOrigin | null;

describe('record origin', () => {
  it('an imported record names its post, level and the import of its current revision; HQ’s own has none', async () => {
    const { hq, ids, bundle } = await world();
    const expected: RecordOrigin = {
      post: 'BOG',
      postName: 'Post BOG',
      level: 'full',
      importId: bundle.exportId,
      exportSeq: 1,
      importedAt: '2026-04-02T09:15:00.000Z',
    };
    const request = await value(hq.invoke('requests.get', { id: ids.request }));
    expect(originOf(request)).toEqual(expected);
    expect(request['revision']).toBe(1);
    expect(originOf(await value(hq.invoke('organisations.get', { id: ids.organisation })))).toEqual(expected);
    expect(originOf(await value(hq.invoke('organisations.get', { id: ids.hqOwn })))).toBeNull();
    // Lists and search carry it too.
    const page = await value<Page>(hq.invoke('organisations.list', {}));
    expect(Object.fromEntries(page.items.map((r) => [r.id, originOf(r)?.post ?? 'own']))).toEqual({
      [ids.organisation]: 'BOG',
      [ids.hqOwn]: 'own',
    });
    const hits = await value<Rec[]>(hq.invoke('search.query', { text: 'Policía' }));
    expect(hits.map((h) => [h.id, originOf(h)])).toEqual([[ids.organisation, expected]]);
    const own = await value<Rec[]>(hq.invoke('search.query', { text: 'liaison desk' }));
    expect(own.map((h) => [h.id, originOf(h)])).toEqual([[ids.hqOwn, null]]);
  });

  it('a newer revision points to the bundle that brought it; unchanged records keep the first', async () => {
    const { hq, post, ids, bundle } = await world();
    editRecord(post, ids.request, { subject: 'Vehicle registration check, second vehicle' });
    const second = await exportBundle(post, 'pseudonymised', PERIOD);
    const report = await importFiles(hq, [{ name: 'bog-march-2.llb', bytes: second.bytes }]);
    expect(report.files.map((f) => [f.outcome, f.updated])).toEqual([['imported', 1]]);
    const request = await value(hq.invoke('requests.get', { id: ids.request }));
    expect(request['revision']).toBe(2);
    expect(originOf(request)).toMatchObject({ importId: second.entry.exportId, exportSeq: 2, level: 'pseudonymised' });
    const engagement = await value(hq.invoke('engagements.get', { id: ids.engagement }));
    expect(originOf(engagement)).toMatchObject({ importId: bundle.exportId, exportSeq: 1, level: 'full' });
    // The first import now holds the current revision of every record but the request.
    const first = await value<ImportEntry>(hq.invoke('imports.get', { importId: bundle.exportId }));
    const again = await value<ImportEntry>(hq.invoke('imports.get', { importId: second.entry.exportId }));
    expect([first.currentRecords, again.currentRecords]).toEqual([3, 1]);
  });

  it('imports.get opens the import a record came from', async () => {
    const { hq, ids, bundle } = await world();
    const request = await value(hq.invoke('requests.get', { id: ids.request }));
    const entry = await value<ImportEntry>(hq.invoke('imports.get', { importId: originOf(request)!.importId! }));
    expect(entry).toEqual({
      importId: bundle.exportId,
      postId: 'BOG',
      postName: 'Post BOG',
      keyId: expect.stringMatching(/^([0-9A-F]{4}-){7}[0-9A-F]{4}$/),
      sequence: 1,
      period: PERIOD,
      level: 'full',
      fileName: 'bog-march.llb',
      createdAt: '2026-04-01T10:00:00.000Z',
      importedAt: '2026-04-02T09:15:00.000Z',
      counts: { organisation: 1, case: 1, request: 1, engagement: 1 },
      currentRecords: 4,
    });
    await failure(hq.invoke('imports.get', { importId: UNKNOWN_ID }), 'not_found');
    await failure(hq.invoke('imports.get', { importId: 'not-an-id' }), 'invalid_input');
  });

  it('HQ refuses to change, trash, restore or relink an imported record, naming the post', async () => {
    const { hq, ids } = await world();
    const before = await value(hq.invoke('requests.get', { id: ids.request }));
    const { id, revision, createdAt: _c, updatedAt: _u, deletedAt: _d, origin: _o, dueAt: _due, ...fields } = before;
    const refused = async (answer: ReturnType<Backend['invoke']>) => {
      const error = await failure(answer, 'forbidden');
      expect(error.fields?.['_']).toEqual({
        code: 'record.imported_read_only',
        message: error.message,
        params: { post: 'BOG', postName: 'Post BOG' },
      });
      expect(error.message).toContain('Post BOG');
      // The window words it by its reason, in its own language.
      expect(error.reason).toEqual({
        code: 'record.imported_read_only',
        params: { post: 'BOG', postName: 'Post BOG' },
      });
    };
    await refused(hq.invoke('requests.update', { id, revision, fields: { ...fields, subject: 'Changed at HQ' } }));
    // A link edit is an edit of the record's links: unlinking its case.
    await refused(hq.invoke('requests.update', { id, revision, fields: { ...fields, caseId: null } }));
    await refused(hq.invoke('requests.delete', { id }));
    // One trashed at HQ by an earlier release (which allowed it) cannot be restored either.
    hq.db.prepare("UPDATE record SET deleted_at = '2026-04-01T00:00:00.000Z' WHERE id = ?").run(ids.organisation);
    await refused(hq.invoke('organisations.restore', { id: ids.organisation }));
    // Nothing changed: the same revision, fields, links and history.
    expect(await value(hq.invoke('requests.get', { id }))).toEqual(before);
    expect(await value<unknown[]>(hq.invoke('requests.history', { id }))).toHaveLength(1);
    const links = hq.db.prepare('SELECT count(*) AS n FROM record_link WHERE to_id = ?').get(ids.case) as { n: number };
    expect(links.n).toBe(1);
  });

  it('HQ’s own records stay editable, and may link to a post’s records', async () => {
    const { hq, ids } = await world();
    const own = await value(hq.invoke('organisations.get', { id: ids.hqOwn }));
    const changed = await value(
      hq.invoke('organisations.update', {
        id: ids.hqOwn,
        revision: own.revision,
        fields: organisationInput({ name: 'HQ liaison desk (Europol)', country: 'NL' }),
      }),
    );
    expect(changed.revision).toBe(2);
    expect((await value(hq.invoke('organisations.delete', { id: ids.hqOwn }))).deletedAt).not.toBeNull();
    expect((await value(hq.invoke('organisations.restore', { id: ids.hqOwn }))).deletedAt).toBeNull();
    const meeting = await create(hq, 'engagements', engagementInput({ organisationIds: [ids.organisation] }));
    expect(originOf(meeting)).toBeNull();
  });

  it('at a post nothing changes: its records are its own and editable', async () => {
    const { post, ids } = await world();
    const request = await value(post.invoke('requests.get', { id: ids.request }));
    expect(originOf(request)).toBeNull();
    const { id, revision, createdAt: _c, updatedAt: _u, deletedAt: _d, origin: _o, dueAt: _due, ...fields } = request;
    const saved = await value(
      post.invoke('requests.update', { id, revision, fields: { ...fields, subject: 'Edited at the post' } }),
    );
    expect(saved.revision).toBe(2);
    expect((await value(post.invoke('requests.delete', { id }))).deletedAt).not.toBeNull();
    await failure(post.invoke('imports.get', { importId: UNKNOWN_ID }), 'not_found');
  });
});
