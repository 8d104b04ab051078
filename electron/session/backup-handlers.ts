import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { BackupChannel } from '../../shared/contract/ipc';
import { messageRef, type MessageCode } from '../../shared/contract/messages';
import { failBecause, failWith, ok, type Result } from '../../shared/contract/result';
import type { BackupEntry } from '../../shared/backup/schema';
import { DEFAULT_SETTINGS } from '../../shared/settings/schema';
import type { Backend } from '../backend/create-backend';
import { CancelledError, throwIfCancelled, type CallContext, type Handlers } from '../backend/dispatch';
import {
  BackupError,
  createBackup,
  defaultBackupDir,
  lastAutomaticBackupAt,
  listBackups,
  restoreBackup,
  RestoreError,
  type RestoreProblem,
  type BackupInfo,
} from '../backup/index';
import { formatBackupName, parseBackupName, TEMP_PREFIX } from '../backup/names';
import { removeDatabaseFiles } from '../db/file-access';
import { DATABASE_FILE } from '../db/open';
import { salvageReadable, SalvageError } from '../db/integrity';
import { describeStorageError } from '../db/storage-errors';
import { copyFileAtomic, grantedOpen, noFileChosen, writeFailure } from '../files/granted';
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
    'backups.create': ({ label }, context) =>
      guard(async () => {
        if (!host.backend()) return failWith('damaged', messageRef('backups.damaged_no_backup'));
        await step(context, 0, 2, 'copy');
        // Read again after the step: the data may have been locked meanwhile (idle, suspend).
        const backend = host.backend();
        if (!backend) return failWith('locked', messageRef('session.locked'));
        const r = createBackup(backend.db, { dir, now: host.now(), kind: 'manual', ...(label ? { label } : {}) });
        // The copy is one step (VACUUM INTO): a cancel asked during it is honoured here, by not keeping it.
        await nextStep();
        if (context.signal.aborted) {
          removeDatabaseFiles(r.file);
          throw new CancelledError('The backup was cancelled. No backup was kept.');
        }
        context.progress({ done: 2, total: 2, phase: 'copy' });
        const made = listBackups(dir).find((b) => b.fileName === r.fileName);
        if (!made) throw new BackupError(`The backup ${r.fileName} disappeared as soon as it was written.`);
        return ok(entryOf(made));
      }),
    'backups.saveCopy': ({ fileName }, context) =>
      guard(async () => {
        const [folder] = grantedOpen(context);
        if (!folder) return noFileChosen('backups.saveCopy');
        const file = path.join(dir, fileName);
        if (!fs.existsSync(file)) return failWith('not_found', messageRef('backups.no_such_backup', { fileName, dir }));
        if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
          return failWith('not_found', messageRef('backups.no_such_folder', { folder }));
        }
        // A folder of its own, named after the backup: key files of two backups never overwrite each other.
        const target = path.join(folder, fileName.replace(/\.db$/, ''));
        if (fs.existsSync(target)) {
          return failWith('conflict', messageRef('backups.already_saved', { target }));
        }
        try {
          fs.mkdirSync(target, { mode: 0o700 });
        } catch (error) {
          throw describeStorageError(error, fileName, folder) ?? error;
        }
        try {
          const names = [fileName, ...KEY_FILES.filter((name) => fs.existsSync(path.join(host.dataDir, name)))];
          let bytes = 0;
          for (const name of names) {
            const source = name === fileName ? file : path.join(host.dataDir, name);
            bytes += (await copyFileAtomic(source, path.join(target, name))).bytes;
          }
          return ok({ savedTo: target, bytes, files: names });
        } catch (error) {
          // All or nothing: a copy without its key files (or half a backup) would only mislead later.
          fs.rmSync(target, { recursive: true, force: true });
          throw error;
        }
      }),
    'backups.restore': (input, context) =>
      guard(async () => {
        let file: string;
        let picked: string | undefined;
        let restoredFrom: string;
        if ('fileName' in input) {
          file = path.join(dir, input.fileName);
          restoredFrom = input.fileName;
          if (!fs.existsSync(file)) {
            return failWith('not_found', messageRef('backups.no_such_backup', { fileName: input.fileName, dir }));
          }
        } else {
          const [source] = grantedOpen(context);
          if (!source) return noFileChosen('backups.restore');
          restoredFrom = path.basename(source);
          if (!fs.existsSync(source) || !fs.statSync(source).isFile()) {
            return failWith('not_found', messageRef('backups.no_such_file', { file: source }));
          }
          // The picked file is copied beside the backups (same disk as the data) by the kernel, never read
          // into memory, and removed afterwards; the picked file itself is never opened for writing.
          fs.mkdirSync(dir, { recursive: true });
          picked = path.join(dir, `${TEMP_PREFIX}picked-${randomUUID()}.tmp`);
          try {
            await fs.promises.copyFile(source, picked, fs.constants.COPYFILE_EXCL);
            await fs.promises.chmod(picked, 0o600);
          } catch (error) {
            removeDatabaseFiles(picked);
            throw describeStorageError(error, `the copy of ${restoredFrom}`, dir) ?? error;
          }
          file = picked;
        }
        try {
          // Up to here nothing of the data folder has changed: a cancel still leaves it exactly as it was.
          await step(context, 0, 1, 'restore');
          const r = await host.withDatabaseClosed((key) =>
            restoreBackup({
              dataDir: host.dataDir,
              backupFile: file,
              key,
              now: host.now(),
              nativeBinding: host.nativeBinding,
            }),
          );
          // The next export declares the restore (docs/export-format.md, "Restores"): tell it the backup's own
          // date, from the backup's name, so HQ reads "restored from a backup of <that day>". A file whose name
          // is not a backup's leaves the export to date it by the newest change the database holds.
          const backupOf = parseBackupName(restoredFrom)?.createdAt;
          const post = host.backend()?.services.exchange;
          if (backupOf && post?.identity.identity().role === 'post') post.exports.noteRestore(backupOf);
          context.progress({ done: 1, total: 1, phase: 'restore' });
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
    'backups.salvage': (_input, context) =>
      guard(async () => {
        await step(context, 0, 1, 'salvage');
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
          context.progress({ done: 1, total: 1, phase: 'salvage' });
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

const RESTORE_REASONS = {
  missing: 'backups.restore.missing',
  unreadable: 'backups.restore.unreadable',
  not_ours: 'backups.restore.not_ours',
  from_future: 'backups.restore.from_future',
  damaged: 'backups.restore.damaged',
  database_open: 'backups.restore.database_open',
  storage: 'backups.restore.storage',
  failed: 'backups.restore.failed',
} as const satisfies Record<RestoreProblem, MessageCode>;

/** The refusals of the backup code as answers; anything else is a bug (the dispatcher logs it). */
async function guard<T>(run: () => Result<T> | Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await run();
  } catch (error) {
    const refused = writeFailure(error);
    if (refused) return refused;
    if (error instanceof RestoreError) {
      const reason = { code: RESTORE_REASONS[error.problem] };
      switch (error.problem) {
        case 'storage':
          return failBecause('storage', reason, error.message);
        case 'missing':
          return failBecause('not_found', reason, error.message);
        case 'database_open':
        case 'from_future':
          return failBecause('conflict', reason, error.message);
        default:
          return failBecause('invalid_input', reason, error.message);
      }
    }
    if (error instanceof BackupError) return failBecause('conflict', messageRef('backups.failed'), error.message);
    if (error instanceof SalvageError)
      return failBecause('damaged', messageRef('backups.salvage_failed'), error.message);
    throw error;
  }
}

/** Lets a cancel (a message from the host) in before the next step. */
function nextStep(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Reports the step about to start, lets a cancel in, and stops if one came: nothing has changed yet. */
async function step(context: CallContext, done: number, total: number, phase: string): Promise<void> {
  context.progress({ done, total, phase });
  await nextStep();
  throwIfCancelled(context.signal);
}
