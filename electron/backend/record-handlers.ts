import type { z } from 'zod';
import { fail, failWith, ok, type Result } from '../../shared/contract/result';
import { messageRef } from '../../shared/contract/messages';
import type { RecordKind } from '../../shared/records/kinds';
import type { ListRecordsInput } from '../../shared/records/queries';
import { IMPORTED_READ_ONLY } from '../../shared/records/origin';
import {
  ImportedRecordError,
  InvalidReferencesError,
  StaleRevisionError,
  TrashedRecordError,
  type RecordStore,
  type StoredRecord,
} from '../records/store';

type Page = { total: number; items: StoredRecord[] };

const NOUN: Record<RecordKind, string> = {
  organisation: 'organisation',
  person: 'person',
  engagement: 'engagement',
  request: 'information request',
  result: 'result',
  case: 'case',
};

/**
 * The seven handlers every kind of record gets (list, get, create, update, delete, restore, history).
 * Inputs are already validated by the dispatcher; this turns store outcomes into contract results.
 */
export function recordHandlers(store: RecordStore, kind: RecordKind) {
  const missing = () => fail('not_found', `This ${NOUN[kind]} does not exist.`);
  const guard = <T>(run: () => Result<T>): Result<T> => {
    try {
      return run();
    } catch (error) {
      if (error instanceof StaleRevisionError) {
        return failWith('conflict', messageRef('record.stale_revision', { current: error.current }));
      }
      if (error instanceof TrashedRecordError) return failWith('conflict', messageRef('record.trashed'));
      if (error instanceof InvalidReferencesError) return fail('invalid_input', error.message, error.fields);
      // HQ: a post's record is read-only. `_` (the whole record) carries the stable reason and the post.
      if (error instanceof ImportedRecordError) {
        const reason = messageRef('record.imported_read_only', {
          post: error.post,
          postName: error.postName || error.post,
        });
        return failWith('forbidden', reason, {
          _: {
            code: IMPORTED_READ_ONLY,
            message: error.message,
            params: { post: error.post, postName: error.postName },
          },
        });
      }
      throw error;
    }
  };
  const found = (r: StoredRecord | undefined): Result<StoredRecord> => (r ? ok(r) : missing());

  return {
    list: (q: z.output<typeof ListRecordsInput>): Result<Page> => ok(store.list(kind, q)),
    get: ({ id }: { id: string }) => found(store.get(kind, id)),
    create: (fields: unknown) => guard(() => ok(store.create(kind, fields))),
    update: ({ id, revision, fields }: { id: string; revision: number; fields: unknown }) =>
      guard(() => found(store.update(kind, id, revision, fields))),
    delete: ({ id }: { id: string }) => guard(() => found(store.setTrashed(kind, id, true))),
    restore: ({ id }: { id: string }) => guard(() => found(store.setTrashed(kind, id, false))),
    history: ({ id }: { id: string }) => (store.get(kind, id) ? ok(store.history(id)) : missing()),
  };
}

/** Spreads a kind's handlers under its channel prefix, e.g. `requests.create`. */
export function prefixed<P extends string, H extends Record<string, unknown>>(prefix: P, handlers: H) {
  return Object.fromEntries(Object.entries(handlers).map(([op, h]) => [`${prefix}.${op}`, h])) as {
    [K in keyof H & string as `${P}.${K}`]: H[K];
  };
}
