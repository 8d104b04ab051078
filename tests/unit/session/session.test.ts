import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import { generateX25519Identity } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../../electron/backend/create-backend';
import { DATABASE_FILE, isPlaintextDatabase } from '../../../electron/db/open';
import { openedContent, savedContent } from '../../../electron/files/trusted';
import { KEY_FILE, OS_KEY_FILE, RECOVERY_FILE, VAULT_FILE, readMetadata } from '../../../electron/vault/metadata';
import { encodeRecoveryCode } from '../../../electron/vault/recovery-code';
import { recoveryCodeForHq } from '../../../electron/vault/vault';
import type { Result } from '../../../shared/contract/result';
import type { SessionStatus } from '../../../shared/session/schema';
import { validRequestInput } from '../helpers/backend';
import { sha256File } from '../helpers/files';
import { filesContaining, setUpSession, testKeyStore, TEST_PASSPHRASE, useSessions } from '../helpers/session';
import { listDir, useTempDirs } from '../helpers/temp-dir';

// The unlock session on real folders: real age files, real SQLite3MultipleCiphers databases, a manual clock
// for the rising delay (no test waits), and a small Node key store standing in for the operating system's.

const NEW_PASSPHRASE = 'a different, longer passphrase';
const MARKER = 'MARKER-Zanzibar-4417';

function value<T>(r: Result<T>): T {
  if (!r.ok) expect.fail(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value;
}

function manualClock(start = '2026-05-01T08:00:00.000Z') {
  let t = Date.parse(start);
  return { now: () => new Date(t), advance: (seconds: number) => (t += seconds * 1000) };
}

describe('a new data folder', () => {
  const open = useSessions();

  it('is new, sets up with a passphrase, shows a personal recovery key once and is then unlocked', async () => {
    const { session, dataDir } = open();
    expect(session.status()).toMatchObject({ state: 'new', recovery: null, plaintextDatabase: false });
    expect(listDir(dataDir)).toEqual([]);
    const { recoveryKey, status } = await setUpSession(session);
    expect(recoveryKey).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]{58}$/);
    expect(status).toMatchObject({ state: 'unlocked', osBound: false, failedAttempts: 0, retryAfterSeconds: null });
    expect(status.recovery).toMatchObject({ personalKey: true, hqKeyFingerprints: [] });
    expect(listDir(dataDir)).toEqual(expect.arrayContaining([DATABASE_FILE, KEY_FILE, RECOVERY_FILE, VAULT_FILE]));
    expect(fs.existsSync(path.join(dataDir, OS_KEY_FILE))).toBe(false);
    // The recovery key itself is stored nowhere, only its public half.
    expect(filesContaining(dataDir, recoveryKey)).toEqual([]);
    const created = value(await session.invoke('requests.create', validRequestInput()));
    expect(created).toMatchObject({ subject: 'Vehicle registration check' });
  });

  it('refuses a passphrase under 10 characters with a field error, and creates nothing', async () => {
    const { session, dataDir } = open();
    for (const r of [
      await session.setup('too short', false),
      await session.invoke('session.setup', { passphrase: 'short' }),
    ]) {
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('invalid_input');
      expect(r.error.fields?.['passphrase']).toMatchObject({ code: 'passphrase_too_short' });
      expect(r.error.fields?.['passphrase']?.message).toMatch(/at least 10 characters/);
    }
    expect(listDir(dataDir)).toEqual([]);
    // Ten characters, counted as characters: "é" and "東" are one each.
    expect((await session.setup('ééééé東東東東東', false)).ok).toBe(true);
  });

  it('answers every other channel with locked until set up, and refuses a second setup', async () => {
    const { session } = open();
    const r = await session.invoke('stats.counts', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect((await session.invoke('session.unlock', { passphrase: TEST_PASSPHRASE })).ok).toBe(false);
    await setUpSession(session);
    const again = await session.setup(NEW_PASSPHRASE, false);
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('a setup that fails half-way leaves the folder new, without key files or an empty database', async () => {
    const { session, dataDir } = open();
    // SQLite cannot make its WAL where a folder stands: opening the new database fails after the vault was written.
    fs.mkdirSync(path.join(dataDir, `${DATABASE_FILE}-wal`));
    await expect(session.setup(TEST_PASSPHRASE, false)).rejects.toThrow();
    expect(session.status().state).toBe('new');
    expect(listDir(dataDir)).toEqual([`${DATABASE_FILE}-wal`]);
  });

  it('a database file without vault.json is never set up over (it may be encrypted with a lost key)', async () => {
    const { session, dataDir } = open();
    fs.writeFileSync(path.join(dataDir, DATABASE_FILE), Buffer.alloc(4096, 0xab));
    const before = sha256File(path.join(dataDir, DATABASE_FILE));
    const r = await session.setup(TEST_PASSPHRASE, false);
    expect(r).toMatchObject({ ok: false, error: { code: 'damaged' } });
    expect(sha256File(path.join(dataDir, DATABASE_FILE))).toBe(before);
    expect(listDir(dataDir)).toEqual([DATABASE_FILE]);
  });
});

describe('lock and unlock', () => {
  const open = useSessions();

  it('lock closes the database and refuses every data channel with locked; unlock opens it again', async () => {
    const { session, dataDir } = open();
    await setUpSession(session);
    await session.invoke('requests.create', validRequestInput({ subject: MARKER }));
    const backend = session.backend();
    expect(backend?.db.open).toBe(true);
    let locks = 0;
    session.onLock(() => (locks += 1));
    const status = value(await session.call('session.lock', {}));
    expect(status.state).toBe('locked');
    expect(locks).toBe(1);
    expect(backend?.db.open).toBe(false);
    expect(session.backend()).toBeUndefined();
    // The last connection closed: SQLite folded the WAL into the file and removed it.
    expect(listDir(dataDir).filter((f) => f.endsWith('-wal') || f.endsWith('-shm'))).toEqual([]);
    for (const [channel, payload] of [
      ['stats.counts', {}],
      ['requests.list', { limit: 10, offset: 0 }],
      ['requests.create', validRequestInput()],
      ['settings.update', { language: 'nl' }],
      ['app.info', undefined],
    ] as const) {
      expect(await session.invoke(channel, payload)).toMatchObject({ ok: false, error: { code: 'locked' } });
    }
    // Unknown channels are still unknown, locked or not.
    expect(await session.invoke('db.exec', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    // session.* answers while locked.
    expect(value(await session.call('session.status', {})).state).toBe('locked');
    // The recovery file can be saved while locked (where the officer chose, in the host's dialog).
    expect(value(await savedContent(session.invoke, 'session.saveRecoveryFile', {})).toString('utf8')).toMatch(
      /^-----BEGIN AGE ENCRYPTED FILE-----/,
    );

    expect(value(await session.call('session.unlock', { passphrase: TEST_PASSPHRASE })).state).toBe('unlocked');
    expect(value(await session.invoke('stats.counts', {}))).toMatchObject({ informationRequests: 1 });
  });

  it('a call already running when lock comes finishes on the open database', async () => {
    const { session } = open();
    await setUpSession(session);
    const running = session.invoke('requests.create', validRequestInput());
    const locked = session.lock();
    expect((await running).ok).toBe(true);
    expect((await locked).state).toBe('locked');
  });

  it('while lock waits for a running call, new calls are already refused', async () => {
    const { session } = open();
    await setUpSession(session);
    // A spreadsheet of a few thousand rows: written over many turns of the event loop.
    const rows = Array.from({ length: 3000 }, (_, i) => ({ n: i, text: `row ${i}` }));
    const slow = savedContent(session.invoke, 'reports.saveTable', {
      name: 'Slow',
      columns: [
        { key: 'n', header: 'N' },
        { key: 'text', header: 'Text' },
      ],
      rows,
      format: 'xlsx',
    });
    const locking = session.lock();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(session.status().state).toBe('locked');
    expect(await session.invoke('stats.counts', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect((await slow).ok).toBe(true);
    expect((await locking).state).toBe('locked');
  });

  it('locks when the computer was idle for autoLockMinutes (10 by default, a setting)', async () => {
    const { session } = open();
    await setUpSession(session);
    expect(await session.lockIfIdle(599)).toBe(false);
    expect(session.status().state).toBe('unlocked');
    expect(await session.lockIfIdle(600)).toBe(true);
    expect(session.status().state).toBe('locked');
    expect(await session.lockIfIdle(10_000)).toBe(false); // already locked
    value(await session.unlock(TEST_PASSPHRASE));
    value(await session.invoke('settings.update', { autoLockMinutes: 1 }));
    expect(await session.lockIfIdle(59)).toBe(false);
    expect(await session.lockIfIdle(60)).toBe(true);
  });

  it('keeps the language outside the encrypted data, for the unlock screen', async () => {
    const { session, dataDir } = open();
    await setUpSession(session);
    expect(session.status().language).toBe('en');
    value(await session.invoke('settings.update', { language: 'nl' }));
    await session.lock();
    expect(session.status()).toMatchObject({ state: 'locked', language: 'nl' });
    expect(readMetadata(dataDir)?.language).toBe('nl');
  });
});

describe('wrong passphrases', () => {
  const open = useSessions();

  it('three are free; then a rising wait, enforced without checking, kept across a restart', async () => {
    const clock = manualClock();
    const { session, dataDir } = open({ now: clock.now });
    await setUpSession(session);
    await session.lock();

    for (let i = 1; i <= 3; i++) {
      const r = await session.unlock(`wrong passphrase ${i}`);
      expect(r).toMatchObject({ ok: false, error: { code: 'wrong_passphrase' } });
      if (!r.ok) expect(r.error.fields?.['passphrase']?.params).toEqual({ failedAttempts: i, seconds: 0 });
    }
    const fourth = await session.unlock('wrong passphrase 4');
    expect(fourth).toMatchObject({ ok: false, error: { code: 'wrong_passphrase' } });
    if (!fourth.ok) {
      expect(fourth.error.fields?.['passphrase']?.params).toEqual({ failedAttempts: 4, seconds: 2 });
      expect(fourth.error.message).toMatch(/Try again in 2 seconds/);
    }
    // While the wait runs, even the right passphrase is not checked (and not counted).
    const early = await session.unlock(TEST_PASSPHRASE);
    expect(early).toMatchObject({ ok: false, error: { code: 'try_later' } });
    if (!early.ok) expect(early.error.fields?.['passphrase']?.params).toEqual({ seconds: 2 });
    expect(session.status()).toMatchObject({ state: 'locked', failedAttempts: 4, retryAfterSeconds: 2 });

    // A restart (a new session object on the same folder) remembers.
    const restarted = open({ dataDir, now: clock.now }).session;
    expect(restarted.status()).toMatchObject({ failedAttempts: 4, retryAfterSeconds: 2 });
    expect(await restarted.unlock(TEST_PASSPHRASE)).toMatchObject({ ok: false, error: { code: 'try_later' } });

    clock.advance(2);
    const fifth = await restarted.unlock('wrong passphrase 5');
    if (!fifth.ok) expect(fifth.error.fields?.['passphrase']?.params).toEqual({ failedAttempts: 5, seconds: 4 });
    clock.advance(3);
    expect(await restarted.unlock(TEST_PASSPHRASE)).toMatchObject({ ok: false, error: { code: 'try_later' } });
    clock.advance(1);
    expect(value(await restarted.unlock(TEST_PASSPHRASE))).toMatchObject({
      state: 'unlocked',
      failedAttempts: 0,
      retryAfterSeconds: null,
    });
    expect(readMetadata(dataDir)).toMatchObject({ failedAttempts: 0, notBefore: null });
  });

  it('the wait doubles up to five minutes, and a clock set back cannot make it longer', async () => {
    const clock = manualClock();
    const { session } = open({ now: clock.now });
    await setUpSession(session);
    await session.lock();
    const waits: number[] = [];
    for (let i = 1; i <= 13; i++) {
      const r = await session.unlock('not it at all');
      if (!r.ok) waits.push(Number(r.error.fields?.['passphrase']?.params?.['seconds']));
      clock.advance(waits.at(-1) ?? 0);
    }
    expect(waits).toEqual([0, 0, 0, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300]);
    await session.unlock('once more');
    clock.advance(-3600); // the clock jumped an hour back
    expect(session.status().retryAfterSeconds).toBe(300);
  });
});

describe('changing the passphrase', () => {
  const open = useSessions();

  it('rewraps only the key file: the database bytes stay the same; the old passphrase fails, the new works', async () => {
    const { session, dataDir } = open();
    await setUpSession(session);
    value(await session.invoke('requests.create', validRequestInput({ subject: 'Kept through the change' })));
    await session.lock();
    const dbFile = path.join(dataDir, DATABASE_FILE);
    const dbBefore = sha256File(dbFile);
    const keyBefore = fs.readFileSync(path.join(dataDir, KEY_FILE), 'utf8');

    expect(value(await session.changePassphrase(TEST_PASSPHRASE, NEW_PASSPHRASE)).state).toBe('locked');
    expect(sha256File(dbFile)).toBe(dbBefore);
    expect(fs.readFileSync(path.join(dataDir, KEY_FILE), 'utf8')).not.toBe(keyBefore);
    expect(await session.unlock(TEST_PASSPHRASE)).toMatchObject({ ok: false, error: { code: 'wrong_passphrase' } });
    value(await session.unlock(NEW_PASSPHRASE));
    expect(value(await session.invoke('stats.counts', {}))).toMatchObject({ informationRequests: 1 });
  });

  it('through the contract while unlocked; a wrong current passphrase counts and changes nothing', async () => {
    const { session, dataDir } = open();
    await setUpSession(session);
    const keyBefore = sha256File(path.join(dataDir, KEY_FILE));
    const wrong = await session.invoke('session.changePassphrase', {
      oldPassphrase: 'not the passphrase',
      newPassphrase: NEW_PASSPHRASE,
    });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'wrong_passphrase' } });
    if (!wrong.ok) expect(Object.keys(wrong.error.fields ?? {})).toEqual(['oldPassphrase']);
    expect(sha256File(path.join(dataDir, KEY_FILE))).toBe(keyBefore);
    const same = await session.invoke('session.changePassphrase', {
      oldPassphrase: TEST_PASSPHRASE,
      newPassphrase: TEST_PASSPHRASE,
    });
    expect(same).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { newPassphrase: { code: 'same_passphrase' } } },
    });
    const changed = await session.invoke('session.changePassphrase', {
      oldPassphrase: TEST_PASSPHRASE,
      newPassphrase: NEW_PASSPHRASE,
    });
    expect(value(changed as Result<SessionStatus>)).toMatchObject({ state: 'unlocked', failedAttempts: 0 });
    await session.lock();
    value(await session.unlock(NEW_PASSPHRASE));
  });
});

describe('recovery', () => {
  const open = useSessions();

  /** An HQ and a post that trusts its keys, both through sessions. */
  async function hqAndPost() {
    const hq = open().session;
    await setUpSession(hq, 'headquarters passphrase');
    value(await hq.invoke('identity.init', { role: 'hq', hqName: 'Headquarters' }));
    const post = open();
    await setUpSession(post.session);
    value(
      await post.session.invoke('identity.init', {
        role: 'post',
        postId: 'BOG',
        postName: 'Bogotá',
        officer: 'J. de Vries',
        country: 'CO',
      }),
    );
    const keyFile = value(await savedContent(hq.invoke, 'keys.saveHqKeyFile', {}));
    value(await openedContent(post.session.invoke, 'keys.importHq', {}, keyFile));
    return { hq, post: post.session, postDir: post.dataDir };
  }

  function hqSecrets(hq: ReturnType<typeof open>['session']): string[] {
    return (
      hq
        .backend()
        ?.services.exchange.identity.hqSecrets()
        .map((s) => s.secret) ?? []
    );
  }

  it('via HQ: the recovery file follows the HQ keys; HQ turns it into a code; the officer recovers', async () => {
    const { hq, post, postDir } = await hqAndPost();
    value(await post.invoke('requests.create', validRequestInput({ subject: 'Still here after recovery' })));
    const hqFingerprint = (value(await hq.invoke('identity.get', {})) as { hqKeys: { fingerprint: string }[] })
      .hqKeys[0]?.fingerprint;
    expect(post.status().recovery?.hqKeyFingerprints).toEqual([hqFingerprint]);
    await post.lock();

    // The officer forgot the passphrase. The recovery file is available while locked, to send to HQ.
    const content = value(await savedContent(post.invoke, 'session.saveRecoveryFile', {}));
    expect(content.toString('utf8')).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----/);
    const opened = await recoveryCodeForHq(content, hqSecrets(hq));
    expect(opened.postId).toBe('BOG');
    expect(opened.code).toMatch(/^([0-9A-HJKMNP-TV-Z]{5}-){10}[0-9A-HJKMNP-TV-Z]{5}$/);

    const keyBefore = fs.readFileSync(path.join(postDir, KEY_FILE));
    const typo = `${opened.code.startsWith('0') ? '1' : '0'}${opened.code.slice(1)}`;
    const bad = await post.recover(typo, NEW_PASSPHRASE);
    expect(bad).toMatchObject({ ok: false, error: { code: 'wrong_recovery_secret' } });
    if (!bad.ok) expect(bad.error.message).toMatch(/typing mistake/);
    expect(fs.readFileSync(path.join(postDir, KEY_FILE))).toEqual(keyBefore);

    // Read out over the phone: lower case, spaces, O for 0 are all fine.
    const spoken = opened.code.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o');
    const recovered = await post.invoke('session.recover', { secret: spoken, newPassphrase: NEW_PASSPHRASE });
    expect(value(recovered)).toMatchObject({ state: 'unlocked' });
    expect(value(await post.invoke('stats.counts', {}))).toMatchObject({ informationRequests: 1 });
    await post.lock();
    expect(await post.unlock(TEST_PASSPHRASE)).toMatchObject({ ok: false, error: { code: 'wrong_passphrase' } });
    value(await post.unlock(NEW_PASSPHRASE));
  });

  it('after HQ rotates its keys and the post imports the new key file, the new key opens the recovery file', async () => {
    const { hq, post } = await hqAndPost();
    value(await hq.invoke('keys.addHqKey', { label: 'second', retireOthers: true }));
    const keyFile = value(await savedContent(hq.invoke, 'keys.saveHqKeyFile', {}));
    value(await openedContent(post.invoke, 'keys.importHq', {}, keyFile));
    const newest = hqSecrets(hq).at(0);
    const oldest = hqSecrets(hq).at(-1);
    expect(newest).not.toBe(oldest);
    const content = value(await savedContent(post.invoke, 'session.saveRecoveryFile', {}));
    // Only the key HQ now uses is a recipient; the retired one no longer is.
    expect((await recoveryCodeForHq(content, [newest ?? ''])).postId).toBe('BOG');
    await expect(recoveryCodeForHq(content, [oldest ?? ''])).rejects.toThrow(/not made for this key/);
  });

  it('with the personal recovery key; another key or another installation’s code is refused and changes nothing', async () => {
    const { session, dataDir } = open();
    const { recoveryKey } = await setUpSession(session);
    value(await session.invoke('requests.create', validRequestInput()));
    await session.lock();
    // Files only: the backups folder (the automatic backup made at setup) is not what recovery may touch.
    const files = () => listDir(dataDir).filter((f) => fs.statSync(path.join(dataDir, f)).isFile());
    const before = files().map((f) => [f, sha256File(path.join(dataDir, f))]);

    const stranger = await generateX25519Identity();
    expect(await session.recover(stranger, NEW_PASSPHRASE)).toMatchObject({
      ok: false,
      error: { code: 'wrong_recovery_secret' },
    });
    const otherCode = encodeRecoveryCode(Buffer.alloc(32, 9));
    const other = await session.recover(otherCode, NEW_PASSPHRASE);
    expect(other).toMatchObject({ ok: false, error: { code: 'wrong_recovery_secret' } });
    if (!other.ok) expect(other.error.message).toMatch(/another installation/);
    expect(session.status().state).toBe('locked');
    expect(files().map((f) => [f, sha256File(path.join(dataDir, f))])).toEqual(before);

    expect(value(await session.recover(recoveryKey.toLowerCase(), NEW_PASSPHRASE)).state).toBe('unlocked');
    expect(value(await session.invoke('stats.counts', {}))).toMatchObject({ informationRequests: 1 });
    await session.lock();
    value(await session.unlock(NEW_PASSPHRASE));
  });

  it('recovery also clears the rising delay', async () => {
    const clock = manualClock();
    const { session } = open({ now: clock.now });
    const { recoveryKey } = await setUpSession(session);
    await session.lock();
    for (let i = 0; i < 6; i++) await session.unlock('guessing wrong');
    expect(session.status().retryAfterSeconds).toBeGreaterThan(0);
    value(await session.recover(recoveryKey, NEW_PASSPHRASE));
    expect(session.status()).toMatchObject({ failedAttempts: 0, retryAfterSeconds: null });
  });
});

describe('binding to the OS key store', () => {
  const open = useSessions();

  it('an os-bound vault keeps only key.age.os and unlocks through the store', async () => {
    const store = testKeyStore();
    const { session, dataDir } = open({ osKeyStore: store });
    expect(session.status().osKeyStore).toEqual({ available: true, name: 'Test key store' });
    const { status } = await setUpSession(session, TEST_PASSPHRASE, true);
    expect(status.osBound).toBe(true);
    expect(fs.existsSync(path.join(dataDir, OS_KEY_FILE))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, KEY_FILE))).toBe(false);
    // The file is the store's sealing of the age file: no age header in sight.
    expect(fs.readFileSync(path.join(dataDir, OS_KEY_FILE)).includes('BEGIN AGE')).toBe(false);
    await session.lock();
    value(await session.unlock(TEST_PASSPHRASE));
  });

  it('fails clearly (never falls back) when the store is missing or unavailable; recovery can unbind', async () => {
    const store = testKeyStore();
    const { session, dataDir } = open({ osKeyStore: store });
    const { recoveryKey } = await setUpSession(session, TEST_PASSPHRASE, true);
    await session.lock();

    store.enabled = false;
    const unavailable = await session.unlock(TEST_PASSPHRASE);
    expect(unavailable).toMatchObject({ ok: false, error: { code: 'key_store_unavailable' } });
    if (!unavailable.ok) expect(unavailable.error.message).toMatch(/Test key store, which is not available/);
    // The command line has no store at all.
    const elsewhere = open({ dataDir }).session;
    expect(await elsewhere.unlock(TEST_PASSPHRASE)).toMatchObject({
      ok: false,
      error: { code: 'key_store_unavailable' },
    });
    // Not counted as wrong passphrases.
    expect(readMetadata(dataDir)?.failedAttempts).toBe(0);

    value(await elsewhere.recover(recoveryKey, NEW_PASSPHRASE));
    expect(elsewhere.status().osBound).toBe(false);
    expect(fs.existsSync(path.join(dataDir, KEY_FILE))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, OS_KEY_FILE))).toBe(false);
  });

  it('setup with osBind where no store is available is refused and creates nothing', async () => {
    const store = testKeyStore();
    store.enabled = false;
    const { session, dataDir } = open({ osKeyStore: store });
    expect(await session.setup(TEST_PASSPHRASE, true)).toMatchObject({
      ok: false,
      error: { code: 'key_store_unavailable' },
    });
    expect(listDir(dataDir)).toEqual([]);
    expect(session.status().state).toBe('new');
  });
});

describe('a plaintext database from before this version', () => {
  const open = useSessions();
  const tempDir = useTempDirs();

  async function legacyFolder(): Promise<string> {
    const dataDir = tempDir('liaison-log-legacy-');
    const old = createBackend({ dataDir, log: () => undefined });
    for (let i = 0; i < 25; i++) {
      value(await old.invoke('requests.create', validRequestInput({ subject: `${MARKER} ${i}` })));
    }
    value(await old.invoke('settings.update', { language: 'nl', postName: `${MARKER} post` }));
    old.close();
    return dataDir;
  }

  it('is encrypted in place at setup: every row kept, no marker left in any file, unreadable without the key', async () => {
    const dataDir = await legacyFolder();
    const dbFile = path.join(dataDir, DATABASE_FILE);
    expect(filesContaining(dataDir, MARKER)).toEqual([dbFile]);
    const { session } = open({ dataDir });
    expect(session.status()).toMatchObject({ state: 'new', plaintextDatabase: true });

    await setUpSession(session);
    expect(session.status()).toMatchObject({ state: 'unlocked', language: 'nl' });
    expect(isPlaintextDatabase(dbFile)).toBe(false);
    expect(value(await session.invoke('stats.counts', {}))).toMatchObject({ informationRequests: 25 });
    expect(value(await session.invoke('settings.get', {}))).toMatchObject({ language: 'nl' });
    const list = value(await session.invoke('search.query', { text: 'Zanzibar', limit: 100 })) as unknown[];
    expect(list).toHaveLength(25);
    expect(readMetadata(dataDir)?.upgradePending).toBe(false);

    expect(filesContaining(dataDir, MARKER)).toEqual([]); // unlocked, with the WAL open
    await session.lock();
    expect(filesContaining(dataDir, MARKER)).toEqual([]);
    const raw = new Sqlite(dbFile, { readonly: true });
    try {
      expect(() => raw.prepare('SELECT count(*) FROM record').get()).toThrow(/file is not a database/);
    } finally {
      raw.close();
    }
  });

  it('an interrupted setup (vault written, database still plaintext) is finished at the next unlock', async () => {
    const dataDir = await legacyFolder();
    const first = open({ dataDir }).session;
    await setUpSession(first);
    await first.lock();
    // Play the crash: the plaintext database back, and vault.json saying the upgrade is still to do.
    const meta = readMetadata(dataDir);
    if (!meta) throw new Error('no vault');
    const legacy = await legacyFolder();
    fs.copyFileSync(path.join(legacy, DATABASE_FILE), path.join(dataDir, DATABASE_FILE));
    fs.writeFileSync(path.join(dataDir, VAULT_FILE), JSON.stringify({ ...meta, upgradePending: true }));

    const next = open({ dataDir }).session;
    expect(next.status().state).toBe('locked');
    value(await next.unlock(TEST_PASSPHRASE));
    expect(value(await next.invoke('stats.counts', {}))).toMatchObject({ informationRequests: 25 });
    expect(isPlaintextDatabase(path.join(dataDir, DATABASE_FILE))).toBe(false);
    expect(readMetadata(dataDir)?.upgradePending).toBe(false);
  });

  it('a plaintext database where an encrypted one should be is refused and left alone', async () => {
    const dataDir = tempDir('liaison-log-replaced-');
    const first = open({ dataDir }).session;
    await setUpSession(first);
    await first.lock();
    const legacy = await legacyFolder();
    fs.copyFileSync(path.join(legacy, DATABASE_FILE), path.join(dataDir, DATABASE_FILE));
    const before = sha256File(path.join(dataDir, DATABASE_FILE));
    const r = await open({ dataDir }).session.unlock(TEST_PASSPHRASE);
    expect(r).toMatchObject({ ok: false, error: { code: 'damaged' } });
    if (!r.ok) expect(r.error.message).toMatch(/not encrypted.*may have been replaced/);
    expect(sha256File(path.join(dataDir, DATABASE_FILE))).toBe(before);
  });
});

describe('what is on disk', () => {
  const open = useSessions();

  it('after a session with marker strings, no file in the data folder contains them', async () => {
    const { session, dataDir } = open();
    await setUpSession(session);
    value(await session.invoke('identity.init', { role: 'post', postId: 'ZNZ', postName: MARKER, officer: MARKER }));
    value(await session.invoke('requests.create', validRequestInput({ subject: MARKER, counterpartAgency: MARKER })));
    value(await session.invoke('settings.update', { postName: `${MARKER} post` }));
    expect(filesContaining(dataDir, MARKER)).toEqual([]);
    await session.lock();
    expect(filesContaining(dataDir, MARKER)).toEqual([]);
    // The private signing key is in the encrypted database only.
    const raw = new Sqlite(path.join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      expect(() => raw.prepare('SELECT private_key FROM own_key').all()).toThrow(/file is not a database/);
    } finally {
      raw.close();
    }
  });
});
