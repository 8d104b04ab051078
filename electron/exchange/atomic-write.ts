import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

/**
 * Writes a file so that it is either complete or absent: a temporary file in the same folder, flushed to
 * disk, then renamed over the target (rename is atomic on one file system). A failure removes the temporary
 * file, so a full disk never leaves half a bundle behind.
 */
export function writeFileAtomic(target: string, data: Uint8Array | string): void {
  const dir = path.dirname(target);
  fs.mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(target)}.${randomUUID()}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(temp, 'wx', 0o600);
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temp, target);
  } catch (error) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw error;
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
