import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { describeStorageError } from '../db/storage-errors';

/**
 * Writes a file so that it is either complete or absent: a temporary file in the same folder, flushed to
 * disk, then renamed over the target (rename is atomic on one file system). A failure removes the temporary
 * file, so a full disk never leaves half a bundle behind. A full disk, a read-only folder or a folder we may
 * not write to is reported as a StorageError whose message says so (and that nothing was changed); its
 * `code` is the original one (ENOSPC, EROFS, EACCES...).
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
    fs.rmSync(temp, { force: true });
    throw describeStorageError(error, path.basename(target), dir) ?? error;
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
