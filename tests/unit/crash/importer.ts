// The child process of the import kill test (import-kill.test.ts): the real backend as HQ on an encrypted
// database, importing post bundles one file per run, as the Exchange page does with files chosen in its
// dialog, and making single edits of HQ's own records through the contract between the files. Each line is
// printed only after the backend has answered, in one write(2) to stdout:
//
//   ready                                      the backend is open
//   C <id> <prefix>                            HQ created a record of its own (revision 1)
//   U <id> <revision>                          HQ updated one of its own requests; it is now at <revision>
//   S <file>                                   the import of <file> starts (not an acknowledgement)
//   M <file>                                   its merge has begun writing records (see the probe below)
//   I <file> <outcome> <added> <updated> <unchanged>   the import of <file> was answered (acknowledged)
//   done                                       every file answered; the process exits by itself
//
// Usage: node importer.mjs DATA_DIR KEY_HEX SEED LIST_JSON, where LIST_JSON names a file holding
// [{ "name": ..., "path": ... }, ...], the files to import in that order.
import fs from 'node:fs';
import { createBackend } from '../../../electron/backend/create-backend';
import { seededRandom } from '../../../electron/demo/random';
import { callWithFiles } from '../../../electron/files/trusted';

const [dataDir, keyHex, seedText, listFile] = process.argv.slice(2);
if (!dataDir || !keyHex || !seedText || !listFile) throw new Error('usage: importer DATA_DIR KEY_HEX SEED LIST_JSON');
const files = JSON.parse(fs.readFileSync(listFile, 'utf8')) as { name: string; path: string }[];

const say = (line: string) => fs.writeSync(1, `${line}\n`);
const backend = createBackend({
  dataDir,
  key: Buffer.from(keyHex, 'hex'),
  log: (message, error) => fs.writeSync(2, `${message}: ${String(error)}\n`),
});

// A probe, not a change of behaviour: a temporary trigger (it lives in this connection's temp schema, apart
// from the dashboard triggers a batch sets aside) calls back into this process when the first audit entry of
// an import is written, which tells the test that a kill after this line lands inside the file's merge.
let importing: string | undefined;
let merging = false;
backend.db.function('crash_probe', { deterministic: false }, () => {
  if (importing !== undefined && !merging) {
    merging = true;
    say(`M ${importing}`);
  }
  return null;
});
backend.db.exec('CREATE TEMP TRIGGER crash_probe AFTER INSERT ON main.audit_entry BEGIN SELECT crash_probe(); END');
say('ready');

const random = seededRandom(Number(seedText));
const COUNTRIES = ['DE', 'FR', 'NL', 'ES', 'CO', 'MA'];
const PHENOMENA = ['cocaine', 'cannabis', 'money_laundering', 'hvt', 'thb'];
const mine: { id: string; revision: number; fields: Record<string, unknown> }[] = [];

function phenomena(): string[] {
  return [...new Set(Array.from({ length: random.int(0, 2) }, () => random.pick(PHENOMENA)))];
}

function requestFields(n: number): Record<string, unknown> {
  const day = 1 + random.int(0, 500);
  return {
    direction: random.chance(0.7) ? 'incoming' : 'outgoing',
    counterpartCountry: random.pick(COUNTRIES),
    counterpartAgency: 'Bundeskriminalamt',
    channel: random.pick(['siena', 'interpol', 'bilateral']),
    exchangedAt: new Date(Date.UTC(2025, 0, day, 9, 30)).toISOString(),
    subject: `HQ request ${seedText}-${n}`,
    status: 'open',
    phenomena: phenomena(),
  };
}

/** One single write of HQ's own, through the contract, acknowledged on stdout. */
async function edit(n: number): Promise<void> {
  const target = mine.length > 0 && random.chance(0.35) ? random.pick(mine) : undefined;
  if (target) {
    const fields = { ...target.fields, counterpartCountry: random.pick(COUNTRIES), phenomena: phenomena() };
    const r = await backend.call('requests.update', { id: target.id, revision: target.revision, fields } as never);
    if (!r.ok) throw new Error(`update failed: ${JSON.stringify(r.error)}`);
    // The same fields again make no new revision: the answer says which revision the record has now.
    target.revision = r.value.revision;
    target.fields = fields;
    say(`U ${target.id} ${target.revision}`);
    return;
  }
  if (random.chance(0.5)) {
    const fields = requestFields(n);
    const r = await backend.call('requests.create', fields as never);
    if (!r.ok) throw new Error(`create failed: ${JSON.stringify(r.error)}`);
    mine.push({ id: r.value.id, revision: 1, fields });
    say(`C ${r.value.id} requests`);
    return;
  }
  const r = await backend.call('organisations.create', {
    name: `HQ partner ${seedText}-${n}`,
    country: random.pick(COUNTRIES),
    type: 'police',
  });
  if (!r.ok) throw new Error(`create failed: ${JSON.stringify(r.error)}`);
  say(`C ${r.value.id} organisations`);
}

let n = 0;
for (const file of files) {
  for (let k = random.int(0, 2); k > 0; k--) await edit(n++);
  say(`S ${file.name}`);
  importing = file.name;
  merging = false;
  const r = await callWithFiles(backend.invoke, 'imports.run', { fromDialog: true }, { open: [file.path] });
  importing = undefined;
  if (!r.ok) throw new Error(`import failed: ${JSON.stringify(r.error)}`);
  const report = r.value.files[0];
  if (report?.outcome !== 'imported' && report?.outcome !== 'already_imported') {
    throw new Error(`import of ${file.name} not accepted: ${JSON.stringify(report)}`);
  }
  say(`I ${file.name} ${report.outcome} ${report.added} ${report.updated} ${report.unchanged}`);
}
for (let k = 0; k < 8; k++) await edit(n++);
say('done');
backend.close();
