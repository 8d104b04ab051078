import type { Database } from 'better-sqlite3-multiple-ciphers';
import { failWith, ok, type Result } from '../../shared/contract/result';
import type { Handlers } from '../backend/dispatch';
import { grantedSave, noFileChosen, writeFailure } from '../files/granted';
import { ConfigCopyError, ConfigError, createNetworkConfig } from './service';

// The window's channels for HQ's network configuration (shared/contract/ipc.ts, `networkConfig.*`).

type ConfigChannel =
  | 'networkConfig.status'
  | 'networkConfig.apply'
  | 'networkConfig.saveDraft'
  | 'networkConfig.publish'
  | 'networkConfig.marks'
  | 'networkConfig.mapTerm'
  | 'networkConfig.saveCopy';

/** Runs `run`; a refusal becomes a failure by its stable code (the window translates it), anything else throws. */
export async function guardConfig<T>(run: () => T | Promise<T>): Promise<Result<T>> {
  try {
    return ok(await run());
  } catch (error) {
    if (error instanceof ConfigError || error instanceof ConfigCopyError) return failWith(error.family, error.ref);
    // A copy the chosen place cannot hold (full, read-only, not a folder...): said as the disk's refusal.
    const refused = writeFailure(error);
    if (refused) return refused;
    throw error;
  }
}

export function createNetworkConfigHandlers(deps: {
  readonly db: Database;
  readonly now: () => Date;
  readonly dataDir: string;
}): Pick<Handlers, ConfigChannel> {
  const config = createNetworkConfig(deps.db, { now: deps.now, dataDir: deps.dataDir });
  return {
    'networkConfig.status': () => ok(config.status()),
    'networkConfig.apply': ({ bytes, dryRun }) => guardConfig(() => config.apply(bytes, dryRun)),
    'networkConfig.saveDraft': (draft) => guardConfig(() => config.saveDraft(draft)),
    'networkConfig.publish': ({ draft, rotateSigningKey }) =>
      guardConfig(() => {
        const r = config.publish({ draft, rotateSigningKey });
        return { version: r.version, file: r.file, sha256: r.sha256 };
      }),
    'networkConfig.marks': () => ok(config.termMarks()),
    'networkConfig.mapTerm': ({ code, mapsTo }) => guardConfig(() => config.mapTerm(code, mapsTo)),
    // "Save a copy as…": the path is the one the officer chose in the host's save dialog, never the page's.
    'networkConfig.saveCopy': ({ version }, context) => {
      const target = grantedSave(context);
      if (!target) return noFileChosen('networkConfig.saveCopy');
      return guardConfig(() => config.saveCopy(version, target));
    },
  };
}
