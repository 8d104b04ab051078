import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import {
  backUpIfDue,
  createBackup,
  defaultBackupDir,
  dueForBackup,
  lastAutomaticBackupAt,
  listBackups,
  parseBackupName,
  restoreBackup,
  RestoreError,
  verifyBackup,
} from '../../../electron/backup/index';
import { formatBackupName, slugLabel, utcStamp } from '../../../electron/backup/names';
import { migrate } from '../../../electron/db/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/db/migrations/index';
import { APPLICATION_ID, openDatabase } from '../../../electron/db/open';
import { dumpDatabase } from '../helpers/db-dump';
import { sha256File } from '../helpers/files';
import { listDir, useTempDirs } from '../helpers/temp-dir';
import {
  addRequests,
  damagePages,
  databaseFile,
  expectNeedsKey,
  KEY_MODES,
  MARKER,
  openBackend,
  rawOpen,
  recordIds,
} from './helpers';

const T0 = Date.parse('2026-05-04T10:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

describe.each(KEY_MODES)('backups of an $name database', ({ key: makeKey }) => {
  const tempDir = useTempDirs();

  it('writes a checked copy that holds every record and can be opened only with the database key', async () => {
    const key = makeKey();
    const dataDir = tempDir();
    const backend = openBackend(dataDir, key);
    try {
      const ids = await addRequests(backend, 25);
      const dir = path.join(tempDir(), 'chosen place');
      const r = createBackup(backend.db, { dir, now: at(0), kind: 'manual', label: 'Before the move!' });

      expect(r.fileName).toBe(`liaison-log-manual-20260504T100000Z-s${LATEST_SCHEMA_VERSION}-before-the-move.db`);
      expect(r.encrypted).toBe(key !== undefined);
      expect(listBackups(dir)).toEqual([expect.objectContaining({ file: r.file, encrypted: key !== undefined })]);
      // One self-contained file: no journal, no WAL, no temporary file left next to it.
      expect(listDir(dir)).toEqual([r.fileName]);
      expect(r.bytes).toBe(fs.statSync(r.file).size);
      expect(recordIds(r.file, key)).toEqual([...ids].sort());
      expect(verifyBackup(r.file, key)).toEqual({ ok: true, schemaVersion: LATEST_SCHEMA_VERSION });

      const copy = rawOpen(r.file, key);
      try {
        expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(copy.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
        expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      } finally {
        copy.close();
      }
      if (key) {
        expectNeedsKey(r.file);
        expect(verifyBackup(r.file, undefined)).toMatchObject({ ok: false, problem: 'unreadable' });
        expect(verifyBackup(r.file, crypto.randomBytes(32))).toMatchObject({ ok: false, problem: 'unreadable' });
      } else {
        // The control: the same check sees the marker when the database itself is not encrypted.
        expect(fs.readFileSync(r.file).includes(MARKER)).toBe(true);
      }
    } finally {
      backend.close();
    }
  });

  it('includes writes still in the WAL and leaves the live database untouched', async () => {
    const key = makeKey();
    const dataDir = tempDir();
    const backend = openBackend(dataDir, key);
    try {
      await addRequests(backend, 5);
      expect(fs.statSync(`${databaseFile(dataDir)}-wal`).size).toBeGreaterThan(0);
      const before = dumpDatabase(backend.db);
      const r = createBackup(backend.db, { dir: defaultBackupDir(dataDir), now: at(0), keep: 3 });
      expect(dumpDatabase(backend.db)).toEqual(before);
      expect(recordIds(r.file, key)).toHaveLength(5);
      // The backend carries on writing after a backup.
      await addRequests(backend, 1);
    } finally {
      backend.close();
    }
  });

  it('rotates automatic backups, keeps manual ones, and never deletes the backup just made', async () => {
    const key = makeKey();
    const dataDir = tempDir();
    const backend = openBackend(dataDir, key);
    const dir = defaultBackupDir(dataDir);
    try {
      await addRequests(backend, 2);
      const manual = createBackup(backend.db, { dir, now: at(0), kind: 'manual' });
      const made = [1, 2, 3, 4, 5].map((m) => createBackup(backend.db, { dir, now: at(m), keep: 3 }));
      expect(made[3]?.removed).toEqual([made[0]?.file]);
      expect(made[4]?.removed).toEqual([made[1]?.file]);
      expect(listBackups(dir).map((b) => b.fileName)).toEqual([
        made[4]?.fileName,
        made[3]?.fileName,
        made[2]?.fileName,
        manual.fileName,
      ]);

      // Two in the same second get distinct names.
      const again = createBackup(backend.db, { dir, now: at(5), keep: 10 });
      expect(again.fileName).toBe(`liaison-log-auto-20260504T100500Z-2-s${LATEST_SCHEMA_VERSION}.db`);

      // A clock set back: the new backup is the "oldest" by name, yet it is kept.
      const early = createBackup(backend.db, { dir, now: at(-600), keep: 1 });
      expect(fs.existsSync(early.file)).toBe(true);
      expect(listBackups(dir).filter((b) => b.kind === 'auto')).toHaveLength(2);
      expect(fs.existsSync(manual.file)).toBe(true);
    } finally {
      backend.close();
    }
  });

  it('restores a backup, keeping the replaced database under a new name', async () => {
    const key = makeKey();
    const dataDir = tempDir();
    let backend = openBackend(dataDir, key);
    const early = await addRequests(backend, 3);
    const backup = createBackup(backend.db, { dir: defaultBackupDir(dataDir), now: at(0) });
    const late = await addRequests(backend, 4);
    // Restore needs the database closed: with it open the restore is refused and nothing changes.
    const hash = sha256File(databaseFile(dataDir));
    expect(() => restoreBackup({ dataDir, backupFile: backup.file, key, now: at(10) })).toThrow(
      expect.objectContaining({ problem: 'database_open', message: expect.stringMatching(/still open/) }),
    );
    expect(sha256File(databaseFile(dataDir))).toBe(hash);
    const backupRecords = (() => {
      const db = rawOpen(backup.file, key);
      try {
        return dumpDatabase(db).tables['record'];
      } finally {
        db.close();
      }
    })();
    backend.close();

    const r = restoreBackup({ dataDir, backupFile: backup.file, key, now: at(10) });
    expect(r.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(r.kept?.database).toBe(path.join(dataDir, 'liaison-log.before-restore-20260504T101000Z.db'));
    expect(listDir(dataDir)).toEqual(['backups', 'liaison-log.before-restore-20260504T101000Z.db', 'liaison-log.db']);
    // The kept database opens with every record it had, including those written after the backup.
    expect(recordIds(r.kept?.database ?? '', key)).toEqual([...early, ...late].sort());

    backend = openBackend(dataDir, key);
    try {
      expect(dumpDatabase(backend.db).tables['record']).toEqual(backupRecords);
      expect(recordIds(databaseFile(dataDir), key)).toEqual([...early].sort());
      await addRequests(backend, 1);
    } finally {
      backend.close();
    }

    // A second restore in the same second never overwrites the first kept database.
    const keptHash = sha256File(r.kept?.database ?? '');
    const second = restoreBackup({ dataDir, backupFile: backup.file, key, now: at(10) });
    expect(second.kept?.database).toBe(path.join(dataDir, 'liaison-log.before-restore-20260504T101000Z-2.db'));
    expect(sha256File(r.kept?.database ?? '')).toBe(keptHash);
  });

  it('restores over a damaged database and keeps the damaged file', async () => {
    const key = makeKey();
    const dataDir = tempDir();
    const backend = openBackend(dataDir, key);
    await addRequests(backend, 40, MARKER, 'x'.repeat(500));
    const backup = createBackup(backend.db, { dir: defaultBackupDir(dataDir), now: at(0) });
    backend.close();
    damagePages(databaseFile(dataDir), [3, 4, 5]);
    const hash = sha256File(databaseFile(dataDir));

    const r = restoreBackup({ dataDir, backupFile: backup.file, key, now: at(10) });
    expect(sha256File(r.kept?.database ?? '')).toBe(hash);
    expect(recordIds(databaseFile(dataDir), key)).toHaveLength(40);
  });

  it('refuses a backup it cannot trust and changes nothing', async () => {
    const key = makeKey();
    const dataDir = tempDir();
    const other = tempDir();
    const backend = openBackend(dataDir, key);
    await addRequests(backend, 3);
    const good = createBackup(backend.db, { dir: path.join(other, 'b'), now: at(0) });
    backend.close();
    const before = listDir(dataDir);
    const hash = sha256File(databaseFile(dataDir));

    // Damaged: a middle page overwritten.
    const damaged = path.join(other, 'damaged.db');
    fs.copyFileSync(good.file, damaged);
    damagePages(damaged, [3]);
    // Not ours: another program's SQLite file.
    const foreign = path.join(other, 'foreign.db');
    const f = new Sqlite(foreign);
    f.exec('CREATE TABLE t (x)');
    f.close();
    // From a newer version.
    const future = path.join(other, 'future.db');
    const fu = new Sqlite(future);
    if (key) fu.pragma(`key = "x'${key.toString('hex')}'"`);
    fu.exec('CREATE TABLE t (x)');
    fu.pragma(`application_id = ${APPLICATION_ID}`);
    fu.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    fu.close();

    const cases: [string, Buffer | undefined, string][] = [
      [damaged, key, 'damaged'],
      [foreign, undefined, key ? 'not_ours' : 'not_ours'],
      [future, key, 'from_future'],
      [path.join(other, 'missing.db'), key, 'missing'],
    ];
    if (key) cases.push([good.file, crypto.randomBytes(32), 'unreadable']);
    for (const [file, k, problem] of cases) {
      expect(verifyBackup(file, k), file).toMatchObject({ ok: false, problem });
      let caught: unknown;
      try {
        restoreBackup({ dataDir, backupFile: file, key: k, now: at(1) });
      } catch (error) {
        caught = error;
      }
      expect(caught, file).toBeInstanceOf(RestoreError);
      expect((caught as RestoreError).problem).toBe(problem);
      expect((caught as Error).message).toMatch(/Nothing was changed/);
      expect(listDir(dataDir)).toEqual(before);
      expect(sha256File(databaseFile(dataDir))).toBe(hash);
    }
  });

  it('restores a backup from an older schema, which is migrated when the database is opened', () => {
    const key = makeKey();
    const dir = tempDir();
    const oldFile = path.join(dir, 'old.db');
    const old = new Sqlite(oldFile);
    if (key) old.pragma(`key = "x'${key.toString('hex')}'"`);
    old.pragma('journal_mode = WAL');
    migrate(old, MIGRATIONS.slice(0, LATEST_SCHEMA_VERSION - 1));
    old.pragma(`application_id = ${APPLICATION_ID}`);
    const backup = createBackup(old, { dir: path.join(dir, 'backups'), now: at(0) });
    old.close();
    expect(parseBackupName(backup.fileName)?.schemaVersion).toBe(LATEST_SCHEMA_VERSION - 1);

    const dataDir = path.join(dir, 'data');
    const r = restoreBackup({ dataDir, backupFile: backup.file, key, now: at(1) });
    expect(r.kept).toBeNull();
    const db = openDatabase(databaseFile(dataDir), { key });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    } finally {
      db.close();
    }
  });
});

describe('restore: other installations and other processes', () => {
  const tempDir = useTempDirs();

  it('keeps a database it cannot read, and its WAL, byte for byte when restoring over it', async () => {
    // The data folder holds another installation's database (another key), left mid-write with a WAL.
    const key = crypto.randomBytes(32);
    const dataDir = tempDir();
    const source = openBackend(tempDir(), key);
    await addRequests(source, 3);
    const backup = createBackup(source.db, { dir: defaultBackupDir(dataDir), now: at(0) });
    source.close();
    const stranger = openBackend(dataDir, crypto.randomBytes(32));
    await addRequests(stranger, 2);
    const walBytes = fs.readFileSync(`${databaseFile(dataDir)}-wal`);
    const dbBytes = fs.readFileSync(databaseFile(dataDir));
    stranger.close();
    fs.writeFileSync(databaseFile(dataDir), dbBytes);
    fs.writeFileSync(`${databaseFile(dataDir)}-wal`, walBytes);
    const hashes = [sha256File(databaseFile(dataDir)), sha256File(`${databaseFile(dataDir)}-wal`)];

    const r = restoreBackup({ dataDir, backupFile: backup.file, key, now: at(10) });
    expect(r.kept?.wal).toBe(`${r.kept?.database}-wal`);
    expect([sha256File(r.kept?.database ?? ''), sha256File(r.kept?.wal ?? '')]).toEqual(hashes);
    // The restored database has no stale log beside it (SQLite would apply it to the wrong file).
    expect(listDir(dataDir)).toEqual([
      'backups',
      'liaison-log.before-restore-20260504T101000Z.db',
      'liaison-log.before-restore-20260504T101000Z.db-wal',
      'liaison-log.db',
    ]);
    expect(recordIds(databaseFile(dataDir), key)).toHaveLength(3);
  });

  it('answers database_open while another process holds it, and restores once it is closed', async () => {
    const { spawn } = await import('node:child_process');
    const key = crypto.randomBytes(32);
    const dataDir = tempDir();
    const backend = openBackend(dataDir, key);
    await addRequests(backend, 2);
    const backup = createBackup(backend.db, { dir: defaultBackupDir(dataDir), now: at(0) });
    backend.close();

    const holder = spawn(
      process.execPath,
      [path.join(import.meta.dirname, 'hold-open.mjs'), databaseFile(dataDir), key.toString('hex')],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('open')) resolve();
        });
        holder.on('exit', (code) => reject(new Error(`holder exited early (${code})`)));
      });
      const hash = sha256File(databaseFile(dataDir));
      expect(() => restoreBackup({ dataDir, backupFile: backup.file, key, now: at(1) })).toThrow(/still open/);
      expect(sha256File(databaseFile(dataDir))).toBe(hash);
    } finally {
      holder.stdin.end();
      await new Promise((resolve) => holder.on('close', resolve));
    }
    expect(restoreBackup({ dataDir, backupFile: backup.file, key, now: at(1) }).kept).not.toBeNull();
  });
});

describe('backup names and the schedule', () => {
  const tempDir = useTempDirs();

  it('formats and parses names, and reduces labels to safe file-name characters', () => {
    const name = { kind: 'auto' as const, createdAt: at(0), sequence: 1, schemaVersion: 4 };
    expect(formatBackupName(name)).toBe('liaison-log-auto-20260504T100000Z-s4.db');
    expect(parseBackupName('liaison-log-auto-20260504T100000Z-s4.db')).toEqual(name);
    expect(parseBackupName('liaison-log-manual-20260504T100000Z-3-s12-ende-2026.db')).toEqual({
      kind: 'manual',
      createdAt: at(0),
      sequence: 3,
      schemaVersion: 12,
      label: 'ende-2026',
    });
    for (const bad of ['liaison-log.db', 'liaison-log-auto-2026-05-04-s4.db', '.liaison-log-backup-x.tmp']) {
      expect(parseBackupName(bad), bad).toBeUndefined();
    }
    expect(slugLabel('  Überprüfung / vor Umzug  ')).toBe('uberprufung-vor-umzug');
    expect(slugLabel('../../etc/passwd')).toBe('etc-passwd');
    expect(slugLabel('///')).toBeUndefined();
    expect(utcStamp(new Date('2026-12-31T23:59:59.999Z'))).toBe('20261231T235959Z');
  });

  it('is due when there is no backup, when the interval has passed, or when the clock went back', () => {
    expect(dueForBackup(null, at(0), 24)).toBe(true);
    expect(dueForBackup(at(0), at(60 * 24 - 1), 24)).toBe(false);
    expect(dueForBackup(at(0), at(60 * 24), 24)).toBe(true);
    expect(dueForBackup(at(10), at(0), 24)).toBe(true);
    expect(() => dueForBackup(null, at(0), 0)).toThrow(RangeError);
  });

  it('reads the last backup time from the backups folder, so it survives a restore', async () => {
    const key = crypto.randomBytes(32);
    const dataDir = tempDir();
    const dir = defaultBackupDir(dataDir);
    let backend = openBackend(dataDir, key);
    await addRequests(backend, 1);
    expect(lastAutomaticBackupAt(dir)).toBeNull();
    const first = backUpIfDue(backend.db, { dir, keep: 5, intervalHours: 24, now: at(0) });
    expect(first?.kind).toBe('auto');
    expect(backUpIfDue(backend.db, { dir, keep: 5, intervalHours: 24, now: at(60) })).toBeNull();
    createBackup(backend.db, { dir, now: at(120), kind: 'manual' }); // manual backups do not reset the clock
    expect(lastAutomaticBackupAt(dir)).toEqual(at(0));
    backend.close();

    restoreBackup({ dataDir, backupFile: first?.file ?? '', key, now: at(180) });
    expect(lastAutomaticBackupAt(dir)).toEqual(at(0));
    backend = openBackend(dataDir, key);
    try {
      expect(backUpIfDue(backend.db, { dir, keep: 5, intervalHours: 24, now: at(60 * 24) })?.createdAt).toEqual(
        at(60 * 24),
      );
    } finally {
      backend.close();
    }
  });
});
