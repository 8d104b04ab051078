import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES, MESSAGE_CODES, type MessageRef } from '../../../shared/contract/messages';
import { messageText, problemText } from '../../../renderer/src/i18n/lookup';
import { NL_MESSAGES } from '../../../renderer/src/i18n/messages';
import { catalogue } from '../../../renderer/src/i18n/namespaces';

// The backend's messages in the window: every code has Dutch with the same figures as its English, and a
// problem that carries a reason is worded by that reason in the window's language, never by its English message.

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

beforeAll(async () => {
  await i18next.init({
    resources: { en: catalogue('en'), nl: catalogue('nl') },
    defaultNS: 'common',
    fallbackNS: 'common',
    lng: 'nl',
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
});

describe('the messages namespace', () => {
  it.each(MESSAGE_CODES)('%s: Dutch names the same figures as English', (code) => {
    expect(NL_MESSAGES[code].trim()).not.toBe('');
    expect(placeholders(NL_MESSAGES[code])).toEqual(placeholders(MESSAGES[code]));
  });

  it('words a reason in the window’s language, with its figures', async () => {
    const reason: MessageRef = { code: 'import.too_large.file', params: { size: 70_000_000, limit: 67_108_864 } };
    await i18next.changeLanguage('nl');
    expect(messageText(reason)).toBe('Het bestand is 70000000 bytes; een bundel is hoogstens 67108864 bytes.');
    // A code that is also the start of another code ('exchange.no_hq_key' / 'exchange.no_hq_key.unusable').
    expect(messageText({ code: 'exchange.no_hq_key' })).toBe(NL_MESSAGES['exchange.no_hq_key']);
    expect(messageText({ code: 'exchange.no_hq_key.unusable', params: { fingerprint: 'AB12' } })).toContain('AB12');
    await i18next.changeLanguage('en');
    expect(messageText(reason)).toBe('The file is 70000000 bytes; bundles are limited to 67108864 bytes.');
  });

  it('shows a problem by its reason, not by its English message', async () => {
    await i18next.changeLanguage('nl');
    const error = { code: 'internal', message: MESSAGES['storage.disk_full'], reason: { code: 'storage.disk_full' } };
    expect(problemText(error as { code: string; message: string; reason: MessageRef })).toBe(
      NL_MESSAGES['storage.disk_full'],
    );
    // A reason whose code is not ours (it crossed a process boundary): the general wording of the error's code.
    const foreign = { code: 'conflict', message: 'English', reason: { code: 'no.such.code' } as unknown as MessageRef };
    expect(problemText(foreign)).toBe(i18next.t('error.conflict'));
    expect(problemText(foreign)).not.toBe('English');
  });
});
