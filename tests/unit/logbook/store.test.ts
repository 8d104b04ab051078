import { describe, it, expect } from 'vitest';
import type { Backend } from '../../../electron/backend/create-backend';
import {
  UNKNOWN_ID,
  caseInput,
  create,
  engagementInput,
  failure,
  fieldCodes,
  listIds,
  organisationInput,
  personInput,
  requestInput,
  resultInput,
  useLogbook,
  value,
} from './helpers';

// Every kind of record goes through the same store: create / get / update / delete (to the trash) /
// restore / history, with revisions, conflict detection, and an audit trail of field-level changes.

interface AuditEntry {
  at: string;
  action: 'create' | 'update' | 'delete' | 'restore';
  revision: number;
  changes: Record<string, [unknown, unknown]>;
}

interface KindCase {
  prefix: string;
  kind: string;
  /** Creates what the record links to, and returns a valid input, a change to it, and a word of its title. */
  setup: (
    backend: Backend,
  ) => Promise<{ input: Record<string, unknown>; change: Record<string, unknown>; word: string }>;
}

const KINDS: KindCase[] = [
  {
    prefix: 'organisations',
    kind: 'organisation',
    setup: () =>
      Promise.resolve({
        input: organisationInput({ name: 'Guardia Civil Zaragoza', country: 'ES', type: 'police' }),
        change: { notes: 'New head of unit since March', type: 'customs' },
        word: 'Zaragoza',
      }),
  },
  {
    prefix: 'people',
    kind: 'person',
    setup: async (backend) => {
      const org = await create(backend, 'organisations', organisationInput());
      return {
        input: personInput({ name: 'Katarzyna Quellmalz', organisationId: org.id, email: 'k.q@example.org' }),
        change: { role: 'Head of unit', phone: '+49 611 55-0' },
        word: 'Quellmalz',
      };
    },
  },
  {
    prefix: 'engagements',
    kind: 'engagement',
    setup: async (backend) => {
      const org = await create(backend, 'organisations', organisationInput());
      return {
        input: engagementInput({
          subject: 'Harbour meeting Zwijndrecht',
          organisationIds: [org.id],
          phenomena: ['cocaine'],
        }),
        change: { purpose: 'strategic', phenomena: ['cocaine', 'money_laundering'] },
        word: 'Zwijndrecht',
      };
    },
  },
  {
    prefix: 'requests',
    kind: 'request',
    setup: () =>
      Promise.resolve({
        input: requestInput({ subject: 'Zeppelin registration holder' }),
        change: { status: 'answered', answeredAt: '2026-03-03T10:00:00.000Z' },
        word: 'Zeppelin',
      }),
  },
  {
    prefix: 'results',
    kind: 'result',
    setup: () =>
      Promise.resolve({
        input: resultInput({ description: 'Quokka gang members arrested' }),
        change: { count: 3 },
        word: 'Quokka',
      }),
  },
  {
    prefix: 'cases',
    kind: 'case',
    setup: () =>
      Promise.resolve({
        input: caseInput({ name: 'Operation Quasar', phenomena: ['cocaine'] }),
        change: { status: 'closed' },
        word: 'Quasar',
      }),
  },
];

const HOUR = 3_600_000;

describe.each(KINDS)('$prefix through backend.invoke', ({ prefix, kind, setup }) => {
  const open = useLogbook();

  async function history(backend: Backend, id: string): Promise<AuditEntry[]> {
    return value<AuditEntry[]>(backend.invoke(`${prefix}.history`, { id }));
  }

  async function searchIds(backend: Backend, text: string): Promise<string[]> {
    return (await value<{ id: string }[]>(backend.invoke('search.query', { text }))).map((h) => h.id);
  }

  it('create gives revision 1 and the clock’s time; get reads back the same record', async () => {
    const { backend, clock } = open({ start: '2026-03-05T08:00:00.000Z' });
    const { input } = await setup(backend);
    clock.set('2026-03-05T09:00:00.000Z');
    const created = await create(backend, prefix, input);
    expect(created).toMatchObject({
      ...input,
      revision: 1,
      createdAt: '2026-03-05T09:00:00.000Z',
      updatedAt: '2026-03-05T09:00:00.000Z',
      deletedAt: null,
    });
    expect(await value(backend.invoke(`${prefix}.get`, { id: created.id }))).toEqual(created);
  });

  it('update stores the change, bumps the revision and records [before, after] per changed field', async () => {
    const { backend, clock } = open();
    const { input, change } = await setup(backend);
    const created = await create(backend, prefix, input);
    clock.advance(HOUR);
    const updated = await value(
      backend.invoke(`${prefix}.update`, { id: created.id, revision: 1, fields: { ...input, ...change } }),
    );
    expect(updated).toMatchObject({ ...change, id: created.id, revision: 2, createdAt: created['createdAt'] });
    expect(updated['updatedAt']).toBe(clock.now().toISOString());
    expect(await value(backend.invoke(`${prefix}.get`, { id: created.id }))).toEqual(updated);

    const trail = await history(backend, created.id);
    expect(trail.map((e) => [e.action, e.revision])).toEqual([
      ['create', 1],
      ['update', 2],
    ]);
    // The creation lists every field it set, from nothing.
    for (const [field, v] of Object.entries(input)) expect(trail[0]?.changes[field]).toEqual([null, v]);
    // The update lists exactly the fields that changed.
    const expected = Object.fromEntries(Object.entries(change).map(([k, v]) => [k, [created[k] ?? null, v]]));
    expect(trail[1]?.changes).toEqual(expected);
    expect(trail[1]?.at).toBe(clock.now().toISOString());
  });

  it('an update based on a stale revision is a conflict and changes nothing', async () => {
    const { backend } = open();
    const { input, change } = await setup(backend);
    const created = await create(backend, prefix, input);
    await value(backend.invoke(`${prefix}.update`, { id: created.id, revision: 1, fields: { ...input, ...change } }));
    const error = await failure(
      backend.invoke(`${prefix}.update`, { id: created.id, revision: 1, fields: input }),
      'conflict',
    );
    expect(error.message).toMatch(/revision 2/);
    const now = await value(backend.invoke(`${prefix}.get`, { id: created.id }));
    expect(now).toMatchObject({ ...change, revision: 2 });
    expect(await history(backend, created.id)).toHaveLength(2);
  });

  it('an update that changes nothing makes no new revision and no audit entry', async () => {
    const { backend, clock } = open();
    const { input } = await setup(backend);
    const created = await create(backend, prefix, input);
    clock.advance(HOUR);
    const same = await value(backend.invoke(`${prefix}.update`, { id: created.id, revision: 1, fields: input }));
    expect(same).toEqual(created);
    expect(await history(backend, created.id)).toHaveLength(1);
  });

  it('delete moves the record to the trash; restore brings it back; both are in the history', async () => {
    const { backend, clock } = open();
    const { input, change, word } = await setup(backend);
    const created = await create(backend, prefix, input);
    await value(backend.invoke(`${prefix}.update`, { id: created.id, revision: 1, fields: { ...input, ...change } }));
    expect(await listIds(backend, prefix)).toContain(created.id);
    expect(await searchIds(backend, word)).toEqual([created.id]);

    clock.advance(HOUR);
    const deleted = await value(backend.invoke(`${prefix}.delete`, { id: created.id }));
    expect(deleted).toMatchObject({ revision: 3, deletedAt: clock.now().toISOString() });
    expect(await listIds(backend, prefix)).not.toContain(created.id);
    expect(await searchIds(backend, word)).toEqual([]);
    const trash = await value<{ kind: string; id: string; title: string; deletedAt: string }[]>(
      backend.invoke('trash.list', {}),
    );
    expect(trash).toEqual([expect.objectContaining({ kind, id: created.id, deletedAt: clock.now().toISOString() })]);
    expect(trash[0]?.title).toContain(word);
    // Still readable by id (e.g. from the trash view), marked as deleted.
    expect(await value(backend.invoke(`${prefix}.get`, { id: created.id }))).toMatchObject({
      deletedAt: expect.any(String),
    });

    // Deleting twice changes nothing more.
    expect(await value(backend.invoke(`${prefix}.delete`, { id: created.id }))).toMatchObject({ revision: 3 });

    clock.advance(HOUR);
    const restored = await value(backend.invoke(`${prefix}.restore`, { id: created.id }));
    expect(restored).toMatchObject({ ...change, revision: 4, deletedAt: null });
    expect(await listIds(backend, prefix)).toContain(created.id);
    expect(await searchIds(backend, word)).toEqual([created.id]);
    expect(await value(backend.invoke('trash.list', {}))).toEqual([]);

    const trail = await history(backend, created.id);
    expect(trail.map((e) => [e.action, e.revision])).toEqual([
      ['create', 1],
      ['update', 2],
      ['delete', 3],
      ['restore', 4],
    ]);
  });

  it('the revision after delete/restore is the one to edit from', async () => {
    const { backend } = open();
    const { input, change } = await setup(backend);
    const created = await create(backend, prefix, input);
    await value(backend.invoke(`${prefix}.delete`, { id: created.id }));
    await value(backend.invoke(`${prefix}.restore`, { id: created.id }));
    await failure(
      backend.invoke(`${prefix}.update`, { id: created.id, revision: 1, fields: { ...input, ...change } }),
      'conflict',
    );
    const updated = await value(
      backend.invoke(`${prefix}.update`, { id: created.id, revision: 3, fields: { ...input, ...change } }),
    );
    expect(updated.revision).toBe(4);
  });

  it('unknown ids, and ids of another kind, are not found', async () => {
    const { backend } = open();
    const { input } = await setup(backend);
    for (const op of ['get', 'delete', 'restore', 'history']) {
      await failure(backend.invoke(`${prefix}.${op}`, { id: UNKNOWN_ID }), 'not_found');
    }
    await failure(backend.invoke(`${prefix}.update`, { id: UNKNOWN_ID, revision: 1, fields: input }), 'not_found');
    // A record of another kind is not reachable through this kind's channels.
    const other =
      prefix === 'cases'
        ? await create(backend, 'results', resultInput())
        : await create(backend, 'cases', caseInput());
    await failure(backend.invoke(`${prefix}.get`, { id: other.id }), 'not_found');
    await failure(backend.invoke(`${prefix}.delete`, { id: other.id }), 'not_found');
  });
});

describe('links and codes must exist', () => {
  const open = useLogbook();

  async function counts(backend: Backend): Promise<Record<string, number>> {
    return value<Record<string, number>>(backend.invoke('stats.counts', {}));
  }

  it('an engagement cannot list a person as an organisation', async () => {
    const { backend } = open();
    const org = await create(backend, 'organisations', organisationInput());
    const person = await create(backend, 'people', personInput({ organisationId: org.id }));
    const before = await counts(backend);
    const error = await failure(
      backend.invoke('engagements.create', engagementInput({ organisationIds: [org.id, person.id] })),
      'invalid_input',
    );
    expect(fieldCodes(error)).toEqual({ organisationIds: 'unknown_record' });
    expect(await counts(backend)).toEqual(before);
  });

  it('each link field names its own problem', async () => {
    const { backend } = open();
    const org = await create(backend, 'organisations', organisationInput());
    const engagement = await create(backend, 'engagements', engagementInput({ organisationIds: [org.id] }));
    const request = await create(backend, 'requests', requestInput());

    let error = await failure(
      backend.invoke('engagements.create', engagementInput({ personIds: [UNKNOWN_ID], caseId: org.id })),
      'invalid_input',
    );
    expect(fieldCodes(error)).toEqual({ personIds: 'unknown_record', caseId: 'unknown_record' });

    error = await failure(
      backend.invoke('results.create', resultInput({ engagementIds: [request.id], requestIds: [engagement.id] })),
      'invalid_input',
    );
    expect(fieldCodes(error)).toEqual({ engagementIds: 'unknown_record', requestIds: 'unknown_record' });

    error = await failure(
      backend.invoke('people.create', personInput({ organisationId: engagement.id })),
      'invalid_input',
    );
    expect(fieldCodes(error)).toEqual({ organisationId: 'unknown_record' });

    error = await failure(backend.invoke('requests.create', requestInput({ caseId: request.id })), 'invalid_input');
    expect(fieldCodes(error)).toEqual({ caseId: 'unknown_record' });

    // The right kinds are accepted.
    const result = await create(
      backend,
      'results',
      resultInput({ engagementIds: [engagement.id], requestIds: [request.id] }),
    );
    expect(result).toMatchObject({ engagementIds: [engagement.id], requestIds: [request.id] });
  });

  it('a link to a record in the trash is refused', async () => {
    const { backend } = open();
    const org = await create(backend, 'organisations', organisationInput());
    await value(backend.invoke('organisations.delete', { id: org.id }));
    const error = await failure(
      backend.invoke('engagements.create', engagementInput({ organisationIds: [org.id] })),
      'invalid_input',
    );
    expect(fieldCodes(error)).toEqual({ organisationIds: 'unknown_record' });
  });

  it('an update is checked like a create, and a refused update changes nothing', async () => {
    const { backend } = open();
    const org = await create(backend, 'organisations', organisationInput());
    const engagement = await create(backend, 'engagements', engagementInput({ organisationIds: [org.id] }));
    const error = await failure(
      backend.invoke('engagements.update', {
        id: engagement.id,
        revision: 1,
        fields: engagementInput({ organisationIds: [UNKNOWN_ID], phenomena: ['not_a_phenomenon'] }),
      }),
      'invalid_input',
    );
    expect(fieldCodes(error)).toEqual({ organisationIds: 'unknown_record', phenomena: 'unknown_term' });
    expect(await value(backend.invoke('engagements.get', { id: engagement.id }))).toEqual(engagement);
  });

  it('an unknown phenomenon is refused on every kind that carries phenomena', async () => {
    const { backend } = open();
    for (const [prefix, input] of [
      ['engagements', engagementInput({ phenomena: ['cocaine', 'unicorn_smuggling'] })],
      ['requests', requestInput({ phenomena: ['unicorn_smuggling'] })],
      ['results', resultInput({ phenomena: ['unicorn_smuggling'] })],
      ['cases', caseInput({ phenomena: ['unicorn_smuggling'] })],
    ] as const) {
      const error = await failure(backend.invoke(`${prefix}.create`, input), 'invalid_input');
      expect(fieldCodes(error), prefix).toEqual({ phenomena: 'unknown_term' });
    }
    expect(Object.values(await counts(backend)).every((n) => n === 0)).toBe(true);
  });

  it('an organisation type must exist in its taxonomy (a phenomenon code is not a type)', async () => {
    const { backend } = open();
    for (const type of ['pirates', 'cocaine']) {
      const error = await failure(backend.invoke('organisations.create', organisationInput({ type })), 'invalid_input');
      expect(fieldCodes(error)).toEqual({ type: 'unknown_term' });
    }
    expect(await create(backend, 'organisations', organisationInput({ type: 'europol' }))).toMatchObject({
      type: 'europol',
    });
  });
});

describe('organisation last contact', () => {
  const open = useLogbook();

  it('is the newest live engagement with the organisation', async () => {
    const { backend } = open();
    const org = await create(backend, 'organisations', organisationInput());
    expect(org['lastContactAt']).toBeNull();
    await create(
      backend,
      'engagements',
      engagementInput({ occurredAt: '2026-01-10T10:00:00.000Z', organisationIds: [org.id] }),
    );
    const later = await create(
      backend,
      'engagements',
      engagementInput({ occurredAt: '2026-02-20T10:00:00.000Z', organisationIds: [org.id] }),
    );
    // Not linked to this organisation: does not count.
    await create(backend, 'engagements', engagementInput({ occurredAt: '2026-04-01T10:00:00.000Z' }));
    expect(await value(backend.invoke('organisations.get', { id: org.id }))).toMatchObject({
      lastContactAt: '2026-02-20T10:00:00.000Z',
    });
    await value(backend.invoke('engagements.delete', { id: later.id }));
    expect(await value(backend.invoke('organisations.get', { id: org.id }))).toMatchObject({
      lastContactAt: '2026-01-10T10:00:00.000Z',
    });
  });
});

describe('the history of a record imported from a post', () => {
  const open = useLogbook();

  it('says when it arrived and at which revision, without a copy of its fields; newer revisions list their changes', async () => {
    const { backend, clock } = open({ start: '2026-03-05T08:00:00.000Z' });
    const ctx = { timeZone: 'UTC', homeCountry: 'NL' };
    const id = '00000000-0000-4000-8000-0000000000a1';
    const fields = organisationInput({ name: 'Policía Nacional', country: 'CO' });
    const arrive = (revision: number, f: Record<string, unknown>) =>
      backend.services.store.importRecord(
        'organisation',
        { id, revision, createdAt: '2026-03-01T10:00:00.000Z', updatedAt: clock.now().toISOString(), fields: f },
        { post: 'BOG', level: 'full' },
        ctx,
      );
    expect(arrive(3, fields)).toBe('added');
    clock.advance(HOUR);
    expect(arrive(4, { ...fields, name: 'Policía Nacional de Colombia' })).toBe('updated');
    const trail = await value<AuditEntry[]>(backend.invoke('organisations.history', { id }));
    expect(trail.map((e) => [e.action, e.revision, e.changes])).toEqual([
      ['create', 3, {}],
      ['update', 4, { name: ['Policía Nacional', 'Policía Nacional de Colombia'] }],
    ]);
    expect(trail[0]?.at).toBe('2026-03-05T08:00:00.000Z');
  });
});
