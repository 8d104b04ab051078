import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import { createBackend, type Backend } from '../../../electron/backend/create-backend';
import {
  create,
  engagementInput,
  failure,
  manualClock,
  organisationInput,
  requestInput,
  resultInput,
  tempDir,
  value,
} from './helpers';

// overview.get on a hand-built month (March 2026), with the right answers worked out below.
// Settings are the defaults: home country NL, wall clock Europe/Amsterdam. "Now" is 20 April 2026.
//
// Requests in March (R11 is in February, R12 is in the trash):
//   R1  in  DE siena     2 Mar, answered 5 Mar      due 9 Mar   in time       [cocaine]
//   R2  in  FR bilateral 2 Mar, answered 12 Mar     due 9 Mar   late          [cocaine]
//   R3  in  ES siena    10 Mar, open                due 17 Mar  overdue       [money_laundering]
//   R4  out DE siena    11 Mar, open                due 18 Mar  overdue       [cocaine, hvt]
//   R5  in  CO interpol  3 Mar, answered 30 Mar     no deadline (not EU)      [cocaine]
//   R6  in  DE mla_eio   4 Mar, open                no deadline (MLA)
//   R7  out NL siena     5 Mar, open                no deadline (home country)
//   R8  out ES interpol 12 Mar, answered 20 Mar     due 19 Mar  late, but outgoing
//   R9  in  IT siena    12 Mar, refused 13 Mar      due 19 Mar  in time
//   R10 in  DE siena    28 Mar 20:00Z urgent+direct, answered 29 Mar 05:00Z; due 29 Mar 04:00Z (8 h): late
//
// The officer's timeliness figures count what the post owes: incoming requests with a Directive deadline
// that have an answer (a refusal is an answer), the way Art. 18(b) counts "requests received and answered".

let backend: Backend;
let dataDir: string;

beforeAll(async () => {
  dataDir = tempDir();
  backend = createBackend({ dataDir, now: manualClock('2026-04-20T12:00:00.000Z').now, log: () => undefined });
  const org = async (country: string) => (await create(backend, 'organisations', organisationInput({ country }))).id;
  const oDe = await org('DE');
  const oCo = await org('CO');
  const oCo2 = await org('CO');

  // Engagements: 4 in March, 2 operational.
  await create(
    backend,
    'engagements',
    engagementInput({
      occurredAt: '2026-03-05T10:00:00.000Z',
      purpose: 'operational',
      phenomena: ['cocaine'],
      organisationIds: [oDe],
    }),
  );
  await create(
    backend,
    'engagements',
    engagementInput({
      occurredAt: '2026-03-10T10:00:00.000Z',
      purpose: 'relationship',
      phenomena: ['cocaine', 'money_laundering'],
      organisationIds: [oDe, oCo],
    }),
  );
  await create(
    backend,
    'engagements',
    engagementInput({
      occurredAt: '2026-03-15T10:00:00.000Z',
      purpose: 'capacity_building',
      organisationIds: [oCo, oCo2],
    }),
  );
  await create(
    backend,
    'engagements',
    engagementInput({
      occurredAt: '2026-03-31T12:00:00.000Z',
      purpose: 'operational',
      phenomena: ['thb'],
    }),
  );
  // Outside the month, and in the trash: not counted.
  await create(
    backend,
    'engagements',
    engagementInput({
      occurredAt: '2026-04-01T12:00:00.000Z',
      purpose: 'operational',
      phenomena: ['cocaine'],
      organisationIds: [oDe],
    }),
  );
  const trashedEngagement = await create(
    backend,
    'engagements',
    engagementInput({
      occurredAt: '2026-03-20T12:00:00.000Z',
      purpose: 'operational',
      phenomena: ['cocaine'],
      organisationIds: [oDe],
    }),
  );
  await value(backend.invoke('engagements.delete', { id: trashedEngagement.id }));

  const req = (fields: Record<string, unknown>) => create(backend, 'requests', requestInput(fields));
  const answered = (at: string) => ({ status: 'answered', answeredAt: at });
  await req({
    counterpartCountry: 'DE',
    channel: 'siena',
    exchangedAt: '2026-03-02T12:00:00.000Z',
    ...answered('2026-03-05T12:00:00.000Z'),
    phenomena: ['cocaine'],
  });
  await req({
    counterpartCountry: 'FR',
    channel: 'bilateral',
    exchangedAt: '2026-03-02T12:00:00.000Z',
    ...answered('2026-03-12T12:00:00.000Z'),
    phenomena: ['cocaine'],
  });
  await req({
    counterpartCountry: 'ES',
    channel: 'siena',
    exchangedAt: '2026-03-10T12:00:00.000Z',
    phenomena: ['money_laundering'],
  });
  await req({
    direction: 'outgoing',
    counterpartCountry: 'DE',
    channel: 'siena',
    exchangedAt: '2026-03-11T12:00:00.000Z',
    phenomena: ['cocaine', 'hvt'],
  });
  await req({
    counterpartCountry: 'CO',
    channel: 'interpol',
    exchangedAt: '2026-03-03T12:00:00.000Z',
    ...answered('2026-03-30T12:00:00.000Z'),
    phenomena: ['cocaine'],
  });
  await req({ counterpartCountry: 'DE', channel: 'mla_eio', exchangedAt: '2026-03-04T12:00:00.000Z' });
  await req({
    direction: 'outgoing',
    counterpartCountry: 'NL',
    channel: 'siena',
    exchangedAt: '2026-03-05T12:00:00.000Z',
  });
  await req({
    direction: 'outgoing',
    counterpartCountry: 'ES',
    channel: 'interpol',
    exchangedAt: '2026-03-12T12:00:00.000Z',
    ...answered('2026-03-20T12:00:00.000Z'),
  });
  await req({
    counterpartCountry: 'IT',
    channel: 'siena',
    exchangedAt: '2026-03-12T12:00:00.000Z',
    status: 'refused',
    refusalGround: 'f',
    answeredAt: '2026-03-13T12:00:00.000Z',
  });
  await req({
    counterpartCountry: 'DE',
    channel: 'siena',
    exchangedAt: '2026-03-28T20:00:00.000Z',
    urgency: 'urgent',
    urgencyGround: 'life_or_integrity',
    accessibility: 'direct',
    ...answered('2026-03-29T05:00:00.000Z'),
  });
  // Outside the month, and in the trash: open and overdue, but not counted.
  await req({ counterpartCountry: 'DE', channel: 'siena', exchangedAt: '2026-02-27T12:00:00.000Z' });
  const trashedRequest = await req({
    counterpartCountry: 'DE',
    channel: 'siena',
    exchangedAt: '2026-03-20T12:00:00.000Z',
  });
  await value(backend.invoke('requests.delete', { id: trashedRequest.id }));

  // Results: 3 in March (the first and the last day count).
  await create(backend, 'results', resultInput({ kind: 'arrest', achievedOn: '2026-03-01', phenomena: ['cocaine'] }));
  await create(
    backend,
    'results',
    resultInput({
      kind: 'seizure',
      achievedOn: '2026-03-31',
      description: 'Seizure at the port',
      substance: 'cocaine',
      quantity: 100,
      unit: 'kg',
      count: null,
      phenomena: ['cocaine'],
    }),
  );
  await create(backend, 'results', resultInput({ kind: 'arrest', achievedOn: '2026-03-15', phenomena: ['thb'] }));
  await create(
    backend,
    'results',
    resultInput({ kind: 'seizure', achievedOn: '2026-04-01', substance: 'MDMA', quantity: 1, unit: 'kg' }),
  );
  const trashedResult = await create(backend, 'results', resultInput({ achievedOn: '2026-03-10' }));
  await value(backend.invoke('results.delete', { id: trashedResult.id }));
});

afterAll(() => {
  backend.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('overview.get', () => {
  it('answers March 2026 as worked out by hand', async () => {
    const overview = await value(backend.invoke('overview.get', { from: '2026-03-01', to: '2026-03-31' }));
    expect(overview).toEqual({
      from: '2026-03-01',
      to: '2026-03-31',
      engagements: {
        total: 4,
        operational: 2,
        nonOperational: 2,
        byPhenomenon: [
          { key: 'cocaine', count: 2 },
          { key: 'money_laundering', count: 1 },
          { key: 'thb', count: 1 },
        ],
        // One engagement with two Colombian organisations counts once for CO.
        byCountry: [
          { key: 'CO', count: 2 },
          { key: 'DE', count: 2 },
        ],
      },
      requests: {
        total: 10,
        incoming: 7,
        outgoing: 3,
        byPhenomenon: [
          { key: 'cocaine', count: 4 },
          { key: 'hvt', count: 1 },
          { key: 'money_laundering', count: 1 },
        ],
        byCountry: [
          { key: 'DE', count: 4 },
          { key: 'ES', count: 2 },
          { key: 'CO', count: 1 },
          { key: 'FR', count: 1 },
          { key: 'IT', count: 1 },
          { key: 'NL', count: 1 },
        ],
        byChannel: [
          { key: 'siena', count: 6 },
          { key: 'interpol', count: 2 },
          { key: 'bilateral', count: 1 },
          { key: 'mla_eio', count: 1 },
        ],
        // R1 R2 R3 R4 R8 R9 R10; not R5 (Colombia), R6 (MLA), R7 (home country).
        euExchanges: 7,
        // R1 R3 R4 R9 R10.
        euViaSiena: 5,
        // R1 R2 R9 R10 (incoming, with a deadline, answered); R1 and R9 in time.
        answeredWithDeadline: 4,
        answeredInTime: 2,
        // R3 and R4.
        openOverdue: 2,
      },
      results: {
        total: 3,
        byKind: [
          { key: 'arrest', count: 2 },
          { key: 'seizure', count: 1 },
        ],
        byPhenomenon: [
          { key: 'cocaine', count: 2 },
          { key: 'thb', count: 1 },
        ],
      },
    });
  });

  it('a single day is a whole day: 31 March holds the last engagement and the seizure', async () => {
    const overview = await value<{
      engagements: { total: number; operational: number };
      requests: { total: number };
      results: { total: number; byKind: unknown };
    }>(backend.invoke('overview.get', { from: '2026-03-31', to: '2026-03-31' }));
    expect(overview.engagements).toMatchObject({ total: 1, operational: 1 });
    expect(overview.requests.total).toBe(0);
    expect(overview.results).toMatchObject({ total: 1, byKind: [{ key: 'seizure', count: 1 }] });
  });

  it('an empty period is all zeros', async () => {
    const overview = await value<Record<string, Record<string, unknown>>>(
      backend.invoke('overview.get', { from: '2025-01-01', to: '2025-01-31' }),
    );
    expect(overview['engagements']).toEqual({
      total: 0,
      operational: 0,
      nonOperational: 0,
      byPhenomenon: [],
      byCountry: [],
    });
    expect(overview['requests']).toMatchObject({
      total: 0,
      euExchanges: 0,
      euViaSiena: 0,
      answeredWithDeadline: 0,
      answeredInTime: 0,
      openOverdue: 0,
      byChannel: [],
    });
    expect(overview['results']).toEqual({ total: 0, byKind: [], byPhenomenon: [] });
  });

  it('refuses an invalid period', async () => {
    await failure(backend.invoke('overview.get', { from: '2026-03-01' }), 'invalid_input');
    await failure(backend.invoke('overview.get', { from: 'March', to: '2026-03-31' }), 'invalid_input');
  });
});
