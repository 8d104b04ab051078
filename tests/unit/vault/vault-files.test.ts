import fs from 'node:fs';
import path from 'node:path';
import { Decrypter, armor } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import { VaultError } from '../../../electron/vault/errors';
import { KEY_FILE, RECOVERY_FILE, VAULT_FILE, readMetadata, vaultExists } from '../../../electron/vault/metadata';
import { createVault, refreshRecovery, unwrapWithPassphrase, type VaultContext } from '../../../electron/vault/vault';
import { TEST_PASSPHRASE, TEST_WORK_FACTOR } from '../helpers/session';
import { useTempDirs } from '../helpers/temp-dir';

// The vault's files as another program (or an auditor) would see them.

const NOW = new Date('2026-05-01T08:00:00.000Z');

describe('vault files', () => {
  const tempDir = useTempDirs();
  const context = (dataDir: string): VaultContext => ({ dataDir, now: () => NOW, workFactor: TEST_WORK_FACTOR });

  it('vault.json holds the documented fields and nothing secret; key files are private to the user', async () => {
    const dataDir = tempDir();
    const { key, recoveryKey } = await createVault(context(dataDir), {
      passphrase: TEST_PASSPHRASE,
      osBind: false,
      language: 'en',
      upgradePending: false,
    });
    const text = fs.readFileSync(path.join(dataDir, VAULT_FILE), 'utf8');
    const json = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual(
      [
        'createdAt',
        'failedAttempts',
        'format',
        'formatVersion',
        'language',
        'notBefore',
        'osBound',
        'osKeyStoreName',
        'passphraseKdf',
        'recovery',
        'upgradePending',
      ].sort(),
    );
    expect(json).toMatchObject({
      format: 'liaison-log-vault',
      formatVersion: 1,
      createdAt: NOW.toISOString(),
      passphraseKdf: { name: 'age-scrypt', logN: TEST_WORK_FACTOR },
      osBound: false,
      failedAttempts: 0,
      notBefore: null,
    });
    expect((json['recovery'] as { personal: { recipient: string } }).personal.recipient).toMatch(/^age1/);
    for (const secret of [key.toString('hex'), key.toString('base64'), recoveryKey, TEST_PASSPHRASE]) {
      for (const name of fs.readdirSync(dataDir)) {
        expect(fs.readFileSync(path.join(dataDir, name), 'latin1').includes(secret), `${secret} in ${name}`).toBe(
          false,
        );
      }
    }
    if (process.platform !== 'win32') {
      for (const name of [VAULT_FILE, KEY_FILE, RECOVERY_FILE]) {
        expect(fs.statSync(path.join(dataDir, name)).mode & 0o077, name).toBe(0);
      }
    }
    // The personal recovery key opens key.recovery.age with plain age, to the documented JSON document.
    const d = new Decrypter();
    d.addIdentity(recoveryKey);
    const doc = JSON.parse(
      await d.decrypt(armor.decode(fs.readFileSync(path.join(dataDir, RECOVERY_FILE), 'utf8')), 'text'),
    ) as Record<string, unknown>;
    expect(doc).toEqual({
      format: 'liaison-log-recovery',
      version: 1,
      key: key.toString('hex'),
      postId: null,
      installationId: null,
      createdAt: NOW.toISOString(),
    });
  });

  it('the recovery file is rewritten only when the HQ keys or the post change', async () => {
    const dataDir = tempDir();
    const ctx = context(dataDir);
    const { key } = await createVault(ctx, {
      passphrase: TEST_PASSPHRASE,
      osBind: false,
      language: 'en',
      upgradePending: false,
    });
    const file = path.join(dataDir, RECOVERY_FILE);
    const first = fs.readFileSync(file, 'utf8');
    await refreshRecovery(ctx, key, [], { postId: null, installationId: null });
    expect(fs.readFileSync(file, 'utf8')).toBe(first);
    const hq = { recipient: 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p', fingerprint: 'AAAA' };
    const meta = await refreshRecovery(ctx, key, [hq], { postId: 'BOG', installationId: 'i-1' });
    expect(meta.recovery.hqKeys).toEqual([hq]);
    expect(readMetadata(dataDir)?.recovery).toMatchObject({ hqKeys: [hq], postId: 'BOG' });
    expect(fs.readFileSync(file, 'utf8')).not.toBe(first);
  });

  it('a damaged or newer vault.json is an error, never a new folder', async () => {
    const dataDir = tempDir();
    const ctx = context(dataDir);
    await createVault(ctx, { passphrase: TEST_PASSPHRASE, osBind: false, language: 'en', upgradePending: false });
    const file = path.join(dataDir, VAULT_FILE);
    const good = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, good.slice(0, 40));
    expect(vaultExists(dataDir)).toBe(true);
    expect(() => readMetadata(dataDir)).toThrow(/damaged or was edited/);
    await expect(unwrapWithPassphrase(ctx, TEST_PASSPHRASE)).rejects.toBeInstanceOf(VaultError);
    fs.writeFileSync(file, JSON.stringify({ ...(JSON.parse(good) as object), formatVersion: 2 }));
    expect(() => readMetadata(dataDir)).toThrow(/newer version of Liaison Log/);
    await expect(
      createVault(ctx, { passphrase: TEST_PASSPHRASE, osBind: false, language: 'en', upgradePending: false }),
    ).rejects.toMatchObject({ code: 'already_set_up' });
  });

  it('a missing key file is named, with the ways back in', async () => {
    const dataDir = tempDir();
    const ctx = context(dataDir);
    await createVault(ctx, { passphrase: TEST_PASSPHRASE, osBind: false, language: 'en', upgradePending: false });
    fs.rmSync(path.join(dataDir, KEY_FILE));
    await expect(unwrapWithPassphrase(ctx, TEST_PASSPHRASE)).rejects.toThrow(/key file key\.age is missing.*recovery/s);
  });
});
