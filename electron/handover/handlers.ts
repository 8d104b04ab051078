import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { messageRef } from '../../shared/contract/messages';
import { failWith, type Result } from '../../shared/contract/result';
import { MAX_KEY_FILE_BYTES } from '../../shared/exchange/schema';
import { MAX_HANDOVER_BYTES, type SuccessorFile } from '../../shared/handover/formats';
import type { Handlers } from '../backend/dispatch';
import { ExchangeError } from '../exchange/identity';
import { postHistories, retireHqPreview } from '../exchange/posts';
import { guardExchange, type Exchange } from '../exchange/service';
import {
  FileTooLargeError,
  grantedOpen,
  grantedSave,
  noFileChosen,
  readGrantedFile,
  saveBytes,
  writeFailure,
} from '../files/granted';
import type { RecordStore } from '../records/store';
import { createHandoverService, type HandoverService, type OpenedPackage } from './handover';

// The backend's channels for revocation, HQ key retirement and handover (issue 13, items 3 and 6). Files come
// from the host's dialogs (shared/contract/file-dialogs.ts), as for the other exchange files.

export type HandoverChannel =
  | 'posts.history'
  | 'posts.revoke'
  | 'posts.reinstate'
  | 'keys.retireHqPreview'
  | 'keys.retireHq'
  | 'handover.status'
  | 'handover.saveSuccessorFile'
  | 'handover.readSuccessor'
  | 'handover.create'
  | 'handover.readPackage'
  | 'handover.import';

export interface HandoverHandlerDeps {
  readonly db: Database;
  readonly exchange: Exchange;
  readonly store: RecordStore;
  readonly now: () => Date;
  readonly appVersion: string;
}

export function createHandoverHandlers(deps: HandoverHandlerDeps): {
  handlers: Pick<Handlers, HandoverChannel>;
  handover: HandoverService;
} {
  const { db, exchange } = deps;
  const handover = createHandoverService({
    db,
    store: deps.store,
    identity: exchange.identity,
    now: deps.now,
    appVersion: deps.appVersion,
  });
  // Files read and shown to the officer, waiting for the confirmation (the newest few only).
  const successors = new Map<string, SuccessorFile>();
  const packages = new Map<string, OpenedPackage>();
  const keep = <T>(map: Map<string, T>, value: T): string => {
    const token = randomUUID();
    map.set(token, value);
    for (const old of [...map.keys()].slice(0, -5)) map.delete(old);
    return token;
  };

  const handlers: Pick<Handlers, HandoverChannel> = {
    'posts.history': () => guardExchange(() => (exchange.identity.require('hq'), postHistories(db))),
    'posts.revoke': (input) =>
      guardExchange(() => {
        exchange.identity.revokePostKey(input);
        return postHistories(db);
      }),
    'posts.reinstate': (input) =>
      guardExchange(() => {
        exchange.identity.reinstatePostKey(input);
        return postHistories(db);
      }),
    'keys.retireHqPreview': ({ fingerprint }) =>
      guardExchange(() => (exchange.identity.require('hq'), retireHqPreview(db, fingerprint))),
    'keys.retireHq': ({ fingerprint, by }) => guardExchange(() => exchange.identity.retireHqKey(fingerprint, by ?? '')),
    'handover.status': () => guardExchange(() => handover.status()),
    'handover.saveSuccessorFile': (_input, context) => {
      const target = grantedSave(context);
      if (!target) return noFileChosen('handover.saveSuccessorFile');
      return guardFile(() =>
        guardExchange(async () => saveBytes(target, `${JSON.stringify(await handover.successorFile(), null, 2)}\n`)),
      );
    },
    'handover.readSuccessor': (_input, context) => {
      const [file] = grantedOpen(context);
      if (!file) return noFileChosen('handover.readSuccessor');
      return guardExchange(async () => {
        const parsed = handover.readSuccessorFile(
          (await readFile(file, MAX_KEY_FILE_BYTES, 'successor')).toString('utf8'),
        );
        return { token: keep(successors, parsed), file: parsed };
      });
    },
    'handover.create': ({ token, closedHistory }, context) => {
      const successor = successors.get(token);
      if (!successor) return failWith('not_found', messageRef('handover.successor_not_open'));
      const target = grantedSave(context);
      if (!target) return noFileChosen('handover.create');
      return guardFile(() =>
        guardExchange(async () => {
          const made = await handover.createPackage(successor, closedHistory);
          const saved = saveBytes(target, made.bytes);
          // Recorded once written where the officer chose: a package that never reached the disk was not sent.
          handover.recordSent(made.entry, made.bytes, made.lastHash);
          return { ...made.entry, ...saved };
        }),
      );
    },
    'handover.readPackage': (_input, context) => {
      const [file] = grantedOpen(context);
      if (!file) return noFileChosen('handover.readPackage');
      return guardExchange(async () => {
        const opened = await handover.openPackage(await readFile(file, MAX_HANDOVER_BYTES, 'package'));
        const m = opened.manifest;
        return {
          token: keep(packages, opened),
          handoverId: m.handoverId,
          postId: m.postId,
          postName: m.postName,
          outgoingOfficer: m.outgoing.officer,
          outgoingKeyId: opened.signerKeyId,
          createdAt: m.createdAt,
          closedHistory: m.closedHistory,
          counts: m.counts,
          lastSequence: m.series.lastSequence,
        };
      });
    },
    'handover.import': ({ token, outgoingKeyId }) => {
      const opened = packages.get(token);
      if (!opened) return failWith('not_found', messageRef('handover.package_not_open'));
      return guardExchange(() => {
        const done = handover.commitPackage(opened, outgoingKeyId);
        packages.delete(token);
        return done;
      });
    },
  };
  return { handlers, handover };
}

/** A chosen file, at most `limit` bytes, or a refusal the officer can read. */
async function readFile(file: string, limit: number, what: 'successor' | 'package'): Promise<Buffer> {
  try {
    return await readGrantedFile(file, limit);
  } catch (error) {
    if (error instanceof FileTooLargeError) {
      throw new ExchangeError(
        'invalid_file',
        what === 'successor'
          ? messageRef('handover.successor_too_large', { file: path.basename(file), size: error.size, limit })
          : messageRef('handover.too_large', { size: error.size, limit }),
      );
    }
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') {
      throw new ExchangeError(
        'invalid_file',
        messageRef('handover.unreadable', { file: path.basename(file), error: code }),
      );
    }
    throw error;
  }
}

async function guardFile<T>(run: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await run();
  } catch (error) {
    const refused = writeFailure(error);
    if (refused) return refused;
    throw error;
  }
}
