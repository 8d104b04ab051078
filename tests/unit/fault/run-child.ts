import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../crash/bundle';

// Runs fault-child.mjs under a real constraint: another user, a read-only mount, a tiny tmpfs, or a file
// size limit. Mount namespaces (`unshare -Urm`, an unprivileged user namespace) keep every mount private to
// the child: nothing is mounted on the machine itself, and nothing outlives the child.

export interface ChildRun {
  readonly result: Record<string, unknown>;
  readonly stderr: string;
}

export function runFaultChild(
  script: string,
  scenario: string,
  args: Record<string, unknown>,
  options: { uid?: number; wrap?: (command: string[]) => string[] } = {},
): Promise<ChildRun> {
  const command = [process.execPath, script, scenario, JSON.stringify(args)];
  const [file, ...rest] = options.wrap ? options.wrap(command) : command;
  return new Promise((resolve, reject) => {
    const child = spawn(file as string, rest, {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
      env: { ...process.env, HOME: os.tmpdir() },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
      if (!line) {
        reject(new Error(`the fault child gave no result (exit ${code}):\n${stdout}\n${stderr}`));
        return;
      }
      resolve({ result: JSON.parse(line.slice('RESULT '.length)) as Record<string, unknown>, stderr });
    });
  });
}

/** The command inside a private mount namespace where `dir` is a tmpfs of `size` (e.g. "2m"). */
export function onTmpfs(dir: string, size: string): (command: string[]) => string[] {
  return (command) => [
    'unshare',
    '-Urm',
    'sh',
    '-c',
    'mount -t tmpfs -o "size=$1" tmpfs "$2" && shift 2 && exec "$@"',
    'sh',
    size,
    dir,
    ...command,
  ];
}

/** The command inside a private mount namespace where `dir` is bind-mounted read-only (EROFS). */
export function onReadOnlyMount(dir: string): (command: string[]) => string[] {
  return (command) => [
    'unshare',
    '-Urm',
    'sh',
    '-c',
    'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"',
    'sh',
    dir,
    ...command,
  ];
}

/** The command with a file size limit (RLIMIT_FSIZE) of `bytes`: writes past it fail with EFBIG. */
export function withFileSizeLimit(bytes: number): (command: string[]) => string[] {
  // POSIX sh counts the limit in 512-byte blocks. Node ignores SIGXFSZ, so the write fails instead.
  return (command) => [
    'sh',
    '-c',
    'ulimit -f "$1" && shift && exec "$@"',
    'sh',
    String(Math.ceil(bytes / 512)),
    ...command,
  ];
}

/** Whether this machine lets an unprivileged process make a private mount namespace with a tmpfs in it. */
export function privateMountsAvailable(): boolean {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-log-mount-probe-'));
  try {
    const r = spawnSync('unshare', ['-Urm', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs "$1"', 'sh', dir], {
      stdio: 'ignore',
      timeout: 10_000,
    });
    return r.status === 0;
  } catch {
    return false;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether the tests run as root, so a child can be started as another user (uid 65534, nobody). */
export const canSwitchUser = process.getuid?.() === 0;
