import { settleDashboards } from '../../../electron/reports/dashboard-batch';
import { createPublicKey, randomUUID, type KeyObject } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/create-backend';
import { MAX_BUNDLE_BYTES } from '../../../electron/exchange/import';
import { openedContent, savedContent } from '../../../electron/files/trusted';
import { seededRandom } from '../../../electron/demo/random';
import type { BundlePayload } from '../../../shared/exchange/formats';
import type { FileReport } from '../../../shared/exchange/schema';
import {
  decryptWith,
  demo,
  dump,
  editRecord,
  encryptTo,
  exportBundle,
  hqRecipients,
  hqSecrets,
  importFiles,
  initHq,
  initPost,
  ok,
  pair,
  parseEnvelope,
  postSigningKey,
  recordRows,
  recordTables,
  signEnvelope,
  strangerKey,
  trustHqKeys,
  useInstallations,
} from './helpers';
import { fingerprint } from '../../../electron/exchange/fingerprint';
import { rawEd25519 } from '../../../electron/exchange/identity';
import type { DatabaseDump } from '../helpers/db-dump';

// Hostile and damaged files against a real HQ. Every file is made here from one valid bundle: bit flips in
// each part of the age file, truncations, re-encryption to another HQ, foreign and swapped signatures,
// payloads edited after signing, replays, records that break the schema (re-signed with the post's real key,
// so that only the schema check can catch them), versions from the future, non-bundles, oversized files.
// For each: the exact reason, a message that names the problem, and an HQ database that did not change.

const installs = useInstallations();

interface Case {
  name: string;
  bytes: Uint8Array;
  reason: NonNullable<FileReport['reason']> | NonNullable<FileReport['reason']>[];
  message: RegExp;
}

const MESSAGES = {
  not_a_bundle: /not a Liaison Log bundle|malformed|not JSON|manifest is invalid/,
  truncated: /truncated/,
  tampered: /altered|already has sequence|names another signer/,
  not_addressed_to_us: /keys/,
  unknown_post: /no enrolled post holds|is enrolled for post/,
  version_too_new: /format version 3.*update Liaison Log at HQ/i,
  invalid_record: /^Record \d+ /,
  too_large: /limit/,
  unreadable: /./,
  period_reversed: /ends .* before it starts/,
  counts_mismatch: /manifest counts/,
  created_in_future: /more than a day after/,
  cancelled: /cancelled before this file/,
  revoked: /revoked/,
} as const;

let hq: Backend;
let hq2: Backend;
let baseline: DatabaseDump;
let baseline2: DatabaseDump;
/** A valid full export, already imported at HQ: the material every hostile file is made from. */
let valid: Buffer;
let validHeaderEnd: number;
/** The same post's next export (after an edit): not imported anywhere yet. */
let next: Buffer;
let envelopeText: string;
let payload: BundlePayload;
let hqRecipient: string;
let post: { keyId: string; privateKey: KeyObject };
/** A post that HQ has never enrolled, but that trusts HQ's key. */
let unenrolled: Buffer;
let hqOwnRecordId: string;
let sequence = 1000;

beforeAll(async () => {
  const hq1T = installs.make('hq1');
  await initHq(hq1T, 'HQ one');
  const hq2T = installs.make('hq2');
  await initHq(hq2T, 'HQ two');
  const bog = installs.make('bog');
  await initPost(bog, 'BOG');
  demo(bog, 200, 1);
  await pair(bog, hq1T);
  // HQ two knows the post too: only the signed recipient list can tell it the bundle was not meant for it.
  const enrolment = await ok(savedContent(bog.invoke, 'keys.saveEnrolmentFile', {}));
  await ok(openedContent(hq2T.invoke, 'posts.enrol', {}, enrolment));
  const lim = installs.make('lim');
  await initPost(lim, 'LIM', 'PE');
  await trustHqKeys(lim, hq1T);
  await ok(lim.call('organisations.create', { name: 'Policía Nacional del Perú', country: 'PE', type: 'police' }));

  valid = (await exportBundle(bog, 'full')).bytes;
  const engagement = recordRows(bog, "kind = 'engagement'")[0]!;
  editRecord(bog, engagement.id, { subject: 'Edited after the first export' });
  next = (await exportBundle(bog, 'full')).bytes;
  unenrolled = (await exportBundle(lim, 'full', { from: '2000-01-01', to: '2030-12-31' })).bytes;
  post = postSigningKey(bog);
  hqRecipient = hqRecipients(hq1T)[0]!;
  envelopeText = await decryptWith(valid, ...hqSecrets(hq1T));
  payload = parseEnvelope(envelopeText).payload;
  const validText = Buffer.from(valid).toString('latin1');
  validHeaderEnd = validText.indexOf('\n', validText.indexOf('\n--- ') + 1) + 1;
  // HQ has a record of its own, which no post may overwrite.
  const own = await ok(hq1T.call('organisations.create', { name: 'HQ own partner', country: 'NL', type: 'police' }));
  hqOwnRecordId = own.id;
  const first = await importFiles(hq1T, [{ name: 'valid.llbundle', bytes: valid }]);
  expect(first.files[0]?.outcome).toBe('imported');
  // The dashboards counted now, not by the catch-up in the middle of a comparison.
  settleDashboards(hq1T.db);
  installs.seal();

  hq = installs.open('hq1');
  hq2 = installs.open('hq2');
  baseline = dump(hq);
  baseline2 = dump(hq2);
});

afterEach(() => {
  expect(installs.logged, 'internal errors logged by a backend').toEqual([]);
});

/** A new bundle from `payload`, changed by `mutate`, signed and encrypted as told (by default: correctly). */
async function craft(
  mutate: (p: BundlePayload) => void,
  options: { key?: KeyObject; keyId?: string; envelopeVersion?: number; recipients?: string[] } = {},
): Promise<Uint8Array> {
  const p = structuredClone(payload);
  p.manifest.exportId = randomUUID();
  p.manifest.sequence = ++sequence;
  mutate(p);
  const text = JSON.stringify(p);
  const env = signEnvelope(text, options.keyId ?? post.keyId, options.key ?? post.privateKey, options.envelopeVersion);
  return encryptTo(env, ...(options.recipients ?? [hqRecipient]));
}

/** Imports one file at `at` and checks the reason, the message, and that the database did not change. */
async function expectRejected(c: Case, at: Backend = hq, expected: DatabaseDump = baseline): Promise<FileReport> {
  const report = await at.services.exchange.imports.run([{ name: c.name, bytes: c.bytes }], { dryRun: false });
  const file = report.files[0]!;
  const reasons = Array.isArray(c.reason) ? c.reason : [c.reason];
  expect(file.outcome, `${c.name}: ${file.message}`).toBe('rejected');
  expect(reasons, `${c.name}: got ${file.reason}: ${file.message}`).toContain(file.reason);
  expect(file.message, c.name).toMatch(c.message);
  expect(file.message, c.name).toMatch(MESSAGES[file.reason!]);
  expect(file).toMatchObject({ added: 0, updated: 0, unchanged: 0 });
  expect(report.totals.rejected).toBe(1);
  expect(dump(at), `${c.name}: database changed`).toEqual(expected);
  return file;
}

/** Adds a record as the post's software would: counted in the manifest too (else counts_mismatch comes first). */
function addRecord(p: BundlePayload, r: BundlePayload['records'][number]): void {
  p.records.push(r);
  p.manifest.counts[r.kind] = (p.manifest.counts[r.kind] ?? 0) + 1;
}

function flip(bytes: Uint8Array, at: number, mask: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[at]! ^= mask;
  return copy;
}

/** Byte offsets of the age header's lines in the valid file (one recipient: version, stanza, body, MAC). */
function headerLines(): { start: number; text: string }[] {
  const text = Buffer.from(valid.subarray(0, validHeaderEnd)).toString('latin1');
  const lines: { start: number; text: string }[] = [];
  let start = 0;
  for (const line of text.slice(0, -1).split('\n')) {
    lines.push({ start, text: line });
    start += line.length + 1;
  }
  return lines;
}

/**
 * The offset of the first letter at or after `from` in a line. Flipping 0x20 changes a letter's case (still
 * base64); flipping 0x40 turns a capital into a control character (never base64).
 */
function letterAt(line: { start: number; text: string }, from: number, letters = /[A-Za-z]/): number {
  for (let i = from; i < line.text.length - 1; i++) if (letters.test(line.text[i]!)) return line.start + i;
  throw new Error('no letter');
}

describe('the corpus is made from files HQ would otherwise accept', () => {
  it('the valid bundle imported; a crafted bundle without a mutation passes a dry run', async () => {
    const lines = headerLines();
    expect(lines.map((l) => l.text.slice(0, 9))).toEqual([
      'age-encry',
      '-> X25519',
      lines[2]!.text.slice(0, 9),
      '--- ' + lines[3]!.text.slice(4, 9),
    ]);
    expect(recordRows(hq).length).toBeGreaterThan(150);
    // The file spans more than one 64 KiB chunk, so first and last chunk are different places.
    expect(valid.length - validHeaderEnd - 16).toBeGreaterThan(65552 + 1000);
    const report = await hq.services.exchange.imports.run([{ name: 'crafted', bytes: await craft(() => {}) }], {
      dryRun: true,
    });
    expect(report.files[0]).toMatchObject({ outcome: 'imported', reason: null });
    expect(dump(hq)).toEqual(baseline);
  });
});

describe('bit flips', () => {
  it('in the age header text lines: each byte of each line', async () => {
    const lines = headerLines();
    for (const [n, line] of lines.entries()) {
      for (let i = 0; i <= line.text.length; i++) {
        const at = line.start + i;
        const mask = 1 << (at % 8);
        // The version line: no longer an age file. The recipient stanza: age cannot tell a stanza damaged
        // in a way that still parses from one for another key (recipients are anonymous). The MAC line:
        // the header does not authenticate.
        const reason =
          n === 0
            ? 'not_a_bundle'
            : n === 3
              ? 'tampered'
              : (['not_addressed_to_us', 'tampered'] as FileReport['reason'][]);
        await expectRejected({
          name: `header line ${n} byte ${i}`,
          bytes: flip(valid, at, mask),
          reason: reason as Case['reason'],
          message: /./,
        });
      }
    }
  });

  it('in the recipient stanza: exactly as expected where the outcome is certain', async () => {
    const [, stanza, body, mac] = headerLines();
    const cases: Case[] = [
      {
        name: 'stanza marker "->"',
        bytes: flip(valid, stanza!.start + 1, 0x01),
        reason: 'tampered',
        message: /header was altered: it is not a valid age header/,
      },
      {
        name: 'stanza type X25519 -> Y25519',
        bytes: flip(valid, stanza!.start + 3, 0x01),
        reason: 'not_addressed_to_us',
        message: /None of this HQ’s keys can open the file/,
      },
      {
        name: 'ephemeral share, a letter changes case',
        bytes: flip(valid, letterAt(stanza!, 15), 0x20),
        reason: 'not_addressed_to_us',
        message: /encrypted to other keys, or its header was altered/,
      },
      {
        name: 'stanza body (the wrapped file key), a letter changes case',
        bytes: flip(valid, letterAt(body!, 10), 0x20),
        reason: 'not_addressed_to_us',
        message: /encrypted to other keys, or its header was altered/,
      },
      {
        name: 'stanza body becomes invalid base64',
        bytes: flip(valid, letterAt(body!, 10, /[A-Z]/), 0x40),
        reason: 'tampered',
        message: /not a valid age header/,
      },
      {
        name: 'header MAC, a letter changes case',
        bytes: flip(valid, letterAt(mac!, 10), 0x20),
        reason: 'tampered',
        message: /header was altered \(MAC check failed\)/,
      },
      {
        name: 'header MAC line marker "---"',
        bytes: flip(valid, mac!.start, 0x01),
        reason: 'tampered',
        message: /closing "---" line is damaged/,
      },
    ];
    for (const c of cases) await expectRejected(c);
  });

  it('in the encrypted content: nonce, first chunk, middle, last chunk, last 16 bytes', async () => {
    const body = validHeaderEnd + 16;
    const chunk = 65536 + 16;
    const lastChunk = body + Math.floor((valid.length - body - 1) / chunk) * chunk;
    const positions: [string, number][] = [
      ['nonce', validHeaderEnd],
      ['nonce end', validHeaderEnd + 15],
      ['first chunk start', body],
      ['first chunk middle', body + 30_000],
      ['first chunk tag', body + chunk - 1],
      ['middle of the file', Math.floor(valid.length / 2)],
      ['last chunk start', lastChunk],
    ];
    for (let i = 16; i >= 1; i--) positions.push([`last 16 bytes: -${i}`, valid.length - i]);
    for (const [name, at] of positions) {
      for (const mask of [0x01, 0x80]) {
        await expectRejected({
          name: `${name} (${at}) mask ${mask}`,
          bytes: flip(valid, at, mask),
          reason: 'tampered',
          message: /encrypted content does not authenticate: the file was truncated or altered/,
        });
      }
    }
  });
});

describe('truncation', () => {
  it('at 40 offsets: empty, inside the first line, inside the header, at its end, mid-body, one short', async () => {
    const h = validHeaderEnd;
    const rnd = seededRandom(977);
    const offsets = new Set([0, 1, 5, 21, 22, 40, h - 2, h - 1, h, h + 1, h + 15, h + 16, h + 31, h + 32, h + 33]);
    offsets.add(h + 16 + 65552);
    offsets.add(valid.length - 17);
    offsets.add(valid.length - 16);
    offsets.add(valid.length - 1);
    while (offsets.size < 30) offsets.add(rnd.int(h + 32, valid.length - 1));
    while (offsets.size < 40) offsets.add(rnd.int(1, h - 1));
    expect(offsets.size).toBe(40);
    for (const cut of [...offsets].sort((a, b) => a - b)) {
      // Empty: nothing to recognise. Up to the first 16 + 16 bytes after the header: certainly cut short.
      // Later, a cut cannot be told from an alteration: the last chunk does not authenticate.
      const expected: Case =
        cut === 0
          ? { name: `cut at ${cut}`, bytes: valid.subarray(0, cut), reason: 'not_a_bundle', message: /not a/ }
          : cut < h + 32
            ? { name: `cut at ${cut}`, bytes: valid.subarray(0, cut), reason: 'truncated', message: /truncated/ }
            : {
                name: `cut at ${cut}`,
                bytes: valid.subarray(0, cut),
                reason: 'tampered',
                message: /truncated or altered/,
              };
      await expectRejected(expected);
    }
  });
});

describe('signatures, recipients and posts', () => {
  it('re-encrypted to another HQ that knows the post: not_addressed_to_us', async () => {
    const [hq2Recipient] = hqRecipients(hq2);
    const reencrypted = await encryptTo(envelopeText, hq2Recipient!);
    // HQ two can open it, and the signature is the post's own, but the post signed it for HQ one.
    expect(await decryptWith(reencrypted, ...hqSecrets(hq2))).toBe(envelopeText);
    await expectRejected(
      {
        name: 're-encrypted to HQ two',
        bytes: reencrypted,
        reason: 'not_addressed_to_us',
        message: /signed this bundle for other HQ keys; it was re-encrypted/,
      },
      hq2,
      baseline2,
    );
    await expectRejected(
      { name: 'HQ one’s file at HQ two', bytes: valid, reason: 'not_addressed_to_us', message: /None of this HQ/ },
      hq2,
      baseline2,
    );
  });

  it('signed by a key no post holds: unknown_post', async () => {
    const key = strangerKey();
    const keyId = fingerprint(rawEd25519(createPublicKey(key)));
    await expectRejected({
      name: 'stranger signs as itself',
      bytes: await craft((p) => (p.manifest.signerKeyId = keyId), { key, keyId }),
      reason: 'unknown_post',
      message: new RegExp(`signed by key ${keyId}, which no enrolled post holds`),
    });
    await expectRejected({
      name: 'a post HQ never enrolled',
      bytes: unenrolled,
      reason: 'unknown_post',
      message: /no enrolled post holds/,
    });
    await expectRejected({
      name: 'the post’s key, another post’s name',
      bytes: await craft((p) => (p.manifest.postId = 'LIM')),
      reason: 'unknown_post',
      message: /enrolled for post BOG, not LIM/,
    });
  });

  it('a signature that does not match: tampered', async () => {
    const nextEnvelope = JSON.parse(await decryptWith(next, ...hqSecrets(hq))) as { signature: { value: string } };
    const swapped = JSON.parse(envelopeText) as { signature: { value: string } };
    swapped.signature.value = nextEnvelope.signature.value;
    await expectRejected({
      name: 'signature of the post’s next bundle',
      bytes: await encryptTo(JSON.stringify(swapped), hqRecipient),
      reason: 'tampered',
      message: /signature does not match the content: the bundle was altered after signing/,
    });
    await expectRejected({
      name: 'stranger signs, claims the post’s key',
      bytes: await craft(() => {}, { key: strangerKey() }),
      reason: 'tampered',
      message: /altered after signing/,
    });
    const claimsOther = await craft((p) => (p.manifest.signerKeyId = 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-0000-1111'));
    await expectRejected({
      name: 'manifest names another signer',
      bytes: claimsOther,
      reason: 'tampered',
      message: /manifest names another signer/,
    });
  });

  it('the payload edited after signing (decrypted, changed, re-encrypted to the same HQ): tampered', async () => {
    const env = JSON.parse(envelopeText) as { payload: string };
    const subject = (payload.records.find((r) => r.kind === 'engagement')!.fields as { subject: string }).subject;
    const cases: [string, string][] = [
      ['a record changed', env.payload.replace(JSON.stringify(subject), JSON.stringify(`${subject}!`))],
      ['a record removed', JSON.stringify({ ...payload, records: payload.records.slice(1) })],
      ['a space added', `${env.payload} `],
      [
        'recipients changed',
        env.payload.replace('"recipients":[', '"recipients":["0000-0000-0000-0000-0000-0000-0000-0000",'),
      ],
    ];
    for (const [name, text] of cases) {
      expect(text).not.toBe(env.payload);
      await expectRejected({
        name,
        bytes: await encryptTo(JSON.stringify({ ...env, payload: text }), hqRecipient),
        reason: 'tampered',
        message: /altered after signing/,
      });
    }
  });

  it('another file under a sequence number HQ already has for this key: tampered', async () => {
    await expectRejected({
      name: 'sequence clash',
      bytes: await craft((p) => (p.manifest.sequence = payload.manifest.sequence)),
      reason: 'tampered',
      message: /already has sequence 1 for this key/,
    });
  });
});

describe('records and versions', () => {
  it('a record that breaks the schema, validly signed: invalid_record naming the record', async () => {
    const last = payload.records.length;
    const engagementAt = payload.records.findIndex((r) => r.kind === 'engagement');
    const requestAt = payload.records.findIndex(
      (r) => r.kind === 'request' && (r.fields as { answeredAt: string | null }).answeredAt !== null,
    );
    const cases: [string, (p: BundlePayload) => void, RegExp][] = [
      [
        'the last record has an empty subject (every record is checked before any is written)',
        (p) => {
          const r = structuredClone(p.records[engagementAt]!);
          r.id = randomUUID();
          (r.fields as { subject: string }).subject = '   ';
          addRecord(p, r);
        },
        new RegExp(`^Record ${last + 1} \\(engagement [0-9a-f-]{36}\\) is invalid: .*\\(at subject\\)`),
      ],
      [
        'an answer before the request',
        (p) => ((p.records[requestAt]!.fields as { answeredAt: string }).answeredAt = '2000-01-01T00:00:00.000Z'),
        new RegExp(`^Record ${requestAt + 1} \\(request [0-9a-f-]{36}\\) is invalid: .*answeredAt`),
      ],
      ['revision 0', (p) => (p.records[2]!.revision = 0), /^Record 3 is invalid: .*\(at revision\)/],
      ['an unknown kind', (p) => ((p.records[4] as { kind: string }).kind = 'dossier'), /^Record 5 is invalid/],
      ['an id that is no id', (p) => (p.records[0]!.id = '../../etc/passwd'), /^Record 1 is invalid/],
      ['an unknown field', (p) => (p.records[1]!.fields['extra'] = 'x'), /^Record 2 \(.*\) is invalid/],
      // HQ stores these as the record's own times: no arbitrary text, no impossible dates.
      [
        'a createdAt that is no date',
        (p) => (p.records[3]!.createdAt = 'last Tuesday'),
        /^Record 4 is invalid: .*\(at createdAt\)/,
      ],
      [
        'an updatedAt on 30 February',
        (p) => (p.records[5]!.updatedAt = '2026-02-30T10:00:00.000Z'),
        /^Record 6 is invalid: .*\(at updatedAt\)/,
      ],
      ['an updatedAt without a time', (p) => (p.records[6]!.updatedAt = '2026-02-03'), /^Record 7 is invalid/],
      [
        'a createdAt of a million characters',
        (p) => (p.records[7]!.createdAt = 'x'.repeat(1_000_000)),
        /^Record 8 is invalid/,
      ],
      [
        'a record that is HQ’s own',
        (p) => addRecord(p, { ...p.records.find((r) => r.kind === 'organisation')!, id: hqOwnRecordId }),
        new RegExp(`^Record ${last + 1} \\(${hqOwnRecordId}\\) would overwrite a record that is not this post’?'?s`),
      ],
    ];
    for (const [name, mutate, message] of cases) {
      await expectRejected({ name, bytes: await craft(mutate), reason: 'invalid_record', message });
    }
  });

  it('record times written with another offset are imported, stored as UTC like the post’s own', async () => {
    const hqCopy = installs.open('hq1');
    const id = randomUUID();
    const bytes = await craft((p) =>
      addRecord(p, {
        ...p.records.find((r) => r.kind === 'organisation')!,
        id,
        createdAt: '2026-03-01T10:30:00+01:00',
        updatedAt: '2026-03-02T08:15:00.5-05:00',
      }),
    );
    const report = await importFiles(hqCopy, [{ name: 'offsets', bytes }]);
    expect(report.files[0]).toMatchObject({ outcome: 'imported', added: 1 });
    expect(recordRows(hqCopy, `id = '${id}'`).map((r) => [r.created_at, r.updated_at])).toEqual([
      ['2026-03-01T09:30:00.000Z', '2026-03-02T13:15:00.500Z'],
    ]);
  });

  it('a format version from the future: version_too_new', async () => {
    await expectRejected({
      name: 'envelope format version 3',
      bytes: await craft(() => {}, { envelopeVersion: 3 }),
      reason: 'version_too_new',
      message: /format version 3; this version of Liaison Log reads up to 2/,
    });
    await expectRejected({
      name: 'manifest format version 3, re-signed',
      bytes: await craft((p) => (p.manifest.formatVersion = 3)),
      reason: 'version_too_new',
      message: /manifest has format version 3/,
    });
  });

  it('replay of an imported file: already_imported, nothing changes', async () => {
    const report = await importFiles(hq, [{ name: 'valid again', bytes: valid }]);
    expect(report.files[0]).toMatchObject({ outcome: 'already_imported', reason: null, added: 0, updated: 0 });
    // The same plaintext re-encrypted (e.g. forwarded by a colleague with the HQ key) is the same export.
    const forwarded = await encryptTo(envelopeText, hqRecipient);
    const again = await importFiles(hq, [{ name: 'forwarded', bytes: forwarded }]);
    expect(again.files[0]).toMatchObject({ outcome: 'already_imported' });
    expect(dump(hq)).toEqual(baseline);
  });

  it('an older revision after a newer one: imported, no record changes', async () => {
    // HQ one's folder holds the valid bundle; a copy of it gets the newer export first.
    const hqCopy = installs.open('hq1');
    const newer = await importFiles(hqCopy, [{ name: 'next', bytes: next }]);
    expect(newer.files[0]).toMatchObject({ outcome: 'imported', updated: 1 });
    const before = recordTables(dump(hqCopy));
    const older = await importFiles(hqCopy, [{ name: 'valid', bytes: valid }]);
    expect(older.files[0]).toMatchObject({ outcome: 'already_imported' });
    // A never-seen older export (crafted from the first payload, validly signed): every record unchanged.
    const report = await importFiles(hqCopy, [{ name: 'older', bytes: await craft(() => {}) }]);
    expect(report.files[0]).toMatchObject({ outcome: 'imported', added: 0, updated: 0 });
    expect(report.files[0]!.unchanged).toBe(payload.records.length);
    expect(recordTables(dump(hqCopy))).toEqual(before);
  });
});

describe('not bundles, and files too large', () => {
  it('random bytes, a PDF, an empty file, plain JSON, age files with other content', async () => {
    const rnd = seededRandom(4242);
    const random = Uint8Array.from({ length: 4096 }, () => rnd.int(0, 255));
    const pdf = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n', 'latin1');
    const cases: Case[] = [
      { name: 'random bytes', bytes: random, reason: 'not_a_bundle', message: /not an age-encrypted file/ },
      { name: 'a PDF', bytes: pdf, reason: 'not_a_bundle', message: /not an age-encrypted file/ },
      { name: 'an empty file', bytes: new Uint8Array(0), reason: 'not_a_bundle', message: /not a Liaison Log/ },
      {
        name: 'the envelope as plain JSON',
        bytes: Buffer.from(envelopeText),
        reason: 'not_a_bundle',
        message: /not an age-encrypted file/,
      },
      {
        name: 'age-encrypted text',
        bytes: await encryptTo('Dear HQ, please find attached...', hqRecipient),
        reason: 'not_a_bundle',
        message: /not JSON/,
      },
      {
        name: 'age-encrypted JSON of another format',
        bytes: await encryptTo(JSON.stringify({ format: 'liaison-log-hq-key', version: 1 }), hqRecipient),
        reason: 'not_a_bundle',
        message: /not a Liaison Log bundle/,
      },
      {
        name: 'an envelope without a signature',
        bytes: await encryptTo(
          JSON.stringify({ format: 'liaison-log-bundle', formatVersion: 1, payload: '{}' }),
          hqRecipient,
        ),
        reason: 'not_a_bundle',
        message: /envelope is malformed/,
      },
      {
        name: 'a signed payload that is not JSON',
        bytes: await encryptTo(signEnvelope('not json', post.keyId, post.privateKey), hqRecipient),
        reason: 'not_a_bundle',
        message: /signed payload is not JSON/,
      },
      {
        name: 'a signed manifest that is invalid',
        bytes: await craft((p) => ((p.manifest as { level: string }).level = 'everything')),
        reason: 'not_a_bundle',
        message: /manifest is invalid at manifest\.level/,
      },
    ];
    for (const c of cases) await expectRejected(c);
  });

  it(`over ${MAX_BUNDLE_BYTES} bytes: too_large, before anything is read`, async () => {
    const big = new Uint8Array(MAX_BUNDLE_BYTES + 1);
    big.set(valid);
    await expectRejected({ name: 'oversized', bytes: big, reason: 'too_large', message: /limited to 67108864/ });
  });
});

describe('all hostile files together', () => {
  it('are each rejected in one run and leave the database byte-for-byte as it was', async () => {
    const [, stanza] = headerLines();
    const files: { name: string; bytes: Uint8Array; reason: string }[] = [
      { name: 'flip magic', bytes: flip(valid, 3, 1), reason: 'not_a_bundle' },
      { name: 'flip stanza', bytes: flip(valid, stanza!.start + 1, 1), reason: 'tampered' },
      { name: 'flip body', bytes: flip(valid, valid.length - 100, 4), reason: 'tampered' },
      { name: 'cut header', bytes: valid.subarray(0, validHeaderEnd - 10), reason: 'truncated' },
      { name: 'cut body', bytes: valid.subarray(0, valid.length - 1000), reason: 'tampered' },
      {
        name: 'stranger',
        bytes: await craft(() => {}, { key: strangerKey(), keyId: 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA' }),
        reason: 'unknown_post',
      },
      {
        name: 'bad record',
        bytes: await craft((p) => ((p.records[0]!.fields as { subject: string }).subject = '')),
        reason: 'invalid_record',
      },
      { name: 'future', bytes: await craft((p) => (p.manifest.formatVersion = 9)), reason: 'version_too_new' },
      { name: 'empty', bytes: new Uint8Array(0), reason: 'not_a_bundle' },
      { name: 'big', bytes: new Uint8Array(MAX_BUNDLE_BYTES + 1), reason: 'too_large' },
      { name: 'unenrolled', bytes: unenrolled, reason: 'unknown_post' },
    ];
    const report = await hq.services.exchange.imports.run(
      files.map((f) => ({ name: f.name, bytes: f.bytes })),
      { dryRun: false },
    );
    expect(report.files.map((f) => [f.file, f.outcome, f.reason])).toEqual(
      files.map((f) => [f.name, 'rejected', f.reason]),
    );
    expect(report.totals).toEqual({
      imported: 0,
      alreadyImported: 0,
      rejected: files.length,
      notReached: 0,
      added: 0,
      updated: 0,
      unchanged: 0,
    });
    expect(dump(hq)).toEqual(baseline);
    expect(JSON.stringify(dump(hq))).toBe(JSON.stringify(baseline));
  });
});
