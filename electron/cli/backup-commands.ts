import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { createBackup, defaultBackupDir, listBackups, restoreBackup, RestoreError } from '../backup/index';
import { openKeyedFile } from '../db/file-access';
import { classifyOpenError, integrityCheck, RECOVERY_PATHS, salvageReadable } from '../db/integrity';
import { DATABASE_FILE, openDatabase } from '../db/open';
import type { CliIo } from './io';

/** The lines for `liaison-log --help`. */
export const BACKUP_COMMANDS_HELP = `  backup now [--out DIR] [--json]
                      Write an encrypted backup of the database now, into the data folder's backups
                      folder or into DIR (a manual backup: never removed by rotation).
  backup list [DIR] [--json]
                      List the backups in the backups folder (or in DIR), newest first.
  restore --from FILE [--json]
                      Replace the database with a backup, after checking it. The current database is
                      kept as liaison-log.before-restore-<time>.db in the data folder.
  check [--json]      Run SQLite's full integrity check on the database. Exit status 1 if it is damaged.
  salvage --out FILE [--json]
                      Copy every row that can still be read from a damaged database into a new,
                      encrypted database FILE (restore from FILE afterwards).
`;

export interface BackupCommandArgs {
  /** The positional words, command first: ['backup', 'now'], ['restore'], ['check']... */
  readonly positionals: readonly string[];
  readonly values: { readonly out?: string; readonly from?: string; readonly json?: boolean };
}

export interface BackupCommandTarget {
  readonly dataDir: string;
  /** The database key the session unlocked; absent only for an unencrypted (test or legacy) database. */
  readonly key?: Buffer | undefined;
  readonly nativeBinding?: string | undefined;
  readonly now?: () => Date;
}

/**
 * `backup now|list`, `restore`, `check` and `salvage`. Each opens and closes the database itself, so the
 * caller must NOT have a backend open on the data folder (restore refuses an open database).
 * Returns the exit status: 0 done, 1 failed (the message says why), 2 usage.
 */
export function runBackupCommand(args: BackupCommandArgs, target: BackupCommandTarget, io: CliIo): number {
  const [command, sub, extra] = args.positionals;
  const now = target.now ?? (() => new Date());
  const json = args.values.json === true;
  const database = path.join(path.resolve(target.dataDir), DATABASE_FILE);
  const usage = (text: string) => {
    io.err(`liaison-log: usage: liaison-log --data-dir DIR ${text}\n`);
    return 2;
  };
  const failed = (message: string) => {
    io.err(`liaison-log: ${message}\n`);
    return 1;
  };
  const print = (value: unknown, text: string) => io.out(json ? `${JSON.stringify(value, null, 2)}\n` : text);

  try {
    if (command === 'backup' && sub === 'now') {
      if (extra !== undefined) return usage('backup now [--out DIR] [--json]');
      if (!fs.existsSync(database)) return failed(`there is no database in ${target.dataDir} to back up.`);
      const dir = path.resolve(args.values.out ?? defaultBackupDir(target.dataDir));
      const db = openDatabase(database, { key: target.key, nativeBinding: target.nativeBinding });
      try {
        const r = createBackup(db, { dir, now: now(), kind: 'manual' });
        print(
          r,
          `Backed up to ${r.file} (${r.bytes} bytes, ${r.encrypted ? 'encrypted' : 'NOT encrypted: the database is not'}).\n`,
        );
        return 0;
      } finally {
        db.close();
      }
    }
    if (command === 'backup' && sub === 'list') {
      const dir = path.resolve(extra ?? args.values.out ?? defaultBackupDir(target.dataDir));
      const backups = listBackups(dir);
      const lines = backups.map(
        (b) =>
          `${b.createdAt.toISOString()}  ${b.kind.padEnd(6)}  schema ${b.schemaVersion}  ` +
          `${String(b.bytes).padStart(10)} bytes  ${b.fileName}`,
      );
      print(backups, backups.length ? `${lines.join('\n')}\n` : `There are no backups in ${dir}.\n`);
      return 0;
    }
    if (command === 'restore') {
      if (sub !== undefined || !args.values.from) return usage('restore --from FILE [--json]');
      const r = restoreBackup({
        dataDir: target.dataDir,
        backupFile: args.values.from,
        key: target.key,
        now: now(),
        nativeBinding: target.nativeBinding,
      });
      const kept = r.kept
        ? `The database it replaced was kept as ${[r.kept.database, r.kept.wal, r.kept.journal].filter(Boolean).join(' and ')}.`
        : 'There was no database to replace.';
      print(r, `Restored ${r.database} from ${r.restoredFrom}. ${kept}\n`);
      return 0;
    }
    if (command === 'check') {
      if (sub !== undefined) return usage('check [--json]');
      if (!fs.existsSync(database)) return failed(`there is no database in ${target.dataDir}.`);
      let db: Database | undefined;
      try {
        db = openKeyedFile(database, { key: target.key, nativeBinding: target.nativeBinding });
        const report = integrityCheck(db);
        if (report.ok) {
          print({ ok: true, database }, `${database}: integrity check passed.\n`);
          return 0;
        }
        print(
          { ok: false, database, details: report.details, recovery: RECOVERY_PATHS },
          `${database} is damaged:\n${report.details.join('\n')}\n\n${RECOVERY_TEXT}`,
        );
        return 1;
      } finally {
        db?.close();
      }
    }
    if (command === 'salvage') {
      if (sub !== undefined || !args.values.out) return usage('salvage --out FILE [--json]');
      if (!fs.existsSync(database)) return failed(`there is no database in ${target.dataDir}.`);
      const r = salvageReadable({
        file: database,
        key: target.key,
        outFile: args.values.out,
        nativeBinding: target.nativeBinding,
      });
      const losses = r.tables
        .filter((t) => !t.complete)
        .map((t) => `  ${t.table}: ${t.copied} copied, ${t.lost === null ? 'an unknown number' : t.lost} lost`);
      print(
        r,
        `Copied ${r.copied} rows into ${r.outFile}. ` +
          (r.complete ? 'Everything was readable.\n' : `Some rows could not be read:\n${losses.join('\n')}\n`) +
          `Check it, then restore from it with: liaison-log --data-dir DIR restore --from ${r.outFile}\n`,
      );
      return 0;
    }
  } catch (error) {
    // A read-only folder or a damaged file reads better as what it is than as "not a Liaison Log database".
    const known = error instanceof RestoreError ? undefined : classifyOpenError(error, database);
    return failed((known?.error ?? (error as Error)).message);
  }
  return usage('backup now|list, restore --from FILE, check, salvage --out FILE (see --help)');
}

const RECOVERY_TEXT = `Nothing was changed. To recover:
  1. restore a backup:   liaison-log --data-dir DIR backup list
                         liaison-log --data-dir DIR restore --from FILE
  2. or save what is still readable into a new database, then restore from it:
                         liaison-log --data-dir DIR salvage --out FILE
`;
