import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cliRunner, cliTestSetup } from '../helpers/session';
import { makeTempDir, removeTempDir } from '../helpers/temp-dir';

// Revocation, HQ key retirement and handover on the command line (issue 13, item 7), in process, on encrypted
// data folders: the exit status (0 done, 1 refused, 2 usage) and what --json prints.

vi.setConfig({ testTimeout: 120_000 });

const root = makeTempDir('liaison-log-handover-cli-');
afterAll(() => removeTempDir(root));
const secrets = cliTestSetup(path.join(root, 'secrets'));
const run = cliRunner(secrets);
const at = (...parts: string[]) => path.join(root, ...parts);
const HQ = at('hq');
const POST = at('post');
const NEXT = at('successor');
let keyId = '';

beforeAll(async () => {
  const post = (dir: string, officer: string) => [
    '--data-dir',
    dir,
    'init',
    '--role',
    'post',
    '--post-id',
    'BOG',
    '--post-name',
    'Bogotá',
    '--officer',
    officer,
  ];
  for (const argv of [
    ['--data-dir', HQ, 'init', '--role', 'hq'],
    ['--data-dir', HQ, 'keys', 'export-hq', at('hq-key.json')],
    post(POST, 'J. de Vries'),
    ['--data-dir', POST, 'keys', 'import-hq', at('hq-key.json')],
    ['--data-dir', POST, 'keys', 'export-post', at('enrolment.json')],
    ['--data-dir', HQ, 'enrol', at('enrolment.json')],
    ['--data-dir', POST, 'demo', '--records', '30', '--seed', '5', '--until', '2026-06-30'],
    post(NEXT, 'M. Jansen'),
  ]) {
    const r = await run(...argv);
    expect(r.code, `${argv.slice(2).join(' ')}: ${r.stderr}`).toBe(0);
  }
  keyId = (JSON.parse(fs.readFileSync(at('enrolment.json'), 'utf8')) as { keyId: string }).keyId;
}, 300_000);

describe('revoke and reinstate', () => {
  it('revokes with a reason and who (exit 0), refuses twice (1), needs a reason (2); reinstate lifts it', async () => {
    const usage = await run('--data-dir', HQ, 'revoke', keyId);
    expect(usage.code).toBe(2);
    const r = await run('--data-dir', HQ, 'revoke', keyId, '--reason', 'Laptop stolen', '--by', 'A. Hoofd', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      keyId,
      postId: 'BOG',
      state: 'revoked',
      revocation: { by: 'A. Hoofd', reason: 'Laptop stolen' },
    });
    const twice = await run('--data-dir', HQ, 'revoke', keyId, '--reason', 'again');
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain(`Key ${keyId} is already revoked`);
    const enrolAgain = await run('--data-dir', HQ, 'enrol', at('enrolment.json'));
    expect(enrolAgain.code).toBe(1);
    expect(enrolAgain.stderr).toContain('Laptop stolen');
    const back = await run('--data-dir', HQ, 'reinstate', keyId, '--reason', 'Found in the embassy safe');
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toContain(`Reinstated key ${keyId} of post BOG`);
  });

  it('keys retire-hq refuses the last HQ key (exit 1) and needs a fingerprint (2)', async () => {
    const key = JSON.parse(fs.readFileSync(at('hq-key.json'), 'utf8')) as { recipients: { fingerprint: string }[] };
    const fp = key.recipients[0]?.fingerprint ?? '';
    expect((await run('--data-dir', HQ, 'keys', 'retire-hq')).code).toBe(2);
    const last = await run('--data-dir', HQ, 'keys', 'retire-hq', fp);
    expect(last.code).toBe(1);
    expect(last.stderr).toContain('is the last one in use');
  });
});

describe('handover on the command line', () => {
  it('successor-file, create, import: shows the key without --outgoing-key (2), imports with it (0)', async () => {
    const file = await run('--data-dir', NEXT, 'handover', 'successor-file', '--out', at('successor.json'), '--json');
    expect(file.code, file.stderr).toBe(0);
    const successor = JSON.parse(file.stdout) as { keyId: string; recipientFingerprint: string };
    expect(successor.recipientFingerprint).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){7}$/);
    expect((await run('--data-dir', POST, 'handover', 'create', '--out', at('p.llhandover'))).code).toBe(2);
    const made = await run(
      '--data-dir',
      POST,
      'handover',
      'create',
      '--successor',
      at('successor.json'),
      '--out',
      at('p.llhandover'),
      '--json',
    );
    expect(made.code, made.stderr).toBe(0);
    const package_ = JSON.parse(made.stdout) as { outgoingKeyId: string; counts: Record<string, number> };
    expect(package_.outgoingKeyId).toBe(keyId);
    const look = await run('--data-dir', NEXT, 'handover', 'import', at('p.llhandover'));
    expect(look.code).toBe(2);
    expect(look.stdout).toContain(`Signed by key ${keyId}`);
    expect(look.stderr).toContain('nothing was imported');
    const wrong = await run(
      '--data-dir',
      NEXT,
      'handover',
      'import',
      at('p.llhandover'),
      '--outgoing-key',
      successor.keyId,
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('Nothing was imported: call the outgoing officer');
    const done = await run(
      '--data-dir',
      NEXT,
      'handover',
      'import',
      at('p.llhandover'),
      '--outgoing-key',
      keyId,
      '--json',
    );
    expect(done.code, done.stderr).toBe(0);
    const total = Object.values(package_.counts).reduce((a, b) => a + b, 0);
    expect(JSON.parse(done.stdout)).toMatchObject({ added: total, unchanged: 0, outgoingKeyId: keyId });
    // Not for HQ or anyone else: HQ is not a post.
    const hq = await run('--data-dir', HQ, 'handover', 'import', at('p.llhandover'), '--outgoing-key', keyId);
    expect(hq.code).toBe(1);
  });
});
