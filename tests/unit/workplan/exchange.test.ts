import { describe, expect, it } from 'vitest';
import type { EfficiencyView } from '../../../shared/effort/schema';
import type { WorkplanView } from '../../../shared/workplan/schema';
import { exportBundle, importFiles, initHq, initPost, ok, pair, useInstallations } from '../exchange/helpers';

// Budgets and work plans travel to HQ with the post's exports (docs/export-format.md, "Programme"): HQ sees the
// post's plan against what its engagements did, and the post's cost against what it delivered. A later export
// with a changed plan replaces what HQ holds; an aggregate export carries the budgets only.

const installations = useInstallations();

describe('programme in the exports', () => {
  it('gives HQ the post’s work plan, done by quarter, and its budget', async () => {
    const hq = installations.fresh();
    const post = installations.fresh();
    await initHq(hq);
    await initPost(post, 'BOG');
    await pair(post, hq);

    await ok(post.invoke('effort.saveBudget', { year: 2026, budgetCents: 15_000_000, fteHundredths: 200 }));
    const activity = (await ok(
      post.invoke('workplan.save', {
        fields: { year: 2026, title: 'Port controls training', type: 'training', quarters: [1, 2], plannedCount: 2 },
      }),
    )) as { id: string };
    await ok(
      post.invoke('engagements.create', {
        occurredAt: '2026-02-10T15:00:00.000Z',
        kind: 'training',
        subject: 'Training at the port of Buenaventura',
        purpose: 'capacity_building',
        timeSpentMinutes: '6h',
        plannedActivityId: activity.id,
      }),
    );
    await ok(
      post.invoke('results.create', { kind: 'arrest', achievedOn: '2026-03-01', description: 'Arrest', count: 1 }),
    );

    const { bytes, entry } = await exportBundle(post, 'pseudonymised', { from: '2026-01-01', to: '2026-06-30' });
    const report = await importFiles(hq, [{ name: entry.fileName, bytes }]);
    expect(report.files.map((f) => f.outcome)).toEqual(['imported']);

    const plan = (await ok(hq.invoke('workplan.view', { year: 2026, post: 'BOG' }))) as WorkplanView;
    expect(plan.posts.map((p) => p.code)).toEqual(['BOG']);
    expect(plan.activities.map((a) => [a.activity.title, a.planned, a.done, a.minutes])).toEqual([
      ['Port controls training', [1, 1, 0, 0], [1, 0, 0, 0], 360],
    ]);
    const view = (await ok(hq.invoke('effort.efficiency', { year: 2026, by: 'post' }))) as EfficiencyView;
    expect(view.posts).toEqual([
      expect.objectContaining({ post: 'BOG', budgetCents: 15_000_000, fteHundredths: 200, results: 1 }),
    ]);
    expect(view.rows).toEqual([expect.objectContaining({ key: 'BOG' })]);
    expect(view.rows[0]?.sums).toMatchObject({ nonOpMinutes: 360, opMinutes: 0, results: 1 });

    // The post removes the activity and changes its budget: the next export brings both.
    await ok(post.invoke('workplan.remove', { id: activity.id }));
    await ok(post.invoke('effort.saveBudget', { year: 2026, budgetCents: 16_000_000, fteHundredths: 200 }));
    const second = await exportBundle(post, 'aggregate', { from: '2026-01-01', to: '2026-06-30' });
    await importFiles(hq, [{ name: second.entry.fileName, bytes: second.bytes }]);
    const after = (await ok(hq.invoke('effort.efficiency', { year: 2026 }))) as EfficiencyView;
    expect(after.posts[0]?.budgetCents).toBe(16_000_000);
    // An aggregate export carries no plan: the removal arrives with the next export at a record level.
    expect(
      ((await ok(hq.invoke('workplan.view', { year: 2026, post: 'BOG' }))) as WorkplanView).activities,
    ).toHaveLength(1);
    const third = await exportBundle(post, 'full', { from: '2026-01-01', to: '2026-06-30' });
    await importFiles(hq, [{ name: third.entry.fileName, bytes: third.bytes }]);
    expect(((await ok(hq.invoke('workplan.view', { year: 2026, post: 'BOG' }))) as WorkplanView).activities).toEqual(
      [],
    );
  }, 180_000);
});
