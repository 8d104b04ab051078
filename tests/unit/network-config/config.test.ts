import { beforeAll, describe, expect, test } from 'vitest';
import { settleDashboards } from '../../../electron/reports/dashboard-batch';
import { currentNetworkConfig } from '../../../electron/network-config/service';
import { pinnedSigner } from '../../../electron/network-config/keys';
import type { ConfigEnvelope } from '../../../shared/network-config/schema';
import { dumpDatabase } from '../helpers/db-dump';
import { demo, ok } from '../exchange/helpers';
import {
  apply,
  envelopeOf,
  expectRefused,
  makeTemplates,
  movableClock,
  network,
  useInstallations,
  payloadOf,
  resigned,
} from './helpers';

// HQ's signed network configuration at a post, on real data folders (docs/network-config.md): each rule of The
// Update Framework the format follows (version, expiry, signer, rotation signed by the old key) and each way a
// file can be bad, refused with its stable code and nothing changed.

const installations = useInstallations();
beforeAll(() => makeTemplates(installations), 120_000);

const DRAFT = {
  priorities: ['cocaine', 'migrant_smuggling'],
  calendar: [{ from: '2026-01-01', to: '2026-03-31', due: '2026-04-15' }],
  minimumLevel: 'pseudonymised' as const,
  objectives: [
    {
      id: 'siena-2026',
      labelEn: 'Three quarters of EU exchanges through SIENA',
      labelNl: 'Driekwart van de EU-uitwisselingen via SIENA',
      metric: 'siena_share' as const,
      target: 75,
      scope: { type: 'network' as const },
      period: { from: '2026-01-01', to: '2026-12-31' },
    },
  ],
};

function phenomenaOrder(post: { db: { prepare: (sql: string) => { all: () => unknown[] } } }) {
  return post.db.prepare("SELECT code FROM taxonomy_term WHERE taxonomy = 'phenomenon' ORDER BY sort, code").all();
}

describe('the network configuration at a post', () => {
  test('a valid configuration is previewed, then applied in one go: priorities first, terms, keys, rules', async () => {
    const { hq, post, publish } = network(installations);
    // HQ's taxonomy: a new term, a relabelled one, a retired one.
    await ok(
      hq.call('taxonomy.save', {
        taxonomy: 'phenomenon',
        code: 'captagon',
        labelEn: 'Captagon',
        labelNl: 'Captagon',
        parentCode: 'drugs',
        iccs: '',
      }),
    );
    await ok(
      hq.call('taxonomy.save', {
        taxonomy: 'phenomenon',
        code: 'heroin',
        labelEn: 'Heroin and opioids',
        labelNl: 'Heroïne en opioïden',
        parentCode: 'drugs',
        iccs: '',
      }),
    );
    await ok(hq.call('taxonomy.retire', { taxonomy: 'phenomenon', code: 'cannabis', retired: true }));
    // The post has its own term, and records using the terms that change.
    await ok(
      post.call('taxonomy.save', {
        taxonomy: 'phenomenon',
        code: 'gold_smuggling',
        labelEn: 'Gold smuggling',
        labelNl: 'Goudsmokkel',
        parentCode: null,
        iccs: '',
      }),
    );
    demo(post, 300, 7);
    settleDashboards(post.db);
    const using = (code: string) =>
      (
        post.db
          .prepare(
            'SELECT count(*) AS n FROM record_phenomenon p JOIN record r ON r.n = p.record_n WHERE p.code = ? AND r.deleted_at IS NULL',
          )
          .get(code) as { n: number }
      ).n;

    const bytes = publish({ ...DRAFT, priorities: ['captagon', 'migrant_smuggling'] });
    const before = dumpDatabase(post.db);
    const dry = await apply(post, bytes, true);
    expect(dry.applied).toBe(false);
    expect(dumpDatabase(post.db)).toEqual(before); // a dry run changes nothing
    const p = dry.preview;
    expect(p.version).toBe(1);
    expect(p.previousVersion).toBeNull();
    expect(p.terms.added.map((t) => t.code)).toEqual(['captagon']);
    expect(p.terms.relabelled).toEqual([
      expect.objectContaining({
        code: 'heroin',
        labelEn: 'Heroin and opioids',
        beforeEn: 'Heroin',
        records: using('heroin'),
      }),
    ]);
    expect(p.terms.retired).toEqual([expect.objectContaining({ code: 'cannabis', records: using('cannabis') })]);
    expect(using('cannabis')).toBeGreaterThan(0);
    expect(p.terms.local.map((t) => t.code)).toEqual(['gold_smuggling']);
    expect(p.priorities.added).toEqual(['captagon', 'migrant_smuggling']);
    expect(p.calendar.added).toEqual(DRAFT.calendar);
    expect(p.minimumLevel).toEqual({ before: null, after: 'pseudonymised' });
    expect(p.objectives).toEqual({
      added: ['siena-2026'],
      removed: [],
      changed: [],
      count: 1,
      labels: {
        'siena-2026': {
          labelEn: 'Three quarters of EU exchanges through SIENA',
          labelNl: 'Driekwart van de EU-uitwisselingen via SIENA',
        },
      },
    });

    const done = await apply(post, bytes);
    expect(done.applied).toBe(true);
    // Priorities first in the list every form and filter reads: the group of the first priority, the priority first.
    const terms = await ok(post.call('taxonomy.list', { taxonomy: 'phenomenon' }));
    expect(terms.slice(0, 2).map((t) => t.code)).toEqual(['drugs', 'captagon']);
    expect(terms.find((t) => t.code === 'cannabis')?.retiredAt).not.toBeNull();
    expect(terms.find((t) => t.code === 'heroin')?.labelEn).toBe('Heroin and opioids');
    expect(terms.find((t) => t.code === 'gold_smuggling')?.retiredAt).toBeNull(); // the post's own term stays
    // Records keep the retired code.
    expect(using('cannabis')).toBeGreaterThan(0);
    const marks = await ok(post.call('networkConfig.marks', {}));
    expect(marks.priorities).toEqual(['captagon', 'migrant_smuggling']);
    expect(marks.local).toEqual({ gold_smuggling: null });
    // HQ's terms are HQ's: the post cannot relabel or retire them; its own term maps onto an HQ code.
    const refused = await post.call('taxonomy.retire', { taxonomy: 'phenomenon', code: 'captagon', retired: true });
    expect(refused.ok ? null : refused.error.reason?.code).toBe('config.hq_term');
    const mapped = await ok(
      post.call('networkConfig.mapTerm', { code: 'gold_smuggling', mapsTo: 'economic_financial' }),
    );
    expect(mapped.local).toEqual({ gold_smuggling: 'economic_financial' });
    // What others read.
    const current = currentNetworkConfig(post.db);
    expect(current?.version).toBe(1);
    expect(current?.objectives[0]?.id).toBe('siena-2026');
    expect(current?.retention.personalData).toBe(730);
    const status = await ok(post.call('networkConfig.status', {}));
    expect(status.current?.minimumLevel).toBe('pseudonymised');
    // The minimum export level is enforced: an aggregate export is refused before anything is read or written.
    const period = { from: '2026-01-01', to: '2026-12-31' };
    for (const channel of ['exports.preview', 'exports.create'] as const) {
      const low = await post.call(channel, { ...period, level: 'aggregate' });
      expect(low.ok ? null : low.error.reason?.code).toBe('exchange.below_minimum_level');
    }
    expect((await post.call('exports.preview', { ...period, level: 'pseudonymised' })).ok).toBe(true);
  });

  test('the next version’s objectives: added, changed and removed are named in the preview, removed as they were', async () => {
    const { post, publish } = network(installations);
    const [siena] = DRAFT.objectives;
    if (!siena) throw new Error('The draft has an objective.');
    const results = {
      id: 'results-2026',
      labelEn: 'Operational results',
      labelNl: 'Operationele resultaten',
      metric: 'results_count' as const,
      target: 12,
      scope: { type: 'network' as const },
      period: { from: '2026-01-01', to: '2026-12-31' },
    };
    await apply(post, publish({ ...DRAFT, objectives: [siena, results] }));
    const spain = { ...results, id: 'spain', labelEn: 'Requests with Spain', labelNl: 'Verzoeken met Spanje' };
    const dry = await apply(
      post,
      publish({ ...DRAFT, objectives: [{ ...results, labelEn: 'Results', target: 20 }, spain] }),
      true,
    );
    expect(dry.preview.objectives).toEqual({
      added: ['spain'],
      removed: ['siena-2026'],
      changed: ['results-2026'],
      count: 2,
      labels: {
        'siena-2026': { labelEn: siena.labelEn, labelNl: siena.labelNl },
        'results-2026': { labelEn: 'Results', labelNl: 'Operationele resultaten' },
        spain: { labelEn: 'Requests with Spain', labelNl: 'Verzoeken met Spanje' },
      },
    });
  });

  test('an older version (rollback) and the same version again are refused; nothing changes', async () => {
    const { post, publish } = network(installations);
    const v1 = publish(DRAFT);
    const v2 = publish({ ...DRAFT, priorities: ['thb'] });
    await apply(post, v2);
    await expectRefused(post, v1, 'config.rollback');
    await expectRefused(post, v2, 'config.already_applied');
    await expectRefused(post, v1, 'config.rollback', true); // a dry run says the same
  });

  test('an expired configuration is refused', async () => {
    const clock = movableClock(new Date('2026-05-01T10:00:00Z'));
    const { post, publish } = network(installations, { postNow: clock.now, hqNow: clock.now });
    const bytes = publish({ ...DRAFT, validDays: 30 });
    clock.set(new Date('2026-06-01T10:00:00Z'));
    const error = await expectRefused(post, bytes, 'config.expired');
    expect(error?.message).toContain('2026-05-31T10:00:00.000Z');
  });

  test('another HQ’s signature is refused, even for a higher version', async () => {
    const { post } = network(installations);
    const other = network(installations, { hq: 'other-hq' });
    other.publish(DRAFT);
    const foreign = other.publish(DRAFT);
    const error = await expectRefused(post, foreign, 'config.foreign_signer');
    expect(error?.reason?.params?.['keyId']).toBe(envelopeOf(foreign).signatures[0]?.keyId);
  });

  test('a tampered payload, a truncated file and unknown fields are refused', async () => {
    const { hq, post, publish } = network(installations);
    const bytes = publish(DRAFT);
    const envelope = envelopeOf(bytes);
    const tampered: ConfigEnvelope = { ...envelope, payload: envelope.payload.replace('"cocaine"', '"heroin"') };
    await expectRefused(post, Buffer.from(JSON.stringify(tampered)), 'config.tampered');
    await expectRefused(post, bytes.subarray(0, bytes.length - 40), 'config.truncated');
    await expectRefused(post, bytes.subarray(0, 10), 'config.truncated');
    // An unknown field in the envelope (unsigned) and in the payload (even signed by HQ's own key).
    await expectRefused(post, Buffer.from(JSON.stringify({ ...envelope, note: 'x' })), 'config.unknown_field');
    const payload = { ...payloadOf(bytes), extra: true };
    await expectRefused(post, resigned(hq, JSON.stringify(payload)), 'config.unknown_field');
    // A newer format, plain junk, an empty file.
    await expectRefused(post, Buffer.from(JSON.stringify({ ...envelope, formatVersion: 2 })), 'config.version_too_new');
    await expectRefused(post, Buffer.from('%PDF-1.7 nothing to see'), 'config.not_a_config');
    await expectRefused(post, Buffer.alloc(0), 'config.not_a_config');
    // Signed by HQ but contradicting itself: a priority that is not an active term.
    const bad = { ...payloadOf(bytes), priorities: ['nps_gone'] };
    await expectRefused(post, resigned(hq, JSON.stringify(bad)), 'config.inconsistent');
  });

  test('a post that trusts no HQ signing key yet refuses, and HQ does not import', async () => {
    const { hq, post, publish } = network(installations, { post: 'bare-post' });
    await expectRefused(post, publish(DRAFT), 'config.no_signing_key');
    await expectRefused(hq, publish(DRAFT), 'config.wrong_role.hq');
  });

  test('rotation: a new signing key announced and signed by the old key is accepted; by the new key only it is refused', async () => {
    const { hq, post, publish } = network(installations);
    const oldKey = pinnedSigner(post.db);
    await apply(post, publish(DRAFT));
    const rotation = publish(DRAFT, true);
    const rotated = envelopeOf(rotation);
    expect(rotated.signatures).toHaveLength(2);
    const newKeyId = payloadOf(rotation).signingKey.fingerprint;
    expect(newKeyId).not.toBe(oldKey?.fingerprint);

    // Signed by the new key only (the old key's signature stripped): refused, the post keeps the old key.
    const newOnly = { ...rotated, signatures: rotated.signatures.filter((s) => s.keyId === newKeyId) };
    await expectRefused(post, Buffer.from(JSON.stringify(newOnly)), 'config.foreign_signer');
    // Signed by the old key only, announcing a new key without that key's signature: refused.
    const oldOnly = { ...rotated, signatures: rotated.signatures.filter((s) => s.keyId !== newKeyId) };
    await expectRefused(post, Buffer.from(JSON.stringify(oldOnly)), 'config.rotation_unsigned');

    const applied = await apply(post, rotation);
    expect(applied.preview.rotatedTo).toBe(newKeyId);
    expect(pinnedSigner(post.db)?.fingerprint).toBe(newKeyId);
    // From now on the new key alone signs, and the post accepts it; the old key alone no longer does.
    const next = publish(DRAFT);
    expect(envelopeOf(next).signatures.map((s) => s.keyId)).toEqual([newKeyId]);
    await apply(post, next);
    expect(currentNetworkConfig(post.db)?.version).toBe(3);
    // HQ's key file carries the new key: a post joining later pins it from there.
    expect(hq.db.prepare('SELECT count(*) AS n FROM config_signing_key WHERE retired_at IS NULL').get()).toEqual({
      n: 1,
    });
  });

  test('HQ recipient keys rotate through the configuration: the post encrypts to the new set', async () => {
    const { hq, post, publish } = network(installations);
    const before = await ok(post.call('identity.get', {}));
    await ok(hq.call('keys.addHqKey', { label: '2027', retireOthers: true }));
    const preview = (await apply(post, publish(DRAFT))).preview;
    expect(preview.keys.added.map((k) => k.label)).toEqual(['2027']);
    expect(preview.keys.retired.map((k) => k.fingerprint)).toEqual(before.hqKeys.map((k) => k.fingerprint));
    const after = await ok(post.call('identity.get', {}));
    expect(after.hqKeys.filter((k) => !k.retired).map((k) => k.label)).toEqual(['2027']);
  });

  test('the order of terms without priorities is the stored one', async () => {
    const { post } = network(installations);
    const stored = phenomenaOrder(post);
    const listed = await ok(post.call('taxonomy.list', { taxonomy: 'phenomenon' }));
    expect(listed.map((t) => ({ code: t.code }))).toEqual(stored);
  });
});
