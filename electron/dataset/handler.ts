import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { failWith, ok } from '../../shared/contract/result';
import { datasetFolderName } from '../../shared/dataset/schema';
import type { Handlers } from '../backend/dispatch';
import { grantedOpen, noFileChosen, writeFailure } from '../files/granted';
import { DatasetError, exportDataset } from './export';

// `reports.exportDataset`: the evaluation dataset, into the folder the officer chose in the host's dialog (or the
// command line's --out DIR). Long: it reports progress and stops, having written nothing, when cancelled.

export interface DatasetHandlerDeps {
  readonly db: Database;
  readonly settings: () => { timeZone: string; homeCountry: string };
  readonly now: () => Date;
  readonly appVersion: string;
}

export function createDatasetHandlers(deps: DatasetHandlerDeps): Pick<Handlers, 'reports.exportDataset'> {
  return {
    'reports.exportDataset': async (input, context) => {
      const [chosen] = grantedOpen(context);
      if (!chosen) return noFileChosen('reports.exportDataset');
      const { placement, ...options } = input;
      const target = placement === 'inside' ? path.join(chosen, datasetFolderName(input.from, input.to)) : chosen;
      try {
        const outcome = await exportDataset(deps, options, target, {
          signal: context.signal,
          onProgress: (p) => context.progress(p),
        });
        return ok(outcome);
      } catch (error) {
        if (error instanceof DatasetError) return failWith(error.family, error.ref);
        const refused = writeFailure(error);
        if (refused) return refused;
        throw error;
      }
    },
  };
}
