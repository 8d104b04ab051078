import { createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Backend } from '../../../electron/backend/create-backend';
import { signConfig } from '../../../electron/network-config/keys';
import { createNetworkConfig } from '../../../electron/network-config/service';
import type { MessageCode } from '../../../shared/contract/messages';
import type { ConfigDraft, ConfigEnvelope, ConfigPayload } from '../../../shared/network-config/schema';
import { dumpDatabase } from '../helpers/db-dump';
import { afterAll } from 'vitest';
import { createBackend } from '../../../electron/backend/create-backend';
import { initHq, initPost, ok, trustHqKeys } from '../exchange/helpers';
import { makeTempDir, removeTempDir } from '../helpers/temp-dir';

// Helpers for the network configuration tests: a real HQ and a real post on real SQLite files, HQ's published
// files read back as bytes, and checks that a refusal changed nothing at the post.

export interface Installations {
  make(name: string): Backend;
  seal(): void;
  /** A fresh backend on a copy of a sealed template, on its own clock if given. */
  open(template: string, now?: () => Date): Backend;
  dir(): string;
}

/** Templates and their copies for one test file, closed and removed after it (as tests/unit/exchange does). */
export function useInstallations(): Installations {
  const root = makeTempDir('liaison-log-config-');
  const all: Backend[] = [];
  let n = 0;
  afterAll(() => {
    for (const b of all) if (b.db.open) b.close();
    removeTempDir(root);
  });
  const start = (dataDir: string, now?: () => Date) => {
    const b = createBackend({ dataDir, ...(now ? { now } : {}) });
    all.push(b);
    return b;
  };
  return {
    make: (name) => start(path.join(root, `template-${name}`)),
    seal() {
      for (const b of all) if (b.db.open) b.close();
    },
    open(template, now) {
      const dataDir = path.join(root, `${template}-${++n}`);
      fs.cpSync(path.join(root, `template-${template}`), dataDir, { recursive: true });
      return start(dataDir, now);
    },
    dir() {
      const d = path.join(root, `dir-${++n}`);
      fs.mkdirSync(d);
      return d;
    },
  };
}

/** A clock a test can move. */
export function movableClock(start = new Date()): { now: () => Date; set: (d: Date) => void } {
  let at = start;
  return { now: () => at, set: (d) => (at = d) };
}

export interface Network {
  hq: Backend;
  post: Backend;
  /** HQ publishes the next version (draft defaults filled in) and the file's bytes come back. */
  publish(draft?: Partial<ConfigDraft>, rotateSigningKey?: boolean): Buffer;
  dir: string;
}

/** HQ publishing into `dir`, on its own clock. */
function publisher(hq: Backend, dir: string, now: () => Date = () => new Date()) {
  let n = 0;
  return (draft?: Partial<ConfigDraft>, rotateSigningKey = false): Buffer => {
    const config = createNetworkConfig(hq.db, { now, dataDir: dir });
    const out = path.join(dir, `config-${++n}.llconfig`);
    config.publish({
      draft: draft === undefined ? undefined : ({ ...draft } as ConfigDraft),
      rotateSigningKey,
      out,
    });
    return fs.readFileSync(out);
  };
}

/**
 * Templates set up once per file (key generation and migrations are slow on a busy machine): `hq` and `post`
 * (which trusts hq's key file, signing key included), `other-hq`, and `bare-post` (trusts no HQ signing key).
 */
export async function makeTemplates(installations: Installations): Promise<void> {
  const hq = installations.make('hq');
  const post = installations.make('post');
  const other = installations.make('other-hq');
  const bare = installations.make('bare-post');
  await initHq(hq, 'Headquarters');
  await initHq(other, 'Another HQ');
  await initPost(post, 'BOG');
  await initPost(bare, 'LIM', 'PE');
  await trustHqKeys(post, hq);
  installations.seal();
}

/** A fresh copy of the HQ and post templates (post on `postNow`, HQ publishing on `hqNow`). */
export function network(
  installations: Installations,
  options: { postNow?: () => Date; hqNow?: () => Date; hq?: string; post?: string } = {},
): Network {
  const hq = installations.open(options.hq ?? 'hq');
  const post = installations.open(options.post ?? 'post', options.postNow);
  // (HQ's own clock matters only for publishing: `hqNow`.)
  const dir = installations.dir();
  return { hq, post, dir, publish: publisher(hq, dir, options.hqNow) };
}

export function envelopeOf(bytes: Uint8Array): ConfigEnvelope {
  return JSON.parse(Buffer.from(bytes).toString('utf8')) as ConfigEnvelope;
}

export function payloadOf(bytes: Uint8Array): ConfigPayload {
  return JSON.parse(envelopeOf(bytes).payload) as ConfigPayload;
}

/** HQ's current signing private key, to sign a hand-made payload as HQ would. */
export function hqPrivateKey(hq: Backend) {
  const row = hq.db
    .prepare<[], { private_key: string; key_id: string }>(
      'SELECT private_key, key_id FROM config_signing_key WHERE retired_at IS NULL',
    )
    .get();
  if (!row) throw new Error('HQ has no signing key');
  return {
    keyId: row.key_id,
    key: createPrivateKey({ key: Buffer.from(row.private_key, 'base64'), format: 'der', type: 'pkcs8' }),
  };
}

/** An envelope around `payload` (text), signed by HQ's current key, as bytes. */
export function resigned(hq: Backend, payload: string): Buffer {
  const { keyId, key } = hqPrivateKey(hq);
  const envelope: ConfigEnvelope = {
    format: 'liaison-log-config',
    formatVersion: 1,
    payload,
    signatures: [{ algorithm: 'Ed25519', keyId, value: signConfig(payload, key) }],
  };
  return Buffer.from(`${JSON.stringify(envelope, null, 2)}\n`, 'utf8');
}

/** Applies `bytes` at the post and expects the refusal `code`, with the post's database unchanged. */
export async function expectRefused(post: Backend, bytes: Uint8Array, code: MessageCode, dryRun = false) {
  const before = dumpDatabase(post.db);
  const r = await post.call('networkConfig.apply', { bytes: new Uint8Array(bytes), dryRun });
  expect(r.ok, `expected a refusal ${code}`).toBe(false);
  if (r.ok) return;
  expect(r.error.reason?.code).toBe(code);
  expect(dumpDatabase(post.db)).toEqual(before);
  return r.error;
}

export async function apply(post: Backend, bytes: Uint8Array, dryRun = false) {
  return ok(post.call('networkConfig.apply', { bytes: new Uint8Array(bytes), dryRun }));
}
