import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import {
  ENROLMENT_FORMAT,
  EnrolmentFile,
  HQ_KEY_FORMAT,
  HqKeyFile,
  type HqRecipient,
} from '../../shared/exchange/formats';
import type { z } from 'zod';
import { englishText, messageRef, type MessageRef } from '../../shared/contract/messages';
import type { Identity, InitInput } from '../../shared/exchange/schema';
import { fingerprint } from './fingerprint';
// HQ's configuration signing key (issue 13, item 4): kept in electron/network-config/, carried by the HQ key file.
import { ensureHqSigningKey, pinSigner, signingKeyConsistent } from '../network-config/keys';

// Who this installation is, and its keys. A post signs with Ed25519 (node:crypto); HQ decrypts with age
// X25519 identities (age-encryption). Private keys stay in the database; nothing here writes them anywhere
// else, and the database is what the protection-at-rest work encrypts.

interface InstallationRow {
  installation_id: string;
  role: 'post' | 'hq' | null;
  post_id: string | null;
  post_name: string;
  officer: string;
  country: string | null;
  hq_name: string;
}

interface KeyRow {
  key_id: string;
  purpose: 'signing' | 'hq_encryption';
  public_key: string;
  private_key: string;
  label: string;
  created_at: string;
  retired_at: string | null;
}

/** An exchange refusal the officer can act on: `code` its family, `ref` the message by stable code. */
export class ExchangeError extends Error {
  constructor(
    readonly code:
      | 'not_set_up'
      | 'wrong_role'
      | 'already_set_up'
      | 'invalid_file'
      | 'no_hq_key'
      | 'revoked'
      | 'not_found'
      | 'conflict',
    readonly ref: MessageRef,
  ) {
    super(englishText(ref));
    this.name = 'ExchangeError';
  }
}

/** The raw 32-byte Ed25519 public key inside Node's SPKI encoding. */
export function rawEd25519(publicKey: KeyObject): Buffer {
  return publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
}

export function ed25519FromRaw(raw: Buffer): KeyObject {
  const spkiPrefix = Buffer.from('302a300506032b6570032100', 'hex');
  return createPublicKey({ key: Buffer.concat([spkiPrefix, raw]), format: 'der', type: 'spki' });
}

export function recipientFingerprint(recipient: string): string {
  return fingerprint(recipient);
}

/**
 * Refuses a recipient age cannot encrypt to, by encrypting nothing to it. The file's schema checks only the
 * shape and the fingerprint only that the file agrees with itself: a key file "re-signed" around a recipient
 * whose bech32 checksum is wrong, or around a low-order X25519 point, was trusted, and from then on every
 * export of the post failed with an internal error (found by tests/unit/exchange/file-readers-fuzz.test.ts).
 */
async function refuseUnusableRecipient(r: HqRecipient): Promise<void> {
  try {
    const trial = new Encrypter();
    trial.addRecipient(r.recipient);
    await trial.encrypt(new Uint8Array(0));
  } catch {
    throw new ExchangeError(
      'invalid_file',
      messageRef('exchange.invalid_file.unusable_key', { label: r.label, fingerprint: r.fingerprint }),
    );
  }
}

export function createIdentityService(db: Database, now: () => Date) {
  const installation = db.prepare<[], InstallationRow>('SELECT * FROM installation WHERE singleton = 1');
  const keys = db.prepare<[string], KeyRow>('SELECT * FROM own_key WHERE purpose = ? ORDER BY created_at DESC');
  const trusted = db.prepare<
    [],
    { fingerprint: string; recipient: string; label: string; imported_at: string; retired_at: string | null }
  >('SELECT * FROM trusted_hq_key ORDER BY imported_at DESC');

  function row(): InstallationRow {
    const r = installation.get();
    if (!r) throw new Error('The installation row is missing.');
    return r;
  }

  function require(role: 'post' | 'hq'): InstallationRow {
    const r = row();
    if (r.role === null) throw new ExchangeError('not_set_up', messageRef('exchange.not_set_up'));
    if (r.role !== role) {
      throw new ExchangeError(
        'wrong_role',
        messageRef(r.role === 'hq' ? 'exchange.wrong_role.hq' : 'exchange.wrong_role.post'),
      );
    }
    return r;
  }

  function signingKey(): { keyId: string; privateKey: KeyObject; publicRaw: Buffer } {
    const k = keys.all('signing').find((x) => x.retired_at === null);
    if (!k) throw new ExchangeError('not_set_up', messageRef('exchange.no_signing_key'));
    return {
      keyId: k.key_id,
      privateKey: createPrivateKey({ key: Buffer.from(k.private_key, 'base64'), format: 'der', type: 'pkcs8' }),
      publicRaw: Buffer.from(k.public_key, 'base64'),
    };
  }

  function insertKey(k: Omit<KeyRow, 'retired_at'>): void {
    db.prepare(
      'INSERT INTO own_key (key_id, purpose, public_key, private_key, label, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(k.key_id, k.purpose, k.public_key, k.private_key, k.label, k.created_at);
  }

  function newSigningKey(): void {
    const pair = generateKeyPairSync('ed25519');
    const raw = rawEd25519(pair.publicKey);
    insertKey({
      key_id: fingerprint(raw),
      purpose: 'signing',
      public_key: raw.toString('base64'),
      private_key: pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
      label: '',
      created_at: now().toISOString(),
    });
  }

  async function newHqKey(label: string): Promise<string> {
    const secret = await generateX25519Identity();
    const recipient = await identityToRecipient(secret);
    const keyId = recipientFingerprint(recipient);
    insertKey({
      key_id: keyId,
      purpose: 'hq_encryption',
      public_key: recipient,
      private_key: secret,
      label,
      created_at: now().toISOString(),
    });
    return keyId;
  }

  function identity(): Identity {
    const r = row();
    const signing = r.role === 'post' ? keys.all('signing').find((k) => k.retired_at === null) : undefined;
    const hqKeys =
      r.role === 'hq'
        ? keys.all('hq_encryption').map((k) => ({
            recipient: k.public_key,
            fingerprint: k.key_id,
            label: k.label,
            createdAt: k.created_at,
            retired: k.retired_at !== null,
          }))
        : trusted.all().map((k) => ({
            recipient: k.recipient,
            fingerprint: k.fingerprint,
            label: k.label,
            createdAt: k.imported_at,
            retired: k.retired_at !== null,
          }));
    return {
      role: r.role,
      installationId: r.installation_id,
      postId: r.post_id,
      postName: r.post_name,
      officer: r.officer,
      hqName: r.hq_name,
      signingKeyId: signing?.key_id ?? null,
      hqKeys,
    };
  }

  const enrolledKey = db.prepare<[string], { key_id: string; post_id: string; revoked_at: string | null }>(
    'SELECT key_id, post_id, revoked_at FROM enrolled_key WHERE key_id = ?',
  );
  const lastEvent = db.prepare<[string, string], { at: string; by: string; reason: string }>(
    'SELECT at, by, reason FROM key_event WHERE key_id = ? AND action = ? ORDER BY seq DESC LIMIT 1',
  );
  const addEvent = db.prepare(
    'INSERT INTO key_event (key_id, post_id, action, at, by, reason) VALUES (?, ?, ?, ?, ?, ?)',
  );

  /** The revocation in force for a post key (who, when, why), or undefined. */
  function currentRevocation(keyId: string): { postId: string; at: string; by: string; reason: string } | undefined {
    const k = enrolledKey.get(keyId);
    if (!k?.revoked_at) return undefined;
    // A key revoked before migration 013 has no event: its date is known, its reason is not.
    const e = lastEvent.get(keyId, 'revoked');
    return { postId: k.post_id, at: k.revoked_at, by: e?.by ?? '', reason: e?.reason ?? '' };
  }

  function enrolledOrThrow(keyId: string) {
    const k = enrolledKey.get(keyId);
    if (!k) throw new ExchangeError('not_found', messageRef('exchange.revoke.unknown_key', { keyId }));
    return k;
  }

  return {
    identity,
    require,
    signingKey,
    currentRevocation,

    /**
     * HQ: revoke a post installation's key (a lost or stolen laptop). Bundles signed with it are refused from now
     * on, whatever date they carry (a thief can forge it); what was imported before stays.
     */
    revokePostKey(input: { keyId: string; reason: string; by: string }): void {
      require('hq');
      const k = enrolledOrThrow(input.keyId);
      if (k.revoked_at) {
        throw new ExchangeError(
          'conflict',
          messageRef('exchange.revoke.already_revoked', { keyId: k.key_id, revokedAt: k.revoked_at }),
        );
      }
      const at = now().toISOString();
      db.transaction(() => {
        db.prepare('UPDATE enrolled_key SET revoked_at = ? WHERE key_id = ?').run(at, k.key_id);
        addEvent.run(k.key_id, k.post_id, 'revoked', at, input.by, input.reason);
      })();
    },

    /** HQ: lift a revocation, explicitly and on the record (a laptop that turned up again, a mistake). */
    reinstatePostKey(input: { keyId: string; reason: string; by: string }): void {
      require('hq');
      const k = enrolledOrThrow(input.keyId);
      if (!k.revoked_at) {
        throw new ExchangeError('conflict', messageRef('exchange.reinstate.not_revoked', { keyId: k.key_id }));
      }
      const at = now().toISOString();
      db.transaction(() => {
        db.prepare('UPDATE enrolled_key SET revoked_at = NULL WHERE key_id = ?').run(k.key_id);
        addEvent.run(k.key_id, k.post_id, 'reinstated', at, input.by, input.reason);
      })();
    },

    /**
     * HQ: retire one of its own age keys. Posts stop encrypting to it once they import the next HQ key file; HQ
     * keeps its identity for ever, so bundles sealed to it still open. The last key in use cannot be retired.
     */
    retireHqKey(fingerprintToRetire: string, by: string): Identity {
      require('hq');
      const all = keys.all('hq_encryption');
      const k = all.find((x) => x.key_id === fingerprintToRetire);
      if (!k) {
        throw new ExchangeError(
          'not_found',
          messageRef('exchange.retire_hq.unknown_key', { fingerprint: fingerprintToRetire }),
        );
      }
      if (k.retired_at !== null) {
        throw new ExchangeError(
          'conflict',
          messageRef('exchange.retire_hq.already_retired', { fingerprint: k.key_id, retiredAt: k.retired_at }),
        );
      }
      if (all.filter((x) => x.retired_at === null).length <= 1) {
        throw new ExchangeError('conflict', messageRef('exchange.retire_hq.last_key', { fingerprint: k.key_id }));
      }
      const at = now().toISOString();
      db.transaction(() => {
        db.prepare('UPDATE own_key SET retired_at = ? WHERE key_id = ?').run(at, k.key_id);
        addEvent.run(k.key_id, null, 'hq_key_retired', at, by, '');
      })();
      return identity();
    },

    /** First run: become a post (with a new signing key) or HQ (with a new encryption key). Once only. */
    async init(input: z.output<typeof InitInput>): Promise<Identity> {
      if (row().role !== null) throw new ExchangeError('already_set_up', messageRef('exchange.already_set_up'));
      if (input.role === 'hq') await newHqKey('primary');
      db.transaction(() => {
        if (input.role === 'post') {
          db.prepare(
            "UPDATE installation SET role = 'post', post_id = ?, post_name = ?, officer = ?, country = ? WHERE singleton = 1",
          ).run(input.postId ?? null, input.postName ?? '', input.officer ?? '', input.country ?? null);
          newSigningKey();
        } else {
          db.prepare("UPDATE installation SET role = 'hq', hq_name = ? WHERE singleton = 1").run(input.hqName ?? '');
          ensureHqSigningKey(db, now); // the network configuration's signing key
        }
      })();
      return identity();
    },

    /** HQ: add a key (a backup, or the next one in a rotation). Older keys still decrypt older bundles. */
    async addHqKey(label: string, retireOthers: boolean): Promise<Identity> {
      require('hq');
      // The key just made, by id: "newest by created_at" is wrong when the clock stood still or went back.
      const newest = await newHqKey(label);
      if (retireOthers) {
        const at = now().toISOString();
        db.transaction(() => {
          // Each key retired by the rotation is recorded as a decision on it (migration 013's key_event).
          for (const k of keys.all('hq_encryption')) {
            if (k.key_id !== newest && k.retired_at === null)
              addEvent.run(k.key_id, null, 'hq_key_retired', at, '', 'rotation');
          }
          db.prepare(
            "UPDATE own_key SET retired_at = ? WHERE purpose = 'hq_encryption' AND key_id <> ? AND retired_at IS NULL",
          ).run(at, newest);
        })();
      }
      return identity();
    },

    /** HQ: every identity, retired ones included, to decrypt bundles made before a rotation. */
    hqSecrets(): { secret: string; fingerprint: string }[] {
      require('hq');
      return keys.all('hq_encryption').map((k) => ({ secret: k.private_key, fingerprint: k.key_id }));
    },

    hqKeyFile(): HqKeyFile {
      const r = require('hq');
      const recipients: HqRecipient[] = keys
        .all('hq_encryption')
        .filter((k) => k.retired_at === null)
        .map((k) => ({ recipient: k.public_key, fingerprint: k.key_id, label: k.label, createdAt: k.created_at }));
      return {
        format: HQ_KEY_FORMAT,
        version: 1,
        hqName: r.hq_name,
        issuedAt: now().toISOString(),
        recipients,
        signingKey: ensureHqSigningKey(db, now), // made on first need at an HQ set up before it existed
      };
    },

    /** Post: trust the HQ keys in a key file. Keys no longer in the newest file are retired, not deleted. */
    async importHqKeyFile(file: HqKeyFile): Promise<Identity> {
      require('post');
      for (const r of file.recipients) {
        if (recipientFingerprint(r.recipient) !== r.fingerprint) {
          throw new ExchangeError(
            'invalid_file',
            messageRef('exchange.invalid_file.fingerprint_mismatch', { label: r.label }),
          );
        }
        await refuseUnusableRecipient(r);
      }
      if (file.signingKey && !signingKeyConsistent(file.signingKey)) {
        throw new ExchangeError('invalid_file', messageRef('config.bad_signing_key'));
      }
      const at = now().toISOString();
      db.transaction(() => {
        // HQ's configuration signing key, pinned as its age keys are trusted (fingerprints compared by phone).
        if (file.signingKey) pinSigner(db, file.signingKey, 'key_file', now);
        db.prepare('UPDATE trusted_hq_key SET retired_at = ? WHERE retired_at IS NULL').run(at);
        const upsert = db.prepare(`INSERT INTO trusted_hq_key (fingerprint, recipient, label, hq_name, imported_at)
          VALUES (?, ?, ?, ?, ?) ON CONFLICT (fingerprint) DO UPDATE SET retired_at = NULL, label = excluded.label`);
        for (const r of file.recipients) upsert.run(r.fingerprint, r.recipient, r.label, file.hqName, at);
      })();
      return identity();
    },

    /** Post: the HQ keys bundles are encrypted to now. */
    trustedRecipients(): { recipient: string; fingerprint: string }[] {
      require('post');
      const active = trusted.all().filter((k) => k.retired_at === null);
      if (active.length === 0) {
        throw new ExchangeError('no_hq_key', messageRef('exchange.no_hq_key'));
      }
      return active.map((k) => ({ recipient: k.recipient, fingerprint: k.fingerprint }));
    },

    enrolmentFile(): EnrolmentFile {
      const r = require('post');
      const k = signingKey();
      return EnrolmentFile.parse({
        format: ENROLMENT_FORMAT,
        version: 1,
        postId: r.post_id,
        postName: r.post_name,
        country: r.country,
        officer: r.officer,
        installationId: r.installation_id,
        publicKey: k.publicRaw.toString('base64'),
        keyId: k.keyId,
        createdAt: now().toISOString(),
      });
    },

    /**
     * HQ: register an installation of a post from its enrolment file. Enrolling a key again updates its post
     * name and officer; it never lifts a revocation (that is `reinstatePostKey`, with who and why).
     */
    enrol(file: EnrolmentFile): void {
      require('hq');
      const raw = Buffer.from(file.publicKey, 'base64');
      if (fingerprint(raw) !== file.keyId) {
        throw new ExchangeError('invalid_file', messageRef('exchange.invalid_file.enrolment_key_mismatch'));
      }
      const revoked = currentRevocation(file.keyId);
      if (revoked) {
        throw new ExchangeError(
          'revoked',
          messageRef('exchange.enrol.revoked_key', {
            keyId: file.keyId,
            postId: revoked.postId,
            revokedAt: revoked.at,
            reason: revoked.reason,
          }),
        );
      }
      db.prepare(
        `INSERT INTO enrolled_key
        (key_id, public_key, post_id, post_name, officer, country, installation_id, enrolled_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (key_id) DO UPDATE SET post_name = excluded.post_name, officer = excluded.officer`,
      ).run(
        file.keyId,
        file.publicKey,
        file.postId,
        file.postName,
        file.officer,
        file.country,
        file.installationId,
        now().toISOString(),
      );
    },
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
export { HqKeyFile, EnrolmentFile };
