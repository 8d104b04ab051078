import type { Art18Report } from '../../shared/reports/art18';
import type { Table } from './tables';

/** The Article 18 statistics as the four required tables, plus one that says what was counted. */
export function art18Tables(r: Art18Report): Table[] {
  // Every table ends with its total, so the file carries each figure the JSON report has.
  const sum = (key: 'receivedUrgent' | 'receivedNonUrgent' | 'answeredUrgent' | 'answeredNonUrgent') =>
    r.received.byMemberState.reduce((n, s) => n + s[key], 0);
  return [
    {
      name: '(a) Requests submitted',
      columns: [
        { key: 'memberState', header: 'Member state requested' },
        { key: 'count', header: 'Requests submitted' },
      ],
      rows: [...r.submitted.byMemberState, { memberState: 'Total', count: r.submitted.total }],
    },
    {
      name: '(b) Requests received',
      columns: [
        { key: 'memberState', header: 'Requesting member state' },
        { key: 'receivedUrgent', header: 'Received, urgent' },
        { key: 'receivedNonUrgent', header: 'Received, non-urgent' },
        { key: 'answeredUrgent', header: 'Answered, urgent' },
        { key: 'answeredNonUrgent', header: 'Answered, non-urgent' },
      ],
      rows: [
        ...r.received.byMemberState,
        {
          memberState: 'Total',
          receivedUrgent: sum('receivedUrgent'),
          receivedNonUrgent: sum('receivedNonUrgent'),
          answeredUrgent: sum('answeredUrgent'),
          answeredNonUrgent: sum('answeredNonUrgent'),
        },
      ],
    },
    {
      name: '(c) Refusals',
      columns: [
        { key: 'memberState', header: 'Requesting member state' },
        { key: 'ground', header: 'Refusal ground (Art. 6(1))' },
        { key: 'count', header: 'Refusals' },
      ],
      rows: [...r.refusals.byMemberStateAndGround, { memberState: 'Total', ground: null, count: r.refusals.total }],
    },
    {
      name: '(d) Deadline deviations',
      columns: [
        { key: 'memberState', header: 'Requesting member state' },
        { key: 'count', header: 'Deviations for judicial authorisation (Art. 5(2))' },
      ],
      rows: [...r.deviations.byMemberState, { memberState: 'Total', count: r.deviations.total }],
    },
    {
      name: 'Basis',
      columns: [
        { key: 'item', header: 'Item' },
        { key: 'value', header: 'Value' },
      ],
      rows: [
        { item: 'Calendar year', value: r.year },
        { item: 'Clock (time zone)', value: r.timeZone },
        { item: 'Generated at (UTC)', value: r.generatedAt },
        { item: 'Requests dated in the year', value: r.basis.requestsInYear },
        { item: 'Counted (other EU member state, not the judicial channel)', value: r.basis.counted },
        { item: 'Left out: counterpart not an EU member state', value: r.basis.excluded.notAMemberState },
        { item: 'Left out: own country', value: r.basis.excluded.homeCountry },
        { item: 'Left out: judicial channel (MLA / EIO)', value: r.basis.excluded.judicialChannel },
        { item: 'Year of a request', value: 'the year it was received (incoming) or sent (outgoing)' },
        { item: 'Answered', value: 'status answered; refusals are counted under (c)' },
      ],
    },
  ];
}
