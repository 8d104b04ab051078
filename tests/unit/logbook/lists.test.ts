import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import { createBackend, type Backend } from '../../../electron/backend/create-backend';
import {
  caseInput,
  create,
  engagementInput,
  failure,
  fieldCodes,
  list,
  listIds,
  manualClock,
  organisationInput,
  personInput,
  requestInput,
  resultInput,
  tempDir,
  type Rec,
} from './helpers';

// Lists: filters, sorts and paging on a small dataset whose right answers are written out by hand.
// Times are at midday UTC so that a day is the same day on the post's clock and in UTC.

let backend: Backend;
let dataDir: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  dataDir = tempDir();
  backend = createBackend({ dataDir, now: manualClock('2026-03-20T12:00:00.000Z').now, log: () => undefined });
  const add = async (name: string, prefix: string, input: Record<string, unknown>): Promise<Rec> => {
    const r = await create(backend, prefix, input);
    ids[name] = r.id;
    return r;
  };

  // Requests A–E.
  await add(
    'A',
    'requests',
    requestInput({
      subject: 'Alpha container',
      exchangedAt: '2026-02-01T12:00:00.000Z',
      counterpartCountry: 'DE',
      channel: 'siena',
      status: 'open',
      direction: 'incoming',
      phenomena: ['cocaine'],
    }),
  );
  await add(
    'B',
    'requests',
    requestInput({
      subject: 'Bravo bank accounts',
      exchangedAt: '2026-02-15T12:00:00.000Z',
      counterpartCountry: 'ES',
      counterpartAgency: 'Guardia Civil',
      channel: 'bilateral',
      status: 'answered',
      answeredAt: '2026-02-16T12:00:00.000Z',
      direction: 'outgoing',
      phenomena: ['money_laundering'],
    }),
  );
  await add(
    'C',
    'requests',
    requestInput({
      subject: 'Charlie vessel',
      exchangedAt: '2026-02-28T12:00:00.000Z',
      counterpartCountry: 'CO',
      channel: 'interpol',
      status: 'refused',
      refusalGround: 'a',
      direction: 'incoming',
      phenomena: ['cannabis', 'thb'],
    }),
  );
  await add(
    'D',
    'requests',
    requestInput({
      subject: 'Delta travel movements',
      exchangedAt: '2026-01-31T12:00:00.000Z',
      counterpartCountry: 'DE',
      channel: 'siena',
      status: 'open',
      direction: 'outgoing',
      phenomena: ['drugs'],
    }),
  );
  await add(
    'E',
    'requests',
    requestInput({
      subject: 'echo phone subscriber',
      exchangedAt: '2026-03-01T12:00:00.000Z',
      counterpartCountry: 'FR',
      channel: 'siena',
      status: 'withdrawn',
      direction: 'incoming',
    }),
  );
  // In the trash: matches almost every filter, must never show.
  const gone = await add(
    'gone',
    'requests',
    requestInput({
      subject: 'Alpha trashed',
      exchangedAt: '2026-02-10T12:00:00.000Z',
      phenomena: ['cocaine'],
    }),
  );
  await backend.invoke('requests.delete', { id: gone.id });

  // A small network: organisations, a person, engagements, a case, a result.
  await add('O1', 'organisations', organisationInput({ name: 'Policía Nacional', country: 'ES' }));
  await add('O2', 'organisations', organisationInput({ name: 'Bundeskriminalamt', country: 'DE' }));
  await add('O3', 'organisations', organisationInput({ name: 'Zoll', country: 'DE', type: 'customs' }));
  await add('P1', 'people', personInput({ name: 'Ana García', organisationId: ids['O1'] }));
  await add('K1', 'cases', caseInput({ name: 'Operation Atlas' }));
  await add(
    'E1',
    'engagements',
    engagementInput({
      subject: 'Joint meeting',
      occurredAt: '2026-02-02T12:00:00.000Z',
      organisationIds: [ids['O1'], ids['O2']],
      personIds: [ids['P1']],
    }),
  );
  await add(
    'E2',
    'engagements',
    engagementInput({
      subject: 'Call with Madrid',
      occurredAt: '2026-02-03T12:00:00.000Z',
      organisationIds: [ids['O1']],
      caseId: ids['K1'],
      purpose: 'relationship',
    }),
  );
  await add(
    'E3',
    'engagements',
    engagementInput({
      subject: 'Visit Wiesbaden',
      occurredAt: '2026-02-04T12:00:00.000Z',
      organisationIds: [ids['O2']],
    }),
  );
  await add('R1', 'results', resultInput({ engagementIds: [ids['E1']], requestIds: [ids['A']] }));
});

afterAll(() => {
  backend.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const names = (found: string[]) => found.map((id) => Object.keys(ids).find((k) => ids[k] === id) ?? id);
const requests = async (query: Record<string, unknown>) => names(await listIds(backend, 'requests', query));

describe('request list filters', () => {
  it('no filter: every live request, newest first', async () => {
    expect(await requests({})).toEqual(['E', 'C', 'B', 'A', 'D']);
  });

  it('period: from and to are both inclusive days', async () => {
    expect(await requests({ filters: { from: '2026-02-01', to: '2026-02-28' } })).toEqual(['C', 'B', 'A']);
    expect(await requests({ filters: { from: '2026-02-28', to: '2026-02-28' } })).toEqual(['C']);
    expect(await requests({ filters: { from: '2026-03-01' } })).toEqual(['E']);
    expect(await requests({ filters: { to: '2026-01-31' } })).toEqual(['D']);
    expect(await requests({ filters: { from: '2026-03-02', to: '2026-12-31' } })).toEqual([]);
  });

  it('phenomenon: a term finds itself; a group finds itself and its members', async () => {
    expect(await requests({ filters: { phenomenon: 'cocaine' } })).toEqual(['A']);
    expect(await requests({ filters: { phenomenon: 'drugs' } })).toEqual(['C', 'A', 'D']);
    expect(await requests({ filters: { phenomenon: 'migration_crime' } })).toEqual(['C']);
    expect(await requests({ filters: { phenomenon: 'heroin' } })).toEqual([]);
  });

  it('country, channel, status and direction', async () => {
    expect(await requests({ filters: { country: 'DE' } })).toEqual(['A', 'D']);
    expect(await requests({ filters: { channel: 'siena' } })).toEqual(['E', 'A', 'D']);
    expect(await requests({ filters: { status: 'answered' } })).toEqual(['B']);
    expect(await requests({ filters: { status: 'open' } })).toEqual(['A', 'D']);
    expect(await requests({ filters: { direction: 'outgoing' } })).toEqual(['B', 'D']);
  });

  it('filters combine with AND', async () => {
    expect(await requests({ filters: { country: 'DE', direction: 'incoming' } })).toEqual(['A']);
    expect(await requests({ filters: { channel: 'siena', from: '2026-02-01', phenomenon: 'drugs' } })).toEqual(['A']);
  });

  it('text: full-text on the title and the counterpart agency, as prefixes', async () => {
    expect(await requests({ filters: { text: 'vessel' } })).toEqual(['C']);
    expect(await requests({ filters: { text: 'bra acc' } })).toEqual(['B']);
    expect(await requests({ filters: { text: 'guardia' } })).toEqual(['B']);
    expect(await requests({ filters: { text: 'ECHO' } })).toEqual(['E']);
    expect(await requests({ filters: { text: 'alpha' } })).toEqual(['A']);
    expect(await requests({ filters: { text: 'alpha bravo' } })).toEqual([]);
  });

  it('invalid filter values are refused, not ignored', async () => {
    const error = await failure(
      backend.invoke('requests.list', { filters: { from: '1 Feb', country: 'XX', channel: 'fax' } }),
      'invalid_input',
    );
    expect(fieldCodes(error)).toEqual({
      'filters.from': 'invalid_date',
      'filters.country': 'invalid_country',
      'filters.channel': 'invalid_option',
    });
  });
});

describe('request list sorts and paging', () => {
  it('newest, oldest, title (case-insensitive), due (no deadline last)', async () => {
    expect(await requests({ sort: 'newest' })).toEqual(['E', 'C', 'B', 'A', 'D']);
    expect(await requests({ sort: 'oldest' })).toEqual(['D', 'A', 'B', 'C', 'E']);
    expect(await requests({ sort: 'title' })).toEqual(['A', 'B', 'C', 'D', 'E']);
    // Due: D 7 Feb, A 8 Feb, B 22 Feb, E 8 Mar; C (Colombia) has none.
    expect(await requests({ sort: 'due' })).toEqual(['D', 'A', 'B', 'E', 'C']);
  });

  it('limit and offset page through the list; total counts every match', async () => {
    const pages = [];
    for (let offset = 0; offset < 6; offset += 2) {
      const page = await list(backend, 'requests', { limit: 2, offset });
      expect(page.total).toBe(5);
      pages.push(names(page.items.map((r) => r.id)));
    }
    expect(pages).toEqual([['E', 'C'], ['B', 'A'], ['D']]);
    const past = await list(backend, 'requests', { limit: 2, offset: 50 });
    expect(past).toEqual({ total: 5, items: [] });
  });

  it('total follows the filters, not the page', async () => {
    const page = await list(backend, 'requests', {
      filters: { phenomenon: 'drugs' },
      sort: 'oldest',
      limit: 1,
      offset: 1,
    });
    expect(page.total).toBe(3);
    expect(names(page.items.map((r) => r.id))).toEqual(['A']);
  });
});

describe('linkedTo: everything about one record, both ways', () => {
  const linked = async (prefix: string, to: string) =>
    names(await listIds(backend, prefix, { filters: { linkedTo: ids[to] }, sort: 'oldest' })).sort();

  it('engagements with an organisation', async () => {
    expect(await linked('engagements', 'O1')).toEqual(['E1', 'E2']);
    expect(await linked('engagements', 'O2')).toEqual(['E1', 'E3']);
    expect(await linked('engagements', 'O3')).toEqual([]);
  });

  it('the organisations of an engagement (the other direction)', async () => {
    expect(await linked('organisations', 'E1')).toEqual(['O1', 'O2']);
    expect(await linked('organisations', 'E3')).toEqual(['O2']);
  });

  it('people of an organisation, and the organisation of a person', async () => {
    expect(await linked('people', 'O1')).toEqual(['P1']);
    expect(await linked('organisations', 'P1')).toEqual(['O1']);
    expect(await linked('people', 'E1')).toEqual(['P1']);
  });

  it('cases, results and requests', async () => {
    expect(await linked('engagements', 'K1')).toEqual(['E2']);
    expect(await linked('cases', 'E2')).toEqual(['K1']);
    expect(await linked('results', 'E1')).toEqual(['R1']);
    expect(await linked('results', 'A')).toEqual(['R1']);
    expect(await linked('requests', 'R1')).toEqual(['A']);
    expect(await linked('engagements', 'R1')).toEqual(['E1']);
  });

  it('combines with other filters', async () => {
    expect(
      names(await listIds(backend, 'engagements', { filters: { linkedTo: ids['O1'], status: 'relationship' } })),
    ).toEqual(['E2']);
    expect(names(await listIds(backend, 'organisations', { filters: { linkedTo: ids['E1'], country: 'DE' } }))).toEqual(
      ['O2'],
    );
  });
});

describe('lists of timeless kinds', () => {
  it('organisations list alphabetically and filter by country', async () => {
    expect(names(await listIds(backend, 'organisations'))).toEqual(['O2', 'O1', 'O3']);
    expect(names(await listIds(backend, 'organisations', { filters: { country: 'DE' } }))).toEqual(['O2', 'O3']);
    expect(names(await listIds(backend, 'organisations', { filters: { text: 'policia' } }))).toEqual(['O1']);
  });
});
