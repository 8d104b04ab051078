import type { Database } from 'better-sqlite3-multiple-ciphers';
import { messageRef } from '../../shared/contract/messages';
import { failWith, ok, type Result } from '../../shared/contract/result';
import type { Handlers } from '../backend/dispatch';
import { createWorkplanService, WorkplanError } from '../workplan/service';
import { createEffortService } from './service';

// The backend's channels for effort and cost, budgets and work plans (issue 14, items 2 and 3).

export type EffortChannel =
  | 'effort.budgets'
  | 'effort.saveBudget'
  | 'effort.removeBudget'
  | 'effort.efficiency'
  | 'workplan.view'
  | 'workplan.save'
  | 'workplan.remove';

export interface EffortHandlerDeps {
  db: Database;
  now: () => Date;
  timeZone: () => string;
  /** Resolves when the dashboards' catch-up has counted every batch (their facts give the effort its dimensions). */
  caughtUp: () => Promise<void>;
}

export function createEffortHandlers(deps: EffortHandlerDeps): Pick<Handlers, EffortChannel> {
  const effort = createEffortService(deps);
  const workplan = createWorkplanService(deps);
  return {
    'effort.budgets': () => ok(effort.budgets()),
    'effort.saveBudget': (input) => ok(effort.saveBudget(input)),
    'effort.removeBudget': ({ year }) => ok(effort.removeBudget(year)),
    'effort.efficiency': async (input) => {
      await deps.caughtUp();
      return ok(effort.efficiency(input));
    },
    'workplan.view': async (input) => {
      await deps.caughtUp();
      return ok(workplan.view(input));
    },
    'workplan.save': (input) => guard(() => workplan.save(input)),
    'workplan.remove': ({ id }) => guard(() => (workplan.remove(id), { id })),
  };
}

function guard<T>(work: () => T): Result<T> {
  try {
    return ok(work());
  } catch (error) {
    if (!(error instanceof WorkplanError)) throw error;
    if (error.code === 'not_found') return failWith('not_found', messageRef('workplan.not_found'));
    if (error.code === 'stale') return failWith('conflict', messageRef('workplan.stale'));
    const field = error.field ?? '_';
    return failWith('invalid_input', messageRef('workplan.unknown_reference'), {
      [field]: { code: error.code, message: error.message },
    });
  }
}
