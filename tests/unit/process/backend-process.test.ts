import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../../electron/backend/create-backend';
import { generateDemo } from '../../../electron/demo/generate';
import { openedContent, savedContent } from '../../../electron/files/trusted';
import { unwrapWithPassphrase } from '../../../electron/vault/vault';
import type { Result } from '../../../shared/contract/result';
import { validRequestInput } from '../helpers/backend';
import { TEST_PASSPHRASE, TEST_WORK_FACTOR, testKeyStore } from '../helpers/session';
import { useTempDirs } from '../helpers/temp-dir';
import { nodeBackendSpawner } from '../../../electron/process/node-child';
import { BACKEND_ENTRY, useBackendHosts } from './helpers';

// The backend in its own process, spoken to by messages (electron/process/protocol.ts): the same entry file
// the app starts with Electron's utilityProcess, forked here under plain Node.

const startHost = useBackendHosts();
const tempDir = useTempDirs();

async function value<T>(answer: Promise<Result<unknown>>): Promise<T> {
  const r = await answer;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

async function setUp(host: ReturnType<typeof startHost>['host'], osBind = false): Promise<void> {
  await value(host.invoke('session.setup', { passphrase: TEST_PASSPHRASE, osBind }));
}

describe('the backend process', () => {
  it('answers every call by its id, whatever order the answers come in', async () => {
    const { host } = startHost();
    await setUp(host);
    const subjects = Array.from({ length: 60 }, (_, i) => `Request number ${i}`);
    // All sent at once: slow ones (list, counts) interleaved with writes.
    const answers = await Promise.all(
      subjects.flatMap((subject) => [
        value<{ subject: string; id: string }>(host.invoke('requests.create', validRequestInput({ subject }))),
        value<{ informationRequests: number }>(host.invoke('stats.counts', {})),
      ]),
    );
    const created = answers.filter((_, i) => i % 2 === 0) as { subject: string }[];
    expect(created.map((r) => r.subject)).toEqual(subjects);
    const counts = answers.filter((_, i) => i % 2 === 1) as { informationRequests: number }[];
    // Each count was taken after the create sent just before it: the process answers calls in order.
    expect(counts.map((c) => c.informationRequests)).toEqual(subjects.map((_, i) => i + 1));
    expect(host.pid).not.toBe(process.pid);
  });

  it('refuses what breaks the contract, and what cannot even be sent, and keeps serving', async () => {
    const { host } = startHost();
    await setUp(host);
    const broken = await host.invoke('requests.create', { subject: 42 });
    expect(broken.ok || broken.error.code).toBe('invalid_input');
    const unsendable = await host.invoke('requests.create', { subject: () => 'x' });
    expect(unsendable.ok || unsendable.error.code).toBe('invalid_input');
    const unknown = await host.invoke('no.such.channel', {});
    expect(unknown.ok || unknown.error.code).toBe('unknown_channel');
    expect(await value<{ informationRequests: number }>(host.invoke('stats.counts', {}))).toMatchObject({
      informationRequests: 0,
    });
  });

  it('asks the host for the OS key store, which stays in the host', async () => {
    const store = testKeyStore();
    let sealed = 0;
    let opened = 0;
    const counting = {
      ...store,
      available: () => true,
      encrypt: (plain: Buffer) => {
        sealed += 1;
        return store.encrypt(plain);
      },
      decrypt: (bytes: Buffer) => {
        opened += 1;
        return store.decrypt(bytes);
      },
    };
    const { host } = startHost({ osKeyStore: counting });
    await setUp(host, true);
    const status = await value<{ osBound: boolean; osKeyStore: { name: string } }>(host.invoke('session.status', {}));
    expect(status.osBound).toBe(true);
    expect(status.osKeyStore.name).toBe('Test key store');
    expect(sealed).toBeGreaterThan(0);
    await host.control({ op: 'lock', reason: 'test' });
    await value(host.invoke('session.unlock', { passphrase: TEST_PASSPHRASE }));
    expect(opened).toBeGreaterThan(0);
  });

  it('tells the host after every lock, and answers locked until unlocked again', async () => {
    const { host } = startHost();
    await setUp(host);
    let locks = 0;
    host.onLocked(() => (locks += 1));
    expect(await host.control({ op: 'lock', reason: 'suspend' })).toBe(true);
    await expect.poll(() => locks).toBe(1);
    const answer = await host.invoke('stats.counts', {});
    expect(answer.ok || answer.error.code).toBe('locked');
    expect(await host.control({ op: 'lockIfIdle', idleSeconds: 10 })).toBe(false);
  });

  it('a cancelled call never reaches a handler', async () => {
    const { host } = startHost();
    await setUp(host);
    const abort = new AbortController();
    abort.abort();
    const answer = await host.invoke('requests.create', validRequestInput(), { signal: abort.signal });
    expect(answer.ok || answer.error.code).toBe('cancelled');
    expect(await value<{ informationRequests: number }>(host.invoke('stats.counts', {}))).toMatchObject({
      informationRequests: 0,
    });
  });

  it('killed mid-write: waiting calls are answered, a restart unlocks, and nothing acknowledged is lost', async () => {
    const { host } = startHost();
    await setUp(host);
    const stopped: string[] = [];
    host.onStopped((why) => stopped.push(why));
    const acknowledged: string[] = [];
    const answers: Promise<void>[] = [];
    let killed = false;
    for (let i = 0; i < 400; i++) {
      answers.push(
        host.invoke('requests.create', validRequestInput({ subject: `Kill test ${i}` })).then((r) => {
          if (r.ok) acknowledged.push((r.value as { id: string }).id);
          else expect(r.error.code).toBe('backend_stopped');
          if (acknowledged.length === 40 && !killed && host.pid) {
            killed = true;
            process.kill(host.pid, 'SIGKILL');
          }
        }),
      );
    }
    await Promise.all(answers);
    expect(killed).toBe(true);
    expect(host.state()).toBe('stopped');
    expect(stopped).toEqual(['signal SIGKILL']);
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);
    expect(acknowledged.length).toBeLessThan(400);
    const after = await host.invoke('stats.counts', {});
    expect(after.ok || after.error.code).toBe('backend_stopped');

    await host.restart();
    expect(host.state()).toBe('running');
    const status = await value<{ state: string }>(host.invoke('session.status', {}));
    expect(status.state).toBe('locked');
    await value(host.invoke('session.unlock', { passphrase: TEST_PASSPHRASE }));
    for (const id of acknowledged) {
      const got = await host.invoke('requests.get', { id });
      expect(got.ok, `acknowledged request ${id} is still there`).toBe(true);
    }
  });
});

describe('restarting the backend process', () => {
  it('two restarts asked at once start one process, and both answer once it is ready', async () => {
    const spawnNode = nodeBackendSpawner({ entry: BACKEND_ENTRY, execArgv: ['--import', 'tsx'] });
    let started = 0;
    const { host } = startHost({
      spawn: () => {
        started += 1;
        return spawnNode();
      },
    });
    await setUp(host);
    const first = host.pid;
    process.kill(first ?? 0, 'SIGKILL');
    await expect.poll(() => host.state()).toBe('stopped');
    await Promise.all([host.restart(), host.restart()]);
    expect(host.state()).toBe('running');
    expect(started, 'the first process and one restart').toBe(2);
    const second = host.pid;
    expect(second).not.toBe(first);
    expect(await host.control({ op: 'ping' })).toBe(true);
    await host.stop();
    // Every process this host started has ended: no orphan holds the database.
    const alive = (pid: number | undefined) => {
      try {
        process.kill(pid ?? 0, 0);
        return true;
      } catch {
        return false;
      }
    };
    await expect.poll(() => alive(second)).toBe(false);
  });
});

describe('the backend process and the data folder', () => {
  it("writes the shell's events and its own errors to the data folder's log, readable through logs.read", async () => {
    const { host, dataDir } = startHost();
    await setUp(host);
    expect(
      await host.control({
        op: 'log',
        level: 'error',
        code: 'shell.renderer_gone',
        message: "The window's page stopped (crashed)",
      }),
    ).toBe(true);
    const read = await value<{ folder: string; lines: { source: string; code: string; message: string }[] }>(
      host.invoke('logs.read', {}),
    );
    expect(read.folder).toBe(path.join(dataDir, 'logs'));
    expect(read.lines).toContainEqual(
      expect.objectContaining({
        source: 'shell',
        code: 'shell.renderer_gone',
        message: "The window's page stopped (crashed)",
      }),
    );
  });

  it('after a session through the process boundary, no file under the data folder holds a marker, the passphrase or the key', async () => {
    const { host, dataDir } = startHost();
    await setUp(host);
    const markers = ['Process-Boundary-SUBJECT-4471', 'Lighthouse-Keeper-NOTES-8812'];
    await value(host.invoke('requests.create', validRequestInput({ subject: markers[0], notes: markers[1] })));
    await value(host.invoke('backups.create', { label: 'boundary' }));
    // An error the backend logs: a wrong passphrase for a change, and the renderer's own report.
    await host.invoke('session.changePassphrase', {
      oldPassphrase: 'not the passphrase at all',
      newPassphrase: 'x'.repeat(20),
    });
    await value(
      host.invoke('logs.write', {
        code: 'renderer.page_failed',
        message: 'TypeError: x is undefined',
        page: 'requests',
      }),
    );
    await host.control({ op: 'lock', reason: 'test' });
    await host.stop();

    const { key } = await unwrapWithPassphrase(
      { dataDir, now: () => new Date(), workFactor: TEST_WORK_FACTOR },
      TEST_PASSPHRASE,
    );
    const secrets = [...markers, TEST_PASSPHRASE, key.toString('hex'), key.toString('base64')];
    key.fill(0);
    const files = fs.readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(files.map((e) => e.name)).toContain('liaison-log.log');
    for (const entry of files) {
      const bytes = fs.readFileSync(path.join(entry.parentPath, entry.name));
      for (const secret of secrets) {
        for (const needle of [Buffer.from(secret, 'utf8'), Buffer.from(secret, 'utf16le')]) {
          expect(bytes.includes(needle), `${entry.name} holds ${secret.slice(0, 12)}…`).toBe(false);
        }
      }
    }
  });
});

describe('long operations in the backend process', () => {
  it('an import reports each file checked; cancelled before any file was merged it has written nothing, and runs whole afterwards', async () => {
    const { host } = startHost();
    await setUp(host);
    await value(host.invoke('identity.init', { role: 'hq', hqName: 'Headquarters' }));
    const dir = tempDir('liaison-log-process-post-');
    const post = createBackend({ dataDir: path.join(dir, 'post'), log: () => undefined });
    let bundle: string;
    try {
      await value(
        post.call('identity.init', {
          role: 'post',
          postId: 'BOG',
          postName: 'Bogotá',
          officer: 'J. de Vries',
          country: 'CO',
        }),
      );
      const keyFile = await value<Buffer>(savedContent(host.invoke, 'keys.saveHqKeyFile', {}));
      await value(openedContent(post.invoke, 'keys.importHq', {}, keyFile));
      const enrolment = await value<Buffer>(savedContent(post.invoke, 'keys.saveEnrolmentFile', {}));
      await value(openedContent(host.invoke, 'posts.enrol', {}, enrolment));
      generateDemo(post.db, post.services.store, { records: 120, seed: 3, until: new Date('2026-06-30T12:00:00Z') });
      const entry = await value<{ path: string }>(
        post.call('exports.create', { from: '2024-12-01', to: '2026-06-30', level: 'full' }),
      );
      bundle = path.join(dir, 'bog-1.llbundle');
      fs.copyFileSync(entry.path, bundle);
    } finally {
      post.close();
    }
    // Many files that are not bundles, then the valid one: the cancel comes after the first check, before any
    // file was merged (a file merged before a cancel stays imported: tests/unit/exchange/per-file-import.test.ts).
    const junk = Array.from({ length: 40 }, (_, i) => {
      const file = path.join(dir, `junk-${i}.llbundle`);
      fs.writeFileSync(file, `not a bundle ${i}`);
      return file;
    });
    const abort = new AbortController();
    const progress: number[] = [];
    const cancelled = await host.invoke(
      'imports.run',
      { fromDialog: true },
      {
        files: { open: [...junk, bundle] },
        signal: abort.signal,
        onProgress: (p) => {
          progress.push(p.done);
          if (p.done === 1) abort.abort();
        },
      },
    );
    expect(cancelled.ok || cancelled.error.code).toBe('cancelled');
    expect(progress[0]).toBe(1);
    expect(progress.length).toBeLessThan(41);
    const counts = await value<Record<string, number>>(host.invoke('stats.counts', {}));
    expect(
      Object.values(counts).every((n) => n === 0),
      'nothing was imported',
    ).toBe(true);
    const posts = await value<{ bundles: number }[]>(host.invoke('posts.list', {}));
    expect(posts.map((p) => p.bundles)).toEqual([0]);

    const whole = await value<{ files: { outcome: string }[] }>(
      host.invoke('imports.run', { fromDialog: true }, { files: { open: [...junk, bundle] } }),
    );
    expect(whole.files[40]?.outcome).toBe('imported');
    expect(whole.files.filter((f) => f.outcome === 'rejected')).toHaveLength(40);
    const after = await value<{ informationRequests: number }>(host.invoke('stats.counts', {}));
    expect(after.informationRequests).toBeGreaterThan(0);
  });
});

describe('files through the backend process', () => {
  it('refuses chosen or dropped files over what one import may hold in memory, naming the limit, and imports nothing', async () => {
    const { host } = startHost();
    await setUp(host);
    const dir = tempDir('liaison-log-process-big-');
    // Five sparse files of 60 MB: each under a bundle's limit, together over one run's (no disk is spent).
    const chosen = Array.from({ length: 5 }, (_, i) => {
      const file = path.join(dir, `big-${i}.llbundle`);
      fs.writeFileSync(file, '');
      fs.truncateSync(file, 60 * 1024 * 1024);
      return file;
    });
    const refused = await host.invoke('imports.run', { fromDialog: true }, { files: { open: chosen } });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('invalid_input');
    expect(refused.error.message).toBe(
      'The chosen files are 300 MB in all; one import takes at most 256 MB. Choose fewer files at a time ' +
        '(or use the command line, which imports file by file). Nothing was imported.',
    );
    const dropped = await host.invoke('imports.run', {
      files: Array.from({ length: 5 }, (_, i) => ({
        name: `big-${i}.llbundle`,
        bytes: new Uint8Array(60 * 1024 * 1024),
      })),
    });
    expect(dropped.ok || dropped.error.code).toBe('invalid_input');
    const posts = await value<{ bundles: number }[]>(host.invoke('posts.list', {}));
    expect(posts).toEqual([]);
  });

  it('saves a copy of a 1 GB backup where the officer chose, streamed: the backend process stays small', async () => {
    const { host, dataDir } = startHost();
    await setUp(host);
    const made = await value<{ fileName: string }>(host.invoke('backups.create', { label: 'big' }));
    // Make that backup 1 GB (sparse: no disk is spent until the copy writes it out).
    const backup = path.join(dataDir, 'backups', made.fileName);
    fs.truncateSync(backup, 1024 ** 3);
    const before = await host.control({ op: 'memory' });
    const target = tempDir('liaison-log-usb-');
    const saved = await value<{ savedTo: string; bytes: number; files: string[] }>(
      host.invoke('backups.saveCopy', { fileName: made.fileName }, { files: { open: [target] } }),
    );
    const after = (await host.control({ op: 'memory' })) as { peakRss: number };
    expect(saved.files).toContain(made.fileName);
    expect(fs.statSync(path.join(saved.savedTo, made.fileName)).size).toBe(1024 ** 3);
    const grew = after.peakRss - (before as { peakRss: number }).peakRss;
    console.info(
      `saving a 1 GB backup copy: the backend process's peak RSS grew by ${(grew / 1024 ** 2).toFixed(1)} MB`,
    );
    // A copy through memory (or base64 over IPC) would need at least the file's size.
    expect(grew).toBeLessThan(100 * 1024 ** 2);
  }, 60_000);
});

describe('backups in the backend process', () => {
  it('report their steps; cancelled, a backup is not kept and a restore leaves the data as it was', async () => {
    const { host, dataDir } = startHost();
    await setUp(host);
    await value(host.invoke('requests.create', validRequestInput({ subject: 'Kept before the backup' })));
    const phases: string[] = [];
    const made = await value<{ fileName: string }>(
      host.invoke(
        'backups.create',
        { label: 'steps' },
        { onProgress: (p) => phases.push(`${p.phase}:${p.done}/${p.total}`) },
      ),
    );
    expect(phases).toEqual(['copy:0/2', 'copy:2/2']);
    const backups = () =>
      fs
        .readdirSync(path.join(dataDir, 'backups'))
        .filter((f) => f.endsWith('.db'))
        .sort();
    const before = backups();
    expect(before).toContain(made.fileName);

    // Cancelled as soon as it was asked for, while the backend is still busy with an earlier backup: the
    // call and its cancel are both waiting when it gets to them, so the cancel is seen before the copy starts.
    const busy = host.invoke('backups.create', { label: 'busy' });
    const abort = new AbortController();
    const asked = host.invoke('backups.create', { label: 'cancelled' }, { signal: abort.signal });
    abort.abort();
    const cancelled = await asked;
    expect(cancelled.ok || cancelled.error.code).toBe('cancelled');
    const busyBackup = await value<{ fileName: string }>(busy);
    expect(backups()).toEqual([...before, busyBackup.fileName].sort());

    await value(host.invoke('requests.create', validRequestInput({ subject: 'Added after the backup' })));
    const busyAgain = host.invoke('backups.create', { label: 'busy-again' });
    const restoreAbort = new AbortController();
    const restoring = host.invoke('backups.restore', { fileName: made.fileName }, { signal: restoreAbort.signal });
    restoreAbort.abort();
    const notRestored = await restoring;
    expect(notRestored.ok || notRestored.error.code).toBe('cancelled');
    await value(busyAgain);
    const counts = await value<{ informationRequests: number }>(host.invoke('stats.counts', {}));
    expect(counts.informationRequests).toBe(2);
    expect(fs.readdirSync(dataDir).filter((f) => f.includes('before-restore'))).toEqual([]);

    const restored = await value<{ restoredFrom: string }>(host.invoke('backups.restore', { fileName: made.fileName }));
    expect(restored.restoredFrom).toBe(made.fileName);
    expect(await value<{ informationRequests: number }>(host.invoke('stats.counts', {}))).toMatchObject({
      informationRequests: 1,
    });
  });
});

describe('exports in the backend process', () => {
  it('report their steps; cancelled, an export writes no file and takes no sequence number', async () => {
    const { host, dataDir } = startHost();
    await setUp(host);
    const hq = createBackend({ dataDir: tempDir('liaison-log-process-hq-'), log: () => undefined });
    try {
      await value(hq.call('identity.init', { role: 'hq', hqName: 'Headquarters' }));
      const keyFile = await value<Buffer>(savedContent(hq.invoke, 'keys.saveHqKeyFile', {}));
      await value(
        host.invoke('identity.init', {
          role: 'post',
          postId: 'BOG',
          postName: 'Bogotá',
          officer: 'J. de Vries',
          country: 'CO',
        }),
      );
      await value(openedContent(host.invoke, 'keys.importHq', {}, keyFile));
    } finally {
      hq.close();
    }
    await value(host.invoke('requests.create', validRequestInput({ exchangedAt: '2026-02-10T10:15:00.000Z' })));
    const period = { from: '2026-01-01', to: '2026-03-31', level: 'full' } as const;

    // Asked and cancelled while the backend is still busy with a backup: the cancel is seen before the first step.
    const busy = host.invoke('backups.create', { label: 'busy' });
    const abort = new AbortController();
    const asked = host.invoke('exports.create', period, { signal: abort.signal });
    abort.abort();
    const cancelled = await asked;
    expect(cancelled.ok || cancelled.error.code).toBe('cancelled');
    await value(busy);
    expect(await value<unknown[]>(host.invoke('exports.history', {}))).toEqual([]);
    const exportsDir = path.join(dataDir, 'exports');
    expect(fs.existsSync(exportsDir) ? fs.readdirSync(exportsDir) : []).toEqual([]);

    const phases: string[] = [];
    const made = await value<{ sequence: number }>(
      host.invoke('exports.create', period, { onProgress: (p) => phases.push(`${p.phase}:${p.done}/${p.total}`) }),
    );
    expect(made.sequence).toBe(1);
    // The first and the last step always reach the host; those in between only every 100 ms at most.
    expect(phases[0]).toBe('collect:0/3');
    expect(phases.at(-1)).toBe('write:3/3');
  });
});
