import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { dueAt, type Accessibility, type Urgency } from '../../../shared/deadlines/directive';
import { deadlineOutcome, timelinessCounts, type DeadlineOutcome } from '../../../shared/deadlines/outcome';
import type { Attention, Overview } from '../../../shared/overview/schema';
import { REFUSAL_GROUNDS, URGENCY_GROUNDS } from '../../../shared/requests/directive-codes';
import { useLogbook, value, type Page, type Rec } from '../logbook/helpers';

// One rule for met / missed / overdue: the shared function (shared/deadlines/outcome.ts) and the SQL that
// classifies in the backend must agree on every request. On random requests (both directions, with and without
// the Directive, every status, refusals with and without their time, answers exactly at the due instant and a
// millisecond either side, "now" exactly at the due instant), through the real backend on a real file:
//   - the dashboards' facts (migration 005 triggers): answered / in_time per incoming request;
//   - the overview's figures from the aggregates: answered with a deadline, answered in time, open past the
//     deadline (electron/reports/dashboard-rows.ts);
//   - the list's "overdue" filter and the attention lists (overdue, due within 24 hours);
//   - the list row carries what the function needs (dueAt, answeredAt, exchangedAt, status, urgency...).

const NOW = Date.parse('2026-03-29T12:00:00.000Z'); // the day Amsterdam moves to summer time
const TZ = 'Europe/Amsterdam';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Drawn {
  direction: 'incoming' | 'outgoing';
  country: string;
  channel: string;
  urgency: Urgency;
  accessibility: Accessibility;
  /** Received: now minus this, or exactly so that the deadline falls at now. */
  received: { at: number } | { dueAtNow: true };
  status: 'open' | 'answered' | 'refused' | 'withdrawn';
  /** The answer time: none, at the due instant plus an offset, or after receipt. */
  answer: null | { dueOffset: number } | { afterReceipt: number };
}

const drawn: fc.Arbitrary<Drawn> = fc.record({
  direction: fc.constantFrom('incoming', 'outgoing'),
  // DE/FR/ES: EU member states (the Directive applies); NL: home country; US: not a member state.
  country: fc.constantFrom('DE', 'FR', 'ES', 'DE', 'NL', 'US'),
  channel: fc.constantFrom('siena', 'siena', 'bilateral', 'interpol', 'mla_eio'),
  urgency: fc.constantFrom<Urgency>('urgent', 'non_urgent'),
  accessibility: fc.constantFrom<Accessibility>('direct', 'indirect'),
  received: fc.oneof(
    fc.record({ at: fc.integer({ min: 0, max: 12 * DAY }) }),
    fc.constant({ dueAtNow: true as const }),
  ),
  status: fc.constantFrom('open', 'answered', 'refused', 'withdrawn'),
  answer: fc.oneof(
    fc.constant(null),
    fc.record({ dueOffset: fc.constantFrom(0, 0, -1, 1, -HOUR, HOUR, 2 * DAY) }),
    fc.record({ dueOffset: fc.integer({ min: -3 * DAY, max: 3 * DAY }) }),
    fc.record({ afterReceipt: fc.integer({ min: 0, max: 10 * DAY }) }),
  ),
});

/** The request's fields, valid for the schema (an answered request has its time, a refusal its ground). */
function fieldsOf(d: Drawn): Record<string, unknown> {
  const limit = (e: number) => dueAt(new Date(e).toISOString(), d.urgency, d.accessibility, TZ);
  let exchanged: number;
  if ('at' in d.received) {
    exchanged = NOW - d.received.at;
  } else {
    // Received so that the deadline falls exactly at now (hours are exact; days are on the wall clock).
    exchanged = NOW;
    exchanged -= Date.parse(limit(NOW)) - NOW;
    exchanged += NOW - Date.parse(limit(exchanged));
  }
  const due = Date.parse(limit(exchanged));
  let answered: number | null =
    d.answer === null ? null : 'dueOffset' in d.answer ? due + d.answer.dueOffset : exchanged + d.answer.afterReceipt;
  if (answered !== null) answered = Math.max(answered, exchanged);
  if (d.status === 'answered' && answered === null) answered = exchanged + HOUR;
  return {
    direction: d.direction,
    counterpartCountry: d.country,
    counterpartAgency: 'Partner agency',
    channel: d.channel,
    exchangedAt: new Date(exchanged).toISOString(),
    subject: 'Generated request',
    status: d.status,
    urgency: d.urgency,
    urgencyGround: d.urgency === 'urgent' ? URGENCY_GROUNDS[0] : null,
    accessibility: d.accessibility,
    answeredAt: answered === null ? null : new Date(answered).toISOString(),
    refusalGround: d.status === 'refused' ? REFUSAL_GROUNDS[0] : null,
  };
}

const open = useLogbook();

describe('met / missed / overdue: the SQL classifies as the shared function does', () => {
  it('on random requests, including answers at the exact due instant and refusals', async () => {
    const { backend } = open({ start: new Date(NOW).toISOString() });
    await value(backend.invoke('settings.update', { timeZone: TZ, homeCountry: 'NL' }));
    const now = new Date(NOW);
    const fact = backend.db.prepare<[string], { answered: number; in_time: number }>(
      'SELECT answered, in_time FROM dashboard_fact WHERE record_n = (SELECT n FROM record WHERE id = ?)',
    );
    const seen = new Set<DeadlineOutcome['state']>();

    await fc.assert(
      fc.asyncProperty(fc.array(drawn, { minLength: 1, maxLength: 6 }), async (batch) => {
        const created: Rec[] = [];
        for (const d of batch) created.push(await value(backend.invoke('requests.create', fieldsOf(d))));
        try {
          const outcomes = new Map(created.map((r) => [r.id, deadlineOutcome(r as never, now)]));
          for (const o of outcomes.values()) seen.add(o.state);

          // The list row carries the function's inputs, and gives the same outcome.
          const page = await value<Page>(backend.invoke('requests.list', { limit: 1000 }));
          for (const row of page.items) {
            expect(Object.keys(row)).toEqual(
              expect.arrayContaining(['exchangedAt', 'dueAt', 'answeredAt', 'status', 'urgency', 'accessibility']),
            );
            expect(deadlineOutcome(row as never, now)).toEqual(outcomes.get(row.id));
          }

          // The dashboards' facts, per request.
          for (const r of created) {
            const counts = timelinessCounts(outcomes.get(r.id)!);
            const expected = r['direction'] === 'incoming' ? counts : { answered: 0, inTime: 0 };
            const f = fact.get(r.id)!;
            expect({ answered: f.answered, inTime: f.in_time }, JSON.stringify(r)).toEqual(expected);
          }

          // The overview from the aggregates: the same totals.
          const states = [...outcomes.entries()].map(([id, o]) => ({
            o,
            incoming: created.find((r) => r.id === id)!['direction'] === 'incoming',
          }));
          const overview = await value<Overview>(
            backend.invoke('overview.get', { from: '2026-01-01', to: '2026-12-31' }),
          );
          expect({
            answered: overview.requests.answeredWithDeadline,
            inTime: overview.requests.answeredInTime,
            overdue: overview.requests.openOverdue,
          }).toEqual({
            answered: states.filter((s) => s.incoming && timelinessCounts(s.o).answered).length,
            inTime: states.filter((s) => s.incoming && timelinessCounts(s.o).inTime).length,
            overdue: states.filter((s) => s.o.state === 'overdue').length,
          });

          // The list's overdue filter and the attention lists.
          const ids = (state: DeadlineOutcome['state']) =>
            [...outcomes]
              .filter(([, o]) => o.state === state)
              .map(([id]) => id)
              .sort();
          const overdue = await value<Page>(backend.invoke('requests.list', { filters: { overdue: true } }));
          expect(overdue.items.map((r) => r.id).sort()).toEqual(ids('overdue'));
          const attention = await value<Attention>(backend.invoke('attention.get', { dueWithinHours: 24 }));
          expect(attention.overdueRequests.map((r) => r.id).sort()).toEqual(ids('overdue'));
          expect(attention.dueSoonRequests.map((r) => r.id).sort()).toEqual(ids('due_soon'));
        } finally {
          for (const r of created) await value(backend.invoke('requests.delete', { id: r.id }));
        }
      }),
      { numRuns: 60, seed: 977_2023 },
    );
    // The runs reached every state, the exact boundary included (checked by the fixed offsets above).
    expect([...seen].sort()).toEqual(['closed', 'due_soon', 'met', 'missed', 'none', 'open', 'overdue']);
  }, 120_000);
});
