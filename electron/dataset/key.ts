import { createHmac, randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { PSEUDONYM_LENGTH } from '../../shared/dataset/columns';

// The dataset key: 256 random bits, made at the first export and kept in this installation's (encrypted)
// database, in the `setting` table under its own name (the settings repository reads only the keys it knows,
// so the key never reaches the window). Every dataset this installation makes pseudonymises with it, so a
// record has the same pseudonym in all of them; another installation (another HQ, a post) has its own key.

export const DATASET_KEY_SETTING = 'evaluationDatasetKey';

/** This installation's dataset key, made (once) if there is none yet. */
export function datasetKey(db: Database): Buffer {
  const read = () =>
    db.prepare<[string], { value: string }>('SELECT value FROM setting WHERE key = ?').get(DATASET_KEY_SETTING);
  const stored = read();
  if (stored) {
    const key = Buffer.from(JSON.parse(stored.value) as string, 'base64');
    if (key.length === 32) return key;
    throw new Error('The evaluation dataset key in this database is damaged (not 32 bytes).');
  }
  db.prepare('INSERT OR IGNORE INTO setting (key, value) VALUES (?, ?)').run(
    DATASET_KEY_SETTING,
    JSON.stringify(randomBytes(32).toString('base64')),
  );
  return datasetKey(db);
}

/**
 * The pseudonym of a record (or a post): the first PSEUDONYM_LENGTH hex digits of HMAC-SHA-256 under the key,
 * of the kind, a zero byte and the id. The kind keeps a post named like a record id apart from the record.
 */
export function pseudonymizer(key: Buffer): (kind: string, id: string) => string {
  return (kind, id) =>
    createHmac('sha256', key).update(`${kind}\u0000${id}`, 'utf8').digest('hex').slice(0, PSEUDONYM_LENGTH);
}
