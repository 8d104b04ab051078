import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { callWithFiles, openedContent } from '../../../electron/files/trusted';
import {
  englishText,
  isMessageCode,
  MESSAGE_CODES,
  MESSAGES,
  messageRef,
  type MessageRef,
} from '../../../shared/contract/messages';
import type { AppError, Result } from '../../../shared/contract/result';
import { ImportReport, REJECTION_REASONS } from '../../../shared/exchange/schema';
import { setUpSession, useSessions } from '../helpers/session';
import { importFiles, initHq, initPost, useInstallations } from './helpers';

// Backend messages by stable code (issue 11, item 2): every refusal an officer can see from the exchange, the
// files, the backups and the session carries `reason` (a code from shared/contract/messages.ts with its figures),
// whose English text is the answer's `message`; import reports carry the same as `detail`. The renderer
// translates the code, so no English sentence from the backend reaches a Dutch screen.

function refused(answer: Result<unknown>): AppError {
  if (answer.ok) expect.fail('expected a refusal');
  return answer.error;
}

/** The answer's reason, checked: a known code, and `message` is its English text. */
function reasonOf(answer: Result<unknown>): MessageRef {
  const error = refused(answer);
  expect(error.reason, `no reason for: ${error.message}`).toBeDefined();
  const reason = error.reason!;
  expect(isMessageCode(reason.code)).toBe(true);
  expect(error.message).toBe(englishText(reason));
  return reason;
}

describe('the message list', () => {
  it('has a label for every import rejection reason', () => {
    for (const reason of REJECTION_REASONS) expect(MESSAGE_CODES).toContain(`import.reason.${reason}`);
  });

  it('covers every ExchangeError family', () => {
    for (const family of ['not_set_up', 'wrong_role', 'already_set_up', 'invalid_file', 'no_hq_key']) {
      expect(
        MESSAGE_CODES.some((c) => c.startsWith(`exchange.${family}`)),
        family,
      ).toBe(true);
    }
  });

  it('uses only {{name}} placeholders, each a plain word, and fills every one', () => {
    for (const code of MESSAGE_CODES) {
      const template: string = MESSAGES[code];
      const names = [...template.matchAll(/\{\{(.*?)\}\}/g)].map((m) => m[1]!);
      for (const name of names) expect(name, code).toMatch(/^[a-zA-Z]+$/);
      // No single braces or unclosed placeholders that i18next would show as they are.
      expect(template.replace(/\{\{[a-zA-Z]+\}\}/g, ''), code).not.toMatch(/[{}]/);
      const filled = englishText({ code, params: Object.fromEntries(names.map((n) => [n, 7])) });
      expect(filled, code).not.toMatch(/\{\{/);
    }
  });

  it('fills the figures in, and leaves a placeholder without a value as it is', () => {
    expect(englishText(messageRef('import.too_large.file', { size: 70_000_000, limit: 67_108_864 }))).toBe(
      'The file is 70000000 bytes; bundles are limited to 67108864 bytes.',
    );
    expect(englishText({ code: 'import.too_large.file', params: { size: 1 } })).toBe(
      'The file is 1 bytes; bundles are limited to {{limit}} bytes.',
    );
    expect(isMessageCode('import.nope')).toBe(false);
    expect(isMessageCode('__proto__')).toBe(false);
  });
});

describe('exchange refusals carry their code', () => {
  const installations = useInstallations();

  it('not set up, wrong role, already set up, no HQ key: conflict, by code', async () => {
    const fresh = installations.fresh();
    const period = { from: '2026-01-01', to: '2026-06-30', level: 'aggregate' } as const;
    expect(reasonOf(await fresh.call('exports.preview', period))).toEqual({ code: 'exchange.not_set_up' });
    const hq = installations.fresh();
    await initHq(hq);
    const wrong = await hq.call('exports.create', period);
    expect(refused(wrong).code).toBe('conflict');
    expect(reasonOf(wrong)).toEqual({ code: 'exchange.wrong_role.hq' });
    expect(reasonOf(await hq.call('identity.init', { role: 'hq', hqName: 'Again' }))).toEqual({
      code: 'exchange.already_set_up',
    });
    const post = installations.fresh();
    await initPost(post, 'BOG');
    expect(reasonOf(await post.call('exports.create', period))).toEqual({ code: 'exchange.no_hq_key' });
  });

  it('a bad key file: invalid_input, by code, with the field problem', async () => {
    const post = installations.fresh();
    await initPost(post, 'BOG');
    const notJson = await openedContent(post.invoke, 'keys.importHq', {}, 'not json at all');
    expect(refused(notJson)).toMatchObject({ code: 'invalid_input', fields: { content: { code: 'invalid_file' } } });
    expect(reasonOf(notJson)).toEqual({ code: 'exchange.invalid_file.hq_key_not_json' });
    const big = await openedContent(post.invoke, 'keys.importHq', {}, 'x'.repeat(1_000_001), 'big.json');
    expect(reasonOf(big)).toEqual({
      code: 'exchange.invalid_file.hq_key_too_large',
      params: { file: 'big.json', size: 1_000_001, limit: 1_000_000 },
    });
  });

  it('an enrolment no longer open, and a save onto a folder: by code, with the figures', async () => {
    const hq = installations.fresh();
    await initHq(hq);
    const gone = await hq.call('posts.enrol', { token: '00000000-0000-4000-8000-000000000000' });
    expect(reasonOf(gone)).toEqual({ code: 'files.enrolment_not_open' });
    const folder = installations.dir();
    const onto = await callWithFiles(hq.invoke, 'keys.saveHqKeyFile', {}, { save: folder });
    expect(refused(onto).code).toBe('storage');
    expect(reasonOf(onto)).toEqual({ code: 'file.write.is_a_folder', params: { target: folder } });
    const under = path.join(folder, 'a-file');
    fs.writeFileSync(under, '');
    const notAFolder = await callWithFiles(hq.invoke, 'keys.saveHqKeyFile', {}, { save: path.join(under, 'k.json') });
    expect(reasonOf(notAFolder)).toEqual({
      code: 'file.write.not_a_folder',
      params: { folder: under, file: 'k.json' },
    });
  });

  it('every file of an import report has its detail, whose English is its message', async () => {
    const hq = installations.fresh();
    await initHq(hq);
    const report = await importFiles(hq, [
      { name: 'pdf', bytes: new TextEncoder().encode('%PDF-1.7 not a bundle') },
      { name: 'short', bytes: new TextEncoder().encode('age-encryption') },
    ]);
    expect(ImportReport.parse(report)).toEqual(report);
    expect(report.files.map((f) => [f.reason, f.detail])).toEqual([
      ['not_a_bundle', { code: 'import.not_a_bundle.not_age' }],
      ['truncated', { code: 'import.truncated.first_line' }],
    ]);
    for (const f of report.files) expect(f.message).toBe(englishText(f.detail!));
  });
});

describe('session refusals carry their code', () => {
  const open = useSessions();

  it('locked, and a passphrase the same as the current one', async () => {
    const { session } = open();
    await setUpSession(session);
    const same = await session.changePassphrase('correct horse battery staple', 'correct horse battery staple');
    expect(reasonOf(same)).toEqual({ code: 'session.same_passphrase' });
    await session.lock();
    const locked = await session.invoke('stats.counts', {});
    expect(refused(locked).code).toBe('locked');
    expect(reasonOf(locked)).toEqual({ code: 'session.locked' });
    const wrong = await session.unlock('not the passphrase at all');
    expect(refused(wrong)).toMatchObject({ code: 'wrong_passphrase', reason: { code: 'session.wrong_passphrase' } });
    expect(refused(wrong).reason?.params).toEqual({ failedAttempts: 1 });
  });
});
