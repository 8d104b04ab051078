import { describe, it, expect } from 'vitest';
import { create, engagementInput, listIds, organisationInput, requestInput, useLogbook, value } from './helpers';

// The backend computes each request's Directive deadline from the post's settings (wall clock and home
// country), and lists what needs the officer now: overdue and nearly due requests, follow-ups, and partner
// organisations that have not been contacted for a while.

interface AttentionItem {
  id: string;
  title: string;
  at: string | null;
  country: string | null;
}
interface Attention {
  overdueRequests: AttentionItem[];
  dueSoonRequests: AttentionItem[];
  followUps: AttentionItem[];
  quietOrganisations: AttentionItem[];
}

describe('dueAt on requests', () => {
  const open = useLogbook();

  it('is 7 calendar days on the default wall clock (Europe/Amsterdam), across the spring clock change', async () => {
    const { backend } = open();
    // Fri 27 March 16:00 CET -> Fri 3 April 16:00 CEST
    const r = await create(backend, 'requests', requestInput({ exchangedAt: '2026-03-27T15:00:00.000Z' }));
    expect(r['dueAt']).toBe('2026-04-03T14:00:00.000Z');
  });

  it('follows the urgency and accessibility of the request', async () => {
    const { backend } = open();
    const at = '2026-05-12T14:00:00.000Z';
    const urgent = { urgency: 'urgent', urgencyGround: 'public_security' };
    const direct = await create(
      backend,
      'requests',
      requestInput({ exchangedAt: at, ...urgent, accessibility: 'direct' }),
    );
    const indirect = await create(
      backend,
      'requests',
      requestInput({ exchangedAt: at, ...urgent, accessibility: 'indirect' }),
    );
    expect(direct['dueAt']).toBe('2026-05-12T22:00:00.000Z');
    expect(indirect['dueAt']).toBe('2026-05-15T14:00:00.000Z');
  });

  it('uses the time zone in the settings: a post in Bogota counts days on its own clock', async () => {
    const { backend } = open();
    await value(backend.invoke('settings.update', { timeZone: 'America/Bogota' }));
    // Fri 27 March 10:00 COT = 15:00Z -> Fri 3 April 10:00 COT = 15:00Z (no DST in Colombia)
    const r = await create(backend, 'requests', requestInput({ exchangedAt: '2026-03-27T15:00:00.000Z' }));
    expect(r['dueAt']).toBe('2026-04-03T15:00:00.000Z');
  });

  it('uses the home country in the settings: a Belgian post owes no Directive deadline to Belgium', async () => {
    const { backend } = open();
    const toBelgium = requestInput({ counterpartCountry: 'BE' });
    const toNetherlands = requestInput({ counterpartCountry: 'NL' });
    expect((await create(backend, 'requests', toBelgium))['dueAt']).not.toBeNull();
    expect((await create(backend, 'requests', toNetherlands))['dueAt']).toBeNull();
    await value(backend.invoke('settings.update', { homeCountry: 'BE' }));
    expect((await create(backend, 'requests', toBelgium))['dueAt']).toBeNull();
    expect((await create(backend, 'requests', toNetherlands))['dueAt']).not.toBeNull();
  });

  it('is null outside the EU and for mutual legal assistance', async () => {
    const { backend } = open();
    expect(
      (await create(backend, 'requests', requestInput({ counterpartCountry: 'CO', channel: 'interpol' })))['dueAt'],
    ).toBeNull();
    expect(
      (await create(backend, 'requests', requestInput({ counterpartCountry: 'DE', channel: 'mla_eio' })))['dueAt'],
    ).toBeNull();
    expect(
      (await create(backend, 'requests', requestInput({ counterpartCountry: 'DE', channel: 'bilateral' })))['dueAt'],
    ).toBe('2026-03-09T09:30:00.000Z');
  });

  it('is recomputed when the request is edited', async () => {
    const { backend } = open();
    const r = await create(backend, 'requests', requestInput());
    expect(r['dueAt']).toBe('2026-03-09T09:30:00.000Z');
    const mla = await value(
      backend.invoke('requests.update', { id: r.id, revision: 1, fields: requestInput({ channel: 'mla_eio' }) }),
    );
    expect(mla['dueAt']).toBeNull();
    const urgent = await value(
      backend.invoke('requests.update', {
        id: r.id,
        revision: 2,
        fields: requestInput({ urgency: 'urgent', urgencyGround: 'loses_relevance' }),
      }),
    );
    expect(urgent['dueAt']).toBe('2026-03-02T17:30:00.000Z');
  });

  it('cannot be set by the caller', async () => {
    const { backend } = open();
    const answer = await backend.invoke('requests.create', { ...requestInput(), dueAt: '2030-01-01T00:00:00.000Z' });
    expect(answer.ok).toBe(false);
  });
});

describe('overdue filter', () => {
  const open = useLogbook();

  it('lists open requests past their deadline at the backend’s now, and nothing else', async () => {
    const { backend, clock } = open({ start: '2026-03-12T12:00:00.000Z' });
    // Due 9 March 09:30Z: overdue at 12 March.
    const overdue = await create(backend, 'requests', requestInput({ exchangedAt: '2026-03-02T09:30:00.000Z' }));
    // Due 14 March: not yet.
    const notYet = await create(backend, 'requests', requestInput({ exchangedAt: '2026-03-07T09:30:00.000Z' }));
    // Past due but answered / refused / withdrawn: not overdue.
    await create(
      backend,
      'requests',
      requestInput({
        status: 'answered',
        answeredAt: '2026-03-11T09:00:00.000Z',
        exchangedAt: '2026-03-01T09:00:00.000Z',
      }),
    );
    await create(backend, 'requests', requestInput({ status: 'withdrawn', exchangedAt: '2026-03-01T09:00:00.000Z' }));
    // No deadline at all (outside the EU).
    await create(
      backend,
      'requests',
      requestInput({ counterpartCountry: 'CO', exchangedAt: '2026-01-01T09:00:00.000Z' }),
    );
    // Overdue but in the trash.
    const trashed = await create(backend, 'requests', requestInput({ exchangedAt: '2026-03-01T09:00:00.000Z' }));
    await value(backend.invoke('requests.delete', { id: trashed.id }));

    expect(await listIds(backend, 'requests', { filters: { overdue: true } })).toEqual([overdue.id]);

    // Time passes: the second one becomes overdue too.
    clock.set('2026-03-14T09:30:00.001Z');
    expect(await listIds(backend, 'requests', { filters: { overdue: true }, sort: 'due' })).toEqual([
      overdue.id,
      notYet.id,
    ]);
  });
});

describe('attention.get', () => {
  const open = useLogbook();

  it('sorts requests into overdue and due soon, with their deadline and country', async () => {
    const { backend } = open({ start: '2026-03-12T12:00:00.000Z' });
    const overdue = await create(
      backend,
      'requests',
      requestInput({ subject: 'Overdue one', exchangedAt: '2026-03-02T09:30:00.000Z', counterpartCountry: 'FR' }),
    );
    // Due 13 March 09:30Z: within 48 h.
    const soon = await create(
      backend,
      'requests',
      requestInput({ subject: 'Soon one', exchangedAt: '2026-03-06T09:30:00.000Z' }),
    );
    // Due 18 March: not within 48 h.
    const later = await create(backend, 'requests', requestInput({ exchangedAt: '2026-03-11T09:30:00.000Z' }));
    // Answered: never listed.
    await create(
      backend,
      'requests',
      requestInput({
        exchangedAt: '2026-03-02T09:30:00.000Z',
        status: 'answered',
        answeredAt: '2026-03-03T09:30:00.000Z',
      }),
    );

    const a = await value<Attention>(backend.invoke('attention.get', {}));
    expect(a.overdueRequests).toEqual([
      { id: overdue.id, title: 'Overdue one', at: '2026-03-09T09:30:00.000Z', country: 'FR' },
    ]);
    expect(a.dueSoonRequests).toEqual([
      { id: soon.id, title: 'Soon one', at: '2026-03-13T09:30:00.000Z', country: 'DE' },
    ]);

    // A wider window takes in the later one too, soonest first.
    const wide = await value<Attention>(backend.invoke('attention.get', { dueWithinHours: 24 * 7 }));
    expect(wide.dueSoonRequests.map((i) => i.id)).toEqual([soon.id, later.id]);
    // A narrower one, neither.
    const narrow = await value<Attention>(backend.invoke('attention.get', { dueWithinHours: 12 }));
    expect(narrow.dueSoonRequests).toEqual([]);
  });

  it('lists follow-ups due within a week (including past ones), not done ones', async () => {
    const { backend } = open({ start: '2026-03-12T12:00:00.000Z' });
    const past = await create(backend, 'engagements', engagementInput({ subject: 'Past', followUpOn: '2026-03-01' }));
    const inAWeek = await create(
      backend,
      'engagements',
      engagementInput({ subject: 'Week', followUpOn: '2026-03-19' }),
    );
    await create(backend, 'engagements', engagementInput({ subject: 'Too far', followUpOn: '2026-03-20' }));
    await create(
      backend,
      'engagements',
      engagementInput({ subject: 'Done', followUpOn: '2026-03-01', followUpDone: true }),
    );
    await create(backend, 'engagements', engagementInput({ subject: 'None' }));
    const a = await value<Attention>(backend.invoke('attention.get', {}));
    expect(a.followUps).toEqual([
      { id: past.id, title: 'Past', at: '2026-03-01', country: null },
      { id: inAWeek.id, title: 'Week', at: '2026-03-19', country: null },
    ]);
    // The engagements' overdue filter shows follow-ups due by today.
    expect(await listIds(backend, 'engagements', { filters: { overdue: true } })).toEqual([past.id]);
    // Marking the follow-up done takes it off both.
    await value(
      backend.invoke('engagements.update', {
        id: past.id,
        revision: 1,
        fields: engagementInput({ subject: 'Past', followUpOn: '2026-03-01', followUpDone: true }),
      }),
    );
    expect((await value<Attention>(backend.invoke('attention.get', {}))).followUps.map((f) => f.id)).toEqual([
      inAWeek.id,
    ]);
    expect(await listIds(backend, 'engagements', { filters: { overdue: true } })).toEqual([]);
  });

  it('lists organisations never contacted, then those contacted longest ago, not recent ones', async () => {
    const { backend } = open({ start: '2026-06-30T12:00:00.000Z' });
    const never = await create(backend, 'organisations', organisationInput({ name: 'Never contacted', country: 'CO' }));
    const longAgo = await create(backend, 'organisations', organisationInput({ name: 'Long ago', country: 'ES' }));
    const longerAgo = await create(backend, 'organisations', organisationInput({ name: 'Longer ago', country: 'IT' }));
    const recent = await create(backend, 'organisations', organisationInput({ name: 'Recent', country: 'FR' }));
    await create(
      backend,
      'engagements',
      engagementInput({ occurredAt: '2026-02-01T10:00:00.000Z', organisationIds: [longAgo.id] }),
    );
    await create(
      backend,
      'engagements',
      engagementInput({ occurredAt: '2025-11-15T10:00:00.000Z', organisationIds: [longerAgo.id, longAgo.id] }),
    );
    await create(
      backend,
      'engagements',
      engagementInput({ occurredAt: '2026-06-01T10:00:00.000Z', organisationIds: [recent.id] }),
    );
    // A recent contact that was deleted does not count.
    const deleted = await create(
      backend,
      'engagements',
      engagementInput({ occurredAt: '2026-06-20T10:00:00.000Z', organisationIds: [longerAgo.id] }),
    );
    await value(backend.invoke('engagements.delete', { id: deleted.id }));

    // Default quiet period is 90 days (setting): before 1 April 2026.
    const a = await value<Attention>(backend.invoke('attention.get', {}));
    expect(a.quietOrganisations).toEqual([
      { id: never.id, title: 'Never contacted', at: null, country: 'CO' },
      { id: longerAgo.id, title: 'Longer ago', at: '2025-11-15T10:00:00.000Z', country: 'IT' },
      { id: longAgo.id, title: 'Long ago', at: '2026-02-01T10:00:00.000Z', country: 'ES' },
    ]);

    // A longer quiet period (200 days: before 12 December 2025) keeps only the never-contacted and the oldest.
    const longer = await value<Attention>(backend.invoke('attention.get', { quietDays: 200 }));
    expect(longer.quietOrganisations.map((o) => o.id)).toEqual([never.id, longerAgo.id]);

    // The setting is used when the call does not say.
    await value(backend.invoke('settings.update', { quietDays: 20 }));
    const short = await value<Attention>(backend.invoke('attention.get', {}));
    expect(short.quietOrganisations.map((o) => o.id)).toEqual([never.id, longerAgo.id, longAgo.id, recent.id]);

    // An organisation that came from a post (at HQ: imported, origin_post set as the import sets it) is the post's
    // to keep in touch with, not this installation's.
    backend.db.prepare('UPDATE record SET origin_post = ? WHERE id = ?').run('P01', longAgo.id);
    expect((await value<Attention>(backend.invoke('attention.get', {}))).quietOrganisations.map((o) => o.id)).toEqual([
      never.id,
      longerAgo.id,
      recent.id,
    ]);

    // Trashed organisations are not listed.
    await value(backend.invoke('organisations.delete', { id: never.id }));
    expect(
      (await value<Attention>(backend.invoke('attention.get', {}))).quietOrganisations.map((o) => o.id),
    ).not.toContain(never.id);
  });

  it('is empty for an empty logbook', async () => {
    const { backend } = open();
    expect(await value<Attention>(backend.invoke('attention.get', {}))).toEqual({
      overdueRequests: [],
      dueSoonRequests: [],
      followUps: [],
      quietOrganisations: [],
    });
  });

  it('reads the records’ stored dueAt (the one shown on the record)', async () => {
    const { backend } = open({ start: '2026-04-03T13:00:00.000Z' });
    const r = await create(backend, 'requests', requestInput({ exchangedAt: '2026-03-27T15:00:00.000Z' }));
    const a = await value<Attention>(backend.invoke('attention.get', { dueWithinHours: 2 }));
    expect(a.dueSoonRequests).toEqual([expect.objectContaining({ id: r.id, at: r['dueAt'] })]);
  });
});
