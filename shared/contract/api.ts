import type { Channel, ChannelInput, ChannelOutput } from './ipc';
import type { Progress } from './progress';
import type { Result } from './result';

/** What the preload exposes as `window.api` (and what the browser test bridge imitates). */
export interface BridgeApi {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  /**
   * The same call, for a long operation (import, backup, restore, reports): it reports its progress under
   * `callId` to `onProgress` listeners and stops, answering `cancelled`, when `cancel(callId)` is called.
   */
  invokeTracked<C extends Channel>(
    channel: C,
    input: ChannelInput<C>,
    callId: string,
  ): Promise<Result<ChannelOutput<C>>>;
  cancel(callId: string): void;
  /** Progress of tracked calls. Returns the unsubscribe. */
  onProgress(listener: (callId: string, progress: Progress) => void): () => void;
}

const RECORD_OPS = ['list', 'get', 'create', 'update', 'delete', 'restore', 'history'] as const;
const recordNames = <P extends string>(prefix: P) => RECORD_OPS.map((op) => `${prefix}.${op}` as const);

/**
 * Every channel of the contract by name, as plain strings: what the preload lets through to the main process
 * (it cannot load the contract's schemas, and needs none to know a name). The compiler holds it to the
 * contract both ways: `satisfies` refuses a name the contract lacks, ALL_CHANNELS_LISTED one it forgot.
 */
export const CHANNEL_NAMES = [
  'session.status',
  'session.setup',
  'session.unlock',
  'session.lock',
  'session.changePassphrase',
  'session.recover',
  'session.saveRecoveryFile',
  'session.maintenance',
  'session.checkData',
  'backups.list',
  'backups.create',
  'backups.saveCopy',
  'backups.restore',
  'backups.salvage',
  'app.info',
  'app.restartBackend',
  'stats.counts',
  'settings.get',
  'settings.update',
  'logs.read',
  'logs.write',
  ...recordNames('requests'),
  ...recordNames('engagements'),
  ...recordNames('results'),
  ...recordNames('organisations'),
  ...recordNames('people'),
  ...recordNames('cases'),
  'search.query',
  'trash.list',
  'taxonomy.list',
  'taxonomy.save',
  'taxonomy.retire',
  'overview.get',
  'attention.get',
  'identity.get',
  'identity.init',
  'keys.saveHqKeyFile',
  'keys.addHqKey',
  'keys.importHq',
  'keys.saveEnrolmentFile',
  'posts.readEnrolment',
  'posts.enrol',
  'posts.list',
  'exports.preview',
  'exports.create',
  'exports.history',
  'exports.saveCopy',
  'imports.run',
  'imports.get',
  'reports.art18',
  'reports.dashboard',
  'reports.saveTable',
  'reports.saveArt18',
  // Revocation, HQ key retirement and handover (issue 13, items 3 and 6).
  'posts.history',
  'posts.revoke',
  'posts.reinstate',
  'keys.retireHqPreview',
  'keys.retireHq',
  'handover.status',
  'handover.saveSuccessorFile',
  'handover.readSuccessor',
  'handover.create',
  'handover.readPackage',
  'handover.import',
  // HQ's network configuration (issue 13, item 4).
  'networkConfig.status',
  'networkConfig.apply',
  'networkConfig.saveDraft',
  'networkConfig.publish',
  'networkConfig.marks',
  'networkConfig.mapTerm',
  // "Save a copy as…" of a published network configuration (issue 14 leftovers).
  'networkConfig.saveCopy',
  // Retention and data-subject duties (issue 13, item 5).
  'trash.empty',
  'retention.view',
  'retention.due',
  'retention.purge',
  'retention.hold',
  'retention.replaceBackups',
  'person.data',
  'person.saveData',
  'person.erase',
  // Spreadsheet import (issue 14, item 5).
  'sheetImport.open',
  'sheetImport.preview',
  'sheetImport.run',
  'sheetImport.batches',
  'sheetImport.undo',
  'sheetImport.mappings',
  'sheetImport.saveMapping',
  'sheetImport.openMapping',
  // The evaluation dataset (issue 14, item 4).
  'reports.exportDataset',
  // Effort and cost, work plans (issue 14, items 2 and 3).
  'effort.budgets',
  'effort.saveBudget',
  'effort.removeBudget',
  'effort.efficiency',
  'workplan.view',
  'workplan.save',
  'workplan.remove',
  // Objectives with progress (issue 14, item 1).
  'objectives.progress',
] as const satisfies readonly Channel[];

type Unlisted = Exclude<Channel, (typeof CHANNEL_NAMES)[number]>;
/** Fails to compile, naming the channel, when the contract has a channel CHANNEL_NAMES lacks. */
export const ALL_CHANNELS_LISTED: [Unlisted] extends [never] ? true : { missing: Unlisted } = true;

const LISTED: ReadonlySet<string> = new Set(CHANNEL_NAMES);

/** Whether `name` is a channel of the contract (without loading the contract). */
export function isListedChannel(name: unknown): name is Channel {
  return typeof name === 'string' && LISTED.has(name);
}
