import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import { runCli, type CliIo } from '../../../electron/cli/main';
import { DATABASE_FILE } from '../../../electron/db/open';
import { LATEST_SCHEMA_VERSION } from '../../../electron/db/migrations/index';
import { useBackends, validRequestInput } from '../helpers/backend';
import { sha256File } from '../helpers/files';
import { listDir, useTempDirs } from '../helpers/temp-dir';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = path.join(REPO, 'bin', 'liaison-log.mjs');
const PACKAGE_VERSION = (JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string })
  .version;

function capture(): CliIo & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    stdout: () => out,
    stderr: () => err,
  };
}

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const io = capture();
  const code = await runCli(argv, io, env);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

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

  it('stats --json on a new data folder creates it and prints zero counts', async () => {
    const dir = path.join(tempDir(), 'new', 'data');
    const r = await run(['--data-dir', dir, 'stats', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const counts = JSON.parse(r.stdout) as Record<string, number>;
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
    expect(JSON.parse(json.stdout)).toMatchObject({ informationRequests: 3 });

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
    expect(JSON.parse(env.stdout)).toMatchObject({ informationRequests: 0 });
    expect(fs.existsSync(path.join(fromEnv, DATABASE_FILE))).toBe(true);

    const flag = await run(['stats', '--json', '--data-dir', fromFlag], { LIAISON_LOG_DATA_DIR: fromEnv });
    expect(JSON.parse(flag.stdout)).toMatchObject({ informationRequests: 1 });
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
  function spawnCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const env = { ...process.env };
    delete env['LIAISON_LOG_DATA_DIR'];
    return new Promise((resolve) => {
      execFile(process.execPath, [BIN, ...args], { cwd: REPO, env, timeout: 45_000 }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      });
    });
  }

  it('stats --json works end to end on a real data folder', async () => {
    const dir = tempDir();
    const r = await spawnCli(['--data-dir', dir, 'stats', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ informationRequests: 0 });
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
});
