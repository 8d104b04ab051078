import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { messageRef } from '../../shared/contract/messages';
import { failBecause, failWith, type Result } from '../../shared/contract/result';
import type { SavedFile } from '../../shared/contract/file-dialogs';
import type { CallContext } from '../backend/dispatch';
import { fsyncDir, fsyncFile } from '../db/file-access';
import { StorageError } from '../db/storage-errors';
import { describeWriteError, FileWriteError, removeQuietly, writeFileAtomic } from '../exchange/atomic-write';

// The backend's side of the files the officer chose in the host's dialogs (electron/files/dialogs.ts): the
// path granted to one call, written through a temporary file and a rename (complete or absent, never half a
// file), copied by the kernel (fs.copyFile: a multi-GB backup is never read into memory), or read after its
// size was checked.

/** The answer when a call that needs a chosen file got none: the host skipped its dialog (a bug, not the officer). */
export function noFileChosen(channel: string): Result<never> {
  return failWith('forbidden', messageRef('files.no_file_chosen', { channel }));
}

const STORAGE_REASONS = {
  disk_full: 'storage.disk_full',
  read_only: 'storage.read_only',
  no_permission: 'storage.no_permission',
} as const;

/**
 * A write the disk refused, as an answer: `message` names what and where (storage-errors.ts words it), `reason`
 * says which problem by stable code for the window to translate.
 */
export function storageFailure(error: StorageError): Result<never> {
  const code = error.code === 'EFBIG' ? 'storage.file_too_large' : STORAGE_REASONS[error.problem];
  return failBecause('storage', { code }, error.message);
}

/** A refused write of either kind (the disk's, or a place that cannot hold the file), or undefined. */
export function writeFailure(error: unknown): Result<never> | undefined {
  if (error instanceof StorageError) return storageFailure(error);
  if (error instanceof FileWriteError) return failWith('storage', error.ref);
  return undefined;
}

/** The path the officer chose in the host's save dialog for this call, or undefined. */
export function grantedSave(context: CallContext): string | undefined {
  const target = context.files.save;
  return typeof target === 'string' && path.isAbsolute(target) ? target : undefined;
}

/** The paths the officer chose in the host's open dialog for this call (absolute paths only). */
export function grantedOpen(context: CallContext): string[] {
  return (context.files.open ?? []).filter((p) => typeof p === 'string' && path.isAbsolute(p));
}

/** Writes bytes or text to the chosen path, atomically; says what was written. */
export function saveBytes(target: string, data: Uint8Array | string): SavedFile {
  writeFileAtomic(target, data);
  return { savedTo: target, bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength };
}

/**
 * Copies `source` to `target` without reading it into memory (fs.copyFile lets the kernel copy it), through
 * a temporary file in the target's folder that is flushed and then renamed: the target is complete or absent.
 * A refused write (full disk, read-only, no permission, a file too large for a FAT stick) is a StorageError
 * that says so; nothing is left behind.
 */
export async function copyFileAtomic(source: string, target: string): Promise<SavedFile> {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${randomUUID()}.tmp`);
  try {
    await fs.promises.copyFile(source, temp, fs.constants.COPYFILE_EXCL);
    await fs.promises.chmod(temp, 0o600).catch(() => undefined);
    fsyncFile(temp);
    await fs.promises.rename(temp, target);
  } catch (error) {
    removeQuietly(temp);
    throw describeWriteError(error, target);
  }
  fsyncDir(dir);
  return { savedTo: target, bytes: (await fs.promises.stat(target)).size };
}

export class FileTooLargeError extends Error {
  constructor(
    readonly file: string,
    readonly size: number,
    readonly limit: number,
  ) {
    super(`${path.basename(file)} is ${size} bytes; the limit is ${limit}.`);
    this.name = 'FileTooLargeError';
  }
}

/** Reads a chosen file after checking its size on stat, so an oversized one is never read into memory. */
export async function readGrantedFile(file: string, limit: number): Promise<Buffer> {
  const stat = await fs.promises.stat(file);
  if (!stat.isFile()) throw Object.assign(new Error(`${path.basename(file)} is not a file.`), { code: 'EISDIR' });
  if (stat.size > limit) throw new FileTooLargeError(file, stat.size, limit);
  const bytes = await fs.promises.readFile(file);
  // The file grew between stat and read: still refuse it.
  if (bytes.byteLength > limit) throw new FileTooLargeError(file, bytes.byteLength, limit);
  return bytes;
}
