import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../../electron/backend/create-backend';
import { defaultBackupDir, listBackups } from '../../../electron/backup/index';
import { DATABASE_FILE } from '../../../electron/db/open';
import { openedContent, savedContent } from '../../../electron/files/trusted';
import { unwrapWithPassphrase } from '../../../electron/vault/vault';
import type { Result } from '../../../shared/contract/result';
import { plantRecordMarkers } from '../helpers/markers';
import { sha256File } from '../helpers/files';
import { setUpSession, TEST_PASSPHRASE, TEST_WORK_FACTOR, useSessions } from '../helpers/session';
import { useTempDirs } from '../helpers/temp-dir';

// The proof: after a session like an officer's (through the unlock session, as in production), with
// unique marker strings in every kind of text, an export, automatic and manual backups and a passphrase
// change, no file anywhere under the data folder holds a marker, the passphrases or the database key, in
// any of the encodings a leak would use.

const NEW_PASSPHRASE = 'another passphrase, changed at the end';

const MARKERS = {
  personName: 'Quillfeather-Zebulon-PERSON-7731',
  personNotes: 'informant-met-at-the-lighthouse-NOTES-5512',
  requestSubject: 'Container-MSCU-4481920-SUBJECT-2290',
  requestNotes: 'Handwritten-ledger-in-the-galley-NOTES-6604',
  agency: 'Brigada-Especial-Marker-AGENCY-1187',
  organisation: 'Directorate-Nightjar-ORG-3349',
  caseName: 'Operation-Saltmarsh-CASE-9021',
  caseReference: 'REF-MARKER-77413',
  caseNotes: 'controlled-delivery-planned-NOTES-8830',
  postName: 'Embassy-of-Marker-POSTNAME-4410',
  officer: 'Officer-Vandersloot-MARKER-1203',
  label: 'backup-label-marker-5530',
};

function value<T>(r: Result<T>): T {
  if (!r.ok) expect.fail(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value;
}

function allFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? allFiles(full) : entry.isFile() ? [full] : [];
  });
}

/** Every way a leaked string could sit in a file: UTF-8, UTF-16LE (and case-insensitively for hex). */
function needles(text: string): Buffer[] {
  return [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le')];
}

describe('no plaintext on disk', () => {
  const open = useSessions();
  const tempDir = useTempDirs();

  it('after a full session, no file under the data folder holds a marker, a passphrase or the key', async () => {
    const { session, dataDir } = open();
    await setUpSession(session);

    // HQ elsewhere (not in this data folder): only its public key file reaches the post.
    const hqDir = tempDir('liaison-log-hq-');
    const hq = createBackend({ dataDir: hqDir, log: () => undefined });
    let hqKeyFile: string;
    try {
      value(await hq.call('identity.init', { role: 'hq', hqName: 'Headquarters' }));
      hqKeyFile = value(await savedContent(hq.invoke, 'keys.saveHqKeyFile', {})).toString('utf8');
    } finally {
      hq.close();
    }

    value(
      await session.call('identity.init', {
        role: 'post',
        postId: 'MRK',
        postName: MARKERS.postName,
        officer: MARKERS.officer,
        country: 'PE',
      }),
    );
    value(await openedContent(session.invoke, 'keys.importHq', {}, hqKeyFile));
    await plantRecordMarkers(session.call, MARKERS);
    const exported = value(
      await session.call('exports.create', { from: '2026-01-01', to: '2026-12-31', level: 'full' }),
    );
    expect(exported.fileName).toBeTruthy();

    // Backups: the automatic one made at setup (after the records, one more when due) and a manual one.
    expect(session.backUpIfDue()).toBeNull(); // not due: made at setup
    value(await session.call('settings.update', { backupIntervalHours: 1 }));
    await session.lock();
    const later = open({ dataDir, now: () => new Date(Date.now() + 2 * 3_600_000) }).session;
    value(await later.unlock(TEST_PASSPHRASE)); // due: an automatic backup holding every record
    await later.lock();
    value(await session.unlock(TEST_PASSPHRASE));
    value(await session.call('backups.create', { label: MARKERS.label }));

    value(await session.changePassphrase(TEST_PASSPHRASE, NEW_PASSPHRASE));
    const { key } = await unwrapWithPassphrase(
      { dataDir, now: () => new Date(), workFactor: TEST_WORK_FACTOR },
      NEW_PASSPHRASE,
    );
    await session.lock();

    const files = allFiles(dataDir);
    const names = files.map((f) => path.relative(dataDir, f));
    // The sweep covers what it claims to: database, backups, the export, the key files and the vault.
    expect(names).toEqual(expect.arrayContaining([DATABASE_FILE, 'key.age', 'key.recovery.age', 'vault.json']));
    expect(names.filter((n) => n.startsWith(`backups${path.sep}liaison-log-auto-`)).length).toBeGreaterThanOrEqual(2);
    expect(names.some((n) => n.startsWith(`backups${path.sep}liaison-log-manual-`))).toBe(true);
    expect(names.some((n) => n.startsWith(`exports${path.sep}`))).toBe(true);

    const secrets: Record<string, Buffer[]> = {
      ...Object.fromEntries(
        Object.entries(MARKERS)

          .map(([k, v]) => [k, needles(v)]),
      ),
      oldPassphrase: needles(TEST_PASSPHRASE),
      newPassphrase: needles(NEW_PASSPHRASE),
      keyRaw: [key],
      keyHex: [...needles(key.toString('hex')), ...needles(key.toString('hex').toUpperCase())],
      keyBase64: needles(key.toString('base64')),
      keyBase64Url: needles(key.toString('base64url')),
    };
    const found: string[] = [];
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      for (const [what, forms] of Object.entries(secrets)) {
        if (forms.some((needle) => bytes.includes(needle))) found.push(`${path.relative(dataDir, file)}: ${what}`);
      }
    }
    expect(found).toEqual([]);

    // Without the key, neither the database nor any backup can be read, and trying changes nothing.
    const database = path.join(dataDir, DATABASE_FILE);
    const before = sha256File(database);
    expect(() => createBackend({ dataDir, log: () => undefined })).toThrow();
    expect(sha256File(database)).toBe(before);
    for (const backup of listBackups(defaultBackupDir(dataDir))) {
      expect(backup.encrypted).toBe(true);
      const raw = new Sqlite(backup.file, { readonly: true });
      try {
        expect(() => raw.prepare('SELECT count(*) FROM sqlite_schema').get()).toThrow(/not a database/);
      } finally {
        raw.close();
      }
    }
    key.fill(0);
  });
});
