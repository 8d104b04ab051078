import type { Channel } from '../../../shared/contract/ipc';
import type { Result } from '../../../shared/contract/result';
import type { RecordKind } from '../../../shared/records/kinds';
import { KIND_PREFIX } from '../../../shared/records/kinds';
import type { ListCounted, ListRecordsInput } from '../../../shared/records/queries';
import { call } from './bridge';

// Generic access to the seven channels every kind of record has. Records travel as plain objects here;
// each kind's form narrows them.

export type AnyRecord = Record<string, unknown> & {
  id: string;
  revision: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
};

/** A page of a list: its rows, and how many match (`more` when the count stopped early: "1,000+"). */
export type Page = ListCounted & { items: AnyRecord[] };

type Op = 'list' | 'get' | 'create' | 'update' | 'delete' | 'restore' | 'history';

function channel(kind: RecordKind, op: Op): Channel {
  return `${KIND_PREFIX[kind]}.${op}` as Channel;
}

const untyped = call as (channel: Channel, input: unknown) => Promise<Result<unknown>>;

export const records = {
  list: (kind: RecordKind, input: ListRecordsInput) => untyped(channel(kind, 'list'), input) as Promise<Result<Page>>,
  get: (kind: RecordKind, id: string) => untyped(channel(kind, 'get'), { id }) as Promise<Result<AnyRecord>>,
  create: (kind: RecordKind, fields: unknown) => untyped(channel(kind, 'create'), fields) as Promise<Result<AnyRecord>>,
  update: (kind: RecordKind, id: string, revision: number, fields: unknown) =>
    untyped(channel(kind, 'update'), { id, revision, fields }) as Promise<Result<AnyRecord>>,
  remove: (kind: RecordKind, id: string) => untyped(channel(kind, 'delete'), { id }) as Promise<Result<AnyRecord>>,
  restore: (kind: RecordKind, id: string) => untyped(channel(kind, 'restore'), { id }) as Promise<Result<AnyRecord>>,
  history: (kind: RecordKind, id: string) => call(channel(kind, 'history') as 'requests.history', { id }),
};
