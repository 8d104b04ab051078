import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { BridgeApi } from '../../shared/contract/api';
import {
  isBackupChannel,
  isChannel,
  isSessionChannel,
  type Channel,
  type ChannelOutput,
} from '../../shared/contract/ipc';
import { englishText, messageRef } from '../../shared/contract/messages';
import { failBecause, failWith, ok, type FieldProblem, type Result } from '../../shared/contract/result';
import {
  NewPassphrase,
  type MaintenanceStatus,
  type SessionStatus,
  type SetupResult,
} from '../../shared/session/schema';
import { fieldProblems } from '../../shared/validation/field-problems';
import { DEFAULT_SETTINGS, type Language } from '../../shared/settings/schema';
import { createBackend, type Backend } from '../backend/create-backend';
import { createDispatcher, type Handlers, type Invoke } from '../backend/dispatch';
import {
  backUpIfDue,
  createBackup,
  defaultBackupDir,
  dueForBackup,
  lastAutomaticBackupAt,
  listBackups,
  type BackupResult,
} from '../backup/index';
import { DatabaseFromFutureError, NotALiaisonLogDatabaseError } from '../db/errors';
import {
  CHECK_WHOLE_FILE,
  CheckNotRunError,
  checkStep,
  checkTargets,
  classifyOpenError,
  DamagedDatabaseError,
  findingOf,
  quickCheck,
} from '../db/integrity';
import { maintenanceWorkerEntry, type WorkerEntry } from '../maintenance/location';
import { WORKER_TEMP_PREFIX, type CheckKind } from '../maintenance/protocol';
import { createMaintenanceRunner, type JobHandlers, type MaintenanceRunner } from '../maintenance/runner';
import { ownerOnlyFolder } from '../db/file-access';
import { DATABASE_FILE, isPlaintextDatabase, openDatabase } from '../db/open';
import type { Logger } from '../logging/logger';
import { VaultError, WITHOUT_RECOVERY } from '../vault/errors';
import { DEFAULT_WORK_FACTOR } from '../vault/key-files';
import { RECOVERY_FILE, readMetadata, type VaultMetadata } from '../vault/metadata';
import type { OsKeyStore } from '../vault/os-key-store';
import { encryptPlaintextDatabase, UpgradeError } from '../vault/plaintext-upgrade';
import { remainingDelay } from '../vault/delay';
import { createBackupHandlers } from './backup-handlers';
import { createSessionStateMachine, IllegalTransitionError, type SessionStateName } from './state';
import { grantedSave, noFileChosen, saveBytes, writeFailure } from '../files/granted';
import {
  createVault,
  keyFromRecoverySecret,
  markUpgradeDone,
  osKeyStoreAvailable,
  readRecoveryFile,
  refreshRecovery,
  rememberLanguage,
  removeVault,
  rewrapKey,
  unwrapWithPassphrase,
  type VaultContext,
} from '../vault/vault';

// The unlock session: the one way the app and the command line reach a data folder. It is 'new' (no
// passphrase yet), 'locked' or 'unlocked' (or 'damaged'); inside, an explicit state machine (state.ts) says which
// key and backend it holds, and refuses a move between states that it does not allow. Only when unlocked does it hold the database key and a Backend;
// every contract channel but session.* answers `locked` until then. Locking closes the database and
// overwrites the key in memory. docs/data-protection.md describes the files and what each layer protects.
// In the app (`background`), the start-up check and the automatic backups run after the unlock has answered,
// on the maintenance worker (electron/maintenance/): nothing that grows with the data is waited for.

export interface SessionOptions {
  readonly dataDir: string;
  /** The OS key store (Electron's safeStorage in the app); absent on the command line and in most tests. */
  readonly osKeyStore?: OsKeyStore;
  readonly now?: () => Date;
  readonly version?: string;
  readonly log?: (message: string, error?: unknown) => void;
  /** The data folder's log file, for the backend's own channels (logs.read, logs.write); one per process. */
  readonly logger?: Logger;
  readonly nativeBinding?: string;
  /**
   * scrypt work factor (log2 N) for key files written by this session. Leave it out in the app and on the
   * command line (age's default, 18); tests pass a small one so that they do not spend seconds per unlock.
   */
  readonly kdfWorkFactor?: number;
  /**
   * Automatic backups at unlock and hourly while unlocked (default true). The command line turns them off:
   * its commands are short, and `restore` and `check` must see the folder as the officer left it. Without them,
   * the encrypted backup that replaces unencrypted ones (a folder from before encryption) is a manual backup.
   */
  readonly automaticBackups?: boolean;
  /**
   * Run the start-up check and the automatic backups in the background (default false): on a worker thread with
   * a connection of its own (electron/maintenance/), after the unlock has answered, with progress
   * (`maintenance()`), while calls are served. Damage it finds moves the session to 'damaged' then. The app's
   * backend process turns this on. Without it (the command line, whose commands are short and must not act on
   * a damaged database) the check runs before the unlock answers, and backups on this thread.
   */
  readonly background?: boolean;
  /** The maintenance worker's entry (default: found beside this build, electron/maintenance/location.ts). */
  readonly maintenanceWorker?: WorkerEntry;
  /** Whether answers are checked against the contract's output schemas (default true; the installed app: false). */
  readonly checkOutputs?: boolean;
  /** Called after every move of the session's state machine (electron/session/state.ts): tests, diagnostics. */
  readonly onTransition?: (from: SessionStateName, to: SessionStateName) => void;
}

export interface Session {
  /** For untrusted callers (IPC, the test bridge): session.* channels here, every other one to the backend. */
  readonly invoke: Invoke;
  /** The same entry, typed from the contract, for trusted callers. */
  readonly call: BridgeApi['invoke'];
  status(): SessionStatus;
  setup(passphrase: string, osBind: boolean): Promise<Result<SetupResult>>;
  unlock(passphrase: string): Promise<Result<SessionStatus>>;
  lock(): Promise<SessionStatus>;
  changePassphrase(oldPassphrase: string, newPassphrase: string): Promise<Result<SessionStatus>>;
  recover(secret: string, newPassphrase: string, osBind?: boolean): Promise<Result<SessionStatus>>;
  /** Writes key.recovery.age to `target` (a path the officer chose), to send to HQ. */
  saveRecoveryFile(target: string): Result<ChannelOutput<'session.saveRecoveryFile'>>;
  /** The open backend, for trusted Node callers (the command line), or undefined unless unlocked. */
  backend(): Backend | undefined;
  /** Locks when the computer has been idle for the installation's autoLockMinutes. True if it locked. */
  lockIfIdle(idleSeconds: number): Promise<boolean>;
  /**
   * Closes the database (keeping the key; no lock listeners run), runs `run` with the key, then reopens and
   * checks the database again. For restore, salvage and the command line's backup commands. Refused unless
   * unlocked or damaged.
   */
  withDatabaseClosed<T>(run: (key: Buffer) => T | Promise<T>): Promise<T>;
  /**
   * Makes an automatic backup on this thread if one is due, and returns it (null if none was made). The hourly
   * timer calls it without `background`; with it, the timer starts the backup on the maintenance worker instead.
   */
  backUpIfDue(): BackupResult | null;
  /** The check and backup running in the background, and the last check's outcome (session.maintenance). */
  maintenance(): MaintenanceStatus;
  /** Starts a full check (integrity_check, table by table, then the whole file): session.checkData. */
  checkData(): Result<MaintenanceStatus>;
  /** Resolves once nothing runs in the background (no job, no worker still ending): tests, shutdown. */
  settled(): Promise<void>;
  /** After every change of `maintenance()` (progress, a job ended, damage found). Returns the unsubscribe. */
  onMaintenance(listener: (status: MaintenanceStatus) => void): () => void;
  /** Called after every lock (from any cause), e.g. to reload the window so no data stays on screen. */
  onLock(listener: () => void): () => void;
}

/** Calls after which the HQ keys (or the post's identity) may have changed: the recovery file follows. */
const RECOVERY_CHANNELS = new Set<Channel>(['identity.init', 'keys.importHq', 'keys.addHqKey']);

export function createSession(options: SessionOptions): Session {
  const dataDir = options.dataDir;
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((message, error) => console.error(message, error));
  const native = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const checkOutputs = options.checkOutputs ?? true;
  const databaseFile = path.join(dataDir, DATABASE_FILE);
  const ctx: VaultContext = {
    dataDir,
    osKeyStore: options.osKeyStore,
    now,
    workFactor: options.kdfWorkFactor ?? DEFAULT_WORK_FACTOR,
  };

  // closed, unlocked, closing, damaged or maintenance: which key and backend the session holds (state.ts).
  const machine = createSessionStateMachine(options.onTransition);
  /** The open backend while calls are served (unlocked), else undefined. */
  const served = (): Backend | undefined => {
    const s = machine.current;
    return s.name === 'unlocked' ? s.backend : undefined;
  };
  let backupWarning: string | null = null;
  let backupTimer: ReturnType<typeof setInterval> | undefined;
  const backupDir = defaultBackupDir(dataDir);
  let inFlight = 0;
  let drainWaiters: (() => void)[] = [];
  const lockListeners = new Set<() => void>();
  const maintenanceListeners = new Set<(status: MaintenanceStatus) => void>();
  let lastCheck: MaintenanceStatus['lastCheck'] = null;
  /** Set while the session closes because the background check found damage: calls are answered 'damaged'. */
  let damageFound: DamagedDatabaseError | undefined;
  /** The same, read after an await (when it may have been set meanwhile). */
  const damageMet = (): DamagedDatabaseError | undefined => damageFound;
  const workerEntry = options.background ? (options.maintenanceWorker ?? maintenanceWorkerEntry()) : undefined;
  if (options.background && !workerEntry) {
    log('The maintenance worker is missing from this build: the check and backups run before the unlock answers');
  }
  const runner: MaintenanceRunner | undefined = workerEntry
    ? createMaintenanceRunner({ entry: workerEntry, log, onChange: () => notifyMaintenance() })
    : undefined;

  // Setup, unlock, lock, change and recovery run one at a time: two unlocks must not race on vault.json.
  let queue: Promise<unknown> = Promise.resolve();
  function exclusive<T>(run: () => Promise<T>): Promise<T> {
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  }

  function status(): SessionStatus {
    let meta: VaultMetadata | undefined;
    let exists: boolean;
    try {
      meta = readMetadata(dataDir);
      exists = meta !== undefined;
    } catch {
      exists = true; // a damaged vault.json is still a vault: never offer to set up over it
    }
    const available = osKeyStoreAvailable(options.osKeyStore);
    const current = machine.current;
    const damaged =
      current.name === 'damaged'
        ? current
        : damageFound && (current.name === 'closing' || current.name === 'unlocked')
          ? { message: damageFound.message, details: damageFound.details, foundLater: true }
          : undefined;
    // Closing and maintenance are locked to the officer: no call is served.
    const state = current.name === 'unlocked' ? 'unlocked' : damaged ? 'damaged' : exists ? 'locked' : 'new';
    const wait = meta ? remainingDelay(meta.failedAttempts, meta.notBefore, now()) : 0;
    return {
      state,
      osKeyStore: { available, name: available ? (options.osKeyStore?.name ?? null) : null },
      osBound: meta?.osBound ?? false,
      failedAttempts: meta?.failedAttempts ?? 0,
      retryAfterSeconds: wait > 0 ? wait : null,
      recovery: meta
        ? {
            personalKey: true,
            hqKeyFingerprints: meta.recovery.hqKeys.map((k) => k.fingerprint),
            updatedAt: meta.recovery.updatedAt,
          }
        : null,
      plaintextDatabase: state === 'new' && isPlaintextDatabase(databaseFile),
      language: meta?.language ?? 'en',
      damaged: damaged
        ? { message: damaged.message, details: [...damaged.details], foundLater: damaged.foundLater ?? false }
        : null,
      backupWarning: state === 'unlocked' ? backupWarning : null,
    };
  }

  /**
   * Opens the database with `key` (encrypting a database from before this version first, when the vault
   * says that is still to be done) and keeps the key. Throws if the key does not open this folder's data.
   */
  async function openWithKey(
    key: Buffer,
    meta: VaultMetadata,
    allowDamaged = false,
    checkFirst = !runner,
  ): Promise<void> {
    // Only its owner may list the data folder (0700 on POSIX), whatever the umask made it: tightened at
    // every open, so a folder from an earlier version is fixed too. The files in it are 0600 (db/open.ts).
    ownerOnlyFolder(dataDir);
    if (isPlaintextDatabase(databaseFile)) {
      if (!meta.upgradePending) {
        throw new VaultError(
          'damaged',
          `${databaseFile} is not encrypted, although this data folder was set up with a passphrase: it may ` +
            'have been replaced. Nothing was changed. Restore the folder from a backup.',
        );
      }
      encryptPlaintextDatabase(databaseFile, key, options.nativeBinding);
    }
    const upgraded = meta.upgradePending;
    if (upgraded) markUpgradeDone(dataDir);
    let backend: Backend;
    let opened: Backend | undefined;
    try {
      backend = createBackend({
        dataDir,
        key,
        ...native,
        ...(options.now ? { now: options.now } : {}),
        ...(options.version ? { version: options.version } : {}),
        ...(options.logger ? { logger: options.logger } : {}),
        checkOutputs,
        // A call that meets a page it cannot read has found damage before the check got there: not a bug to
        // log, but the same finding (the status carries it).
        log: (message, error) => {
          const damage = opened ? damageIn(error) : undefined;
          if (opened && damage) void moveToDamaged(opened, damage);
          else log(message, error);
        },
      });
      opened = backend;
    } catch (error) {
      // The key was authenticated (by the key file): a file it cannot read is damaged, or was replaced.
      const known = classifyOpenError(error, databaseFile);
      if (known?.kind === 'storage') throw known.error;
      if (known?.kind !== 'damaged' || !allowDamaged) throw error;
      enterDamaged(key, known.error);
      return;
    }
    if (checkFirst) {
      // Before the unlock answers: the command line never acts on a damaged database, and data known to be
      // damaged (reopened after salvage) is not served while the check runs again.
      const check = quickCheck(backend.db);
      if (!check.ok) {
        backend.close();
        enterDamaged(key, new DamagedDatabaseError(databaseFile, check.details));
        return;
      }
      lastCheck = { kind: 'quick', finishedAt: now().toISOString(), outcome: 'sound' };
    }
    machine.moveTo({ name: 'unlocked', backend, key });
    if (upgraded) replacePlaintextBackups(backend);
    await syncVault();
    // In the background: the check (and the backup, if one is due) start now and the unlock answers at once.
    if (runner) startJob(checkFirst ? null : 'quick', true);
    startAutomaticBackups();
  }

  function maintenanceStatus(): MaintenanceStatus {
    const progress = runner?.progress() ?? null;
    return { state: status().state, running: progress ? { ...progress } : null, lastCheck };
  }

  function notifyMaintenance(): void {
    if (maintenanceListeners.size === 0) return;
    const now = maintenanceStatus();
    for (const listener of maintenanceListeners) {
      try {
        listener(now);
      } catch (error) {
        log('A maintenance listener failed', error);
      }
    }
  }

  /**
   * Starts a job on the maintenance worker: a check of `check` (or none), and the automatic backup if
   * `backupIfDue` and one is due. False if nothing was started (locked, a job already running, nothing to do).
   */
  function startJob(check: CheckKind | null, backupIfDue: boolean): boolean {
    const current = machine.current;
    if (!runner || current.name !== 'unlocked' || runner.progress()) return false;
    const { backend, key } = current;
    let backup = null;
    if (backupIfDue && options.automaticBackups !== false) {
      try {
        const s = backend.services.settings.read();
        if (dueForBackup(lastAutomaticBackupAt(backupDir), now(), s.backupIntervalHours)) {
          backup = {
            dir: backupDir,
            keep: s.backupKeep,
            now: now().toISOString(),
            temp: path.join(backupDir, `${WORKER_TEMP_PREFIX}${randomUUID()}.tmp`),
          };
        }
      } catch (error) {
        backupWarning = `The automatic backup failed: ${(error as Error).message}`;
        log('The automatic backup failed', error);
      }
    }
    if (!check && !backup) return false;
    runner.start(
      { file: databaseFile, nativeBinding: options.nativeBinding, check, backup },
      key,
      jobHandlers(backend, check, backup !== null),
    );
    return true;
  }

  /** What a job's findings do to this session; nothing once the backend it checked is closed. */
  function jobHandlers(backend: Backend, check: CheckKind | null, backup: boolean): JobHandlers {
    let checked = false;
    const mine = (): boolean => {
      const current = machine.current;
      return current.name === 'unlocked' && current.backend === backend;
    };
    return {
      checked: (kind, ok, details) => {
        checked = true;
        lastCheck = { kind, finishedAt: now().toISOString(), outcome: ok ? 'sound' : 'damaged' };
        if (!ok && mine()) void moveToDamaged(backend, details);
      },
      checkNotRun: (reason) => {
        checked = true;
        lastCheck = check ? { kind: check, finishedAt: now().toISOString(), outcome: 'not_run' } : lastCheck;
        log(`The check in the background could not run: ${reason}`);
      },
      backedUp: (r) => {
        backupWarning = r.rotationErrors.length
          ? `An old automatic backup could not be removed: ${r.rotationErrors.join('; ')}`
          : null;
      },
      backupFailed: (message) => {
        // A warning, not a block: the data itself is fine and stays usable.
        backupWarning = `The automatic backup failed: ${message}`;
        log('The automatic backup failed', new Error(message));
      },
      failed: (message) => {
        log('The check or backup in the background failed', new Error(message));
        if (check && !checked) {
          checked = true;
          lastCheck = { kind: check, finishedAt: now().toISOString(), outcome: 'not_run' };
        }
      },
      notStarted: (reason) => {
        // A runtime without worker threads must not cost the check or the backup: both on this thread, as before.
        log(`The maintenance worker did not start (${reason}): the work is done on the backend's own thread`);
        if (!mine()) return;
        if (check === 'full') checkInline(backend);
        else if (check === 'quick') {
          const report = quickCheck(backend.db);
          lastCheck = { kind: 'quick', finishedAt: now().toISOString(), outcome: report.ok ? 'sound' : 'damaged' };
          if (!report.ok) {
            void moveToDamaged(backend, report.details);
            return;
          }
        }
        if (backup) backUpNowIfDue();
      },
      ended: () => notifyMaintenance(),
    };
  }

  /**
   * The check in the background found damage while calls were served: the calls already running finish (a
   * write acknowledged before this is in the database file, which is kept as it is), then the database closes
   * and the session is 'damaged', keeping the key for restore and salvage, as if the check had failed at unlock.
   */
  function moveToDamaged(backend: Backend, details: readonly string[]): Promise<void> {
    const serving = machine.current;
    if (serving.name !== 'unlocked' || serving.backend !== backend || damageFound) return Promise.resolve();
    // From now on calls are answered 'damaged' and the status says so; the move itself waits its turn.
    damageFound = new DamagedDatabaseError(databaseFile, details);
    notifyMaintenance();
    return exclusive(async () => {
      const current = machine.current;
      // Locked meanwhile: the next unlock checks again.
      if (current.name !== 'unlocked' || current.backend !== backend || !damageFound) {
        damageFound = undefined;
        return;
      }
      stopAutomaticBackups();
      runner?.stop();
      const { key } = current;
      machine.moveTo({ name: 'closing', backend, key });
      notifyMaintenance();
      if (inFlight > 0) await new Promise<void>((resolve) => drainWaiters.push(resolve));
      try {
        backend.close();
      } catch (error) {
        log('The damaged database could not be closed cleanly', error);
      }
      const found = damageFound;
      damageFound = undefined;
      machine.moveTo({ name: 'damaged', key, message: found.message, details: [...found.details], foundLater: true });
      lastCheck =
        lastCheck?.outcome === 'damaged'
          ? lastCheck
          : { kind: 'quick', finishedAt: now().toISOString(), outcome: 'damaged' };
      notifyMaintenance();
    });
  }

  /** A full check on this thread, for a session without the worker (the command line has its own `check`). */
  function checkInline(backend: Backend): void {
    const details: string[] = [];
    try {
      for (const table of [...checkTargets(backend.db), CHECK_WHOLE_FILE]) {
        const report = checkStep(backend.db, table === CHECK_WHOLE_FILE ? 'quick_check' : 'integrity_check', table);
        if (!report.ok) details.push(...report.details);
      }
    } catch (error) {
      if (!(error instanceof CheckNotRunError)) throw error;
      lastCheck = { kind: 'full', finishedAt: now().toISOString(), outcome: 'not_run' };
      return;
    }
    lastCheck = { kind: 'full', finishedAt: now().toISOString(), outcome: details.length ? 'damaged' : 'sound' };
    if (details.length) void moveToDamaged(backend, details);
  }

  function checkData(): Result<MaintenanceStatus> {
    const current = machine.current;
    if (current.name === 'damaged') return failBecause('damaged', messageRef('session.damaged'), current.message);
    if (current.name !== 'unlocked') return failWith('locked', messageRef('session.locked'));
    if (runner) {
      if (runner.progress()) return failWith('conflict', messageRef('session.check_busy'));
      startJob('full', false);
    } else checkInline(current.backend);
    notifyMaintenance();
    return ok(maintenanceStatus());
  }

  /** Keeps the key and the findings; never deletes or rewrites anything. */
  function enterDamaged(key: Buffer, error: DamagedDatabaseError): void {
    // Not logged as an error: the status carries it, and the recovery screen shows it.
    lastCheck = { kind: 'quick', finishedAt: now().toISOString(), outcome: 'damaged' };
    machine.moveTo({ name: 'damaged', key, message: error.message, details: [...error.details] });
  }

  /**
   * After a database from before encryption was encrypted, backups made before then are readable without any
   * key: an encrypted backup is made first, then they are removed (a failure leaves them, with a warning).
   */
  function replacePlaintextBackups(backend: Backend): void {
    try {
      const plain = listBackups(backupDir).filter((b) => !b.encrypted);
      if (plain.length === 0) return;
      const s = backend.services.settings.read();
      // Without automatic backups (the command line) the replacement is not one: a backup kept until deleted by
      // hand, which neither rotates automatic backups away nor counts as the last of them.
      const kind = options.automaticBackups === false ? 'manual' : 'auto';
      createBackup(backend.db, {
        dir: backupDir,
        keep: s.backupKeep,
        now: now(),
        kind,
        ...(kind === 'manual' ? { label: 'replaces-unencrypted' } : {}),
      });
      for (const b of plain) fs.rmSync(b.file, { force: true });
    } catch (error) {
      backupWarning = `Backups from before encryption could not be replaced: ${(error as Error).message}`;
      log('Could not replace the unencrypted backups', error);
    }
  }

  function backUpNowIfDue(): BackupResult | null {
    const backend = served();
    if (!backend) return null;
    // A backup never runs inside another statement's transaction; the next hour will do.
    if (backend.db.inTransaction) return null;
    try {
      const s = backend.services.settings.read();
      const r = backUpIfDue(backend.db, {
        dir: backupDir,
        keep: s.backupKeep,
        intervalHours: s.backupIntervalHours,
        now: now(),
      });
      if (r) {
        backupWarning = r.rotationErrors.length
          ? `An old automatic backup could not be removed: ${r.rotationErrors.join('; ')}`
          : null;
      }
      return r;
    } catch (error) {
      // A warning, not a block: the data itself is fine and stays usable.
      backupWarning = `The automatic backup failed: ${(error as Error).message}`;
      log('The automatic backup failed', error);
      return null;
    }
  }

  function startAutomaticBackups(): void {
    stopAutomaticBackups();
    if (options.automaticBackups === false) return;
    // In the background the unlock's job includes the backup, and the timer starts one on the worker.
    if (!runner) backUpNowIfDue();
    backupTimer = setInterval(() => (runner ? startJob(null, true) : backUpNowIfDue()), 3_600_000);
    backupTimer.unref();
  }

  function stopAutomaticBackups(): void {
    if (backupTimer) clearInterval(backupTimer);
    backupTimer = undefined;
  }

  /** Keeps vault.json's plaintext copies (language, recovery recipients) in step with the database. */
  async function syncVault(): Promise<void> {
    // Also while closing: a call that changed the HQ keys finishes before the database closes.
    const current = machine.current;
    if (current.name !== 'unlocked' && current.name !== 'closing') return;
    const { backend, key } = current;
    try {
      rememberLanguage(dataDir, backend.services.settings.read().language);
      const who = backend.services.exchange.identity.identity();
      const hqKeys =
        who.role === 'post'
          ? who.hqKeys.filter((k) => !k.retired).map((k) => ({ recipient: k.recipient, fingerprint: k.fingerprint }))
          : [];
      await refreshRecovery(ctx, key, hqKeys, { postId: who.postId, installationId: who.installationId });
    } catch (error) {
      // The data is open and fine; the recovery file is one step behind. Logged, retried at the next change.
      log('Could not update the recovery file', error);
    }
  }

  function onOpenFailure(error: unknown): never {
    if (error instanceof NotALiaisonLogDatabaseError) {
      throw new VaultError(
        'damaged',
        `The key does not open ${databaseFile}: the key file and the database do not belong together (one of ` +
          'them may have been copied from another data folder). Nothing was changed.',
      );
    }
    throw error;
  }

  /**
   * Closes the unlocked backend (after the calls already running) and moves to `then`: 'closed' zeroes the key,
   * 'maintenance' keeps it and hands it back for the caller to reopen with. A backend that fails to close
   * leaves the session closed, its key zeroed.
   */
  async function detachBackend(then: 'closed' | 'maintenance'): Promise<Buffer> {
    stopAutomaticBackups();
    // The worker stops at its next step; locking does not wait for it (its copy of the key is its own).
    runner?.stop();
    const current = machine.current;
    if (current.name !== 'unlocked') throw new IllegalTransitionError(current.name, 'closing');
    const { backend, key } = current;
    machine.moveTo({ name: 'closing', backend, key });
    // Calls already running finish on the open database; new ones are refused from now on.
    if (inFlight > 0) await new Promise<void>((resolve) => drainWaiters.push(resolve));
    try {
      backend.close();
    } catch (error) {
      key.fill(0);
      machine.moveTo({ name: 'closed' });
      throw error;
    }
    if (then === 'closed') {
      key.fill(0);
      machine.moveTo({ name: 'closed' });
    } else machine.moveTo({ name: 'maintenance', key });
    return key;
  }

  async function closeOpen(): Promise<void> {
    const current = machine.current;
    if (current.name === 'unlocked') await detachBackend('closed');
    else if (current.name === 'damaged') {
      current.key.fill(0);
      machine.moveTo({ name: 'closed' });
    } else return;
    notifyLocked();
  }

  async function closedForMaintenance<T>(run: (key: Buffer) => T | Promise<T>): Promise<T> {
    // A restore must find no other connection open: the worker lets go of the database first.
    if (machine.current.name === 'unlocked' || machine.current.name === 'damaged') {
      runner?.stop();
      await runner?.released();
    }
    const current = machine.current;
    let key: Buffer;
    const wasDamaged = current.name === 'damaged';
    if (current.name === 'unlocked') key = await detachBackend('maintenance');
    else if (current.name === 'damaged') {
      key = current.key;
      machine.moveTo({ name: 'maintenance', key });
    } else throw new Error('The data is locked.');
    try {
      return await run(key);
    } finally {
      await reopenAfterMaintenance(key, wasDamaged);
    }
  }

  async function reopenAfterMaintenance(key: Buffer, wasDamaged: boolean): Promise<void> {
    try {
      const meta = readMetadata(dataDir);
      if (!meta) throw new VaultError('damaged', `vault.json is missing from ${dataDir}.`);
      // Data that was damaged is checked again before anything is served (a restore's file was checked already).
      await openWithKey(key, meta, true, wasDamaged || !runner);
    } catch (error) {
      // Neither open nor damaged: locked. Unlocking again shows what is wrong.
      log('The database could not be opened again', error);
      key.fill(0);
      if (machine.current.name === 'maintenance') machine.moveTo({ name: 'closed' });
      notifyLocked();
    }
  }

  function notifyLocked(): void {
    for (const listener of lockListeners) {
      try {
        listener();
      } catch (error) {
        log('A lock listener failed', error);
      }
    }
  }

  const setup: Session['setup'] = (passphrase, osBind) =>
    exclusive(() =>
      guard('passphrase', async () => {
        const weak = passphraseRule('passphrase', passphrase);
        if (weak) return weak;
        if (status().state !== 'new') {
          return failWith('conflict', messageRef('session.already_has_passphrase'));
        }
        const plaintext = isPlaintextDatabase(databaseFile);
        let language: Language = 'en';
        if (plaintext) {
          // Refuse a foreign or newer file before any vault exists; this also brings it to the latest schema.
          const probe = openDatabase(databaseFile, native);
          try {
            const row = probe.prepare("SELECT value FROM setting WHERE key = 'language'").pluck().get();
            language = row === '"nl"' ? 'nl' : 'en';
          } finally {
            probe.close();
          }
        } else if (fileHasContent(databaseFile)) {
          return failWith('damaged', messageRef('session.foreign_database', { file: databaseFile }));
        }
        const created = await createVault(ctx, { passphrase, osBind, language, upgradePending: plaintext });
        try {
          if (plaintext) encryptPlaintextDatabase(databaseFile, created.key, options.nativeBinding);
          await openWithKey(created.key, created.meta);
        } catch (error) {
          const partial = machine.current;
          if (partial.name === 'unlocked') {
            // Taken back without zeroing here: the key is created.key, zeroed below or kept for the officer.
            runner?.stop();
            machine.moveTo({ name: 'closed' });
            partial.backend.close();
          }
          if (!plaintext) {
            // A new folder: the database was made just now, empty, with this key. Without the key it is useless.
            for (const suffix of ['', '-wal', '-shm']) removeQuietly(databaseFile + suffix);
            removeVault(dataDir);
          } else if (isPlaintextDatabase(databaseFile)) {
            // The upgrade swaps only a verified copy: the database is exactly as before, so undo the vault too.
            removeVault(dataDir);
          } else {
            // The database is encrypted with this key now, so the vault stays: the recovery key must still reach
            // the officer. The data stays locked; unlocking will show what went wrong.
            created.key.fill(0);
            log('The data was encrypted but could not be opened', error);
            return ok({ recoveryKey: created.recoveryKey, status: status() });
          }
          created.key.fill(0);
          throw error;
        }
        return ok({ recoveryKey: created.recoveryKey, status: status() });
      }),
    );

  const unlock: Session['unlock'] = (passphrase) =>
    exclusive(() =>
      guard('passphrase', async () => {
        if (machine.current.name !== 'closed') return ok(status());
        const { key, meta } = await unwrapWithPassphrase(ctx, passphrase);
        try {
          await openWithKey(key, meta, true);
        } catch (error) {
          key.fill(0);
          onOpenFailure(error);
        }
        return ok(status());
      }),
    );

  const lock: Session['lock'] = () =>
    exclusive(async () => {
      await closeOpen();
      return status();
    });

  const changePassphrase: Session['changePassphrase'] = (oldPassphrase, newPassphrase) =>
    exclusive(() =>
      guard('oldPassphrase', async () => {
        const weak = passphraseRule('newPassphrase', newPassphrase);
        if (weak) return weak;
        if (oldPassphrase === newPassphrase) {
          const reason = messageRef('session.same_passphrase');
          const message = englishText(reason);
          return failWith('invalid_input', reason, { newPassphrase: { code: 'same_passphrase', message } });
        }
        // The current passphrase is checked (and counted) even while unlocked: an unattended, unlocked laptop
        // must not let anyone lock the officer out.
        const { key, meta } = await unwrapWithPassphrase(ctx, oldPassphrase);
        try {
          await rewrapKey(ctx, key, newPassphrase, meta.osBound);
        } finally {
          key.fill(0);
        }
        return ok(status());
      }),
    );

  const recover: Session['recover'] = (secret, newPassphrase, osBind = false) =>
    exclusive(() =>
      guard('secret', async () => {
        const weak = passphraseRule('newPassphrase', newPassphrase);
        if (weak) return weak;
        const meta = readMetadata(dataDir);
        if (!meta) return failWith('conflict', messageRef('session.nothing_to_recover'));
        if (!fileHasContent(databaseFile)) {
          return failBecause(
            'damaged',
            messageRef('session.no_database_to_recover', { dataDir }),
            `There is no database in ${dataDir} to recover. ${WITHOUT_RECOVERY}`,
          );
        }
        if (meta.upgradePending && isPlaintextDatabase(databaseFile)) {
          // Setup stopped before the database was encrypted: it is still readable without any key.
          return failWith('conflict', messageRef('session.never_encrypted'));
        }
        const key = await keyFromRecoverySecret(ctx, secret);
        await closeOpen();
        try {
          await openWithKey(key, meta);
        } catch (error) {
          key.fill(0);
          if (error instanceof NotALiaisonLogDatabaseError) {
            throw new VaultError(
              'wrong_recovery_secret',
              'That recovery code or key does not open the data in this folder: it was made for another ' +
                'installation. Nothing was changed.',
            );
          }
          throw error;
        }
        // The data opened: only now is the forgotten passphrase replaced.
        try {
          await rewrapKey(ctx, key, newPassphrase, osBind);
        } catch (error) {
          await closeOpen();
          throw error;
        }
        return ok(status());
      }),
    );

  function saveRecoveryFile(target: string): Result<ChannelOutput<'session.saveRecoveryFile'>> {
    const bytes = readRecoveryFile(dataDir);
    if (!bytes) {
      return failWith('not_found', messageRef('session.no_recovery_file', { file: RECOVERY_FILE }));
    }
    try {
      return ok(saveBytes(target, bytes));
    } catch (error) {
      const refused = writeFailure(error);
      if (refused) return refused;
      throw error;
    }
  }

  const sessionHandlers = {
    'session.status': () => ok(status()),
    'session.setup': ({ passphrase, osBind }) => setup(passphrase, osBind),
    'session.unlock': ({ passphrase }) => unlock(passphrase),
    'session.lock': async () => ok(await lock()),
    'session.changePassphrase': ({ oldPassphrase, newPassphrase }) => changePassphrase(oldPassphrase, newPassphrase),
    'session.recover': ({ secret, newPassphrase, osBind }) => recover(secret, newPassphrase, osBind),
    'session.saveRecoveryFile': (_input, context) => {
      const target = grantedSave(context);
      return target ? saveRecoveryFile(target) : noFileChosen('session.saveRecoveryFile');
    },
    'session.maintenance': () => ok(maintenanceStatus()),
    'session.checkData': () => checkData(),
  } satisfies Partial<Handlers>;
  // Only session.* channels ever reach this dispatcher; it validates them against the contract like the backend.
  const dispatchSession = createDispatcher(
    sessionHandlers as unknown as Handlers,
    (error) => log('Session handler failed', error),
    dataDir,
    { checkOutputs },
  );

  const withDatabaseClosed: Session['withDatabaseClosed'] = (run) => exclusive(() => closedForMaintenance(run));
  const dispatchBackups = createDispatcher(
    createBackupHandlers({
      dataDir,
      now,
      nativeBinding: options.nativeBinding,
      backend: served,
      warning: () => backupWarning,
      withDatabaseClosed: (run) => withDatabaseClosed(run),
    }) as unknown as Handlers,
    (error) => log('Backup handler failed', error),
    dataDir,
    { checkOutputs },
  );

  const invoke: Invoke = async (channel, payload, callOptions) => {
    if (!isChannel(channel) || isSessionChannel(channel)) return dispatchSession(channel, payload, callOptions);
    const current = machine.current;
    if (isBackupChannel(channel) && (current.name === 'damaged' || current.name === 'unlocked')) {
      return dispatchBackups(channel, payload, callOptions);
    }
    if (current.name === 'damaged') return failBecause('damaged', messageRef('session.damaged'), current.message);
    if (damageFound) return failBecause('damaged', messageRef('session.damaged'), damageFound.message);
    if (current.name !== 'unlocked') return failWith('locked', messageRef('session.locked'));
    const { backend } = current;
    inFlight += 1;
    try {
      const result = await backend.invoke(channel, payload, callOptions);
      // The call met damage (see openWithKey): answered as every call is from now on.
      const met = damageMet();
      if (!result.ok && result.error.code === 'internal' && met) {
        return failBecause('damaged', messageRef('session.damaged'), met.message);
      }
      if (result.ok && (RECOVERY_CHANNELS.has(channel) || channel === 'settings.update')) await syncVault();
      return result;
    } finally {
      inFlight -= 1;
      if (inFlight === 0) {
        const waiters = drainWaiters;
        drainWaiters = [];
        for (const resolve of waiters) resolve();
      }
    }
  };

  return {
    invoke,
    call: invoke as BridgeApi['invoke'],
    status,
    setup,
    unlock,
    lock,
    changePassphrase,
    recover,
    saveRecoveryFile,
    backend: served,
    withDatabaseClosed,
    backUpIfDue: backUpNowIfDue,
    maintenance: maintenanceStatus,
    checkData,
    settled: () => runner?.settled() ?? Promise.resolve(),
    onMaintenance: (listener) => {
      maintenanceListeners.add(listener);
      return () => maintenanceListeners.delete(listener);
    },
    lockIfIdle: async (idleSeconds) => {
      if (machine.current.name === 'damaged' && idleSeconds >= DEFAULT_SETTINGS.autoLockMinutes * 60) {
        await lock();
        return true;
      }
      const backend = served();
      if (!backend) return false;
      const minutes = backend.services.settings.read().autoLockMinutes;
      if (idleSeconds < minutes * 60) return false;
      await lock();
      return true;
    },
    onLock: (listener) => {
      lockListeners.add(listener);
      return () => lockListeners.delete(listener);
    },
  };
}

/** The rule for a chosen passphrase, also for trusted callers (the command line) that skip the contract. */
function passphraseRule(field: string, passphrase: string): Result<never> | undefined {
  const parsed = NewPassphrase.safeParse(passphrase);
  if (parsed.success) return undefined;
  const problem = Object.values(fieldProblems(parsed.error))[0];
  const reason = messageRef('session.passphrase_refused');
  return failBecause(
    'invalid_input',
    reason,
    problem?.message ?? englishText(reason),
    problem ? { [field]: problem } : {},
  );
}

/** SQLite's findings in an error from a call, when it says a page cannot be read (damage), else undefined. */
function damageIn(error: unknown): string[] | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !(code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB'))) {
    return undefined;
  }
  const report = findingOf(error);
  return report.ok ? undefined : [...report.details];
}

function removeQuietly(file: string): void {
  try {
    if (fs.statSync(file).isFile()) fs.rmSync(file);
  } catch {
    /* already gone, or not ours to remove */
  }
}

function fileHasContent(file: string): boolean {
  try {
    return fs.statSync(file).size > 0;
  } catch {
    return false;
  }
}

/** Vault and database refusals become answers the unlock screen can show; anything else is a bug. */
async function guard<T>(field: string, run: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof VaultError) return vaultFailure(error, field);
    // A newer version's data, or a database another program holds open: the message says what to do.
    if (error instanceof DatabaseFromFutureError)
      return failBecause('conflict', messageRef('session.database_from_future'), error.message);
    if (error instanceof UpgradeError)
      return failBecause('conflict', messageRef('session.upgrade_failed'), error.message);
    if (error instanceof NotALiaisonLogDatabaseError)
      return failBecause('damaged', messageRef('session.not_a_database'), error.message);
    const refused = writeFailure(error);
    if (refused) return refused;
    // A full disk or a folder that cannot be written: the vault writes each file atomically, so nothing is
    // half-written; say what happened instead of "something went wrong".
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code && ['ENOSPC', 'EROFS', 'EACCES', 'EPERM', 'EDQUOT'].includes(code)) {
      return failWith('conflict', messageRef('session.folder_not_writable', { error: (error as Error).message }));
    }
    throw error;
  }
}

function vaultFailure(error: VaultError, field: string): Result<never> {
  const problem = (code: string, params?: Record<string, number>): Record<string, FieldProblem> => ({
    [field]: params ? { code, message: error.message, params } : { code, message: error.message },
  });
  switch (error.code) {
    case 'wrong_passphrase': {
      const figures = {
        failedAttempts: error.details.failedAttempts ?? 0,
        seconds: error.details.retryAfterSeconds ?? 0,
      };
      return failBecause(
        'wrong_passphrase',
        messageRef('session.wrong_passphrase', { failedAttempts: figures.failedAttempts }),
        error.message,
        problem('wrong_passphrase', figures),
      );
    }
    case 'try_later': {
      const seconds = error.details.retryAfterSeconds ?? 0;
      return failBecause(
        'try_later',
        messageRef('session.try_later', { seconds }),
        error.message,
        problem('try_later', { seconds }),
      );
    }
    case 'wrong_recovery_secret':
      return failBecause(
        'wrong_recovery_secret',
        messageRef('session.wrong_recovery_secret'),
        error.message,
        problem('wrong_recovery_secret'),
      );
    case 'key_store_unavailable':
      return failBecause('key_store_unavailable', messageRef('session.key_store_unavailable'), error.message);
    case 'not_set_up':
      return failBecause('conflict', messageRef('session.not_set_up'), error.message);
    case 'already_set_up':
      return failBecause('conflict', messageRef('session.already_has_passphrase'), error.message);
    case 'damaged':
      return failBecause('damaged', messageRef('session.vault_damaged'), error.message);
  }
}
