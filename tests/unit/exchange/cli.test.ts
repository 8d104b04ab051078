import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BUNDLE_BYTES } from '../../../electron/exchange/import';
import type { ExportEntry, ImportReport } from '../../../shared/exchange/schema';
import { dumpDatabase, type DatabaseDump } from '../helpers/db-dump';
import { cliRunner, cliTestSetup, openDatabaseWithPassphrase } from '../helpers/session';
import { makeTempDir, removeTempDir } from '../helpers/temp-dir';

// The exchange on the command line, in process: init, keys, enrol, export and import, with the exit status
// a scheduled task on HQ's drop folder relies on (0: every file imported or already there; 1: any rejected).

const root = makeTempDir('liaison-log-exchange-cli-');
afterAll(() => removeTempDir(root));
// Every data folder is encrypted; the passphrase comes from the environment, as in a scheduled task.
const secrets = cliTestSetup(path.join(root, 'secrets'));

const run = cliRunner(secrets);

const at = (...parts: string[]) => path.join(root, ...parts);
const HQ = at('hq');
const POST = at('post');
const OUT = at('out');

/** The HQ database's full content, read without the app (nothing may change it but an import). */
async function hqDump(dir = HQ): Promise<DatabaseDump> {
  const db = await openDatabaseWithPassphrase(dir);
  try {
    return dumpDatabase(db);
  } finally {
    db.close();
  }
}

function copyHq(): string {
  const dir = at(`hq-copy-${Math.random().toString(36).slice(2)}`);
  fs.cpSync(HQ, dir, { recursive: true });
  return dir;
}

const exported: { file: string; entry: ExportEntry }[] = [];

beforeAll(async () => {
  fs.mkdirSync(OUT);
  const steps: string[][] = [
    ['--data-dir', HQ, 'init', '--role', 'hq', '--hq-name', 'Headquarters'],
    ['--data-dir', HQ, 'keys', 'export-hq', at('hq-key.json')],
    [
      '--data-dir',
      POST,
      'init',
      '--role',
      'post',
      '--post-id',
      'BOG',
      '--post-name',
      'Bogotá',
      '--officer',
      'J. de Vries',
      '--country',
      'CO',
    ],
    ['--data-dir', POST, 'keys', 'import-hq', at('hq-key.json')],
    ['--data-dir', POST, 'keys', 'export-post', at('enrolment.json')],
    ['--data-dir', HQ, 'enrol', at('enrolment.json')],
    ['--data-dir', POST, 'demo', '--records', '60', '--seed', '3', '--until', '2026-06-30'],
  ];
  for (const argv of steps) {
    const r = await run(...argv);
    expect(r.code, `${argv.slice(2).join(' ')}: ${r.stderr}`).toBe(0);
  }
  for (const [from, to, level] of [
    ['2025-01-01', '2025-12-31', 'full'],
    ['2026-01-01', '2026-06-30', 'pseudonymised'],
    ['2026-01-01', '2026-06-30', 'aggregate'],
  ] as const) {
    const r = await run(
      '--data-dir',
      POST,
      'export',
      '--from',
      from,
      '--to',
      to,
      '--level',
      level,
      '--out',
      OUT,
      '--json',
    );
    expect(r.code, r.stderr).toBe(0);
    const entry = JSON.parse(r.stdout) as ExportEntry & { copiedTo: string };
    expect(path.dirname(entry.copiedTo)).toBe(OUT);
    exported.push({ file: entry.copiedTo, entry });
  }
});

describe('setting up on the command line', () => {
  it('wrote an HQ key file and an enrolment file that name the same fingerprints the installations show', async () => {
    const key = JSON.parse(fs.readFileSync(at('hq-key.json'), 'utf8')) as {
      format: string;
      recipients: { fingerprint: string }[];
    };
    const enrolment = JSON.parse(fs.readFileSync(at('enrolment.json'), 'utf8')) as { format: string; keyId: string };
    expect(key.format).toBe('liaison-log-hq-key');
    expect(enrolment.format).toBe('liaison-log-enrolment');
    // init prints the fingerprint to compare by phone.
    const again = await run('--data-dir', at('hq-second'), 'init', '--role', 'hq');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Set up as HQ\. Encryption key fingerprint: [0-9A-F]{4}(-[0-9A-F]{4}){7}/);
    // Once only.
    const twice = await run('--data-dir', HQ, 'init', '--role', 'hq');
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/already set up/);
    expect(exported.map((e) => e.entry.sequence)).toEqual([1, 2, 3]);
    expect(exported.map((e) => path.basename(e.file))).toEqual([
      'liaison-log_BOG_2025-01-01_2025-12-31_0001.llbundle',
      'liaison-log_BOG_2026-01-01_2026-06-30_0002.llbundle',
      'liaison-log_BOG_2026-01-01_2026-06-30_0003.llbundle',
    ]);
    // The copy in --out is the file the post's history names.
    for (const e of exported) expect(fs.readFileSync(e.file)).toEqual(fs.readFileSync(e.entry.path));
  });

  it('refuses a damaged enrolment file and an HQ key file whose fingerprint does not match', async () => {
    const enrolment = JSON.parse(fs.readFileSync(at('enrolment.json'), 'utf8')) as Record<string, string>;
    fs.writeFileSync(
      at('bad-enrolment.json'),
      JSON.stringify({ ...enrolment, keyId: 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA' }),
    );
    const before = await hqDump();
    const r = await run('--data-dir', HQ, 'enrol', at('bad-enrolment.json'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/does not match its public key/);
    expect(await hqDump()).toEqual(before);
    const key = JSON.parse(fs.readFileSync(at('hq-key.json'), 'utf8')) as { recipients: { fingerprint: string }[] };
    key.recipients[0]!.fingerprint = 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA';
    fs.writeFileSync(at('bad-hq-key.json'), JSON.stringify(key));
    const k = await run('--data-dir', POST, 'keys', 'import-hq', at('bad-hq-key.json'));
    expect(k.code).toBe(1);
    expect(k.stderr).toMatch(/fingerprint .* does not match the key/);
  });
});

describe('import', () => {
  it('exit 0 when every file is imported, and again (already imported); --json prints the report', async () => {
    const hq = copyHq();
    const files = exported.map((e) => e.file);
    const first = await run('--data-dir', hq, 'import', ...files, '--json');
    expect(first.code, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout) as ImportReport;
    expect(report.dryRun).toBe(false);
    expect(report.files.map((f) => [path.basename(f.file), f.outcome])).toEqual(
      files.map((f) => [path.basename(f), 'imported']),
    );
    expect(report.totals.imported).toBe(3);
    expect(report.totals.added).toBeGreaterThan(0);
    expect(report.gaps).toEqual([]);

    const after = await hqDump(hq);
    const again = await run('--data-dir', hq, 'import', ...files, '--json');
    expect(again.code).toBe(0);
    const second = JSON.parse(again.stdout) as ImportReport;
    expect(second.files.map((f) => f.outcome)).toEqual(['already_imported', 'already_imported', 'already_imported']);
    expect(await hqDump(hq)).toEqual(after);

    // Without --json: one line per file, outcome first.
    const text = await run('--data-dir', hq, 'import', files[0]!);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^already_imported +.*liaison-log_BOG_2025-01-01_2025-12-31_0001\.llbundle: /);
  });

  it('exit 1 when any file is rejected; the others still import', async () => {
    const hq = copyHq();
    const damaged = at('out-damaged', 'damaged.llbundle');
    fs.mkdirSync(path.dirname(damaged), { recursive: true });
    const bytes = fs.readFileSync(exported[0]!.file);
    bytes[bytes.length - 5]! ^= 0x10;
    fs.writeFileSync(damaged, bytes);
    const r = await run('--data-dir', hq, 'import', exported[1]!.file, damaged, '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as ImportReport;
    expect(report.files.map((f) => [f.outcome, f.reason])).toEqual([
      ['imported', null],
      ['rejected', 'tampered'],
    ]);
    // Sequence 1 never arrived: the report says so.
    expect(report.gaps).toEqual([{ postId: 'BOG', keyId: exported[0]!.entry.keyId, missing: [1] }]);
    const text = await run('--data-dir', hq, 'import', damaged);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^rejected +.*damaged\.llbundle \(tampered\): /);
    expect(text.stdout).toMatch(/gap: post BOG key .* is missing export\(s\) 1/);
    // The totals last; a file a cancel left unread would be counted apart from the rejected ones.
    expect(report.totals).toMatchObject({ imported: 1, rejected: 1, notReached: 0 });
    expect(text.stdout).toMatch(/\nFiles: 0 imported, 0 already imported, 1 rejected, 0 not reached\.\n$/);
  });

  it('--dry-run checks every file and changes nothing', async () => {
    const hq = copyHq();
    const before = await hqDump(hq);
    const r = await run('--data-dir', hq, 'import', ...exported.map((e) => e.file), '--dry-run', '--json');
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as ImportReport;
    expect(report.dryRun).toBe(true);
    expect(report.files.map((f) => f.outcome)).toEqual(['imported', 'imported', 'imported']);
    expect(report.files[0]!.message).toMatch(/dry run, nothing changed/);
    expect(report.totals.added).toBeGreaterThan(0);
    expect(await hqDump(hq)).toEqual(before);
    // A rejected file in a dry run still exits 1.
    fs.writeFileSync(at('not-a-bundle.llbundle'), 'hello');
    const bad = await run('--data-dir', hq, 'import', at('not-a-bundle.llbundle'), '--dry-run');
    expect(bad.code).toBe(1);
    expect(await hqDump(hq)).toEqual(before);
  });

  it('a directory argument imports every .llbundle in it, and nothing else', async () => {
    const hq = copyHq();
    const drop = at('drop');
    fs.mkdirSync(drop);
    for (const e of exported) fs.copyFileSync(e.file, path.join(drop, path.basename(e.file)));
    fs.writeFileSync(path.join(drop, 'readme.txt'), 'not a bundle, and not read');
    fs.writeFileSync(path.join(drop, 'enrolment.json'), fs.readFileSync(at('enrolment.json')));
    const r = await run('--data-dir', hq, 'import', drop, '--json');
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as ImportReport;
    expect(report.files.map((f) => path.basename(f.file)).sort()).toEqual(
      exported.map((e) => path.basename(e.file)).sort(),
    );
    expect(report.totals).toMatchObject({ imported: 3, rejected: 0 });
    // An empty folder: nothing to import is an error for a scheduled task to notice.
    const empty = at('empty-drop');
    fs.mkdirSync(empty);
    const none = await run('--data-dir', hq, 'import', empty);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no bundle files found/);
  });

  it(`refuses a file over ${MAX_BUNDLE_BYTES} bytes without reading it (too_large), exit 1`, async () => {
    const hq = copyHq();
    const big = at('big.llbundle');
    fs.writeFileSync(big, fs.readFileSync(exported[0]!.file));
    fs.truncateSync(big, MAX_BUNDLE_BYTES + 1); // sparse: no 64 MiB written to disk
    const before = await hqDump(hq);
    const r = await run('--data-dir', hq, 'import', big, '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as ImportReport;
    expect(report.files[0]).toMatchObject({ outcome: 'rejected', reason: 'too_large' });
    expect(report.files[0]!.message).toMatch(/limited to 67108864/);
    expect(await hqDump(hq)).toEqual(before);
  });

  it('names a file it cannot read, and needs at least one argument', async () => {
    const missing = await run('--data-dir', HQ, 'import', at('no-such.llbundle'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read .*no-such\.llbundle/);
    const none = await run('--data-dir', HQ, 'import');
    expect(none.code).toBe(2);
    // Import is for HQ: a post refuses it.
    const atPost = await run('--data-dir', POST, 'import', exported[0]!.file);
    expect(atPost.code).toBe(1);
    expect(atPost.stderr).toMatch(/a post installation/);
  });
});
