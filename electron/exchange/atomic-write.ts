import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { englishText, messageRef, type MessageRef } from '../../shared/contract/messages';
import { describeStorageError } from '../db/storage-errors';

/**
 * A write refused for a reason the officer can fix by choosing another place, other than the disk's own
 * (full, read-only, no permission: those are StorageErrors): a file where a folder should be, a folder that
 * does not exist and cannot be made, a folder where the file should be. Nothing was written.
 */
export class FileWriteError extends Error {
  /** The underlying error's code (ENOTDIR, ENOENT, EISDIR...). */
  readonly code: string | undefined;
  constructor(
    readonly ref: MessageRef,
    options?: { cause?: unknown },
  ) {
    super(englishText(ref), options);
    this.name = 'FileWriteError';
    const code = (options?.cause as { code?: unknown } | undefined)?.code;
    this.code = typeof code === 'string' ? code : undefined;
  }
}

/**
 * A refused write, said as the officer can act on it: a StorageError (full, read-only, no permission), a
 * FileWriteError (wrong kind of place, missing folder, anything else the file system refused), or the error
 * itself when it is not the file system's (a bug).
 */
export function describeWriteError(error: unknown, target: string): unknown {
  const dir = path.dirname(target);
  const file = path.basename(target);
  const storage = describeStorageError(error, file, dir);
  if (storage) return storage;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return error;
  if (code === 'EISDIR' || isFolder(target)) {
    return new FileWriteError(messageRef('file.write.is_a_folder', { target }), { cause: error });
  }
  const notAFolder = firstNonFolder(dir);
  if (code === 'ENOTDIR' || code === 'EEXIST' || notAFolder) {
    return new FileWriteError(messageRef('file.write.not_a_folder', { folder: notAFolder ?? dir, file }), {
      cause: error,
    });
  }
  if (code === 'ENOENT' && !isFolder(dir)) {
    return new FileWriteError(messageRef('file.write.no_such_folder', { folder: dir, file }), { cause: error });
  }
  return new FileWriteError(messageRef('file.write.failed', { file, folder: dir, error: code }), { cause: error });
}

function isFolder(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The nearest existing ancestor of `dir` (or `dir` itself) if it is not a folder, else undefined. */
function firstNonFolder(dir: string): string | undefined {
  for (let p = dir; ; p = path.dirname(p)) {
    try {
      return fs.statSync(p).isDirectory() ? undefined : p;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return undefined;
    }
    if (path.dirname(p) === p) return undefined;
  }
}

/** Removes a temporary file after a failed write; its own failure never hides the write's. */
export function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    /* the folder itself is unusable (not a folder, gone): there is no temporary file to remove */
  }
}

/**
 * Writes a file so that it is either complete or absent: a temporary file in the same folder, flushed to
 * disk, then renamed over the target (rename is atomic on one file system). A failure removes the temporary
 * file, so a full disk never leaves half a bundle behind. A full disk, a read-only folder or a folder we may
 * not write to is reported as a StorageError whose message says so (and that nothing was changed); its
 * `code` is the original one (ENOSPC, EROFS, EACCES...). A place that cannot hold the file (a file where a
 * folder should be, /proc, a folder named as the file) is a FileWriteError that says which. The file is
 * readable by its owner only (0600): exports, key files and reports hold what the data folder protects.
 */
export function writeFileAtomic(target: string, data: Uint8Array | string): void {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${randomUUID()}.tmp`);
  let fd: number | undefined;
  try {
    fs.mkdirSync(dir, { recursive: true });
    fd = fs.openSync(temp, 'wx', 0o600);
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temp, target);
  } catch (error) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        /* the write already failed; the temporary file is removed below either way */
      }
    }
    removeQuietly(temp);
    throw describeWriteError(error, target);
  }
  try {
    // Make the rename itself durable. Not every platform can open a directory; that is not an error.
    const dirFd = fs.openSync(dir, 'r');
    fs.fsyncSync(dirFd);
    fs.closeSync(dirFd);
  } catch {
    /* best effort */
  }
}
