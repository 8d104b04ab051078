// The kinds of record in the logbook, and the prefix of each kind's channels in the IPC contract.
export const RECORD_KINDS = ['organisation', 'person', 'engagement', 'request', 'result', 'case'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const KIND_PREFIX = {
  organisation: 'organisations',
  person: 'people',
  engagement: 'engagements',
  request: 'requests',
  result: 'results',
  case: 'cases',
} as const satisfies Record<RecordKind, string>;
