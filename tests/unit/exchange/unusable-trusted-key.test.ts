import { describe, expect, it } from 'vitest';
import { initHq, initPost, pair, useInstallations } from './helpers';

// A post that trusted an unusable HQ key before key files were checked must get a clear answer when it
// exports, naming the key, and no half-made export (no file, no log row, no sequence number used).

describe('an export to an unusable trusted HQ key', () => {
  const installations = useInstallations();

  it('is refused as no_hq_key, naming the key, with nothing written', async () => {
    const hq = installations.fresh();
    const post = installations.fresh();
    await initHq(hq);
    await initPost(post, 'BOG');
    await pair(post, hq);
    const good = post.db.prepare('SELECT recipient FROM trusted_hq_key').get() as { recipient: string };
    // The same key with its bech32 checksum broken: what an unchecked key file could once leave behind.
    const last = good.recipient.at(-1) === 'q' ? 'p' : 'q';
    const broken = good.recipient.slice(0, -1) + last;
    post.db
      .prepare(
        `INSERT INTO trusted_hq_key (fingerprint, recipient, label, hq_name, imported_at)
         VALUES ('broken-key', ?, 'old key', 'Headquarters', '2026-01-01T00:00:00.000Z')`,
      )
      .run(broken);

    const answer = await post.call('exports.create', { from: '2026-01-01', to: '2026-06-30', level: 'aggregate' });

    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.message).toContain('broken-key');
    expect(answer.error.message).toMatch(/import a new HQ key file/);
    expect(post.db.prepare('SELECT count(*) AS n FROM export_log').get()).toEqual({ n: 0 });
    expect(installations.logged).toEqual([]);
  });
});
