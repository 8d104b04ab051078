import type { Database } from 'better-sqlite3-multiple-ciphers';
import { messageRef } from '../../shared/contract/messages';
import { failWith, ok } from '../../shared/contract/result';
import type { Handlers } from '../backend/dispatch';
import { grantedSave, noFileChosen, saveBytes, writeFailure } from '../files/granted';
import type { FacetContext } from '../records/kind-specs';
import { personDataCsv, personDataJson } from './person-file';
import { createRetentionService, type RetentionService } from './service';

// The channels of retention and data-subject duties (shared/retention/schema.ts), answered by the retention
// service (service.ts). Registered in electron/backend/create-backend.ts.

export type RetentionChannel =
  | 'trash.empty'
  | 'retention.view'
  | 'retention.due'
  | 'retention.purge'
  | 'retention.hold'
  | 'retention.replaceBackups'
  | 'person.data'
  | 'person.saveData'
  | 'person.erase';

export interface RetentionHandlerDeps {
  readonly db: Database;
  readonly dataDir: string;
  readonly now: () => Date;
  readonly context: () => FacetContext;
}

export function createRetentionHandlers(deps: RetentionHandlerDeps): {
  handlers: Pick<Handlers, RetentionChannel>;
  service: RetentionService;
} {
  const service = createRetentionService(deps);
  const noPerson = () => failWith('not_found', messageRef('retention.person_not_found'));
  const handlers: Pick<Handlers, RetentionChannel> = {
    'trash.empty': ({ ids }) => ok(service.emptyTrash(ids)),
    'retention.view': () => ok(service.view()),
    'retention.due': () => ok(service.due()),
    'retention.purge': ({ recordIds, personalDataIds }) => ok(service.purgeDue(recordIds, personalDataIds)),
    'retention.hold': ({ caseId, held, reason }) => {
      const out = service.setHold(caseId, held, reason);
      return out === 'not_found' ? failWith('not_found', messageRef('retention.case_not_found')) : ok(out);
    },
    'retention.replaceBackups': () => {
      try {
        return ok(service.replaceBackups());
      } catch (error) {
        const refused = writeFailure(error);
        if (refused) return refused;
        throw error;
      }
    },
    'person.data': ({ id }) => {
      const data = service.personData(id);
      return data ? ok(data) : noPerson();
    },
    'person.saveData': ({ id, format }, context) => {
      const target = grantedSave(context);
      if (!target) return noFileChosen('person.saveData');
      const data = service.personData(id);
      if (!data) return noPerson();
      try {
        return ok(saveBytes(target, format === 'json' ? personDataJson(data) : personDataCsv(data)));
      } catch (error) {
        const refused = writeFailure(error);
        if (refused) return refused;
        throw error;
      }
    },
    'person.erase': ({ id, redactIn }) => {
      const out = service.erasePerson(id, redactIn);
      return out === 'not_found' ? noPerson() : ok(out);
    },
  };
  return { handlers, service };
}
