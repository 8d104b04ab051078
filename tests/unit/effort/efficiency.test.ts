import { describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/create-backend';
import { effortAggregates } from '../../../electron/effort/service';
import type { EfficiencyView } from '../../../shared/effort/schema';
import type { WorkplanView } from '../../../shared/workplan/schema';
import {
  engagementInput,
  failure,
  fieldCodes,
  organisationInput,
  requestInput,
  resultInput,
  useLogbook,
  value,
  type Rec,
} from '../logbook/helpers';

// Every efficiency figure on a hand-built year, with the answers worked out by hand (docs/efficiency.md):
//
//   E1 operational  DE  cocaine  2:30  travel 1 day  €300.00    Q1  carries out A1
//   E2 relationship CO  cocaine  1,5                            Q2
//   E3 capacity     CO  -        90m   travel 2.5 days €1,234.50 Q2  carries out A2
//   E4 operational  DE  cocaine  10h   (in the trash: counts nowhere)
//   R1 request in   DE  cocaine  0:45  answered
//   R2 request out  CO  cocaine  1h    open
//   Res1 seizure  cocaine  from R1 (DE);  Res2 arrest  cocaine  from R2 (CO);  Res3 HVT, nothing linked
//   Budget 2026: €200,000.00, 1.5 FTE

const open = useLogbook();

async function post(): Promise<Backend> {
  const { backend } = open({ start: '2026-07-01T08:00:00.000Z' });
  await value(backend.invoke('settings.update', { timeZone: 'Europe/Amsterdam' }));
  return backend;
}

async function handBuilt(backend: Backend) {
  const de = await value(backend.invoke('organisations.create', organisationInput()));
  const co = await value(backend.invoke('organisations.create', organisationInput({ name: 'DIJIN', country: 'CO' })));
  const a1 = await value<{ id: string }>(
    backend.invoke('workplan.save', {
      fields: {
        year: 2026,
        title: 'Joint cocaine operations with the BKA',
        type: 'operational',
        phenomenon: 'cocaine',
        partnerCountry: 'DE',
        partnerOrganisationId: de.id,
        quarters: [2, 1],
        plannedCount: 4,
      },
    }),
  );
  const a2 = await value<{ id: string }>(
    backend.invoke('workplan.save', {
      fields: { year: 2026, title: 'Port control training', type: 'capacity_building', quarters: [2], plannedCount: 1 },
    }),
  );
  const e1 = await value(
    backend.invoke(
      'engagements.create',
      engagementInput({
        occurredAt: '2026-02-10T10:00:00.000Z',
        organisationIds: [de.id],
        phenomena: ['cocaine'],
        timeSpentMinutes: '2:30',
        travelDays: '1',
        travelCostCents: '300,00',
        plannedActivityId: a1.id,
      }),
    ),
  );
  const e2 = await value(
    backend.invoke(
      'engagements.create',
      engagementInput({
        occurredAt: '2026-04-15T10:00:00.000Z',
        purpose: 'relationship',
        organisationIds: [co.id],
        phenomena: ['cocaine'],
        timeSpentMinutes: '1,5',
      }),
    ),
  );
  await value(
    backend.invoke(
      'engagements.create',
      engagementInput({
        occurredAt: '2026-05-20T10:00:00.000Z',
        purpose: 'capacity_building',
        organisationIds: [co.id],
        timeSpentMinutes: '90m',
        travelDays: '2,5',
        travelCostCents: '1.234,50',
        plannedActivityId: a2.id,
      }),
    ),
  );
  const e4 = await value(
    backend.invoke(
      'engagements.create',
      engagementInput({ organisationIds: [de.id], phenomena: ['cocaine'], timeSpentMinutes: 600 }),
    ),
  );
  await value(backend.invoke('engagements.delete', { id: e4.id }));
  const r1 = await value(
    backend.invoke(
      'requests.create',
      requestInput({
        exchangedAt: '2026-03-01T09:00:00.000Z',
        status: 'answered',
        answeredAt: '2026-03-02T09:00:00.000Z',
        phenomena: ['cocaine'],
        timeSpentMinutes: '0:45',
      }),
    ),
  );
  const r2 = await value(
    backend.invoke(
      'requests.create',
      requestInput({
        direction: 'outgoing',
        counterpartCountry: 'CO',
        counterpartAgency: 'DIJIN',
        channel: 'interpol',
        exchangedAt: '2026-05-01T09:00:00.000Z',
        phenomena: ['cocaine'],
        timeSpentMinutes: '1h',
      }),
    ),
  );
  await value(
    backend.invoke(
      'results.create',
      resultInput({
        kind: 'seizure',
        substance: 'cocaine',
        achievedOn: '2026-03-20',
        phenomena: ['cocaine'],
        requestIds: [r1.id],
      }),
    ),
  );
  await value(
    backend.invoke(
      'results.create',
      resultInput({ achievedOn: '2026-05-10', phenomena: ['cocaine'], requestIds: [r2.id] }),
    ),
  );
  await value(
    backend.invoke('results.create', resultInput({ kind: 'hvt_identified', achievedOn: '2026-06-01', count: null })),
  );
  await value(backend.invoke('effort.saveBudget', { year: 2026, budgetCents: 20_000_000, fteHundredths: 150 }));
  return { a1, a2, e1, e2 };
}

/** A record as an edit sends it: its fields without the metadata. */
function editable(record: Rec): { id: string; revision: number; fields: Record<string, unknown> } {
  const fields: Record<string, unknown> = { ...record };
  for (const key of ['id', 'revision', 'createdAt', 'updatedAt', 'deletedAt', 'origin']) delete fields[key];
  return { id: record.id, revision: record.revision, fields };
}

const rowOf = (view: EfficiencyView, key: string) => {
  const row = view.rows.find((r) => r.key === key);
  if (!row) expect.fail(`no row ${key} in ${JSON.stringify(view.rows.map((r) => r.key))}`);
  return row;
};

describe('efficiency figures', () => {
  it('gives each figure of the hand-built year, by post, phenomenon and country', async () => {
    const backend = await post();
    await handBuilt(backend);

    const byPost = await value<EfficiencyView>(backend.invoke('effort.efficiency', { year: 2026, by: 'post' }));
    const own = rowOf(byPost, '');
    // Operational: E1 150 + R1 45 + R2 60 = 255 minutes; non-operational: E2 90 + E3 90 = 180 (E4 is in the trash).
    expect(own.sums).toMatchObject({ opMinutes: 255, nonOpMinutes: 180, results: 3, answered: 1, timed: 5 });
    expect(own.sums).toMatchObject({ engagements: 3, requests: 2, opTravelCents: 30_000, nonOpTravelCents: 123_450 });
    expect(own.sums.travelHalfDays).toBe(7); // 1 + 2.5 days
    expect(own.figures.hoursPerResult).toBeCloseTo(4.25 / 3, 10);
    expect(own.figures.costPerResultCents).toBe(10_000); // €300.00 of operational travel over 3 results
    expect(own.figures.operationalShare).toBeCloseTo(255 / 435, 10);
    expect(byPost.total.sums).toEqual(own.sums);

    // What the post cost (budget + all travel) against what it delivered.
    expect(byPost.posts).toEqual([
      {
        post: '',
        label: '',
        budgetCents: 20_000_000,
        fteHundredths: 150,
        travelCents: 153_450,
        costCents: 20_153_450,
        results: 3,
        answered: 1,
        costPerResultCents: 20_153_450 / 3,
        costPerAnsweredCents: 20_153_450,
      },
    ]);

    const byPhenomenon = await value<EfficiencyView>(
      backend.invoke('effort.efficiency', { year: 2026, by: 'phenomenon' }),
    );
    const cocaine = rowOf(byPhenomenon, 'cocaine');
    expect(cocaine.sums).toMatchObject({ opMinutes: 255, nonOpMinutes: 90, results: 2 });
    expect(cocaine.figures.hoursPerResult).toBeCloseTo(2.125, 10);
    expect(cocaine.figures.costPerResultCents).toBe(15_000);
    expect(cocaine.figures.operationalShare).toBeCloseTo(255 / 345, 10);
    const none = rowOf(byPhenomenon, '');
    expect(none.sums).toMatchObject({ opMinutes: 0, nonOpMinutes: 90, results: 1 });
    expect(none.figures).toMatchObject({ hoursPerResult: 0, costPerResultCents: 0, operationalShare: 0 });

    const byCountry = await value<EfficiencyView>(backend.invoke('effort.efficiency', { year: 2026, by: 'country' }));
    const de = rowOf(byCountry, 'DE');
    expect(de.figures).toMatchObject({ hoursPerResult: 3.25, costPerResultCents: 30_000, operationalShare: 1 });
    const co = rowOf(byCountry, 'CO');
    expect(co.figures).toMatchObject({ hoursPerResult: 1, costPerResultCents: 0, operationalShare: 0.25 });
    expect(rowOf(byCountry, '').sums).toMatchObject({ results: 1, opMinutes: 0, nonOpMinutes: 0 });

    // Another year holds nothing; a year without results gives no figure rather than a division by zero.
    const other = await value<EfficiencyView>(backend.invoke('effort.efficiency', { year: 2025, by: 'post' }));
    expect(other.rows).toEqual([]);
    expect(other.total.figures).toMatchObject({
      hoursPerResult: null,
      costPerResultCents: null,
      operationalShare: null,
    });

    const { actual, recount } = effortAggregates(backend.db);
    expect(actual).toEqual(recount);
  });

  it('follows edits, the trash and restores', async () => {
    const backend = await post();
    const { e1 } = await handBuilt(backend);
    const before = rowOf(await value<EfficiencyView>(backend.invoke('effort.efficiency', { year: 2026 })), '').sums;
    // E1 made non-operational with another time: its 150 minutes and €300 move to the non-operational side.
    const current = await value<Rec>(backend.invoke('engagements.get', { id: e1.id }));
    const { id, revision, fields } = editable(current);
    await value(
      backend.invoke('engagements.update', {
        id,
        revision,
        fields: { ...fields, purpose: 'strategic', timeSpentMinutes: '3:15' },
      }),
    );
    let now = rowOf(await value<EfficiencyView>(backend.invoke('effort.efficiency', { year: 2026 })), '').sums;
    expect(now.opMinutes).toBe(before.opMinutes - 150);
    expect(now.nonOpMinutes).toBe(before.nonOpMinutes + 195);
    expect(now.opTravelCents).toBe(0);
    await value(backend.invoke('engagements.delete', { id }));
    now = rowOf(await value<EfficiencyView>(backend.invoke('effort.efficiency', { year: 2026 })), '').sums;
    expect(now.nonOpMinutes).toBe(before.nonOpMinutes);
    expect(now.engagements).toBe(2);
    await value(backend.invoke('engagements.restore', { id }));
    now = rowOf(await value<EfficiencyView>(backend.invoke('effort.efficiency', { year: 2026 })), '').sums;
    expect(now.nonOpMinutes).toBe(before.nonOpMinutes + 195);
    const { actual, recount } = effortAggregates(backend.db);
    expect(actual).toEqual(recount);
  });

  it('refuses time that is not in quarter hours, with a stable code', async () => {
    const backend = await post();
    const error = await failure(
      backend.invoke('engagements.create', engagementInput({ timeSpentMinutes: '1:20', travelCostCents: '12.3.4' })),
      'invalid_input',
    );
    expect(fieldCodes(error)).toEqual({ timeSpentMinutes: 'quarter_hours', travelCostCents: 'invalid_amount' });
    const request = await failure(
      backend.invoke('requests.create', requestInput({ timeSpentMinutes: 'soon' })),
      'invalid_input',
    );
    expect(fieldCodes(request)).toEqual({ timeSpentMinutes: 'invalid_duration' });
  });
});

describe('work plan: planned versus done', () => {
  it('counts the engagements carrying out each activity by quarter, against the plan spread over its quarters', async () => {
    const backend = await post();
    const { a1, a2, e2 } = await handBuilt(backend);
    let plan = await value<WorkplanView>(backend.invoke('workplan.view', { year: 2026 }));
    expect(plan.activities.map((a) => [a.activity.id, a.planned, a.done, a.minutes])).toEqual([
      [a1.id, [2, 2, 0, 0], [1, 0, 0, 0], 150],
      [a2.id, [0, 1, 0, 0], [0, 1, 0, 0], 90],
    ]);
    expect(plan.planned).toEqual([2, 3, 0, 0]);
    expect(plan.done).toEqual([1, 1, 0, 0]);

    // E2 (Q2) now also carries out A1.
    const current = await value<Rec>(backend.invoke('engagements.get', { id: e2.id }));
    const { id, revision, fields } = editable(current);
    await value(
      backend.invoke('engagements.update', { id, revision, fields: { ...fields, plannedActivityId: a1.id } }),
    );
    plan = await value<WorkplanView>(backend.invoke('workplan.view', { year: 2026 }));
    expect(plan.activities[0]!.done).toEqual([1, 1, 0, 0]);
    expect(plan.done).toEqual([1, 2, 0, 0]);

    // Removing an activity takes it off the plan; another year's plan is empty.
    await value(backend.invoke('workplan.remove', { id: a2.id }));
    plan = await value<WorkplanView>(backend.invoke('workplan.view', { year: 2026 }));
    expect(plan.activities.map((a) => a.activity.id)).toEqual([a1.id]);
    expect((await value<WorkplanView>(backend.invoke('workplan.view', { year: 2027 }))).activities).toEqual([]);
  });

  it('refuses an unknown phenomenon and a stale edit', async () => {
    const backend = await post();
    const bad = await failure(
      backend.invoke('workplan.save', {
        fields: { year: 2026, title: 'x', type: 'other', phenomenon: 'no-such', quarters: [1], plannedCount: 1 },
      }),
      'invalid_input',
    );
    expect(fieldCodes(bad)).toEqual({ phenomenon: 'unknown_term' });
    const a = await value<{ id: string; revision: number }>(
      backend.invoke('workplan.save', {
        fields: { year: 2026, title: 'x', type: 'other', quarters: [1], plannedCount: 1 },
      }),
    );
    await value(
      backend.invoke('workplan.save', {
        id: a.id,
        revision: 1,
        fields: { year: 2026, title: 'y', type: 'other', quarters: [1], plannedCount: 2 },
      }),
    );
    await failure(
      backend.invoke('workplan.save', {
        id: a.id,
        revision: 1,
        fields: { year: 2026, title: 'z', type: 'other', quarters: [1], plannedCount: 2 },
      }),
      'conflict',
    );
  });
});
