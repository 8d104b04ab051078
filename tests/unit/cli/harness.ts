import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect } from 'vitest';
import { runCli, type CliIo } from '../../../electron/cli/main';
import { cliTestSetup } from '../helpers/session';
import { makeTempDir, removeTempDir } from '../helpers/temp-dir';

// The command-line tests' one harness (tests/unit/cli/*): the secrets a run needs (the passphrase from the
// environment, the personal recovery key written to a file outside the data folders, the tests' small scrypt
// work factor), the command line run in process or spawned under Node, its output captured, a data folder to run
// it on, and its JSON output read back.

/** What a run of the command line gave: its exit code and what it printed. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export type CliSecrets = ReturnType<typeof cliTestSetup>;

/** An io for runCli (or the bundled launcher) that keeps what it is given; `result(code)` makes it a CliRun. */
export function captureIo(): CliIo & { stdout: () => string; stderr: () => string; result: (code: number) => CliRun } {
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
    result: (code) => ({ code, stdout: out, stderr: err }),
  };
}

/**
 * The secrets of a test file, in a temporary folder of their own (`prefix`, or `dir` when the file keeps them
 * beside its data) removed after the file's tests, and an in-process runner with them: `run(argv, env)` (env over
 * the secrets' own; a variable set to undefined is unset) and `runArgs(...argv)`.
 */
export function cliHarness(where: { prefix: string } | { dir: string }): {
  secrets: CliSecrets;
  run: (argv: readonly string[], env?: NodeJS.ProcessEnv) => Promise<CliRun>;
  runArgs: (...argv: string[]) => Promise<CliRun>;
} {
  let secrets: CliSecrets;
  if ('prefix' in where) {
    const dir = makeTempDir(where.prefix);
    afterAll(() => removeTempDir(dir));
    secrets = cliTestSetup(dir);
  } else secrets = cliTestSetup(where.dir);
  const run = async (argv: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> => {
    const io = captureIo();
    return io.result(await runCli([...argv], io, { ...secrets.env, ...env }, secrets.options));
  };
  return { secrets, run, runArgs: (...argv) => run(argv) };
}

/**
 * `node SCRIPT ARGS` in `cwd`, with this process's environment plus `env` and without LIAISON_LOG_DATA_DIR (the
 * test environment's data folder). A start that fails or times out exits with the child's code, or -1.
 */
export function spawnNode(
  script: string,
  args: readonly string[],
  { cwd, env = {}, timeout = 45_000 }: { cwd: string; env?: NodeJS.ProcessEnv; timeout?: number },
): Promise<CliRun> {
  const fullEnv = { ...process.env, ...env };
  delete fullEnv['LIAISON_LOG_DATA_DIR'];
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { cwd, env: fullEnv, timeout }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** What a run printed on stdout, read as JSON; a run that printed none fails the test with its stderr. */
export function stdoutJson<T = unknown>(r: CliRun): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    return expect.fail(`not JSON on stdout (exit ${r.code}): ${JSON.stringify(r.stdout)}; stderr: ${r.stderr}`);
  }
}

/** A new, empty `data` folder inside `parent` (the command line sets an existing empty folder up). */
export function emptyDataDir(parent: string): string {
  const dataDir = path.join(parent, 'data');
  fs.mkdirSync(dataDir, { recursive: true });
  return dataDir;
}
