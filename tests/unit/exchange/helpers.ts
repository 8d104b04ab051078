import { settleDashboards } from '../../../electron/reports/dashboard-batch';
import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Decrypter, Encrypter } from 'age-encryption';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { afterAll, expect } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/create-backend';
import { generateDemo } from '../../../electron/demo/generate';
import { openedContent, savedContent } from '../../../electron/files/trusted';
import type { RecordKind } from '../../../shared/records/kinds';
import type { BundlePayload, Envelope } from '../../../shared/exchange/formats';
import type { ExportEntry, ImportReport } from '../../../shared/exchange/schema';
import { dumpDatabase, type DatabaseDump } from '../helpers/db-dump';
import { makeTempDir, removeTempDir } from '../helpers/temp-dir';

// Helpers for the exchange tests: real backends (post and HQ) on real SQLite files. A test suite sets up
// its installations once (keys, enrolment, demo data) as templates, then every test works on fresh copies
// of those folders, so tests stay independent without paying for key generation and demo data each time.

export const SIGNATURE_CONTEXT = 'liaison-log-bundle-v1\n';
export const DEMO_UNTIL = new Date('2026-06-30T12:00:00Z');
/** Covers every demo record (the demo spreads activity over the 548 days before DEMO_UNTIL). */
export const WHOLE_PERIOD = { from: '2024-12-01', to: '2026-06-30' } as const;

/** Answers from the backend, unwrapped: a failed answer fails the test with its message. */
export async function ok<T>(answer: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>) {
  const r = await answer;
  if (!r.ok) expect.fail(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value;
}

export interface Installations {
  /** A template installation, set up once per file; `seal()` closes every template so they can be copied. */
  make(name: string): Backend;
  seal(): void;
  /** A fresh backend on a copy of a sealed template (closed and removed after the file). */
  open(template: string): Backend;
  /** A backend on a new, empty folder, optionally with its own clock. */
  fresh(now?: () => Date): Backend;
  /** A temp folder removed after the file. */
  dir(): string;
  /** Internal errors any backend logged (a crash inside a handler lands here, not in the test). */
  readonly logged: unknown[];
}

/** Templates and their copies, for one test file. Everything is closed and removed after the file. */
export function useInstallations(): Installations {
  const root = makeTempDir('liaison-log-exchange-');
  const opened: Backend[] = [];
  const templates: Backend[] = [];
  let n = 0;
  afterAll(() => {
    for (const b of [...templates, ...opened]) if (b.db.open) b.close();
    removeTempDir(root);
  });
  const logged: unknown[] = [];
  const start = (dataDir: string, now?: () => Date) =>
    createBackend({ dataDir, ...(now ? { now } : {}), log: (_message, error) => logged.push(error) });
  return {
    logged,
    make(name) {
      const backend = start(path.join(root, `template-${name}`));
      templates.push(backend);
      return backend;
    },
    seal() {
      for (const b of templates) if (b.db.open) b.close();
    },
    open(template) {
      const dataDir = path.join(root, `${template}-${++n}`);
      fs.cpSync(path.join(root, `template-${template}`), dataDir, { recursive: true });
      const backend = start(dataDir);
      opened.push(backend);
      return backend;
    },
    fresh(now) {
      const backend = start(path.join(root, `fresh-${++n}`), now);
      opened.push(backend);
      return backend;
    },
    dir() {
      const d = path.join(root, `dir-${++n}`);
      fs.mkdirSync(d);
      return d;
    },
  };
}

export async function initHq(hq: Backend, hqName = 'Headquarters'): Promise<void> {
  await ok(hq.call('identity.init', { role: 'hq', hqName }));
}

export async function initPost(post: Backend, postId: string, country = 'CO'): Promise<void> {
  await ok(
    post.call('identity.init', { role: 'post', postId, postName: `Post ${postId}`, officer: 'J. de Vries', country }),
  );
}

/** The post trusts HQ's current key file; HQ enrols the post's signing key. */
export async function pair(post: Backend, hq: Backend): Promise<void> {
  const keyFile = await ok(savedContent(hq.invoke, 'keys.saveHqKeyFile', {}));
  await ok(openedContent(post.invoke, 'keys.importHq', {}, keyFile));
  const enrolment = await ok(savedContent(post.invoke, 'keys.saveEnrolmentFile', {}));
  await ok(openedContent(hq.invoke, 'posts.enrol', {}, enrolment));
}

export async function trustHqKeys(post: Backend, hq: Backend): Promise<void> {
  const keyFile = await ok(savedContent(hq.invoke, 'keys.saveHqKeyFile', {}));
  await ok(openedContent(post.invoke, 'keys.importHq', {}, keyFile));
}

export function demo(post: Backend, records: number, seed: number) {
  return generateDemo(post.db, post.services.store, { records, seed, until: DEMO_UNTIL });
}

export async function exportBundle(
  post: Backend,
  level: 'aggregate' | 'pseudonymised' | 'full',
  period: { from: string; to: string } = WHOLE_PERIOD,
): Promise<{ entry: ExportEntry; bytes: Buffer }> {
  const entry = await ok(post.call('exports.create', { ...period, level }));
  return { entry, bytes: fs.readFileSync(entry.path) };
}

export async function importFiles(
  hq: Backend,
  files: { name: string; bytes: Uint8Array }[],
  dryRun = false,
): Promise<ImportReport> {
  return ok(
    hq.call('imports.run', {
      files: files.map((f) => ({ name: f.name, bytes: f.bytes })),
      dryRun,
    }),
  );
}

/** A backend, or an encrypted data folder's database opened with its key (helpers/session.ts). */
type WithDatabase = { readonly db: Pick<Database, 'prepare'> };

/** HQ's age identities, read from its database (what an administrator would do in an emergency). */
export function hqSecrets(hq: WithDatabase): string[] {
  return (
    hq.db.prepare("SELECT private_key FROM own_key WHERE purpose = 'hq_encryption' ORDER BY created_at").all() as {
      private_key: string;
    }[]
  ).map((r) => r.private_key);
}

export async function decryptWith(bytes: Uint8Array, ...identities: string[]): Promise<string> {
  const d = new Decrypter();
  for (const i of identities) d.addIdentity(i);
  return d.decrypt(bytes, 'text');
}

export async function encryptTo(plaintext: string | Uint8Array, ...recipients: string[]): Promise<Uint8Array> {
  const e = new Encrypter();
  for (const r of recipients) e.addRecipient(r);
  return e.encrypt(plaintext);
}

export function hqRecipients(hq: WithDatabase): string[] {
  return (
    hq.db.prepare("SELECT public_key FROM own_key WHERE purpose = 'hq_encryption' AND retired_at IS NULL").all() as {
      public_key: string;
    }[]
  ).map((r) => r.public_key);
}

export interface Opened {
  envelope: Envelope;
  payload: BundlePayload;
}

export function parseEnvelope(text: string): Opened {
  const envelope = JSON.parse(text) as Envelope;
  return { envelope, payload: JSON.parse(envelope.payload) as BundlePayload };
}

/** The post's real signing key, from its database. */
export function postSigningKey(post: WithDatabase): { keyId: string; privateKey: KeyObject } {
  const row = post.db
    .prepare("SELECT key_id, private_key FROM own_key WHERE purpose = 'signing' AND retired_at IS NULL")
    .get() as { key_id: string; private_key: string };
  return {
    keyId: row.key_id,
    privateKey: createPrivateKey({ key: Buffer.from(row.private_key, 'base64'), format: 'der', type: 'pkcs8' }),
  };
}

export function strangerKey(): KeyObject {
  return generateKeyPairSync('ed25519').privateKey;
}

/** A new envelope around `payloadText`, signed as documented (context string, then payload, UTF-8). */
export function signEnvelope(payloadText: string, keyId: string, privateKey: KeyObject, formatVersion = 1): string {
  const signature = sign(null, Buffer.from(SIGNATURE_CONTEXT + payloadText, 'utf8'), privateKey);
  return JSON.stringify({
    format: 'liaison-log-bundle',
    formatVersion,
    payload: payloadText,
    signature: { algorithm: 'Ed25519', keyId, value: signature.toString('base64') },
  });
}

export interface RecordRow {
  id: string;
  kind: RecordKind;
  revision: number;
  data: string;
  title: string;
  occurred_at: string | null;
  country: string | null;
  channel: string | null;
  status: string | null;
  direction: string | null;
  due_at: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  origin_post: string | null;
}

export function recordRows(backend: Backend, where = '1 = 1'): RecordRow[] {
  return backend.db
    .prepare(
      `SELECT id, kind, revision, data, title, occurred_at, country, channel, status, direction, due_at, created_at,
        updated_at, deleted_at, origin_post FROM record WHERE ${where} ORDER BY id`,
    )
    .all() as RecordRow[];
}

/** Changes one field of a stored record at the post, through the store (a new revision). */
export function editRecord(post: Backend, id: string, change: Record<string, unknown>): void {
  const row = post.db.prepare('SELECT kind, revision, data FROM record WHERE id = ?').get(id) as {
    kind: RecordKind;
    revision: number;
    data: string;
  };
  post.services.store.update(row.kind, id, row.revision, {
    ...(JSON.parse(row.data) as Record<string, unknown>),
    ...change,
  });
}

export function dump(backend: Backend): DatabaseDump {
  // As readers see it: records an import wrote are counted into the dashboards first, not by the backend's
  // catch-up between two dumps.
  settleDashboards(backend.db);
  return dumpDatabase(backend.db);
}

/** The tables that hold records and what hangs off them (not the bundle log). */
export function recordTables(d: DatabaseDump): Record<string, unknown[]> {
  return Object.fromEntries(
    Object.entries(d.tables).filter(([name]) => name === 'audit_entry' || name.startsWith('record')),
  );
}
