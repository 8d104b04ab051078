import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import { createBackend, type Backend } from '../../../electron/backend/create-backend';
import {
  caseInput,
  create,
  engagementInput,
  failure,
  listIds,
  manualClock,
  organisationInput,
  personInput,
  requestInput,
  resultInput,
  tempDir,
  value,
} from './helpers';

// search.query: every word must match as a prefix, accents do not matter, and nothing the officer types
// is read as FTS5 syntax.

interface Hit {
  kind: string;
  id: string;
  title: string;
  occurredAt: string | null;
  deletedAt: string | null;
}

let backend: Backend;
let dataDir: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  dataDir = tempDir();
  backend = createBackend({ dataDir, now: manualClock().now, log: () => undefined });
  const add = async (name: string, prefix: string, input: Record<string, unknown>) => {
    ids[name] = (await create(backend, prefix, input)).id;
  };
  await add('policia', 'organisations', organisationInput({ name: 'Policía Nacional', country: 'ES' }));
  await add('fiscalia', 'organisations', organisationInput({ name: 'Fiscalía General de la Nación', country: 'CO' }));
  await add('muller', 'people', personInput({ name: 'Jürgen Müller', role: 'Ermittler' }));
  await add(
    'cocaine',
    'requests',
    requestInput({
      subject: 'Cocaine and heroin shipment',
      counterpartAgency: 'Zollfahndung',
      notes: 'Container MSCU1234567',
    }),
  );
  await add('near', 'engagements', engagementInput({ subject: 'Meeting near the harbour' }));
  await add('or', 'cases', caseInput({ reference: 'OP-2026-0042', name: 'Operation Orca' }));
  await add(
    'seizure',
    'results',
    resultInput({
      kind: 'seizure',
      description: 'Seizure at the port',
      substance: 'cocaine',
      quantity: 120,
      unit: 'kg',
      count: null,
    }),
  );
  await add('trashed', 'requests', requestInput({ subject: 'Policía request in the trash' }));
  await backend.invoke('requests.delete', { id: ids['trashed'] });
});

afterAll(() => {
  backend.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function search(text: string, limit?: number): Promise<Hit[]> {
  return value<Hit[]>(backend.invoke('search.query', limit === undefined ? { text } : { text, limit }));
}
const found = async (text: string) =>
  (await search(text)).map((h) => Object.keys(ids).find((k) => ids[k] === h.id)).sort();

describe('search.query', () => {
  it('returns summaries with kind, id and title', async () => {
    expect(await search('Zollfahndung')).toEqual([
      {
        kind: 'request',
        id: ids['cocaine'],
        title: 'Cocaine and heroin shipment',
        occurredAt: '2026-03-02T09:30:00.000Z',
        deletedAt: null,
        origin: null,
      },
    ]);
  });

  it('matches word prefixes, case-insensitively', async () => {
    expect(await found('coca')).toEqual(['cocaine', 'seizure']);
    expect(await found('SHIP')).toEqual(['cocaine']);
    expect(await found('op orc')).toEqual(['or']);
    expect(await found('hip')).toEqual([]); // the middle of a word is not a prefix
  });

  it('every word must match', async () => {
    expect(await found('cocaine heroin')).toEqual(['cocaine']);
    expect(await found('cocaine port')).toEqual(['seizure']);
    expect(await found('cocaine orca')).toEqual([]);
  });

  it('ignores diacritics both ways', async () => {
    expect(await found('policia')).toEqual(['policia']);
    expect(await found('Policía')).toEqual(['policia']);
    expect(await found('fiscalia nacion')).toEqual(['fiscalia']);
    expect(await found('muller')).toEqual(['muller']);
    expect(await found('jurg')).toEqual(['muller']);
    expect(await found('Müll')).toEqual(['muller']);
  });

  it('searches the body too: notes, agency, substance, a person’s role', async () => {
    expect(await found('MSCU1234567')).toEqual(['cocaine']);
    expect(await found('ermittler')).toEqual(['muller']);
    expect(await found('kg')).toEqual([]);
  });

  it('does not find records in the trash', async () => {
    expect(await found('trash')).toEqual([]);
    expect(await found('policia')).toEqual(['policia']);
  });

  it.each([
    ['"policia', ['policia']],
    ['policia"', ['policia']],
    ['"Policía Nacional"', ['policia']],
    ['cocaine AND heroin', ['cocaine']],
    ['cocaine OR orca', []], // OR is a word to match, not an operator
    ['NOT', []],
    ['meeting NEAR harbour', ['near']],
    ['NEAR(meeting harbour)', ['near']],
    ['coca*', ['cocaine', 'seizure']],
    ['*', []],
    ['-heroin cocaine', ['cocaine']],
    ['title:cocaine', []],
    ['body:zoll', []],
    ['(orca)', ['or']],
    ['OP-2026-0042', ['or']],
    ['^cocaine', ['cocaine', 'seizure']],
    ["'; DROP TABLE record; --", []],
    ['{title body}: cocaine', []],
  ])('FTS syntax in the text is harmless: %j', async (text, expected) => {
    expect(await found(text)).toEqual(expected);
  });

  it('the database is intact after hostile input', async () => {
    await search("'; DROP TABLE record; --");
    expect(await listIds(backend, 'requests')).toEqual([ids['cocaine']]);
  });

  it('the same text is safe in a list filter', async () => {
    for (const text of ['"', 'a AND', 'NEAR(', 'title:x', 'x*', '-', '(', ')']) {
      const answer = await backend.invoke('requests.list', { filters: { text } });
      expect(answer.ok, text).toBe(true);
    }
  });

  it('respects the limit', async () => {
    expect(await search('coca', 1)).toHaveLength(1);
  });

  it('refuses empty text', async () => {
    await failure(backend.invoke('search.query', { text: '   ' }), 'invalid_input');
  });
});
