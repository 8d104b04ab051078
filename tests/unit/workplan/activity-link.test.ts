import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/create-backend';
import { importProgramme } from '../../../electron/effort/exchange';
import type { Result } from '../../../shared/contract/result';
import { initHq, initPost, ok } from '../exchange/helpers';
import { makeTempDir, removeTempDir } from '../helpers/temp-dir';

// An engagement's "carries out planned activity" (plannedActivityId) is checked when the officer saves it, through
// the real backend: an id that is no activity, an activity removed from the plan, or one of another post's plan
// is refused on that field by a stable code (translated in common:error), and nothing is written.

const STAMP = '2026-03-01T10:00:00.000Z';
let dir: string;
let backend: Backend;

beforeEach(() => {
  dir = makeTempDir('liaison-log-activity-link-');
  backend = createBackend({ dataDir: dir, now: () => new Date(STAMP), log: (m, e) => console.error(m, e) });
});

afterEach(() => {
  backend.close();
  removeTempDir(dir);
});

const engagement = (plannedActivityId: string | null) => ({
  occurredAt: '2026-02-20T10:00:00.000Z',
  kind: 'meeting' as const,
  subject: 'Working meeting',
  purpose: 'operational' as const,
  plannedActivityId,
});

async function activity(title: string): Promise<string> {
  const saved = await ok(
    backend.call('workplan.save', {
      fields: { year: 2026, title, type: 'operational', quarters: [1], plannedCount: 2 },
    }),
  );
  return saved.id;
}

/** The field problem of a refused save: [family, field code]. */
function refusal(r: Result<unknown>): [string, string | undefined] | 'saved' {
  return r.ok ? 'saved' : [r.error.code, r.error.fields?.['plannedActivityId']?.code];
}

const engagementCount = () => backend.db.prepare("SELECT count(*) FROM record WHERE kind = 'engagement'").pluck().get();

describe('the planned activity an engagement carries out', () => {
  it('is refused on create when it does not exist or was removed, and nothing is written', async () => {
    await initPost(backend, 'BOG');
    const live = await activity('Joint action days');
    const removed = await activity('Port visits');
    await ok(backend.call('workplan.remove', { id: removed }));
    const missing = '5a0c2f4e-1b2d-4c3e-8f90-123456789abc';

    expect(refusal(await backend.call('engagements.create', engagement(missing)))).toEqual([
      'invalid_input',
      'unknown_activity',
    ]);
    expect(refusal(await backend.call('engagements.create', engagement(removed)))).toEqual([
      'invalid_input',
      'activity_removed',
    ]);
    expect(engagementCount()).toBe(0);
    // The English wording travels with the code (the window shows its own language's text of the code).
    const r = await backend.call('engagements.create', engagement(missing));
    expect(r.ok ? null : r.error.fields?.['plannedActivityId']?.message).toBe(
      'There is no such planned activity in the work plan.',
    );

    const saved = await ok(backend.call('engagements.create', engagement(live)));
    expect(saved.plannedActivityId).toBe(live);
    expect((await ok(backend.call('engagements.create', engagement(null)))).plannedActivityId).toBeNull();
    expect(engagementCount()).toBe(2);
  });

  it('on an edit: a new link is checked, the link the engagement already had stays valid once removed', async () => {
    await initPost(backend, 'BOG');
    const first = await activity('Joint action days');
    const second = await activity('Port visits');
    const saved = await ok(backend.call('engagements.create', engagement(first)));
    await ok(backend.call('workplan.remove', { id: first }));
    await ok(backend.call('workplan.remove', { id: second }));

    // Moving it to another removed activity is refused, and the engagement is as it was.
    const moved = await backend.call('engagements.update', {
      id: saved.id,
      revision: saved.revision,
      fields: engagement(second),
    });
    expect(refusal(moved)).toEqual(['invalid_input', 'activity_removed']);
    const still = await ok(backend.call('engagements.get', { id: saved.id }));
    expect([still.revision, still.plannedActivityId]).toEqual([saved.revision, first]);

    // Correcting the subject keeps the link to the activity removed since.
    const edited = await ok(
      backend.call('engagements.update', {
        id: saved.id,
        revision: saved.revision,
        fields: { ...engagement(first), subject: 'Working meeting (corrected)' },
      }),
    );
    expect([edited.revision, edited.plannedActivityId]).toEqual([saved.revision + 1, first]);
  });

  it('at HQ, an activity of a post’s plan (from its export) is refused on HQ’s own engagement', async () => {
    await initHq(backend);
    const postActivity = '0b7c1d2e-3f40-4a5b-8c6d-7e8f90a1b2c3';
    importProgramme(
      backend.db,
      'BOG',
      {
        budgets: [],
        activities: [
          {
            id: postActivity,
            revision: 1,
            year: 2026,
            title: 'Post activity',
            type: 'training',
            phenomenon: null,
            partnerCountry: null,
            partnerOrganisationId: null,
            quarters: [1],
            plannedCount: 1,
            createdAt: STAMP,
            updatedAt: STAMP,
            deletedAt: null,
          },
        ],
      },
      () => new Date(STAMP),
    );
    expect(refusal(await backend.call('engagements.create', engagement(postActivity)))).toEqual([
      'invalid_input',
      'activity_of_other_post',
    ]);
    // HQ's own plan is fine.
    const own = await activity('HQ coordination');
    expect(refusal(await backend.call('engagements.create', engagement(own)))).toBe('saved');
    expect(engagementCount()).toBe(1);
  });
});
