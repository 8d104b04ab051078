import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../../electron/backend/create-backend';
import { DATABASE_FILE, isPlaintextDatabase, openDatabase } from '../../../electron/db/open';
import { encryptPlaintextDatabase, UPGRADE_SUFFIX, UpgradeError } from '../../../electron/vault/plaintext-upgrade';
import { validRequestInput } from '../helpers/backend';
import { dumpDatabase } from '../helpers/db-dump';
import { sha256File } from '../helpers/files';
import { listDir, useTempDirs } from '../helpers/temp-dir';

const MARKER = 'PLAIN-MARKER-91d2';

describe('encrypting a plaintext database in place', () => {
  const tempDir = useTempDirs();

  async function plaintextFolder(): Promise<string> {
    const dir = tempDir();
    const b = createBackend({ dataDir: dir, log: () => undefined });
    for (let i = 0; i < 40; i++) await b.invoke('requests.create', validRequestInput({ subject: `${MARKER} ${i}` }));
    b.close();
    return dir;
  }

  function dumpWith(file: string, key?: Buffer) {
    const db = openDatabase(file, key ? { key } : {});
    try {
      return dumpDatabase(db);
    } finally {
      db.close();
    }
  }

  it('keeps every row, leaves no plaintext, and the file opens only with the key', async () => {
    const dir = await plaintextFolder();
    const file = path.join(dir, DATABASE_FILE);
    const before = dumpWith(file);
    expect(isPlaintextDatabase(file)).toBe(true);
    const key = randomBytes(32);
    encryptPlaintextDatabase(file, key);
    expect(isPlaintextDatabase(file)).toBe(false);
    expect(fs.readFileSync(file).includes(MARKER)).toBe(false);
    expect(listDir(dir)).toEqual([DATABASE_FILE]);
    expect(dumpWith(file, key)).toEqual(before);
    const raw = new Sqlite(file, { readonly: true });
    try {
      expect(() => raw.prepare('SELECT count(*) FROM record').get()).toThrow(/file is not a database/);
    } finally {
      raw.close();
    }
  });

  it('a copy left by an interrupted attempt is replaced', async () => {
    const dir = await plaintextFolder();
    const file = path.join(dir, DATABASE_FILE);
    fs.writeFileSync(file + UPGRADE_SUFFIX, 'half a copy');
    const key = randomBytes(32);
    encryptPlaintextDatabase(file, key);
    expect(listDir(dir)).toEqual([DATABASE_FILE]);
    expect(dumpWith(file, key).tables['record']).toHaveLength(40);
  });

  it('a failure leaves the original exactly as it was', async () => {
    const dir = await plaintextFolder();
    const file = path.join(dir, DATABASE_FILE);
    const before = sha256File(file);
    // The copy cannot be written: a folder stands where it would go.
    fs.mkdirSync(file + UPGRADE_SUFFIX);
    fs.writeFileSync(path.join(file + UPGRADE_SUFFIX, 'occupied'), 'x');
    expect(() => encryptPlaintextDatabase(file, randomBytes(32))).toThrow(UpgradeError);
    expect(sha256File(file)).toBe(before);
    expect(isPlaintextDatabase(file)).toBe(true);
  });

  it('refuses while another connection has the database open (it would go on writing to the old file)', async () => {
    const dir = await plaintextFolder();
    const file = path.join(dir, DATABASE_FILE);
    const other = openDatabase(file);
    try {
      const before = dumpDatabase(other);
      expect(() => encryptPlaintextDatabase(file, randomBytes(32))).toThrow(/open in another program/);
      expect(isPlaintextDatabase(file)).toBe(true);
      expect(dumpDatabase(other)).toEqual(before);
    } finally {
      other.close();
    }
    expect(listDir(dir)).toEqual([DATABASE_FILE]);
  });

  it('refuses a file that is not plaintext, or not ours, and changes nothing', () => {
    const dir = tempDir();
    const foreign = path.join(dir, 'foreign.db');
    const db = new Sqlite(foreign);
    db.exec("CREATE TABLE photos (name TEXT); INSERT INTO photos VALUES ('holiday')");
    db.close();
    const before = sha256File(foreign);
    expect(() => encryptPlaintextDatabase(foreign, randomBytes(32))).toThrow(/not a Liaison Log database/);
    expect(sha256File(foreign)).toBe(before);
    const noise = path.join(dir, 'noise.db');
    fs.writeFileSync(noise, randomBytes(8192));
    expect(() => encryptPlaintextDatabase(noise, randomBytes(32))).toThrow(/not an unencrypted SQLite database/);
  });
});
