import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpDatabase, type DatabaseDump } from '../helpers/db-dump';
import { cliRunner, cliTestSetup, openDatabaseWithPassphrase } from '../helpers/session';
import { makeTempDir, removeTempDir } from '../helpers/temp-dir';

// `config publish|import|show` on the command line, on encrypted data folders: HQ publishes from a draft file,
// the post previews with --dry-run, applies, shows; a rollback and a foreign file are refused with exit 1 and a
// stable code in --json, and change nothing. The post's attention list then carries the overdue export.

const root = makeTempDir('liaison-log-config-cli-');
afterAll(() => removeTempDir(root));
const secrets = cliTestSetup(path.join(root, 'secrets'));
const run = cliRunner(secrets);
const at = (...parts: string[]) => path.join(root, ...parts);
const HQ = at('hq');
const OTHER = at('other-hq');
const POST = at('post');

async function dump(dir: string): Promise<DatabaseDump> {
  const db = await openDatabaseWithPassphrase(dir);
  try {
    return dumpDatabase(db);
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  const steps: string[][] = [
    ['--data-dir', HQ, 'init', '--role', 'hq', '--hq-name', 'Headquarters'],
    ['--data-dir', OTHER, 'init', '--role', 'hq', '--hq-name', 'Elsewhere'],
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
    ],
    ['--data-dir', POST, 'keys', 'import-hq', at('hq-key.json')],
  ];
  for (const argv of steps) {
    const r = await run(...argv);
    expect(r.code, `${argv.slice(2).join(' ')}: ${r.stderr}`).toBe(0);
  }
  fs.writeFileSync(
    at('draft.json'),
    JSON.stringify({
      priorities: ['synthetic_drugs'],
      // A period long past its due date: the post has not exported it.
      calendar: [
        { from: '2025-01-01', to: '2025-03-31', due: '2025-04-15' },
        { from: '2099-01-01', to: '2099-03-31', due: '2099-04-15' },
      ],
      minimumLevel: 'aggregate',
    }),
  );
}, 120_000);

describe('config on the command line', () => {
  it('the HQ key file carries HQ’s signing key, fingerprinted', () => {
    const key = JSON.parse(fs.readFileSync(at('hq-key.json'), 'utf8')) as {
      signingKey: { publicKey: string; fingerprint: string };
    };
    expect(key.signingKey.fingerprint).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){7}$/);
  });

  it('HQ publishes; the post previews, applies, shows; rollback and a foreign file are refused with exit 1', async () => {
    const v1 = await run('--data-dir', HQ, 'config', 'publish', '--out', at('v1.llconfig'), '--from', at('draft.json'));
    expect(v1.code, v1.stderr).toBe(0);
    expect(v1.stdout).toContain('version 1 published');
    const v2 = await run('--data-dir', HQ, 'config', 'publish', '--out', at('v2.llconfig'), '--json');
    expect(v2.code, v2.stderr).toBe(0);
    expect(JSON.parse(v2.stdout)).toMatchObject({ ok: true, version: 2 });
    const foreign = await run('--data-dir', OTHER, 'config', 'publish', '--out', at('foreign.llconfig'));
    expect(foreign.code, foreign.stderr).toBe(0);

    const before = await dump(POST);
    const dry = await run('--data-dir', POST, 'config', 'import', at('v1.llconfig'), '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('new priorities: synthetic_drugs');
    expect(dry.stdout).toContain('dry run, nothing changed');
    expect(await dump(POST)).toEqual(before);

    const applied = await run('--data-dir', POST, 'config', 'import', at('v2.llconfig'), '--json');
    expect(applied.code, applied.stderr).toBe(0);
    expect(JSON.parse(applied.stdout)).toMatchObject({ ok: true, applied: true, preview: { version: 2 } });

    const afterApply = await dump(POST);
    const rollback = await run('--data-dir', POST, 'config', 'import', at('v1.llconfig'), '--json');
    expect(rollback.code).toBe(1);
    expect(JSON.parse(rollback.stdout)).toMatchObject({
      ok: false,
      error: { code: 'config.rollback', params: { version: 1, current: 2 } },
    });
    const other = await run('--data-dir', POST, 'config', 'import', at('foreign.llconfig'));
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('not by the HQ signing key this post trusts');
    expect(await dump(POST)).toEqual(afterApply);

    const shown = await run('--data-dir', POST, 'config', 'show', '--json');
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({
      role: 'post',
      current: { version: 2, priorities: ['synthetic_drugs'] },
    });
    const hqShown = await run('--data-dir', HQ, 'config', 'show');
    expect(hqShown.stdout).toContain('Version 2 from Headquarters');

    const usage = await run('--data-dir', POST, 'config', 'import');
    expect(usage.code).toBe(2);
    const wrongRole = await run('--data-dir', POST, 'config', 'publish', '--out', at('x.llconfig'));
    expect(wrongRole.code).toBe(1);
    expect(wrongRole.stderr).toContain('Only HQ publishes');
  });

  it('the post’s attention list has the overdue export of the reporting calendar, not the future one', async () => {
    const { createBackend } = await import('../../../electron/backend/create-backend');
    const { unwrapWithPassphrase } = await import('../../../electron/vault/vault');
    const { TEST_PASSPHRASE, TEST_WORK_FACTOR } = await import('../helpers/session');
    const { key } = await unwrapWithPassphrase(
      { dataDir: POST, now: () => new Date(), workFactor: TEST_WORK_FACTOR },
      TEST_PASSPHRASE,
    );
    const backend = createBackend({ dataDir: POST, key });
    try {
      const r = await backend.call('attention.get', { dueWithinHours: 48 });
      expect(r.ok && r.value.exportsDue).toBeUndefined(); // the post was set up after that period ended
      backend.db.prepare("UPDATE installation SET created_at = '2024-12-01T00:00:00.000Z'").run();
      const again = await backend.call('attention.get', { dueWithinHours: 48 });
      expect(again.ok && again.value.exportsDue).toEqual([
        { from: '2025-01-01', to: '2025-03-31', due: '2025-04-15', overdue: true },
      ]);
      // An export covering the period clears it.
      backend.db
        .prepare(
          `INSERT INTO export_log (export_id, key_id, sequence, file_name, path, sha256, period_from, period_to, level, counts, created_at)
           VALUES ('x', 'k', 1, 'f', 'p', 's', '2025-01-01', '2025-06-30', 'aggregate', '{}', '2025-07-01T00:00:00.000Z')`,
        )
        .run();
      const cleared = await backend.call('attention.get', { dueWithinHours: 48 });
      expect(cleared.ok && cleared.value.exportsDue).toBeUndefined();
    } finally {
      backend.close();
    }
  });
});
