import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultBackupDir, listBackups } from '../../../electron/backup/index';
import type { Result } from '../../../shared/contract/result';
import type { MaintenanceStatus } from '../../../shared/session/schema';
import { addRequests } from '../backup/helpers';
import { setUpSession, TEST_PASSPHRASE, useSessions } from '../helpers/session';
import { useBackendHosts } from './helpers';

// The check and the automatic backup in the app's backend process: the maintenance worker is a thread of that
// process, started from the same entry file (electron/process/backend-entry.ts). Followed through
// session.maintenance, as the window follows it; quitting while the worker copies leaves nothing behind.

const startHost = useBackendHosts();
const open = useSessions();

async function value<T>(answer: Promise<Result<unknown>>): Promise<T> {
  const r = await answer;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/** A locked folder (set up in this process, without background work) with `count` requests and no backup. */
async function lockedFolder(count: number, notes = ''): Promise<string> {
  const { session, dataDir } = open({ automaticBackups: false });
  await setUpSession(session);
  await addRequests(session.backend()!, count, 'Process', notes);
  await session.lock();
  return dataDir;
}

const temporaries = (dataDir: string) =>
  fs.existsSync(defaultBackupDir(dataDir))
    ? fs.readdirSync(defaultBackupDir(dataDir)).filter((f) => f.startsWith('.'))
    : [];

describe('maintenance in the backend process', () => {
  it('the unlock answers first; session.maintenance follows the check and the backup to their end', async () => {
    const dataDir = await lockedFolder(40);
    const { host } = startHost({ dataDir });
    const unlocked = await value<{ state: string }>(host.invoke('session.unlock', { passphrase: TEST_PASSPHRASE }));
    expect(unlocked.state).toBe('unlocked');
    const seen: MaintenanceStatus[] = [];
    for (;;) {
      const m = await value<MaintenanceStatus>(host.invoke('session.maintenance', {}));
      seen.push(m);
      if (!m.running) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // The first answer after the unlock found the check still running; the last, everything done.
    expect(seen[0]?.running).toMatchObject({ task: 'check' });
    expect(seen.at(-1)).toMatchObject({ state: 'unlocked', running: null, lastCheck: { outcome: 'sound' } });
    expect(listBackups(defaultBackupDir(dataDir)).filter((b) => b.kind === 'auto')).toHaveLength(1);
  });

  // A race by nature: the quit must land while the worker copies, and a fast or idle worker can finish a copy
  // before the poll sees it. A retry keeps a timing miss from failing the run; a quit that leaves a backup or a
  // temporary file behind fails every attempt.
  it(
    'quitting while the worker copies ends the process without a backup or a temporary file',
    { retry: 2 },
    async () => {
      const dataDir = await lockedFolder(1500, 'y'.repeat(10_000));
      const { host } = startHost({ dataDir });
      await value(host.invoke('session.unlock', { passphrase: TEST_PASSPHRASE }));
      for (;;) {
        const m = await value<MaintenanceStatus>(host.invoke('session.maintenance', {}));
        if (m.running?.phase === 'copy') break;
        if (!m.running && m.lastCheck) expect.fail('the backup ended before it could be stopped');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await host.stop();
      expect(host.state()).toBe('stopped');
      expect(temporaries(dataDir)).toEqual([]);
      expect(listBackups(defaultBackupDir(dataDir))).toEqual([]);
    },
  );
});
