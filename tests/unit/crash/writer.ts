// The child process of the SIGKILL test: the real backend on an encrypted database, writing without pause
// through the same validated channels the UI uses. Each write is printed only after the backend has
// answered `ok` (what the UI would show the officer as saved), in one write(2) to stdout:
//
//   C <id> <kind>            a record was created (revision 1)
//   U <id> <revision>        a record this process created was updated to <revision>
//
// Usage: node writer.mjs DATA_DIR KEY_HEX SEED
import fs from 'node:fs';
import { createBackend } from '../../../electron/backend/create-backend';
import { seededRandom } from '../../../electron/demo/random';

const [dataDir, keyHex, seedText] = process.argv.slice(2);
if (!dataDir || !keyHex || !seedText) throw new Error('usage: writer DATA_DIR KEY_HEX SEED');

const say = (line: string) => fs.writeSync(1, `${line}\n`);
const backend = createBackend({
  dataDir,
  key: Buffer.from(keyHex, 'hex'),
  log: (message, error) => fs.writeSync(2, `${message}: ${String(error)}\n`),
});
say('ready');

const random = seededRandom(Number(seedText));
const mine: { id: string; prefix: 'requests' | 'engagements'; fields: Record<string, unknown>; revision: number }[] =
  [];

function requestFields(n: number): Record<string, unknown> {
  return {
    direction: random.chance(0.5) ? 'incoming' : 'outgoing',
    counterpartCountry: random.pick(['DE', 'FR', 'NL', 'ES', 'PL']),
    counterpartAgency: 'Bundeskriminalamt',
    channel: 'siena',
    exchangedAt: '2026-03-02T09:30:00.000Z',
    subject: `Crash-test request ${seedText}-${n}`,
    status: 'open',
    notes: 'x'.repeat(random.int(0, 3000)),
  };
}

function engagementFields(n: number): Record<string, unknown> {
  return {
    occurredAt: '2026-03-03T10:00:00.000Z',
    kind: 'meeting',
    subject: `Crash-test meeting ${seedText}-${n}`,
    purpose: 'operational',
    notes: 'y'.repeat(random.int(0, 3000)),
  };
}

for (let n = 0; ; n++) {
  const target = mine.length > 0 && random.chance(0.3) ? random.pick(mine) : undefined;
  if (target) {
    const fields = { ...target.fields, subject: `${String(target.fields['subject'])} r${target.revision + 1}` };
    const r = await backend.invoke(`${target.prefix}.update`, { id: target.id, revision: target.revision, fields });
    if (!r.ok) throw new Error(`update failed: ${JSON.stringify(r.error)}`);
    target.revision += 1;
    target.fields = fields;
    say(`U ${target.id} ${target.revision}`);
  } else {
    const prefix = random.chance(0.6) ? 'requests' : 'engagements';
    const fields = prefix === 'requests' ? requestFields(n) : engagementFields(n);
    const r = await backend.invoke(`${prefix}.create`, fields);
    if (!r.ok) throw new Error(`create failed: ${JSON.stringify(r.error)}`);
    const id = (r.value as { id: string }).id;
    mine.push({ id, prefix, fields, revision: 1 });
    say(`C ${id} ${prefix}`);
  }
}
