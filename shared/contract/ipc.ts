import { z } from 'zod';
import { Case, CaseInput } from '../records/case';
import { Engagement, EngagementInput } from '../records/engagement';
import { Organisation, OrganisationInput } from '../records/organisation';
import { Person, PersonInput } from '../records/person';
import {
  AuditTrail,
  ListRecordsInput,
  RecordRef,
  RecordSummary,
  SearchInput,
  pageOf,
  updateOf,
} from '../records/queries';
import { OperationalResult, OperationalResultInput } from '../records/result';
import { Overview, OverviewInput, Attention, AttentionInput } from '../overview/schema';
import {
  ExportEntry,
  ExportPreview,
  EnrolInput,
  EnrolmentCandidate,
  ExportRequest,
  Identity,
  ImportInput,
  ImportReport,
  InitInput,
  PostStatus,
  SaveExportCopyInput,
} from '../exchange/schema';
import { InformationRequest, InformationRequestInput } from '../requests/schema';
import { GetImportInput, ImportEntry } from '../records/origin';
import { Settings, UpdateSettingsInput } from '../settings/schema';
import { LogsOutput, ReadLogsInput, WriteLogInput, WriteLogOutput } from '../logs/schema';
import { Art18FileInput, Art18Input, Art18Report, TableFileInput } from '../reports/art18';
import { Dashboard, DashboardInput } from '../reports/dashboard';
import { ListTermsInput, RetireTermInput, SaveTermInput, Term } from '../taxonomy/terms';
import {
  ChangePassphraseInput,
  MaintenanceStatus,
  RecoverInput,
  SessionStatus,
  SetupInput,
  SetupResult,
  UnlockInput,
} from '../session/schema';
import {
  BackupEntry,
  BackupList,
  CreateBackupInput,
  RestoreBackupInput,
  SaveBackupCopyInput,
  RestoreOutcome,
  SalvageOutcome,
} from '../backup/schema';
import { SavedBackupCopy, SavedFile } from './file-dialogs';
// Effort and cost, work plans (issue 14, items 2 and 3).
import { EfficiencyInput, EfficiencyView, PostBudget, PostBudgetInput, RemoveBudgetInput } from '../effort/schema';
// Objectives with progress (issue 14, item 1).
import { ObjectivesProgress, ObjectivesProgressInput } from '../objectives/progress';
import {
  PlannedActivity,
  RemoveActivityInput,
  SaveActivityInput,
  WorkplanQuery,
  WorkplanView,
} from '../workplan/schema';
// Spreadsheet import (issue 14, item 5).
import {
  OpenSheetInput,
  PreviewInput as SheetPreviewInput,
  RunInput as SheetRunInput,
  SaveMappingInput as SheetSaveMappingInput,
  SavedMapping as SheetSavedMapping,
  SheetBatch,
  SheetImportReport,
  SheetOpened,
  SheetPreview,
  UndoInput as SheetUndoInput,
  UndoReport as SheetUndoReport,
} from '../sheet-import/schema';
import { SheetMapping } from '../sheet-import/mapping';
// Retention and data-subject duties (issue 13, item 5).
import {
  EmptyTrashInput,
  ErasePersonInput,
  ErasureOutcome,
  LegalHoldInput,
  PersonData,
  PersonRef,
  PurgeOutcome,
  ReplaceBackupsOutcome,
  RetentionDue,
  RetentionPurgeInput,
  RetentionView,
  SavePersonDataInput,
} from '../retention/schema';
// HQ's network configuration (issue 13, item 4).
import {
  ApplyOutcome,
  ConfigDraft,
  ConfigFileInput,
  MapTermInput,
  NetworkConfigStatus,
  PublishInput,
  PublishOutcome,
  TermMarks,
} from '../network-config/schema';
// The evaluation dataset (issue 14, item 4).
import { DatasetOutcome, ExportDatasetInput } from '../dataset/schema';
// Revocation, HQ key retirement and handover (issue 13, items 3 and 6).
import {
  CreateHandoverInput,
  HandoverCandidate,
  HandoverImported,
  HandoverMade,
  HandoverStatus,
  ImportHandoverInput,
  KeyDecisionInput,
  PostHistory,
  RetireHqKeyInput,
  RetireHqPreview,
  SuccessorCandidate,
} from '../handover/schema';

// The IPC contract: every channel between the renderer and the backend, declared once.
// The main process registers handlers from this object only; the preload forwards only to its dispatcher;
// the renderer's typed client and the browser test bridge are typed from it.
// Files never cross it: channels that save or open a file the officer chooses get the path from the host's
// own dialog (shared/contract/file-dialogs.ts says which) and answer where they wrote (`SavedFile`).

export const AppInfo = z.strictObject({
  version: z.string(),
  schemaVersion: z.number().int(),
  dataDir: z.string(),
});
export type AppInfo = z.output<typeof AppInfo>;

export const RecordCounts = z.strictObject({
  informationRequests: z.number().int().min(0),
  engagements: z.number().int().min(0),
  results: z.number().int().min(0),
  organisations: z.number().int().min(0),
  people: z.number().int().min(0),
  cases: z.number().int().min(0),
});
export type RecordCounts = z.output<typeof RecordCounts>;

const NoInput = z.strictObject({}).optional();

// Network configuration: "Save a copy as…" of a published version (issue 14 leftovers); the host's save dialog
// chooses where (shared/contract/file-dialogs.ts), the backend copies the stored file byte for byte.
export const SaveConfigCopyInput = z.strictObject({
  /** The published version to save; the newest when left out. */
  version: z.number().int().min(1).max(1_000_000).optional(),
});
export const SavedConfigCopy = SavedFile.extend({
  /** The name of the file written (the last part of `savedTo`). */
  fileName: z.string(),
  version: z.number().int(),
  /** Of the bytes written: the same as the published file's. */
  sha256: z.string(),
});
export type SavedConfigCopy = z.output<typeof SavedConfigCopy>;

/** The same seven channels for every kind of record, so each kind behaves the same way everywhere. */
function recordChannels<P extends string, I extends z.ZodType, O extends z.ZodType>(prefix: P, input: I, output: O) {
  const channels = {
    list: { input: ListRecordsInput, output: pageOf(output) },
    get: { input: RecordRef, output },
    create: { input, output },
    update: { input: updateOf(input), output },
    delete: { input: RecordRef, output },
    restore: { input: RecordRef, output },
    history: { input: RecordRef, output: AuditTrail },
  };
  return Object.fromEntries(Object.entries(channels).map(([op, spec]) => [`${prefix}.${op}`, spec])) as {
    [Op in keyof typeof channels as `${P}.${Op}`]: (typeof channels)[Op];
  };
}

export const contract = {
  // The unlock session (electron/session/): answered in every state. Every other channel answers
  // `locked` until the session is unlocked.
  'session.status': { input: NoInput, output: SessionStatus },
  'session.setup': { input: SetupInput, output: SetupResult },
  'session.unlock': { input: UnlockInput, output: SessionStatus },
  'session.lock': { input: NoInput, output: SessionStatus },
  'session.changePassphrase': { input: ChangePassphraseInput, output: SessionStatus },
  'session.recover': { input: RecoverInput, output: SessionStatus },
  'session.saveRecoveryFile': { input: NoInput, output: SavedFile },
  // The check and the automatic backup the backend runs in the background once unlocked, and a full check on
  // demand (it starts the check and answers at once; session.maintenance follows it). Answered in every state.
  'session.maintenance': { input: NoInput, output: MaintenanceStatus },
  'session.checkData': { input: NoInput, output: MaintenanceStatus },
  // Backups (the session answers them itself: also in the 'damaged' state, where there is no backend).
  'backups.list': { input: NoInput, output: BackupList },
  'backups.create': { input: CreateBackupInput, output: BackupEntry },
  'backups.saveCopy': { input: SaveBackupCopyInput, output: SavedBackupCopy },
  'backups.restore': { input: RestoreBackupInput, output: RestoreOutcome },
  'backups.salvage': { input: NoInput, output: SalvageOutcome },
  'app.info': { input: NoInput, output: AppInfo },
  // Answered by the host (Electron's main process), not the backend: starts a new backend process after the
  // last one stopped. The new one starts locked.
  'app.restartBackend': { input: NoInput, output: z.strictObject({ restarted: z.literal(true) }) },
  'stats.counts': { input: NoInput, output: RecordCounts },
  'settings.get': { input: NoInput, output: Settings },
  'settings.update': { input: UpdateSettingsInput, output: Settings },
  // The log file in the data folder's logs/ (Settings → Logs), and the renderer's error boundary writing to it.
  'logs.read': { input: ReadLogsInput, output: LogsOutput },
  'logs.write': { input: WriteLogInput, output: WriteLogOutput },
  ...recordChannels('requests', InformationRequestInput, InformationRequest),
  ...recordChannels('engagements', EngagementInput, Engagement),
  ...recordChannels('results', OperationalResultInput, OperationalResult),
  ...recordChannels('organisations', OrganisationInput, Organisation),
  ...recordChannels('people', PersonInput, Person),
  ...recordChannels('cases', CaseInput, Case),
  'search.query': { input: SearchInput, output: z.array(RecordSummary) },
  'trash.list': { input: NoInput, output: z.array(RecordSummary) },
  'taxonomy.list': { input: ListTermsInput, output: z.array(Term) },
  'taxonomy.save': { input: SaveTermInput, output: Term },
  'taxonomy.retire': { input: RetireTermInput, output: Term },
  'overview.get': { input: OverviewInput, output: Overview },
  'attention.get': { input: AttentionInput, output: Attention },
  'identity.get': { input: NoInput, output: Identity },
  'identity.init': { input: InitInput, output: Identity },
  'keys.saveHqKeyFile': { input: NoInput, output: SavedFile },
  'keys.addHqKey': {
    input: z.strictObject({ label: z.string().trim().min(1).max(100), retireOthers: z.boolean().default(false) }),
    output: Identity,
  },
  'keys.importHq': { input: NoInput, output: Identity },
  'keys.saveEnrolmentFile': { input: NoInput, output: SavedFile },
  'posts.readEnrolment': { input: NoInput, output: EnrolmentCandidate },
  'posts.enrol': { input: EnrolInput, output: z.array(PostStatus) },
  'posts.list': { input: NoInput, output: z.array(PostStatus) },
  'exports.preview': { input: ExportRequest, output: ExportPreview },
  'exports.create': { input: ExportRequest, output: ExportEntry },
  'exports.history': { input: NoInput, output: z.array(ExportEntry) },
  'exports.saveCopy': { input: SaveExportCopyInput, output: SavedFile },
  'imports.run': { input: ImportInput, output: ImportReport },
  // HQ: one import (bundle) by its export id, e.g. a record's `origin.importId` ("open the bundle it came from").
  'imports.get': { input: GetImportInput, output: ImportEntry },
  'reports.art18': { input: Art18Input, output: Art18Report },
  'reports.dashboard': { input: DashboardInput, output: Dashboard },
  'reports.saveTable': { input: TableFileInput, output: SavedFile },
  'reports.saveArt18': { input: Art18FileInput, output: SavedFile },
  // Revocation, HQ key retirement and handover (issue 13, items 3 and 6): electron/handover/handlers.ts.
  'posts.history': { input: NoInput, output: z.array(PostHistory) },
  'posts.revoke': { input: KeyDecisionInput, output: z.array(PostHistory) },
  'posts.reinstate': { input: KeyDecisionInput, output: z.array(PostHistory) },
  'keys.retireHqPreview': { input: z.strictObject({ fingerprint: z.string().max(64) }), output: RetireHqPreview },
  'keys.retireHq': { input: RetireHqKeyInput, output: Identity },
  'handover.status': { input: NoInput, output: HandoverStatus },
  'handover.saveSuccessorFile': { input: NoInput, output: SavedFile },
  'handover.readSuccessor': { input: NoInput, output: SuccessorCandidate },
  'handover.create': { input: CreateHandoverInput, output: HandoverMade },
  'handover.readPackage': { input: NoInput, output: HandoverCandidate },
  'handover.import': { input: ImportHandoverInput, output: HandoverImported },
  // HQ's network configuration (issue 13, item 4): electron/network-config/handlers.ts. `apply` with dryRun is the
  // preview; the file travels as bytes (dropped or picked in the page), never as a path.
  'networkConfig.status': { input: NoInput, output: NetworkConfigStatus },
  'networkConfig.apply': { input: ConfigFileInput, output: ApplyOutcome },
  'networkConfig.saveDraft': { input: ConfigDraft, output: ConfigDraft },
  'networkConfig.publish': { input: PublishInput, output: PublishOutcome },
  'networkConfig.marks': { input: NoInput, output: TermMarks },
  'networkConfig.mapTerm': { input: MapTermInput, output: TermMarks },
  // "Save a copy as…" of a published version (issue 14 leftovers): electron/network-config/handlers.ts.
  'networkConfig.saveCopy': { input: SaveConfigCopyInput, output: SavedConfigCopy },
  // Retention and data-subject duties (issue 13, item 5; electron/retention/).
  'trash.empty': { input: EmptyTrashInput, output: PurgeOutcome },
  'retention.view': { input: NoInput, output: RetentionView },
  'retention.due': { input: NoInput, output: RetentionDue },
  'retention.purge': { input: RetentionPurgeInput, output: PurgeOutcome },
  'retention.hold': { input: LegalHoldInput, output: RetentionView },
  'retention.replaceBackups': { input: NoInput, output: ReplaceBackupsOutcome },
  'person.data': { input: PersonRef, output: PersonData },
  'person.saveData': { input: SavePersonDataInput, output: SavedFile },
  'person.erase': { input: ErasePersonInput, output: ErasureOutcome },
  // Spreadsheet import (issue 14, item 5): a CSV or XLSX file opened in the host's dialog and read by the backend;
  // a preview of every row through a mapping and the officer's fixes; the import (one transaction); undo.
  'sheetImport.open': { input: OpenSheetInput, output: SheetOpened },
  'sheetImport.preview': { input: SheetPreviewInput, output: SheetPreview },
  'sheetImport.run': { input: SheetRunInput, output: SheetImportReport },
  'sheetImport.batches': { input: NoInput, output: z.array(SheetBatch) },
  'sheetImport.undo': { input: SheetUndoInput, output: SheetUndoReport },
  'sheetImport.mappings': { input: NoInput, output: z.array(SheetSavedMapping) },
  'sheetImport.saveMapping': { input: SheetSaveMappingInput, output: SavedFile },
  'sheetImport.openMapping': { input: NoInput, output: SheetMapping },
  // The evaluation dataset (issue 14, item 4): a folder chosen in the host's dialog; electron/dataset/.
  'reports.exportDataset': { input: ExportDatasetInput, output: DatasetOutcome },
  // Effort and cost, budgets, work plans (issue 14, items 2 and 3): electron/effort/, electron/workplan/.
  'effort.budgets': { input: NoInput, output: z.array(PostBudget) },
  'effort.saveBudget': { input: PostBudgetInput, output: z.array(PostBudget) },
  'effort.removeBudget': { input: RemoveBudgetInput, output: z.array(PostBudget) },
  'effort.efficiency': { input: EfficiencyInput, output: EfficiencyView },
  'workplan.view': { input: WorkplanQuery, output: WorkplanView },
  'workplan.save': { input: SaveActivityInput, output: PlannedActivity },
  'workplan.remove': { input: RemoveActivityInput, output: z.strictObject({ id: z.string() }) },
  // Objectives with progress (issue 14, item 1): electron/objectives/.
  'objectives.progress': { input: ObjectivesProgressInput.optional(), output: ObjectivesProgress },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export const CHANNELS = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

export type SessionChannel = Extract<Channel, `session.${string}`>;

export type BackupChannel = Extract<Channel, `backups.${string}`>;

/** The channels the session answers itself when unlocked or damaged (they close and reopen the database). */
export function isBackupChannel(name: Channel): name is BackupChannel {
  return name.startsWith('backups.');
}

/** The channels the session answers itself, in every state; all others need the data unlocked. */
export function isSessionChannel(name: Channel): name is SessionChannel {
  return name.startsWith('session.');
}
