import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { BackupChannel } from '../../shared/contract/ipc';
import { fail, ok, type Result } from '../../shared/contract/result';
import type { BackupEntry } from '../../shared/backup/schema';
import { DEFAULT_SETTINGS } from '../../shared/settings/schema';
import type { Backend } from '../backend/create-backend';
import type { Handlers } from '../backend/dispatch';
import {
  BackupError,
  createBackup,
  defaultBackupDir,
  lastAutomaticBackupAt,
  listBackups,
  restoreBackup,
  RestoreError,
  type BackupInfo,
} from '../backup/index';
import { formatBackupName, TEMP_PREFIX } from '../backup/names';
import { removeDatabaseFiles } from '../db/file-access';
import { DATABASE_FILE } from '../db/open';
import { salvageReadable, SalvageError } from '../db/integrity';
import { StorageError } from '../db/storage-errors';
import { KEY_FILE, RECOVERY_FILE, VAULT_FILE } from '../vault/metadata';

// The backups.* channels. The session answers them itself, when unlocked and in the 'damaged' state (the key
// is known but the database failed its check), because restore and salvage need the database closed and
// reopened, which only the session may do. docs/backups.md describes the files and the procedures.

export interface BackupHost {
  readonly dataDir: string;
  readonly now: () => Date;
  readonly nativeBinding?: string | undefined;
  /** The open backend when unlocked; undefined in the damaged state. */
  backend(): Backend | undefined;
  /** Why the last automatic backup failed, or null. */
  warning(): string | null;
  /** Closes the database keeping the key, runs `run`, then reopens it (which checks it again). */
  withDatabaseClosed<T>(run: (key: Buffer) => T): Promise<T>;
}

/** The key files a backup needs beside it elsewhere: it opens only with the database key they hold, sealed. */
export const KEY_FILES = [KEY_FILE, RECOVERY_FILE, VAULT_FILE] as const;

const DAMAGED_NO_BACKUP =
  'The database is damaged, so it cannot be backed up. Restore a backup, or save what is still readable.';

export function createBackupHandlers(host: BackupHost): Pick<Handlers, BackupChannel> {
  const dir = defaultBackupDir(host.dataDir);
  return {
    'backups.list': () => {
      const settings = host.backend()?.services.settings.read() ?? DEFAULT_SETTINGS;
      return ok({
        folder: dir,
        automatic: {
          intervalHours: settings.backupIntervalHours,
          keep: settings.backupKeep,
          lastAt: lastAutomaticBackupAt(dir)?.toISOString() ?? null,
        },
        warning: host.warning(),
        entries: listBackups(dir).map(entryOf),
      });
    },
    'backups.create': ({ label }) =>
      guard(() => {
        const backend = host.backend();
        if (!backend) return fail('damaged', DAMAGED_NO_BACKUP);
        const r = createBackup(backend.db, { dir, now: host.now(), kind: 'manual', ...(label ? { label } : {}) });
        const made = listBackups(dir).find((b) => b.fileName === r.fileName);
        if (!made) throw new BackupError(`The backup ${r.fileName} disappeared as soon as it was written.`);
        return ok(entryOf(made));
      }),
    'backups.read': ({ fileName }) => {
      const file = path.join(dir, fileName);
      if (!fs.existsSync(file)) return fail('not_found', `There is no backup ${fileName} in ${dir}.`);
      const keyFiles = KEY_FILES.filter((name) => fs.existsSync(path.join(host.dataDir, name))).map((name) => ({
        fileName: name,
        base64: fs.readFileSync(path.join(host.dataDir, name)).toString('base64'),
      }));
      return ok({ fileName, base64: fs.readFileSync(file).toString('base64'), keyFiles });
    },
    'backups.restore': (input) =>
      guard(async () => {
        let file: string;
        let picked: string | undefined;
        let restoredFrom: string;
        if ('fileName' in input) {
          file = path.join(dir, input.fileName);
          restoredFrom = input.fileName;
          if (!fs.existsSync(file)) return fail('not_found', `There is no backup ${input.fileName} in ${dir}.`);
        } else {
          // A file the officer picked: written beside the backups (same disk as the data), removed afterwards.
          fs.mkdirSync(dir, { recursive: true });
          picked = path.join(dir, `${TEMP_PREFIX}picked-${randomUUID()}.tmp`);
          fs.writeFileSync(picked, Buffer.from(input.base64, 'base64'), { mode: 0o600 });
          file = picked;
          restoredFrom = path.basename(input.name);
        }
        try {
          const r = await host.withDatabaseClosed((key) =>
            restoreBackup({
              dataDir: host.dataDir,
              backupFile: file,
              key,
              now: host.now(),
              nativeBinding: host.nativeBinding,
            }),
          );
          return ok({ restoredFrom, kept: r.kept ? path.basename(r.kept.database) : null });
        } catch (error) {
          if (error instanceof RestoreError && picked) {
            throw new RestoreError(error.problem, error.message.replaceAll(picked, restoredFrom), { cause: error });
          }
          throw error;
        } finally {
          if (picked) removeDatabaseFiles(picked);
        }
      }),
    'backups.salvage': () =>
      guard(async () => {
        fs.mkdirSync(dir, { recursive: true });
        const temp = path.join(dir, `${TEMP_PREFIX}salvaged-${randomUUID()}.db`);
        try {
          const report = await host.withDatabaseClosed((key) =>
            salvageReadable({
              file: path.join(host.dataDir, DATABASE_FILE),
              key,
              outFile: temp,
              nativeBinding: host.nativeBinding,
            }),
          );
          // Named as a manual backup (never rotated away), so the list offers it for restore like any other.
          const outFile = freeName(dir, host.now(), report.schemaVersion);
          fs.renameSync(temp, path.join(dir, outFile));
          return ok({ outFile, recovered: report.copied, lost: report.lost, lostUnknown: [...report.lostUnknown] });
        } finally {
          removeDatabaseFiles(temp);
        }
      }),
  };
}

function entryOf(b: BackupInfo): BackupEntry {
  return {
    fileName: b.fileName,
    kind: b.kind,
    createdAt: b.createdAt.toISOString(),
    schemaVersion: b.schemaVersion,
    size: b.bytes,
    encrypted: b.encrypted,
    label: b.label ?? null,
  };
}

function freeName(dir: string, now: Date, schemaVersion: number): string {
  for (let sequence = 1; ; sequence++) {
    const name = formatBackupName({ kind: 'manual', createdAt: now, sequence, schemaVersion, label: 'salvaged' });
    if (!fs.existsSync(path.join(dir, name))) return name;
  }
}

/** The refusals of the backup code as answers; anything else is a bug (the dispatcher logs it). */
async function guard<T>(run: () => Result<T> | Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof StorageError) return fail('storage', error.message);
    if (error instanceof RestoreError) {
      switch (error.problem) {
        case 'storage':
          return fail('storage', error.message);
        case 'missing':
          return fail('not_found', error.message);
        case 'database_open':
        case 'from_future':
          return fail('conflict', error.message);
        default:
          return fail('invalid_input', error.message);
      }
    }
    if (error instanceof BackupError) return fail('conflict', error.message);
    if (error instanceof SalvageError) return fail('damaged', error.message);
    throw error;
  }
}
