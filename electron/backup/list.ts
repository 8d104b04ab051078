import fs from 'node:fs';
import path from 'node:path';
import { hasPlaintextSqliteHeader } from '../db/file-access';
import { compareNewestFirst, parseBackupName, type BackupName } from './names';

export interface BackupInfo extends BackupName {
  readonly file: string;
  readonly fileName: string;
  readonly bytes: number;
  /**
   * False for a backup that starts with SQLite's plaintext header: one made before the database was
   * encrypted. Such a file must be removed once the encrypted database has its own backups.
   */
  readonly encrypted: boolean;
}

/**
 * The backups in a folder, newest first, read from their names and first 16 bytes (nothing is decrypted).
 * Files that are not backups, and backups still being written, are left out. A missing folder has none.
 */
export function listBackups(dir: string): BackupInfo[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const out: BackupInfo[] = [];
  for (const fileName of names) {
    const parsed = parseBackupName(fileName);
    if (!parsed) continue;
    const file = path.join(dir, fileName);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      continue; // removed while we looked
    }
    if (!stat.isFile()) continue;
    let encrypted: boolean;
    try {
      encrypted = !hasPlaintextSqliteHeader(file);
    } catch {
      continue; // removed or unreadable while we looked
    }
    out.push({ ...parsed, file, fileName, bytes: stat.size, encrypted });
  }
  return out.sort(compareNewestFirst);
}
