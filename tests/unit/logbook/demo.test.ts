import { describe, it, expect, afterAll, beforeAll } from 'vitest';
import fs from 'node:fs';
import { runCli, type CliIo } from '../../../electron/cli/main';
import { CaseInput } from '../../../shared/records/case';
import { EngagementInput } from '../../../shared/records/engagement';
import { OrganisationInput } from '../../../shared/records/organisation';
import { PersonInput } from '../../../shared/records/person';
import { OperationalResultInput } from '../../../shared/records/result';
import { InformationRequestInput } from '../../../shared/requests/schema';
import { cliTestSetup, openDatabaseWithPassphrase } from '../helpers/session';
import { tempDir } from './helpers';

// The demo generator, through the command line: realistic, deterministic, valid data.

const made: string[] = [];
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

function folder(): string {
  const d = tempDir('liaison-log-demo-');
  made.push(d);
  return d;
}

const secrets = cliTestSetup();

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t) };
  // As in production: the data folder is encrypted, the passphrase comes from the environment.
  const code = await runCli(args, io, secrets.env, secrets.options);
  return { code, out, err };
}

async function demo(seed: number, records = 500): Promise<{ dir: string; out: string }> {
  const dir = folder();
  const r = await cli([
    '--data-dir',
    dir,
    'demo',
    '--records',
    String(records),
    '--seed',
    String(seed),
    '--until',
    '2026-06-30',
    '--json',
  ]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return { dir, out: r.out };
}

type Row = { id: string; kind: string; data: string; occurred_at: string | null; due_at: string | null };

async function rows(dir: string): Promise<Row[]> {
  const db = await openDatabaseWithPassphrase(dir);
  try {
    return db.prepare('SELECT id, kind, data, occurred_at, due_at FROM record ORDER BY id').all() as Row[];
  } finally {
    db.close();
  }
}

describe('liaison-log demo', () => {
  let a: Row[];
  let summary: Record<string, number>;
  beforeAll(async () => {
    const { dir, out } = await demo(3);
    summary = JSON.parse(out) as Record<string, number>;
    a = await rows(dir);
  });

  it('fills a folder with --records records, split as the summary says', () => {
    expect(a).toHaveLength(500);
    expect(Object.values(summary).reduce((s, n) => s + n, 0)).toBe(500);
    const byKind: Record<string, number> = {};
    for (const r of a) byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
    expect(byKind).toEqual({
      organisation: summary['organisations'],
      person: summary['people'],
      case: summary['cases'],
      engagement: summary['engagements'],
      request: summary['requests'],
      result: summary['results'],
    });
    for (const kind of ['organisation', 'person', 'case', 'engagement', 'request', 'result']) {
      expect(byKind[kind], kind).toBeGreaterThan(0);
    }
  });

  it('is deterministic: the same seed gives identical records in another folder', async () => {
    const { dir } = await demo(3);
    expect(await rows(dir)).toEqual(a);
  });

  it('a different seed gives different records', async () => {
    const { dir } = await demo(4);
    const b = await rows(dir);
    expect(b).toHaveLength(500);
    expect(b.map((r) => r.id)).not.toEqual(a.map((r) => r.id));
    expect(b.map((r) => r.data)).not.toEqual(a.map((r) => r.data));
  });

  it('every record is valid for its kind, and activity ends by --until', () => {
    const schemas = {
      organisation: OrganisationInput,
      person: PersonInput,
      case: CaseInput,
      engagement: EngagementInput,
      request: InformationRequestInput,
      result: OperationalResultInput,
    } as const;
    for (const r of a) {
      const schema = schemas[r.kind as keyof typeof schemas];
      const parsed = schema.safeParse(JSON.parse(r.data));
      expect(parsed.success, `${r.kind} ${r.id}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      if (r.occurred_at) expect(r.occurred_at <= '2026-06-30T12:00:00.000Z', r.occurred_at).toBe(true);
    }
  });

  it('requests with a Directive partner have a deadline, the others none', () => {
    const requests = a.filter((r) => r.kind === 'request');
    const eu = new Set(['DE', 'BE', 'FR', 'ES', 'IT', 'PL']);
    for (const r of requests) {
      const f = JSON.parse(r.data) as { counterpartCountry: string; channel: string };
      const applies = eu.has(f.counterpartCountry) && f.channel !== 'mla_eio';
      expect(r.due_at !== null, `${f.counterpartCountry} ${f.channel}`).toBe(applies);
    }
  });

  it('the stats command counts what the demo made', async () => {
    const { dir } = await demo(7, 120);
    const r = await cli(['--data-dir', dir, 'stats', '--json']);
    expect(r.code).toBe(0);
    const counts = JSON.parse(r.out) as Record<string, number>;
    expect(Object.values(counts).reduce((s, n) => s + n, 0)).toBe(120);
  });

  it.each([
    [['demo']],
    [['demo', '--records', '0']],
    [['demo', '--records', '-5']],
    [['demo', '--records', 'lots']],
    [['demo', '--records', '2.5']],
    [['demo', '--records', '5000001']],
    [['demo', '--records', '10', '--seed', 'abc']],
    [['demo', '--records', '10', '--seed', '1.5']],
    [['demo', '--records', '10', '--until', 'next week']],
    [['demo', '--records', '10', '--colour', 'red']],
  ])('invalid arguments exit with 2 and write nothing: %j', async (args) => {
    const dir = folder();
    const r = await cli(['--data-dir', dir, ...args]);
    expect(r.code).toBe(2);
    expect(r.err).not.toBe('');
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
