import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../../electron/backend/create-backend';
import { unwrapWithPassphrase } from '../../../electron/vault/vault';
import type { PersonData, RetentionDue } from '../../../shared/retention/schema';
import { cliRunner, cliTestSetup, TEST_PASSPHRASE, TEST_WORK_FACTOR } from '../helpers/session';
import { makeTempDir, removeTempDir, useTempDirs } from '../helpers/temp-dir';
import { create, engagementInput, manualClock, organisationInput, personInput, requestInput } from '../logbook/helpers';
import { filesHolding, folderBytes } from './helpers';

// liaison-log retention list|purge and person export|erase (issue 13, item 7) on an encrypted data folder set up
// by the command line itself, with records written three years ago through the backend (the folder's own key).

const secretsDir = makeTempDir('liaison-log-retention-cli-');
afterAll(() => removeTempDir(secretsDir));
const secrets = cliTestSetup(secretsDir);
const run = cliRunner(secrets);
const NAME = 'Thessaly-Quarrington-CLI-4471';

async function folder(dataDir: string) {
  expect((await run('--data-dir', dataDir, 'stats')).code).toBe(0);
  const { key } = await unwrapWithPassphrase(
    { dataDir, now: () => new Date(), workFactor: TEST_WORK_FACTOR },
    TEST_PASSPHRASE,
  );
  const clock = manualClock(new Date(Date.now() - 3 * 365 * 86_400_000).toISOString());
  const backend = createBackend({ dataDir, key, now: clock.now });
  try {
    const org = await create(backend, 'organisations', organisationInput());
    const person = await create(backend, 'people', personInput({ name: NAME, organisationId: org.id }));
    const engagement = await create(
      backend,
      'engagements',
      engagementInput({ personIds: [person.id], notes: `Call with ${NAME}` }),
    );
    clock.set(new Date().toISOString());
    const recent = await create(backend, 'requests', requestInput({ notes: `${NAME} asked again` }));
    return { key, person, engagement, recent };
  } finally {
    backend.close();
  }
}

describe('liaison-log retention and person', () => {
  const tempDir = useTempDirs();

  it('retention list shows, purge without --yes purges nothing (exit 2), with --yes purges', async () => {
    const dataDir = tempDir('liaison-log-retention-cli-data-');
    const w = await folder(dataDir);
    const list = await run('--data-dir', dataDir, 'retention', 'list', '--json');
    expect(list.code).toBe(0);
    const due = JSON.parse(list.stdout) as RetentionDue;
    expect(due.records.map((r) => r.id)).toEqual([w.person.id]);
    expect(due.personalData.map((r) => r.id)).toEqual([w.engagement.id]);
    const text = await run('--data-dir', dataDir, 'retention', 'list');
    expect(text.stdout).toContain(w.person.id);

    const unconfirmed = await run('--data-dir', dataDir, 'retention', 'purge');
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain('--yes');
    expect((await run('--data-dir', dataDir, 'retention', 'list', '--json')).stdout).toBe(list.stdout);

    const purged = await run('--data-dir', dataDir, 'retention', 'purge', '--yes', '--json');
    expect(purged.code).toBe(0);
    expect(JSON.parse(purged.stdout)).toMatchObject({ purged: 1, stripped: 1 });
    const after = JSON.parse((await run('--data-dir', dataDir, 'retention', 'list', '--json')).stdout) as RetentionDue;
    expect(after.records).toEqual([]);
    expect(after.personalData).toEqual([]);
    expect((await run('--data-dir', dataDir, 'retention', 'frobnicate')).code).toBe(2);
  });

  it('person export writes JSON or CSV; person erase lists, then erases with --yes', async () => {
    const dataDir = tempDir('liaison-log-person-cli-data-');
    const w = await folder(dataDir);
    const out = path.join(tempDir('liaison-log-person-out-'), 'person.json');
    const exported = await run('--data-dir', dataDir, 'person', 'export', w.person.id, '--out', out);
    expect(exported.code).toBe(0);
    const data = JSON.parse(fs.readFileSync(out, 'utf8')) as PersonData;
    expect(data.person.name).toBe(NAME);
    expect(data.mentions.map((m) => m.record.id).sort()).toEqual([w.engagement.id, w.recent.id].sort());
    const csv = out.replace(/json$/, 'csv');
    expect((await run('--data-dir', dataDir, 'person', 'export', w.person.id, '--out', csv)).code).toBe(0);
    expect(fs.readFileSync(csv, 'utf8')).toContain('section,field,value');
    expect((await run('--data-dir', dataDir, 'person', 'export', w.person.id)).code).toBe(2);

    const review = await run('--data-dir', dataDir, 'person', 'erase', w.person.id, '--redact-all');
    expect(review.code).toBe(2);
    expect(review.stdout).toContain(w.recent.id);
    expect((await run('--data-dir', dataDir, 'person', 'erase', w.person.id, '--redact', w.person.id)).code).toBe(2);

    const erased = await run('--data-dir', dataDir, 'person', 'erase', w.person.id, '--redact-all', '--yes', '--json');
    expect(erased.code).toBe(0);
    expect(JSON.parse(erased.stdout)).toMatchObject({ purged: 1, unlinked: 1, redacted: 2 });
    const again = await run('--data-dir', dataDir, 'person', 'erase', w.person.id, '--yes');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('does not exist');
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
    // The encrypted folder's live pages hold the name nowhere (helpers.ts: what this check covers).
    expect(filesHolding(folderBytes(dataDir, w.key, tempDir()), [NAME])).toEqual([]);
  });
});
