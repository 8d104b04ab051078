import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASET_TABLES } from '../../../shared/dataset/tables';
import { cliRunner, cliTestSetup } from '../helpers/session';
import { useTempDirs } from '../helpers/temp-dir';
import { buildFixture, M, type Fixture } from './fixture';
import { checkPackage } from './table-check';

// `liaison-log export-dataset` on the hand-built HQ logbook of ./fixture.ts: the same call as the Reports page,
// into --out DIR itself; exit 0 when written, 2 for wrong arguments, 1 when the folder is refused.

let fx: Fixture;
const tempDir = useTempDirs();
const run = cliRunner(cliTestSetup());

beforeAll(async () => {
  fx = await buildFixture();
  fx.hq.close(); // the command line opens the data folder itself (and encrypts the plaintext test folder)
}, 60_000);

afterAll(() => fx.dispose());

describe('liaison-log export-dataset', () => {
  it('writes the dataset into --out DIR and exits 0; --json answers what it wrote', async () => {
    const out = path.join(tempDir(), 'evaluation');
    const r = await run(
      '--data-dir',
      fx.hqDir,
      'export-dataset',
      '--from',
      '2026-01-01',
      '--to',
      '2026-12-31',
      '--out',
      out,
    );
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(
      new RegExp(
        `^Wrote the evaluation dataset of 2026-01-01 to 2026-12-31 to ${out}: ${DATASET_TABLES.length} tables`,
      ),
    );
    expect(checkPackage(out)).toEqual([]);
    expect(fs.readdirSync(out)).toHaveLength(DATASET_TABLES.length + 3);
    for (const marker of Object.values(M)) expect(r.stdout).not.toContain(marker);

    const json = path.join(tempDir(), 'json');
    const j = await run(
      '--data-dir',
      fx.hqDir,
      'export-dataset',
      '--from',
      '2026-01-01',
      '--to',
      '2026-12-31',
      '--out',
      json,
      '--threshold',
      '2',
      '--aggregates-only',
      '--json',
    );
    expect(j.code).toBe(0);
    const answer = JSON.parse(j.stdout) as { folder: string; tables: { name: string }[] };
    expect(answer.folder).toBe(json);
    expect(answer.tables.map((t) => t.name)).not.toContain('requests');
    const descriptor = JSON.parse(fs.readFileSync(path.join(json, 'datapackage.json'), 'utf8')) as {
      liaisonLog: { suppressionThreshold: number };
    };
    expect(descriptor.liaisonLog.suppressionThreshold).toBe(2);
  });

  it('exits 1 and writes nothing when the folder holds other files; --replace replaces only a dataset', async () => {
    const out = tempDir();
    fs.writeFileSync(path.join(out, 'notes.txt'), 'mine');
    const args = ['--data-dir', fx.hqDir, 'export-dataset', '--from', '2026-01-01', '--to', '2026-12-31', '--out', out];
    const r = await run(...args);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/already holds other files: the dataset was not written/);
    expect(fs.readdirSync(out)).toEqual(['notes.txt']);
    expect((await run(...args, '--replace')).code).toBe(1);

    const ds = path.join(tempDir(), 'ds');
    const first = ['--data-dir', fx.hqDir, 'export-dataset', '--from', '2026-01-01', '--to', '2026-12-31', '--out', ds];
    expect((await run(...first)).code).toBe(0);
    const again = await run(...first);
    expect([again.code, again.stderr]).toEqual([
      1,
      `liaison-log: ${ds} already holds a dataset: nothing was written. Replace it, or choose another folder.\n`,
    ]);
    expect((await run(...first, '--replace')).code).toBe(0);
  });

  it('exits 2 for wrong arguments, naming what is wrong', async () => {
    const out = path.join(tempDir(), 'x');
    const base = ['--data-dir', fx.hqDir, 'export-dataset'];
    const missing = await run(...base, '--from', '2026-01-01', '--out', out);
    expect([missing.code, missing.stderr]).toEqual([
      2,
      'liaison-log: export-dataset --from YYYY-MM-DD --to YYYY-MM-DD --out DIR [--threshold N] [--aggregates-only] [--replace] [--json]\n',
    ]);
    const threshold = await run(
      ...base,
      '--from',
      '2026-01-01',
      '--to',
      '2026-02-01',
      '--out',
      out,
      '--threshold',
      '0',
    );
    expect([threshold.code, threshold.stderr]).toEqual([
      2,
      'liaison-log: --threshold must be a whole number from 1 to 100.\n',
    ]);
    const reversed = await run(...base, '--from', '2026-03-01', '--to', '2026-02-01', '--out', out);
    expect(reversed.code).toBe(2);
    expect(reversed.stderr).toMatch(/to: The period ends before it starts\./);
    const badDate = await run(...base, '--from', '2026-02-30', '--to', '2026-03-01', '--out', out);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toMatch(/from: Enter a valid date\./);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('is listed in --help', async () => {
    const r = await run('--help');
    expect(r.stdout).toContain('export-dataset --from DATE --to DATE --out DIR [--threshold N]');
  });
});
