import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASET_TABLES } from '../../../shared/dataset/tables';
import { createBackend } from '../../../electron/backend/create-backend';
import { DATASET_KEY_SETTING } from '../../../electron/dataset/key';
import { useTempDirs } from '../helpers/temp-dir';
import { allFiles, buildFixture, exportTo, M, type Fixture } from './fixture';
import { checkPackage, readPackage } from './table-check';

// The evaluation dataset of the hand-built HQ logbook in ./fixture.ts: the package is valid against the official
// Tabular Data Package profile (the JSON Schema the Frictionless `datapackage` npm package ships), every row
// holds to its Table Schema, no name or free text reaches any file, pseudonyms are stable and keyed.

const require = createRequire(import.meta.url);
const PROFILE = require.resolve('datapackage/lib/profiles/tabular-data-package.json');

interface FrictionlessPackage {
  resources: { name: string; read(options: { relations: boolean; cast: boolean }): Promise<unknown[]> }[];
}
const { Package } = require('datapackage') as {
  Package: { load(descriptor: string, options: { strict: boolean }): Promise<unknown> };
};

let fx: Fixture;
const tempDir = useTempDirs('file');
let out: string;

beforeAll(async () => {
  fx = await buildFixture();
  out = path.join(tempDir('liaison-log-dataset-out-'), 'dataset');
  const r = await exportTo(fx.hq, out);
  if (!r.ok) throw new Error(r.error.message);
}, 60_000);

afterAll(() => fx.dispose());

function validator() {
  const profile = JSON.parse(fs.readFileSync(PROFILE, 'utf8')) as object;
  // The profile's own keywords (propertyOrder, context, examples...) are documentation, not validation.
  const ajv = new Ajv({ strict: false, allErrors: true });
  // The formats the profile names: checked where they matter here, `textarea` is only a hint for editors.
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d\d-\d\dT/.test(s));
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('email', /^[^\s@]+@[^\s@]+$/);
  ajv.addFormat('textarea', true);
  return ajv.compile(profile);
}

function copyOf(folder: string): string {
  const copy = path.join(tempDir('liaison-log-dataset-copy-'), 'copy');
  fs.cpSync(folder, copy, { recursive: true });
  return copy;
}

describe('the evaluation dataset package', () => {
  it('holds one CSV per table, datapackage.json and the codebook in English and Dutch', () => {
    expect(fs.readdirSync(out).sort()).toEqual(
      [...DATASET_TABLES.map((t) => `${t.name}.csv`), 'datapackage.json', 'codebook.en.md', 'codebook.nl.md'].sort(),
    );
  });

  it('is a valid Tabular Data Package by the official JSON Schema profile, which refuses a broken one', () => {
    const validate = validator();
    const descriptor = JSON.parse(fs.readFileSync(path.join(out, 'datapackage.json'), 'utf8')) as {
      profile: string;
      resources: { name: string; schema: { fields: { type: string }[] } }[];
    };
    expect(validate(descriptor), JSON.stringify(validate.errors, null, 1)).toBe(true);
    expect(descriptor.profile).toBe('tabular-data-package');
    // The same validator fails a descriptor with an unknown field type, or a resource without a schema.
    const badType = structuredClone(descriptor);
    (badType.resources[0]?.schema.fields[0] as { type: string }).type = 'text';
    expect(validate(badType)).toBe(false);
    const noSchema = structuredClone(descriptor) as { resources: Record<string, unknown>[] };
    delete noSchema.resources[0]?.['schema'];
    expect(validate(noSchema)).toBe(false);
  });

  it('every row of every CSV holds to its Table Schema: types, enums, patterns, keys, foreign keys, hashes', () => {
    expect(checkPackage(out)).toEqual([]);
    const { tables } = readPackage(out);
    const rows = (name: string) => tables.get(name)?.rows.length;
    // R1 R2 (post) R3 R4 (HQ); R5 is in the trash. E1 (post) E2 (HQ); E3 is before the period. S1 S2.
    expect([rows('requests'), rows('engagements'), rows('results')]).toEqual([4, 2, 2]);
    expect([rows('cases'), rows('organisations'), rows('posts')]).toEqual([1, 2, 2]);
    // S2's link to E3 (outside the period) is counted on S2 but not listed; S1's links are listed.
    expect([rows('result_engagements'), rows('result_requests'), rows('engagement_organisations')]).toEqual([1, 1, 2]);
  });

  it('the checker fails a package whose rows break their schema (so the check above can fail)', () => {
    const copy = copyOf(out);
    const file = path.join(copy, 'requests.csv');
    const lines = fs.readFileSync(file, 'utf8').split('\r\n');
    const header = (lines[0] as string).split(',');
    const cells = (lines[1] as string).split(',');
    cells[header.indexOf('channel')] = 'carrier_pigeon';
    cells[header.indexOf('post_id')] = '0123456789abcdef0123';
    cells[header.indexOf('month')] = '2026-13';
    lines[1] = cells.join(',');
    fs.writeFileSync(file, lines.join('\r\n'));
    const problems = checkPackage(copy).join('\n');
    expect(problems).toMatch(/requests: the hash does not match/);
    expect(problems).toMatch(/requests row 2 channel: "carrier_pigeon" is not in the enum/);
    expect(problems).toMatch(/requests row 2 month: "2026-13" is not a yearmonth/);
    expect(problems).toMatch(/requests row 2: post_id \["0123456789abcdef0123"\] not found in posts/);
    fs.writeFileSync(file, lines.join('\n'));
    expect(checkPackage(copy).join('\n')).toMatch(/requests: not RFC 4180 CSV/);
  });

  it('the Frictionless JavaScript library reads it: descriptor, every cell cast, every foreign key', async () => {
    // datapackage-js (the Frictionless team's implementation on npm; no release for years, so only a second
    // opinion beside the checks above): strict loading validates the descriptor against its profile; reading a
    // resource with `relations` casts every cell by its Table Schema field and resolves its foreign keys.
    const readAll = async (folder: string) => {
      const dp = (await Package.load(path.join(folder, 'datapackage.json'), { strict: true })) as FrictionlessPackage;
      const counts: Record<string, number> = {};
      for (const r of dp.resources) counts[r.name] = (await r.read({ relations: true, cast: true })).length;
      return counts;
    };
    const counts = await readAll(out);
    expect(Object.keys(counts)).toEqual(DATASET_TABLES.map((t) => t.name));
    expect(counts['requests']).toBe(4);
    // A copy with a channel outside the enum, or a request pointing at no post, is refused.
    for (const [column, value, refusal] of [
      ['channel', 'carrier_pigeon', /type and format mismatch/],
      ['post_id', '0123456789abcdef0123', /Foreign key "post_id" violation in row 2/],
    ] as const) {
      const copy = copyOf(out);
      const file = path.join(copy, 'requests.csv');
      const lines = fs.readFileSync(file, 'utf8').split('\r\n');
      const cells = (lines[1] as string).split(',');
      cells[(lines[0] as string).split(',').indexOf(column)] = value;
      lines[1] = cells.join(',');
      fs.writeFileSync(file, lines.join('\r\n'));
      await expect(readAll(copy), column).rejects.toThrow(refusal);
    }
  });

  it('no name, no free text and no record id reaches any file (every byte read)', () => {
    const files = allFiles(out);
    expect(files.length).toBe(DATASET_TABLES.length + 3);
    const texts = files.map((f) => ({ file: path.basename(f.file), text: f.bytes.toString('latin1').toLowerCase() }));
    const needles = [...Object.values(M), ...Object.values(fx.ids)].map((s) => s.toLowerCase());
    // The markers really are in HQ's database (the post's full export carried its people and notes there).
    const dump = JSON.stringify(fx.hq.db.prepare('SELECT data, title FROM record').all()).toLowerCase();
    for (const marker of [M.person, M.personNotes, M.caseName, M.substance, M.nonSienaText, M.hqNotes]) {
      expect(dump).toContain(marker.toLowerCase());
    }
    // So are the work plans' titles (the post's came with its export), and the activities are in the dataset.
    const plans = JSON.stringify(fx.hq.db.prepare('SELECT data FROM workplan_activity').all()).toLowerCase();
    for (const marker of [M.activityTitle, M.removedActivityTitle, M.hqActivityTitle]) {
      expect(plans).toContain(marker.toLowerCase());
    }
    expect(readPackage(out).tables.get('planned_activities')?.rows.length).toBe(1);
    const found = texts.flatMap((t) => needles.filter((n) => t.text.includes(n)).map((n) => `${t.file}: ${n}`));
    expect(found).toEqual([]);
    // No UUID at all, in any form.
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
    expect(texts.filter((t) => uuid.test(t.text)).map((t) => t.file)).toEqual([]);
  });

  it('carries time, travel, budgets and the work plan, with no title and under pseudonyms', () => {
    const { tables } = readPackage(out);
    const table = (name: string) => {
      const t = tables.get(name);
      if (!t) throw new Error(`no ${name}`);
      return t.rows.map((r) => Object.fromEntries(t.header.map((h, i) => [h, r[i]])));
    };
    const engagements = table('engagements');
    const e1 = engagements.find((e) => e['kind'] === 'meeting')?.['engagement_id'];
    const e2 = engagements.find((e) => e['kind'] === 'conference')?.['engagement_id'];
    expect(table('engagement_effort')).toEqual(
      [
        { engagement_id: e1, hours: '1.5', travel_days: '1.5', travel_cost_eur: '123.45' },
        { engagement_id: e2, hours: '1', travel_days: '', travel_cost_eur: '' },
      ].sort((a, b) => ((a.engagement_id ?? '') < (b.engagement_id ?? '') ? -1 : 1)),
    );
    const requests = table('requests');
    const r1 = requests.find((r) => r['direction'] === 'outgoing')?.['request_id'];
    expect(table('request_effort')).toEqual([{ request_id: r1, hours: '0.75', travel_days: '', travel_cost_eur: '' }]);

    const posts = table('posts');
    const bog = posts.find((p) => p['role'] === 'post')?.['post_id'];
    const hq = posts.find((p) => p['role'] === 'hq')?.['post_id'];
    // The years the period touches (2026): the post's 2024 budget is left out.
    expect(table('post_budgets').map((b) => [b['post_id'], b['year'], b['budget_eur'], b['fte']])).toEqual(
      [
        [bog, '2026', '250000', '1.5'],
        [hq, '2026', '1500000', '12.5'],
      ].sort((a, b) => ((a[0] ?? '') < (b[0] ?? '') ? -1 : 1)),
    );
    // A1 (E1 carries it out, in Q2); A2 was removed and nothing carries it out; HQ's A3 is of 2027.
    const activities = table('planned_activities');
    expect(activities).toEqual([
      {
        activity_id: activities[0]?.['activity_id'],
        post_id: bog,
        year: '2026',
        type: 'operational',
        phenomenon: 'cocaine',
        partner_country: 'CO',
        partner_type: 'police',
        planned_count: '3',
        planned_q1: '0',
        planned_q2: '3',
        planned_q3: '0',
        planned_q4: '0',
        done_q1: '0',
        done_q2: '1',
        done_q3: '0',
        done_q4: '0',
        removed: 'false',
      },
    ]);
    expect(activities[0]?.['activity_id']).toMatch(/^[0-9a-f]{20}$/);
    expect(table('engagement_activities')).toEqual([
      { engagement_id: e1, activity_id: activities[0]?.['activity_id'] },
    ]);
  });

  it('sums time and travel per post and year, each figure hidden when fewer records than the threshold are behind it', async () => {
    const effortRows = async (threshold: number) => {
      const folder = path.join(tempDir('liaison-log-dataset-effort-'), 'dataset');
      expect((await exportTo(fx.hq, folder, { threshold, aggregatesOnly: true })).ok).toBe(true);
      expect(checkPackage(folder)).toEqual([]);
      const { tables } = readPackage(folder);
      const roles = new Map(tables.get('posts')?.rows.map((r) => [r[0], r[1]]));
      // [role, year, records, timed, hours, with_travel, travel_days, travel_cost_eur], the post first.
      return (tables.get('agg_effort_post_year')?.rows ?? [])
        .map((r) => [roles.get(r[0]), ...r.slice(1)])
        .sort((a, b) => ((a[0] ?? '') > (b[0] ?? '') ? -1 : 1));
    };
    // The post: E1 (1:30, 1.5 days, €123.45), R1 (0:45), R2. HQ: E2 (1:00), R3, R4. All of 2026.
    expect(await effortRows(1)).toEqual([
      ['post', '2026', '3', '2', '2.25', '1', '1.5', '123.45'],
      ['hq', '2026', '3', '1', '1', '0', '0', '0'],
    ]);
    // Threshold 2: one trip at the post, one timed record at HQ are hidden; the rest shows.
    expect(await effortRows(2)).toEqual([
      ['post', '2026', '3', '2', '2.25', 'c', 'c', 'c'],
      ['hq', '2026', '3', 'c', 'c', '0', '0', '0'],
    ]);
    // The default threshold 5: three records a year is too few for any figure.
    expect(await effortRows(5)).toEqual([
      ['post', '2026', 'c', 'c', 'c', 'c', 'c', 'c'],
      ['hq', '2026', 'c', 'c', 'c', 'c', 'c', 'c'],
    ]);
  });

  it('cuts months on HQ’s clock and keeps response times as durations', () => {
    const { tables } = readPackage(out);
    const requests = tables.get('requests');
    const col = (name: string) => requests?.header.indexOf(name) ?? -1;
    const months = requests?.rows.map((r) => r[col('month')]).sort();
    // R4 came in at 2026-03-31 23:30 UTC: 1 April in Amsterdam.
    expect(months).toEqual(['2026-04', '2026-05', '2026-06', '2026-08']);
    const r3 = requests?.rows.find((r) => r[col('time_limit')] === '8_hours');
    expect([r3?.[col('hours_to_answer')], r3?.[col('answered_in_time')], r3?.[col('month')]]).toEqual([
      '5',
      'true',
      '2026-08',
    ]);
  });

  it('the codebooks in English and Dutch describe every table and column of the package', () => {
    const en = fs.readFileSync(path.join(out, 'codebook.en.md'), 'utf8');
    const nl = fs.readFileSync(path.join(out, 'codebook.nl.md'), 'utf8');
    for (const t of DATASET_TABLES) {
      for (const book of [en, nl]) {
        expect(book).toContain(`## ${t.name}.csv`);
        for (const c of t.columns) expect(book).toContain(`| ${c.name} |`);
      }
      for (const c of t.columns) {
        expect(en).toContain(c.description.en.split('|')[0]);
        expect(nl).toContain(c.description.nl.split('|')[0]);
      }
    }
    expect(en).toMatch(/## Suppression/);
    expect(nl).toMatch(/## Onderdrukking/);
  });
});

describe('pseudonyms', () => {
  it('are the same in every export from this installation, and differ under another key', async () => {
    const second = path.join(tempDir('liaison-log-dataset-second-'), 'dataset');
    const r = await exportTo(fx.hq, second);
    expect(r.ok).toBe(true);
    // Every CSV is byte for byte the same: ids, rows and their order.
    for (const t of DATASET_TABLES) {
      expect(fs.readFileSync(path.join(second, `${t.name}.csv`)), t.name).toEqual(
        fs.readFileSync(path.join(out, `${t.name}.csv`)),
      );
    }
    // Another installation has another key: simulated by giving this one a new key.
    const saved = fx.hq.db.prepare('SELECT value FROM setting WHERE key = ?').get(DATASET_KEY_SETTING) as {
      value: string;
    };
    expect(JSON.parse(saved.value)).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    fx.hq.db
      .prepare('UPDATE setting SET value = ? WHERE key = ?')
      .run(JSON.stringify(Buffer.alloc(32, 7).toString('base64')), DATASET_KEY_SETTING);
    try {
      const third = path.join(tempDir('liaison-log-dataset-third-'), 'dataset');
      expect((await exportTo(fx.hq, third)).ok).toBe(true);
      const ids = (folder: string, table: string, column: string) => {
        const t = readPackage(folder).tables.get(table);
        const i = t?.header.indexOf(column) ?? -1;
        return new Set(t?.rows.map((row) => row[i]));
      };
      for (const [table, column] of [
        ['requests', 'request_id'],
        ['engagements', 'engagement_id'],
        ['posts', 'post_id'],
        ['cases', 'case_id'],
        ['planned_activities', 'activity_id'],
      ] as const) {
        const before = ids(out, table, column);
        const after = ids(third, table, column);
        expect(after.size).toBe(before.size);
        expect([...after].filter((x) => before.has(x))).toEqual([]);
      }
      expect(checkPackage(third)).toEqual([]);
    } finally {
      fx.hq.db.prepare('UPDATE setting SET value = ? WHERE key = ?').run(saved.value, DATASET_KEY_SETTING);
    }
  });

  it('a post makes the dataset of its own records, under its own key: other pseudonyms than HQ’s', async () => {
    const post = createBackend({ dataDir: fx.postDir, log: (m, e) => console.error(m, e) });
    try {
      const folder = path.join(tempDir('liaison-log-dataset-post-'), 'dataset');
      expect((await exportTo(post, folder)).ok).toBe(true);
      expect(checkPackage(folder)).toEqual([]);
      const { tables } = readPackage(folder);
      expect(tables.get('posts')?.rows.map((r) => r.slice(1))).toEqual([['post', 'CO']]);
      // R1 R2, E1, S1 S2: the post's records of 2026 (E3 is of 2025).
      expect(['requests', 'engagements', 'results'].map((t) => tables.get(t)?.rows.length)).toEqual([2, 1, 2]);
      const ids = (f: string) =>
        new Set(
          readPackage(f)
            .tables.get('requests')
            ?.rows.map((r) => r[0]),
        );
      const atHq = ids(out);
      expect([...ids(folder)].filter((id) => atHq.has(id))).toEqual([]);
      for (const { bytes } of allFiles(folder)) {
        const text = bytes.toString('latin1').toLowerCase();
        for (const marker of Object.values(M)) expect(text).not.toContain(marker.toLowerCase());
      }
    } finally {
      post.close();
    }
  });

  it('the key stays out of the settings the window reads', async () => {
    const settings = await fx.hq.call('settings.get', {});
    expect(JSON.stringify(settings)).not.toContain(DATASET_KEY_SETTING);
  });
});

describe('writing the folder', () => {
  const listing = (dir: string) => fs.readdirSync(dir).sort();

  it('refuses a folder holding other files, and a folder holding a dataset unless asked to replace it', async () => {
    const parent = tempDir('liaison-log-dataset-target-');
    const target = path.join(parent, 'mine');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'letter.txt'), 'keep me');
    const r = await exportTo(fx.hq, target);
    expect(r.ok ? null : [r.error.code, r.error.reason?.code]).toEqual(['conflict', 'dataset.target_not_empty']);
    expect(listing(target)).toEqual(['letter.txt']);
    expect(listing(parent)).toEqual(['mine']);
    // Even when asked to replace: only a dataset is ever replaced.
    const again = await exportTo(fx.hq, target, { replace: true });
    expect(again.ok ? null : again.error.reason?.code).toBe('dataset.target_not_empty');

    const earlier = path.join(parent, 'earlier');
    expect((await exportTo(fx.hq, earlier, { aggregatesOnly: true })).ok).toBe(true);
    const before = listing(earlier);
    const refused = await exportTo(fx.hq, earlier);
    expect(refused.ok ? null : refused.error.reason?.code).toBe('dataset.target_has_dataset');
    expect(listing(earlier)).toEqual(before);
    const replaced = await exportTo(fx.hq, earlier, { replace: true });
    expect(replaced.ok).toBe(true);
    expect(listing(earlier)).toEqual(listing(out));
    expect(listing(parent)).toEqual(['earlier', 'mine']);
  });

  it('the window’s call makes a folder named after the period inside the chosen one', async () => {
    const chosen = tempDir('liaison-log-dataset-chosen-');
    const r = await fx.hq.invoke(
      'reports.exportDataset',
      { from: '2026-01-01', to: '2026-06-30' },
      { files: { open: [chosen] } },
    );
    expect(r.ok && (r.value as { folder: string }).folder).toBe(
      path.join(chosen, 'liaison-log-dataset-2026-01-01-to-2026-06-30'),
    );
  });

  it('an aggregates-only package leaves the records out and is valid on its own', async () => {
    const folder = path.join(tempDir('liaison-log-dataset-agg-'), 'dataset');
    expect((await exportTo(fx.hq, folder, { aggregatesOnly: true })).ok).toBe(true);
    expect(listing(folder).filter((f) => f.endsWith('.csv'))).toEqual(
      DATASET_TABLES.filter((t) => t.kind === 'code' || t.kind === 'aggregate')
        .map((t) => `${t.name}.csv`)
        .sort(),
    );
    expect(checkPackage(folder)).toEqual([]);
    const validate = validator();
    expect(validate(JSON.parse(fs.readFileSync(path.join(folder, 'datapackage.json'), 'utf8')))).toBe(true);
  });

  it('a cancelled export leaves nothing behind', async () => {
    const parent = tempDir('liaison-log-dataset-cancel-');
    const controller = new AbortController();
    const phases: string[] = [];
    const run = fx.hq.invoke(
      'reports.exportDataset',
      { from: '2026-01-01', to: '2026-12-31', placement: 'exactly' },
      {
        files: { open: [path.join(parent, 'dataset')] },
        signal: controller.signal,
        onProgress: (p) => {
          phases.push(p.phase ?? '');
          if (p.phase === 'write') controller.abort();
        },
      },
    );
    const r = await run;
    expect(r.ok ? 'ok' : r.error.code).toBe('cancelled');
    expect(phases).toContain('read');
    expect(listing(parent)).toEqual([]);
  });

  it('refuses a period that ends before it starts', async () => {
    const r = await exportTo(fx.hq, path.join(tempDir(), 'x'), { from: '2026-05-01', to: '2026-04-30' });
    expect(r.ok ? null : [r.error.code, Object.keys(r.error.fields ?? {})]).toEqual(['invalid_input', ['to']]);
  });
});
