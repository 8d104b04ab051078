import fs from 'node:fs';
import path from 'node:path';

// What went wrong when the disk refused a write, said plainly. SQLite and Node report the same three
// situations with many different codes; the officer needs to know which one it is and that nothing is lost.

export type StorageProblem = 'disk_full' | 'read_only' | 'no_permission';

/** A write the disk refused. The message says what, where, and that nothing was changed. */
export class StorageError extends Error {
  /** The code of the underlying error (SQLITE_FULL, ENOSPC, EROFS...), for callers that test codes. */
  readonly code: string | undefined;
  constructor(
    readonly problem: StorageProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StorageError';
    const code = (options?.cause as { code?: unknown } | undefined)?.code;
    this.code = typeof code === 'string' ? code : undefined;
  }
}

const DISK_FULL = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT', 'EFBIG']);
const READ_ONLY = new Set(['SQLITE_READONLY', 'EROFS']);
const NO_PERMISSION = new Set(['EACCES', 'EPERM', 'SQLITE_CANTOPEN', 'SQLITE_PERM', 'SQLITE_AUTH']);

/**
 * Which of the storage problems an error from SQLite or Node's fs is, if any. Wrapped errors count by their
 * cause: openDatabase reports a file it could not even read as "not a Liaison Log database", with the
 * real reason (a read-only folder, say) as the cause.
 */
export function storageProblemOf(error: unknown): StorageProblem | undefined {
  for (let e = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const problem = ownStorageProblem(e);
    if (problem) return problem;
  }
  return undefined;
}

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  for (let e = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
  }
  return codes;
}

function ownStorageProblem(error: unknown): StorageProblem | undefined {
  if (error instanceof StorageError) return error.problem;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  // SQLite's extended codes (SQLITE_READONLY_DBMOVED, SQLITE_IOERR_WRITE...) share the primary's prefix.
  const primary = code.startsWith('SQLITE_') ? code.split('_').slice(0, 2).join('_') : code;
  if (DISK_FULL.has(primary)) return 'disk_full';
  // The error number behind an SQLite I/O error is lost; the message sometimes still has it.
  if (primary === 'SQLITE_IOERR' && /no space|disk is full|file too large/i.test(String(error))) return 'disk_full';
  if (READ_ONLY.has(primary)) return 'read_only';
  if (NO_PERMISSION.has(primary)) return 'no_permission';
  return undefined;
}

/**
 * Turns a refused write into a StorageError that names `what` was being written and `where`, or returns
 * undefined for any other error (which the caller rethrows as it is). Callers use this only where the
 * write was all-or-nothing (a transaction, an atomic file write), so "nothing was changed" is true.
 */
export function describeStorageError(error: unknown, what: string, where: string): StorageError | undefined {
  if (!storageProblemOf(error)) return undefined;
  // SQLite names a folder it cannot write to in several ways (READONLY_DIRECTORY, CANTOPEN...) and loses
  // the error number; a small real write into the folder tells a read-only disk from a permission problem.
  if (codesOf(error).some((c) => c.startsWith('SQLITE_'))) error = writeProbe(where) ?? error;
  const problem = storageProblemOf(error);
  if (!problem) return undefined;
  const message =
    problem === 'disk_full' && codesOf(error).includes('EFBIG')
      ? `The file is too large for the disk at ${where}: ${what} could not be written there. Nothing was ` +
        `changed. The file system has a size limit per file (FAT-formatted USB sticks take at most 4 GB); ` +
        `choose another place.`
      : problem === 'disk_full'
        ? `The disk is full: ${what} could not be written to ${where}. Nothing was changed; ` +
          `free some space and try again.`
        : problem === 'read_only'
          ? `${where} is read-only: ${what} could not be written there. Nothing was changed. ` +
            `Check that the disk is not write-protected or mounted read-only.`
          : `Liaison Log may not write to ${where}, so ${what} could not be written. Nothing was changed. ` +
            `Check the folder's permissions.`;
  return new StorageError(problem, message, { cause: error });
}

/** Tries to create (and removes) a small file in `dir`: the error if the folder refuses it, else undefined. */
function writeProbe(dir: string): unknown {
  const probe = path.join(dir, `.liaison-log-write-probe-${process.pid}`);
  try {
    if (!fs.statSync(dir).isDirectory()) return undefined;
    fs.writeFileSync(probe, 'probe', { flag: 'wx' });
    fs.rmSync(probe, { force: true });
    return undefined;
  } catch (error) {
    const code = (error as { code?: string }).code;
    return code === 'EEXIST' || code === 'ENOENT' || code === 'ENOTDIR' ? undefined : error;
  }
}

/** describeStorageError, or the original error: for a catch block that rethrows either way. */
export function withStorageMessage(error: unknown, what: string, where: string): unknown {
  return describeStorageError(error, what, where) ?? error;
}
