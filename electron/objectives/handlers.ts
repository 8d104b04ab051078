import { ok } from '../../shared/contract/result';
import type { Handlers } from '../backend/dispatch';
import { createObjectivesService, type ObjectivesDeps } from './service';

// The backend's channel for the objectives' progress (issue 14, item 1).

export function createObjectivesHandlers(
  deps: ObjectivesDeps & { caughtUp: () => Promise<void> },
): Pick<Handlers, 'objectives.progress'> {
  const objectives = createObjectivesService(deps);
  return {
    'objectives.progress': async () => {
      // The dashboards count batches (imports, the demo) between calls: wait until they are counted.
      await deps.caughtUp();
      return ok(objectives.progress());
    },
  };
}
