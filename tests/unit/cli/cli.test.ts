import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import { DATABASE_FILE } from '../../../electron/db/open';
import { LATEST_SCHEMA_VERSION } from '../../../electron/db/migrations/index';
import { useBackends, validRequestInput } from '../helpers/backend';
import { sha256File } from '../helpers/files';
import { TEST_PASSPHRASE } from '../helpers/session';
import { listDir, useTempDirs } from '../helpers/temp-dir';
import { cliHarness, emptyDataDir, spawnNode, stdoutJson } from './harness';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = path.join(REPO, 'bin', 'liaison-log.mjs');
const PACKAGE_VERSION = (JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string })
  .version;

// The passphrase comes from the environment, the personal recovery key goes to a file outside the data
// folders (so stderr stays clean), and key files use the tests' small scrypt work factor (harness.ts).
const { secrets, run } = cliHarness({ prefix: 'liaison-log-cli-secrets-' });

describe('runCli (in process)', () => {
  const tempDir = useTempDirs();
  const open = useBackends();

  it('--help, -h and help print the usage and exit 0', async () => {
    for (const argv of [['--help'], ['-h'], ['help'], ['--data-dir', '/nowhere', 'stats', '--help']]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(0);
      expect(r.stdout).toContain('Usage:');
      expect(r.stdout).toContain('stats');
      expect(r.stderr).toBe('');
    }
  });

  it('no arguments prints the usage and exits 2', async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toContain('Usage:');
  });

  it('--version and -v print the package version', async () => {
    for (const flag of ['--version', '-v']) {
      const r = await run([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${PACKAGE_VERSION}\n`);
    }
  });

  it('stats without --data-dir (and no LIAISON_LOG_DATA_DIR) exits 2 and names the option', async () => {
    const r = await run(['stats']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--data-dir');
    expect(r.stdout).toBe('');
  });

  it('--data-dir without a value exits 2', async () => {
    const r = await run(['stats', '--data-dir']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/data-dir/);
  });

  it('an unknown command exits 2 and creates nothing', async () => {
    const dir = path.join(tempDir(), 'data');
    const r = await run(['--data-dir', dir, 'frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('an unknown option exits 2', async () => {
    const r = await run(['--data-dir', tempDir(), 'stats', '--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/frobnicate/);
    expect(r.stderr).toContain('--help');
  });

  it('stats --json on a new, empty data folder sets it up and prints zero counts', async () => {
    const dir = path.join(tempDir(), 'new', 'data');
    fs.mkdirSync(dir, { recursive: true }); // only init creates a folder that does not exist (hostile.test.ts)
    const r = await run(['--data-dir', dir, 'stats', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const counts = stdoutJson<Record<string, number>>(r);
    expect(counts).toMatchObject({ informationRequests: 0 });
    for (const n of Object.values(counts)) expect(n).toBe(0);
    expect(fs.existsSync(path.join(dir, DATABASE_FILE))).toBe(true);
  });

  it('stats counts what the backend wrote, as JSON and as text', async () => {
    const dataDir = tempDir();
    const { backend } = open({ dataDir });
    for (let i = 0; i < 3; i++) await backend.invoke('requests.create', validRequestInput());
    backend.close();

    const json = await run(['--data-dir', dataDir, 'stats', '--json']);
    expect(json.code).toBe(0);
    expect(stdoutJson(json)).toMatchObject({ informationRequests: 3 });

    const text = await run(['stats', '--data-dir', dataDir]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('informationRequests: 3\n');
  });

  it('takes the data folder from LIAISON_LOG_DATA_DIR, and --data-dir wins over it', async () => {
    const fromEnv = tempDir();
    const fromFlag = tempDir();
    const { backend } = open({ dataDir: fromFlag });
    await backend.invoke('requests.create', validRequestInput());
    backend.close();

    const env = await run(['stats', '--json'], { LIAISON_LOG_DATA_DIR: fromEnv });
    expect(env.code).toBe(0);
    expect(stdoutJson(env)).toMatchObject({ informationRequests: 0 });
    expect(fs.existsSync(path.join(fromEnv, DATABASE_FILE))).toBe(true);

    const flag = await run(['stats', '--json', '--data-dir', fromFlag], { LIAISON_LOG_DATA_DIR: fromEnv });
    expect(stdoutJson(flag)).toMatchObject({ informationRequests: 1 });
  });

  it('a data folder from a newer version exits 1 with the reason and is left unchanged', async () => {
    const dir = tempDir();
    const file = path.join(dir, DATABASE_FILE);
    const db = new Sqlite(file);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    db.close();
    const before = sha256File(file);

    const r = await run(['--data-dir', dir, 'stats']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/newer version of Liaison Log/);
    expect(r.stdout).toBe('');
    expect(sha256File(file)).toBe(before);
    expect(listDir(dir)).toEqual([DATABASE_FILE]);
  });

  it('a data folder holding something that is not a database exits 1 and is left unchanged', async () => {
    const dir = tempDir();
    const file = path.join(dir, DATABASE_FILE);
    fs.writeFileSync(file, 'not a database');
    const r = await run(['--data-dir', dir, 'stats']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not a Liaison Log database/);
    expect(fs.readFileSync(file, 'utf8')).toBe('not a database');
    expect(listDir(dir)).toEqual([DATABASE_FILE]);
  });

  it('a --data-dir that is a file exits 1', async () => {
    const file = path.join(tempDir(), 'plain-file');
    fs.writeFileSync(file, 'x');
    const r = await run(['--data-dir', file, 'stats']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^liaison-log: /);
  });
});

describe('bin/liaison-log.mjs (spawned)', () => {
  const tempDir = useTempDirs();

  /** Runs the real executable under Node, without LIAISON_LOG_DATA_DIR from the test environment.
   * Each start compiles TypeScript through tsx (about 1 s, more on a loaded machine): hence the longer timeouts. */
  function spawnCli(args: string[]) {
    return spawnNode(BIN, args, { cwd: REPO, env: secrets.env });
  }

  it('stats --json works end to end on a real data folder', async () => {
    const dir = tempDir();
    const r = await spawnCli(['--data-dir', dir, 'stats', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(stdoutJson(r)).toMatchObject({ informationRequests: 0 });
    expect(fs.existsSync(path.join(dir, DATABASE_FILE))).toBe(true);
  }, 60_000);

  it('exit codes: --help 0, no args 2, missing --data-dir 2, unknown command 2, unknown option 2', async () => {
    const dir = tempDir();
    const [help, none, noDataDir, unknownCommand, unknownOption] = await Promise.all([
      spawnCli(['--help']),
      spawnCli([]),
      spawnCli(['stats']),
      spawnCli(['--data-dir', dir, 'frobnicate']),
      spawnCli(['--data-dir', dir, 'stats', '--frobnicate']),
    ]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage:');
    expect(none.code).toBe(2);
    expect(noDataDir.code).toBe(2);
    expect(noDataDir.stderr).toContain('--data-dir');
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toContain('frobnicate');
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toContain('frobnicate');
  }, 60_000);

  it('refuses a passphrase given as an argument, and the real default work factor applies', async () => {
    const dir = tempDir();
    const refused = await spawnCli(['--data-dir', dir, 'stats', '--passphrase', TEST_PASSPHRASE]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--passphrase is not accepted/);
    expect(listDir(dir)).toEqual([]);
    const made = await spawnCli(['--data-dir', dir, 'stats', '--json']);
    expect(made.code, made.stderr).toBe(0);
    const header = Buffer.from(
      fs.readFileSync(path.join(dir, 'key.age'), 'utf8').split('\n').slice(1, -2).join(''),
      'base64',
    );
    expect(header.toString('latin1')).toMatch(/\n-> scrypt [A-Za-z0-9+/]{22} 18\n/);
  }, 60_000);
});

describe('passphrases and recovery on the command line', () => {
  const tempDir = useTempDirs();
  const MARKER = 'CLI-MARKER-Timbuktu-55';
  const NEW = 'the new passphrase, longer';

  function secretFile(content: string): string {
    const file = path.join(tempDir('liaison-log-secret-'), 'secret.txt');
    fs.writeFileSync(file, content, { mode: 0o600 });
    return file;
  }

  it('needs a passphrase from --passphrase-file or LIAISON_LOG_PASSPHRASE; refuses --passphrase', async () => {
    const dir = emptyDataDir(tempDir());
    const none = await run(['--data-dir', dir, 'stats'], { LIAISON_LOG_PASSPHRASE: undefined });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--passphrase-file FILE or set LIAISON_LOG_PASSPHRASE/);
    for (const argv of [
      ['--data-dir', dir, 'stats', '--passphrase', TEST_PASSPHRASE],
      ['--data-dir', dir, 'stats', `--passphrase=${TEST_PASSPHRASE}`],
      ['--data-dir', dir, 'passphrase', 'change', '--new-passphrase', NEW],
    ]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/is not accepted: a passphrase on the command line is visible/);
      expect(r.stderr).not.toContain(TEST_PASSPHRASE);
    }
    expect(fs.readdirSync(dir)).toEqual([]);
    const short = await run(['--data-dir', dir, 'stats'], { LIAISON_LOG_PASSPHRASE: 'short' });
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/at least 10 characters/);
  });

  it('sets a new folder up once, printing the personal recovery key to stderr (or appending it to a file)', async () => {
    const dir = tempDir();
    const printed = await run(['--data-dir', dir, 'stats', '--json'], { LIAISON_LOG_RECOVERY_KEY_OUT: undefined });
    expect(printed.code).toBe(0);
    expect(printed.stderr).toMatch(/Personal recovery key \(shown only now[^]*\nAGE-SECRET-KEY-1[0-9A-Z]{58}\n/);
    expect(printed.stderr).toMatch(/What was already exported to HQ remains at HQ/);
    expect(stdoutJson(printed)).toMatchObject({ informationRequests: 0 });
    const again = await run(['--data-dir', dir, 'stats', '--json'], { LIAISON_LOG_RECOVERY_KEY_OUT: undefined });
    expect(again.stderr).toBe('');

    const keys = path.join(tempDir(), 'keys.txt');
    const [a, b] = [tempDir(), tempDir()];
    expect((await run(['--data-dir', a, 'stats', '--recovery-key-out', keys])).stderr).toBe('');
    expect((await run(['--data-dir', b, 'stats', '--recovery-key-out', keys])).stderr).toBe('');
    const lines = fs.readFileSync(keys, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(4); // a comment naming the folder, then the key, for each folder
    expect(lines[0]).toContain(a);
    expect(lines[2]).toContain(b);
    expect(lines[1]).toMatch(/^AGE-SECRET-KEY-1/);
    if (process.platform !== 'win32') expect(fs.statSync(keys).mode & 0o077).toBe(0);
  });

  it('--passphrase-file (first line) works as the environment does; a wrong passphrase exits 1', async () => {
    const dir = tempDir();
    expect((await run(['--data-dir', dir, 'stats'])).code).toBe(0);
    const file = secretFile(`${TEST_PASSPHRASE}\n`);
    const fromFile = await run(['--data-dir', dir, 'stats', '--passphrase-file', file], {
      LIAISON_LOG_PASSPHRASE: undefined,
    });
    expect(fromFile.code, fromFile.stderr).toBe(0);
    const wrong = await run(['--data-dir', dir, 'stats'], { LIAISON_LOG_PASSPHRASE: 'not the passphrase at all' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/does not unlock the data \(1 wrong in a row\)/);
  });

  it('a folder made on the command line is unreadable without the key and holds no marker in any file', async () => {
    const dir = tempDir();
    expect(
      (
        await run([
          '--data-dir',
          dir,
          'init',
          '--role',
          'post',
          '--post-id',
          'TBK',
          '--post-name',
          MARKER,
          '--officer',
          MARKER,
        ])
      ).code,
    ).toBe(0);
    expect((await run(['--data-dir', dir, 'demo', '--records', '30', '--seed', '4'])).code).toBe(0);
    const names = fs.readdirSync(dir, { recursive: true }).map(String);
    expect(names).toEqual(expect.arrayContaining([DATABASE_FILE, 'key.age', 'key.recovery.age', 'vault.json']));
    for (const name of names) {
      const file = path.join(dir, name);
      if (!fs.statSync(file).isFile()) continue;
      const bytes = fs.readFileSync(file);
      expect(bytes.includes(MARKER), name).toBe(false);
      expect(bytes.includes(Buffer.from(MARKER, 'utf16le')), name).toBe(false);
    }
    const raw = new Sqlite(path.join(dir, DATABASE_FILE), { readonly: true });
    try {
      expect(() => raw.prepare('SELECT * FROM own_key').all()).toThrow(/file is not a database/);
    } finally {
      raw.close();
    }
  });

  it('passphrase change: the old passphrase stops working, the new one works, the database is not rewritten', async () => {
    const dir = tempDir();
    expect((await run(['--data-dir', dir, 'demo', '--records', '10', '--seed', '2'])).code).toBe(0);
    const before = sha256File(path.join(dir, DATABASE_FILE));
    const missing = await run(['--data-dir', dir, 'passphrase', 'change']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--new-passphrase-file FILE or set LIAISON_LOG_NEW_PASSPHRASE/);
    const changed = await run(['--data-dir', dir, 'passphrase', 'change', '--new-passphrase-file', secretFile(NEW)]);
    expect(changed.code, changed.stderr).toBe(0);
    expect(changed.stdout).toMatch(/Passphrase changed/);
    expect(sha256File(path.join(dir, DATABASE_FILE))).toBe(before);
    expect((await run(['--data-dir', dir, 'stats'])).code).toBe(1);
    const withNew = await run(['--data-dir', dir, 'stats', '--json'], { LIAISON_LOG_PASSPHRASE: NEW });
    expect(stdoutJson(withNew)).toMatchObject({ informationRequests: expect.any(Number) as number });
  });

  it('recovery: HQ opens the post’s key.recovery.age to a code; the post recovers with it', async () => {
    const root = tempDir();
    const hq = path.join(root, 'hq');
    const post = path.join(root, 'post');
    const hqEnv = { LIAISON_LOG_PASSPHRASE: 'the HQ passphrase is long' };
    expect((await run(['--data-dir', hq, 'init', '--role', 'hq'], hqEnv)).code).toBe(0);
    expect((await run(['--data-dir', hq, 'keys', 'export-hq', path.join(root, 'hq-key.json')], hqEnv)).code).toBe(0);
    const init = ['init', '--role', 'post', '--post-id', 'BOG', '--post-name', 'Bogotá', '--officer', 'J. de Vries'];
    expect((await run(['--data-dir', post, ...init])).code).toBe(0);
    expect((await run(['--data-dir', post, 'keys', 'import-hq', path.join(root, 'hq-key.json')])).code).toBe(0);
    expect((await run(['--data-dir', post, 'demo', '--records', '12', '--seed', '5'])).code).toBe(0);

    // HQ: the file the officer sent. A post cannot open it (it holds no HQ keys); HQ can.
    const recoveryFile = path.join(root, 'key.recovery.age');
    fs.copyFileSync(path.join(post, 'key.recovery.age'), recoveryFile);
    const atPost = await run(['--data-dir', post, 'recovery', 'open', '--in', recoveryFile]);
    expect(atPost.code).toBe(1);
    expect(atPost.stderr).toMatch(/recovery open is for HQ/);
    const opened = await run(['--data-dir', hq, 'recovery', 'open', '--in', recoveryFile], hqEnv);
    expect(opened.code, opened.stderr).toBe(0);
    expect(opened.stdout).toMatch(/Recovery code for post BOG/);
    const code = /(([0-9A-Z]{5}-){10}[0-9A-Z]{5})/.exec(opened.stdout)?.[1] ?? '';
    expect(code).not.toBe('');

    // Post: the forgotten passphrase is replaced.
    const forgot = { LIAISON_LOG_PASSPHRASE: undefined, LIAISON_LOG_NEW_PASSPHRASE: NEW };
    const typo = await run(
      ['--data-dir', post, 'recover', '--code-file', secretFile(code.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')))],
      forgot,
    );
    expect(typo.code).toBe(1);
    const recovered = await run(['--data-dir', post, 'recover', '--code-file', secretFile(`${code}\n`)], forgot);
    expect(recovered.code, recovered.stderr).toBe(0);
    expect(recovered.stdout).toMatch(/Recovered/);
    const stats = await run(['--data-dir', post, 'stats', '--json'], { LIAISON_LOG_PASSPHRASE: NEW });
    expect(stdoutJson(stats)).toMatchObject({ informationRequests: expect.any(Number) as number });
    expect((await run(['--data-dir', post, 'stats'])).code).toBe(1); // the old passphrase
  });

  it('recover with the personal recovery key file that setup wrote', async () => {
    const dir = tempDir();
    const keys = path.join(tempDir(), 'keys.txt');
    expect((await run(['--data-dir', tempDir(), 'stats', '--recovery-key-out', keys])).code).toBe(0); // another folder's key first
    expect((await run(['--data-dir', dir, 'stats', '--recovery-key-out', keys])).code).toBe(0);
    const r = await run(['--data-dir', dir, 'recover', '--code-file', keys], { LIAISON_LOG_NEW_PASSPHRASE: NEW });
    expect(r.code, r.stderr).toBe(0);
    expect((await run(['--data-dir', dir, 'stats'], { LIAISON_LOG_PASSPHRASE: NEW })).code).toBe(0);
  });
});
