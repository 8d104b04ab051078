import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Art18Report } from '../../shared/reports/art18';
import { isEuMemberState } from '../../shared/taxonomy/countries';
import { periodParams } from '../records/period';

// Article 18 statistics from the requests HQ holds (its own and every post's). Which requests count:
//   - the Directive's scope: the counterpart is another EU member state (not the home country) and the
//     channel is not the judicial one (MLA / EIO);
//   - the year is the calendar year of receipt (incoming) or sending (outgoing), on HQ's clock. A request
//     received on 30 December and answered on 3 January counts in the year it was received;
//   - records in the trash do not count; withdrawn requests count as received, not as answered.

interface Row {
  direction: 'incoming' | 'outgoing';
  country: string;
  channel: string;
  status: string;
  urgency: string | null;
  refusal_ground: string | null;
  judicial_deviation: number | null;
  answered_at: string | null;
}

export function art18Statistics(
  db: Database,
  year: number,
  settings: { timeZone: string; homeCountry: string },
  now: Date,
): Art18Report {
  const p = periodParams(`${year}-01-01`, `${year}-12-31`, settings.timeZone);
  const rows = db
    .prepare(
      `SELECT r.direction, r.country, r.channel, r.status,
         json_extract(r.data, '$.urgency') AS urgency,
         json_extract(r.data, '$.refusalGround') AS refusal_ground,
         json_extract(r.data, '$.judicialDeviation') AS judicial_deviation,
         json_extract(r.data, '$.answeredAt') AS answered_at
       FROM record r
       WHERE r.kind = 'request' AND r.deleted_at IS NULL
         AND r.occurred_at >= @fromInstant AND r.occurred_at < @toInstantExclusive`,
    )
    .all(p) as Row[];

  const excluded = { notAMemberState: 0, homeCountry: 0, judicialChannel: 0 };
  const counted: Row[] = [];
  for (const r of rows) {
    if (r.country === settings.homeCountry) excluded.homeCountry += 1;
    else if (!isEuMemberState(r.country)) excluded.notAMemberState += 1;
    else if (r.channel === 'mla_eio') excluded.judicialChannel += 1;
    else counted.push(r);
  }

  const tally = (list: Row[]) => {
    const m = new Map<string, number>();
    for (const r of list) m.set(r.country, (m.get(r.country) ?? 0) + 1);
    return [...m].sort(([a], [b]) => a.localeCompare(b)).map(([memberState, count]) => ({ memberState, count }));
  };

  const outgoing = counted.filter((r) => r.direction === 'outgoing');
  const incoming = counted.filter((r) => r.direction === 'incoming');
  // "Answered": information provided, i.e. status answered (a refusal is an answer too, but Art. 18 counts
  // refusals separately under (c)).
  const isAnswered = (r: Row) => r.status === 'answered';
  const states = [...new Set(incoming.map((r) => r.country))].sort();
  const refused = incoming.filter((r) => r.status === 'refused');
  const refusalCells = new Map<string, number>();
  for (const r of refused) {
    const key = `${r.country}|${r.refusal_ground ?? 'unspecified'}`;
    refusalCells.set(key, (refusalCells.get(key) ?? 0) + 1);
  }
  const deviated = incoming.filter((r) => r.judicial_deviation === 1);

  return {
    year,
    timeZone: settings.timeZone,
    generatedAt: now.toISOString(),
    submitted: { total: outgoing.length, byMemberState: tally(outgoing) },
    received: {
      total: incoming.length,
      answered: incoming.filter(isAnswered).length,
      byMemberState: states.map((memberState) => {
        const mine = incoming.filter((r) => r.country === memberState);
        const urgent = (r: Row) => r.urgency === 'urgent';
        return {
          memberState,
          receivedUrgent: mine.filter(urgent).length,
          receivedNonUrgent: mine.filter((r) => !urgent(r)).length,
          answeredUrgent: mine.filter((r) => urgent(r) && isAnswered(r)).length,
          answeredNonUrgent: mine.filter((r) => !urgent(r) && isAnswered(r)).length,
        };
      }),
    },
    refusals: {
      total: refused.length,
      byMemberStateAndGround: [...refusalCells]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, count]) => {
          const [memberState = '', ground = ''] = key.split('|');
          return { memberState, ground, count };
        }),
    },
    deviations: { total: deviated.length, byMemberState: tally(deviated) },
    basis: { requestsInYear: rows.length, counted: counted.length, excluded },
  };
}
