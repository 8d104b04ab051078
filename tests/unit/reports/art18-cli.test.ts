import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../../electron/cli/main';
import { cliTestSetup } from '../helpers/session';
import { useTempDirs } from '../helpers/temp-dir';
import { buildDataset, type Dataset } from './dataset';
import { asText, csvSections, expectedSheets2026, readXlsx } from './sheets';

// `liaison-log report art18` on the hand-built logbook in ./dataset.ts: the command line makes the same
// call as the UI, so the file holds the tables written out in ./sheets.ts.

let data: Dataset;

beforeAll(async () => {
  data = await buildDataset();
  data.hq.close(); // the command line opens the data folder itself
});

afterAll(() => data.dispose());

const tempDir = useTempDirs();
const secrets = cliTestSetup();

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    out: (t) => {
      stdout += t;
    },
    err: (t) => {
      stderr += t;
    },
  };
  // The first run encrypts the hand-built (plaintext) folder in place, as an upgrade would.
  const code = await runCli(argv, io, secrets.env, secrets.options);
  return { code, stdout, stderr };
}

const USAGE = 'report art18 --year YYYY --format csv|xlsx|json --out FILE';

describe('liaison-log report art18', () => {
  it('writes the XLSX file of a year and exits 0', async () => {
    const out = path.join(tempDir(), 'art18-2026.xlsx');
    const r = await run([
      '--data-dir',
      data.hqDir,
      'report',
      'art18',
      '--year',
      '2026',
      '--format',
      'xlsx',
      '--out',
      out,
    ]);
    expect(r).toEqual({ code: 0, stdout: `Wrote the Article 18 statistics for 2026 to ${out}\n`, stderr: '' });
    const sheets = await readXlsx(fs.readFileSync(out));
    // The command line runs on the real clock: only "Generated at" differs from the hand-made tables.
    const generatedAt = sheets[4]?.rows[3]?.[1];
    expect(typeof generatedAt === 'string' && !Number.isNaN(Date.parse(generatedAt))).toBe(true);
    expect(sheets).toEqual(expectedSheets2026(String(generatedAt)));
    expect(fs.readdirSync(path.dirname(out))).toEqual(['art18-2026.xlsx']);
  });

  it('writes CSV when no format is given', async () => {
    const out = path.join(tempDir(), 'art18.csv');
    const r = await run(['--data-dir', data.hqDir, 'report', 'art18', '--year', '2026', '--out', out]);
    expect(r.code).toBe(0);
    const text = fs.readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const sections = csvSections(text.slice(1));
    expect(sections).toEqual(asText(expectedSheets2026(String(sections[4]?.rows[3]?.[1]))));
  });

  it.each([
    ['a year that is not a number', ['--year', 'twenty', '--format', 'xlsx']],
    ['a year with a fraction', ['--year', '2026.5', '--format', 'xlsx']],
    ['a year before the Directive', ['--year', '2022', '--format', 'xlsx']],
    ['a year after 2100', ['--year', '2101', '--format', 'csv']],
    ['no year', ['--format', 'xlsx']],
    ['an unknown format', ['--year', '2026', '--format', 'pdf']],
  ])('%s: exit 2 and no file', async (_name, args) => {
    const dir = tempDir();
    const out = path.join(dir, 'art18.out');
    const r = await run(['--data-dir', data.hqDir, 'report', 'art18', ...args, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toBe('');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('no --out: exit 2, the usage, and nothing written', async () => {
    const dir = tempDir();
    const before = fs.readdirSync(data.hqDir).sort();
    const r = await run(['--data-dir', data.hqDir, 'report', 'art18', '--year', '2026', '--format', 'xlsx']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: `liaison-log: ${USAGE}\n` });
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(fs.readdirSync(data.hqDir).sort()).toEqual(before);
  });

  it('an unknown report: exit 2 with the usage', async () => {
    const dir = tempDir();
    const r = await run([
      '--data-dir',
      data.hqDir,
      'report',
      'art17',
      '--year',
      '2026',
      '--out',
      path.join(dir, 'x.csv'),
    ]);
    expect(r).toEqual({ code: 2, stdout: '', stderr: `liaison-log: ${USAGE}\n` });
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
