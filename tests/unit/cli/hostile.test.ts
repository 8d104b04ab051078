import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BUNDLE_BYTES } from '../../../electron/exchange/import';
import type { BundlePayload } from '../../../shared/exchange/formats';
import type { ExportEntry, ImportReport } from '../../../shared/exchange/schema';
import { dumpDatabase, type DatabaseDump } from '../helpers/db-dump';
import { openDatabaseWithPassphrase } from '../helpers/session';
import { makeTempDir, removeTempDir } from '../helpers/temp-dir';
import {
  decryptWith,
  encryptTo,
  hqRecipients,
  hqSecrets,
  parseEnvelope,
  postSigningKey,
  signEnvelope,
} from '../exchange/helpers';
import { cliHarness, stdoutJson } from './harness';

// The command line and the importer under hostile arguments (issue 11, item 7): every refusal is one clear line
// with a non-zero exit, and leaves nothing behind (no file, no sequence number, no new data folder).

const root = makeTempDir('liaison-log-cli-hostile-');
afterAll(() => removeTempDir(root));
const { runArgs: run } = cliHarness({ dir: path.join(root, 'secrets') });

const at = (...parts: string[]) => path.join(root, ...parts);
const HQ = at('hq');
const POST = at('post');
/** The post's export of its first eighteen months, written to `out`. */
const exportTo = (out: string, ...more: string[]) =>
  run(
    '--data-dir',
    POST,
    'export',
    '--from',
    '2025-01-01',
    '--to',
    '2026-06-30',
    '--level',
    'full',
    '--out',
    out,
    ...more,
  );
/** The totals line under an import of one file that was refused. */
const ONE_REJECTED = 'Files: 0 imported, 0 already imported, 1 rejected, 0 not reached.\n';
/** A plain file, where the hostile arguments put a folder. */
const A_FILE = at('a-file');

async function withDb<T>(dir: string, read: (db: Awaited<ReturnType<typeof openDatabaseWithPassphrase>>) => T) {
  const db = await openDatabaseWithPassphrase(dir);
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const exportCount = (dir: string) =>
  withDb(dir, (db) => (db.prepare('SELECT count(*) AS n FROM export_log').get() as { n: number }).n);
const hqDump = (dir: string): Promise<DatabaseDump> => withDb(dir, (db) => dumpDatabase(db));

let good: { file: string; entry: ExportEntry };

beforeAll(async () => {
  fs.writeFileSync(A_FILE, 'not a folder\n');
  const steps: string[][] = [
    ['--data-dir', HQ, 'init', '--role', 'hq', '--hq-name', 'Headquarters'],
    ['--data-dir', HQ, 'keys', 'export-hq', at('hq-key.json')],
    ['--data-dir', POST, 'init', '--role', 'post', '--post-id', 'BOG', '--post-name', 'Bogotá', '--officer', 'J. V.'],
    ['--data-dir', POST, 'keys', 'import-hq', at('hq-key.json')],
    ['--data-dir', POST, 'keys', 'export-post', at('enrolment.json')],
    ['--data-dir', HQ, 'enrol', at('enrolment.json')],
    ['--data-dir', POST, 'demo', '--records', '12', '--seed', '5', '--until', '2026-06-30'],
  ];
  for (const argv of steps) {
    const r = await run(...argv);
    expect(r.code, `${argv.slice(2).join(' ')}: ${r.stderr}`).toBe(0);
  }
});

/**
 * The files left in the post's exports/ folder besides the series ledger (docs/export-format.md, "Restores"): a
 * withdrawn export puts the ledger back to the export before it, so the ledger itself stays.
 */
function bundlesLeft(): string[] {
  const dir = path.join(POST, 'exports');
  const ledger = path.join(dir, 'series.json');
  if (fs.existsSync(ledger)) expect(JSON.parse(fs.readFileSync(ledger, 'utf8'))).toMatchObject({ sequence: 0 });
  return fs.readdirSync(dir).filter((f) => f !== 'series.json');
}

describe('a write to a place that cannot take it: one line, exit 1, nothing consumed, nothing left', () => {
  it('export --out under a file', async () => {
    const r = await exportTo(path.join(A_FILE, 'x.llbundle'));
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: `liaison-log: ${A_FILE} is not a folder, so x.llbundle could not be written there. Nothing was written.\n`,
    });
    // The sequence number was not used and no bundle stayed in exports/.
    expect(await exportCount(POST)).toBe(0);
    expect(bundlesLeft()).toEqual([]);
  });

  it.runIf(process.platform === 'linux')('export --out into /proc', async () => {
    const r = await exportTo('/proc/x.llbundle');
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: 'liaison-log: x.llbundle could not be written to /proc (ENOENT). Nothing was written.\n',
    });
    expect(await exportCount(POST)).toBe(0);
    expect(bundlesLeft()).toEqual([]);
  });

  it('after the refusals, the next export is sequence 1', async () => {
    const r = await exportTo(root, '--json');
    expect(r.code, r.stderr).toBe(0);
    const entry = stdoutJson<ExportEntry & { copiedTo: string }>(r);
    expect(entry.sequence).toBe(1);
    good = { file: entry.copiedTo, entry };
  });

  it('keys export-hq under a file, and keys export-post into /proc and onto a folder', async () => {
    const hq = await run('--data-dir', HQ, 'keys', 'export-hq', path.join(A_FILE, 'hq.json'));
    expect(hq).toEqual({
      code: 1,
      stdout: '',
      stderr: `liaison-log: ${A_FILE} is not a folder, so hq.json could not be written there. Nothing was written.\n`,
    });
    if (process.platform === 'linux') {
      const proc = await run('--data-dir', POST, 'keys', 'export-post', '/proc/enrolment.json');
      expect(proc).toEqual({
        code: 1,
        stdout: '',
        stderr: 'liaison-log: enrolment.json could not be written to /proc (ENOENT). Nothing was written.\n',
      });
    }
    const folder = await run('--data-dir', POST, 'keys', 'export-post', root);
    expect(folder).toEqual({
      code: 1,
      stdout: '',
      stderr: `liaison-log: ${root} is a folder: name a file to write. Nothing was written.\n`,
    });
    expect(fs.readdirSync(root).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

describe('a bundle validly signed by an enrolled post, but not sensible, is refused with its reason', () => {
  /** The good bundle, opened, changed by `edit`, signed again with the post's real key and sealed to HQ. */
  async function forged(name: string, edit: (payload: BundlePayload) => void): Promise<string> {
    const [secret, recipient, key] = await withDb(HQ, (db) => [hqSecrets({ db }), hqRecipients({ db })] as const).then(
      async ([s, r]) => [s, r, await withDb(POST, (db) => postSigningKey({ db }))] as const,
    );
    const { payload } = parseEnvelope(await decryptWith(fs.readFileSync(good.file), ...secret));
    edit(payload);
    const envelope = signEnvelope(JSON.stringify(payload), key.keyId, key.privateKey);
    const file = at(name);
    fs.writeFileSync(file, await encryptTo(envelope, ...recipient));
    return file;
  }

  async function refused(file: string, reason: string, message: string | RegExp) {
    const hq = at(`hq-${path.basename(file)}`);
    fs.cpSync(HQ, hq, { recursive: true });
    const before = await hqDump(hq);
    const r = await run('--data-dir', hq, 'import', file, '--json');
    expect(r.code, r.stderr).toBe(1);
    const report = stdoutJson<ImportReport>(r);
    expect(report.files[0]).toMatchObject({ outcome: 'rejected', reason, added: 0 });
    expect(report.files[0]!.message).toMatch(message);
    expect(report.files[0]!.detail?.code).toBe(`import.${reason}`);
    expect(await hqDump(hq)).toEqual(before);
    const text = await run('--data-dir', hq, 'import', file);
    // The text line carries the same message (HQ's clock, where it is named, read anew).
    const clock = (t: string) => t.replace(/clock \([^)]*\)/, 'clock (now)');
    expect(clock(text.stdout)).toBe(
      clock(`rejected         ${file} (${reason}): ${report.files[0]!.message} +0 ~0 =0\n${ONE_REJECTED}`),
    );
    return report.files[0]!;
  }

  it('its period ends before it starts', async () => {
    const file = await forged('reversed.llbundle', (p) => {
      p.manifest.period = { from: '2026-06-30', to: '2025-01-01' };
    });
    const report = await refused(
      file,
      'period_reversed',
      'The bundle’s period ends (2025-01-01) before it starts (2026-06-30): the post’s software or the file is not what it claims.',
    );
    expect(report.detail).toEqual({
      code: 'import.period_reversed',
      params: { from: '2026-06-30', to: '2025-01-01' },
    });
  });

  it('its manifest counts differ from its records', async () => {
    let claimed = 0;
    const file = await forged('counts.llbundle', (p) => {
      p.manifest.counts = { ...p.manifest.counts, engagement: (p.manifest.counts['engagement'] ?? 0) + 1 };
      claimed = Object.values(p.manifest.counts).reduce((n, v) => n + v, 0);
    });
    const actual = claimed - 1;
    await refused(
      file,
      'counts_mismatch',
      `The manifest counts ${claimed} records but the bundle holds ${actual} (different for: engagement): records were added or removed after counting.`,
    );
  });

  it('it was "created" in the year 9999', async () => {
    const file = await forged('future.llbundle', (p) => {
      p.manifest.createdAt = '9999-01-01T00:00:00.000Z';
    });
    const before = Date.now();
    const report = await refused(
      file,
      'created_in_future',
      /^The bundle says it was created at 9999-01-01T00:00:00\.000Z, more than a day after this computer’s clock \(\d{4}-\d\d-\d\dT[\d:.]+Z\): the post’s clock or the file is wrong\.$/,
    );
    expect(report.detail?.params?.['createdAt']).toBe('9999-01-01T00:00:00.000Z');
    expect(Date.parse(String(report.detail?.params?.['now']))).toBeGreaterThanOrEqual(before - 1000);
  });

  it('a creation time a few hours ahead of HQ (a post laptop on a wrong clock) is still imported', async () => {
    const file = await forged('skewed.llbundle', (p) => {
      p.manifest.createdAt = new Date(Date.now() + 20 * 3600_000).toISOString();
    });
    const hq = at('hq-skewed');
    fs.cpSync(HQ, hq, { recursive: true });
    const r = await run('--data-dir', hq, 'import', file, '--json');
    expect(r.code, r.stdout).toBe(0);
    expect(stdoutJson<ImportReport>(r).files[0]).toMatchObject({
      outcome: 'imported',
      detail: { code: 'import.imported' },
    });
  });
});

describe('refusals that say what would do', () => {
  it('a file too large to be a bundle: its size and the limit', async () => {
    const big = at('big.llbundle');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, MAX_BUNDLE_BYTES + 1); // sparse
    const r = await run('--data-dir', HQ, 'import', big);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      `rejected         ${big} (too_large): The file is ${MAX_BUNDLE_BYTES + 1} bytes; bundles are limited to ${MAX_BUNDLE_BYTES} bytes. +0 ~0 =0\n${ONE_REJECTED}`,
    );
  });

  it('report art18 --year 99999: the accepted range', async () => {
    const r = await run('--data-dir', HQ, 'report', 'art18', '--year', '99999', '--format', 'csv', '--out', root);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: 'liaison-log: --year must be a calendar year from 2023 to 2100; 99999 is not.\n',
    });
  });

  it('a data folder that is a file, or lies under one', async () => {
    for (const dir of [A_FILE, path.join(A_FILE, 'data')]) {
      for (const command of [['stats'], ['init', '--role', 'hq']]) {
        const r = await run('--data-dir', dir, ...command);
        expect(r, `${dir} ${command[0]}`).toEqual({
          code: 1,
          stdout: '',
          stderr: `liaison-log: ${A_FILE} is a file, not a folder: --data-dir must name a Liaison Log data folder.\n`,
        });
      }
    }
  });

  it('a mistyped --data-dir is refused and not created; only init creates a folder', async () => {
    const typo = at('hqq');
    for (const command of [['stats'], ['import', good.file], ['backup', 'now'], ['passphrase', 'change']]) {
      const r = await run('--data-dir', typo, ...command);
      expect(r, command.join(' ')).toEqual({
        code: 1,
        stdout: '',
        stderr:
          `liaison-log: There is no data folder at ${typo}. Check --data-dir (or LIAISON_LOG_DATA_DIR); ` +
          'to set up a new one, run liaison-log init.\n',
      });
      expect(fs.existsSync(typo)).toBe(false);
    }
    const init = await run('--data-dir', at('new', 'hq'), 'init', '--role', 'hq');
    expect(init.code, init.stderr).toBe(0);
    expect(fs.existsSync(path.join(at('new', 'hq'), 'liaison-log.db'))).toBe(true);
  });
});

describe.runIf(process.platform !== 'win32')('owner-only files on POSIX, whatever the umask', () => {
  const mode = (p: string) => (fs.statSync(p).mode & 0o777).toString(8);

  it('a new data folder is 0700, its database and key files 0600; so are backups and their folder', async () => {
    const previous = process.umask(0o022);
    try {
      const dir = at('perm');
      expect((await run('--data-dir', dir, 'init', '--role', 'hq')).code).toBe(0);
      expect(mode(dir)).toBe('700');
      for (const name of fs.readdirSync(dir)) {
        if (fs.statSync(path.join(dir, name)).isFile())
          expect(`${name} ${mode(path.join(dir, name))}`).toBe(`${name} 600`);
      }
      expect(mode(path.join(dir, 'liaison-log.db'))).toBe('600');
      const backup = await run('--data-dir', dir, 'backup', 'now');
      expect(backup.code, backup.stderr).toBe(0);
      const backups = path.join(dir, 'backups');
      expect(mode(backups)).toBe('700');
      const files = fs.readdirSync(backups);
      expect(files.length).toBeGreaterThan(0);
      for (const name of files) expect(`${name} ${mode(path.join(backups, name))}`).toBe(`${name} 600`);
    } finally {
      process.umask(previous);
    }
  });

  it('a folder and database left readable by an earlier version are tightened at the next open', async () => {
    const dir = at('perm-old');
    expect((await run('--data-dir', dir, 'init', '--role', 'hq')).code).toBe(0);
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(path.join(dir, 'liaison-log.db'), 0o644);
    expect((await run('--data-dir', dir, 'stats')).code).toBe(0);
    expect(mode(dir)).toBe('700');
    expect(mode(path.join(dir, 'liaison-log.db'))).toBe('600');
  });
});
