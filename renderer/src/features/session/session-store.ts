import i18next from 'i18next';
import { create } from 'zustand';
import type { Result } from '../../../../shared/contract/result';
import type { SessionStatus, SetupResult } from '../../../../shared/session/schema';
import { call, hasBackend } from '../../api/bridge';
import { changeLanguage, lastLanguage, type Language } from '../../i18n';
import { takeProcessNotice, type ProcessNotice } from './BackendStopped';

// Where the unlock session stands, as the screens see it. The backend decides; this store only mirrors its
// answers. `recoveryKey` is the one moment the personal recovery key exists outside the backend: it is
// dropped as soon as the officer confirms having stored it (or the data locks).

export type SessionPhase =
  /** Asking the backend for the first time. */
  | 'starting'
  /** No backend (the page was opened outside Liaison Log) or it did not answer. */
  | 'unavailable'
  /** A new data folder: choose a passphrase. */
  | 'new'
  /** Set up just now: the personal recovery key is on screen, once. */
  | 'recoveryKey'
  | 'locked'
  | 'unlocked'
  /** The passphrase was right but the database failed its check: the recovery screen (restore, salvage). */
  | 'damaged'
  /** The backend process stopped: offer to restart it (it starts again locked). */
  | 'stopped';

interface SessionState {
  phase: SessionPhase;
  /** Why the shell reopened the window, shown once on the unlock screen. */
  notice: ProcessNotice | null;
  status: SessionStatus | null;
  recoveryKey: string | null;
  start: () => Promise<void>;
  /** Re-reads the status (e.g. for the security settings), without changing the phase. */
  refresh: () => Promise<SessionStatus | null>;
  /** The language of the setup and unlock screens (the settings cannot be read while locked). */
  chooseLanguage: (language: Language) => Promise<void>;
  setup: (passphrase: string, osBind: boolean) => Promise<Result<SetupResult>>;
  /** The officer has stored the recovery key: forget it and open the app. */
  recoveryKeyStored: () => void;
  unlock: (passphrase: string) => Promise<Result<SessionStatus>>;
  recover: (secret: string, newPassphrase: string, osBind: boolean) => Promise<Result<SessionStatus>>;
  changePassphrase: (oldPassphrase: string, newPassphrase: string) => Promise<Result<SessionStatus>>;
  lock: () => Promise<void>;
  /** A backup was restored (or salvaged) from the damaged screen: follow the session's new state. */
  restored: () => Promise<void>;
  /** The check in the background found damage after the unlock: the recovery screen. */
  damageFound: () => Promise<void>;
  /** A call was answered `locked`: the data was locked elsewhere (idle, OS lock, suspend). */
  lockedElsewhere: () => void;
  /** A call was answered `backend_stopped`. */
  backendStopped: () => void;
  /** A new backend process answered after a restart: start again at its (locked) state. */
  restarted: () => void;
}

function phaseOf(status: SessionStatus): SessionPhase {
  return status.state;
}

export const useSession = create<SessionState>((set, get) => ({
  phase: 'starting',
  status: null,
  recoveryKey: null,
  notice: null,

  async start() {
    if (!hasBackend()) {
      set({ phase: 'unavailable' });
      return;
    }
    const notice = get().notice ?? takeProcessNotice();
    const result = await call('session.status', {});
    if (!result.ok) {
      const remembered = lastLanguage();
      if (remembered) await changeLanguage(remembered);
      set({ phase: result.error.code === 'backend_stopped' ? 'stopped' : 'unavailable' });
      return;
    }
    await changeLanguage(result.value.language);
    set({ phase: phaseOf(result.value), status: result.value, notice });
  },

  async refresh() {
    const result = await call('session.status', {});
    if (!result.ok) return null;
    set({ status: result.value });
    return result.value;
  },

  async chooseLanguage(language) {
    await changeLanguage(language);
  },

  async setup(passphrase, osBind) {
    const result = await call('session.setup', { passphrase, osBind });
    if (!result.ok) return result;
    // The language chosen on the setup screen becomes the installation's language.
    const chosen = i18next.language as Language;
    if (chosen !== result.value.status.language) await call('settings.update', { language: chosen });
    set({ phase: 'recoveryKey', status: result.value.status, recoveryKey: result.value.recoveryKey });
    return result;
  },

  recoveryKeyStored() {
    if (get().phase !== 'recoveryKey') return;
    set({ phase: 'unlocked', recoveryKey: null });
  },

  async unlock(passphrase) {
    const result = await call('session.unlock', { passphrase });
    if (result.ok) set({ phase: phaseOf(result.value), status: result.value, notice: null });
    return result;
  },

  async recover(secret, newPassphrase, osBind) {
    const result = await call('session.recover', { secret, newPassphrase, osBind });
    if (result.ok) set({ phase: phaseOf(result.value), status: result.value });
    return result;
  },

  async changePassphrase(oldPassphrase, newPassphrase) {
    const result = await call('session.changePassphrase', { oldPassphrase, newPassphrase });
    if (result.ok) set({ status: result.value });
    return result;
  },

  async lock() {
    // Off the screen first, then locked: nothing stays visible while the backend closes the database.
    set({ phase: 'locked', recoveryKey: null });
    const result = await call('session.lock', {});
    if (result.ok) set({ phase: phaseOf(result.value), status: result.value });
  },

  async restored() {
    const status = await get().refresh();
    if (status) set({ phase: phaseOf(status) });
  },

  async damageFound() {
    if (get().phase !== 'unlocked') return;
    const status = await get().refresh();
    if (status?.state === 'damaged') set({ phase: 'damaged', recoveryKey: null });
  },

  backendStopped() {
    set({ phase: 'stopped', recoveryKey: null });
  },

  restarted() {
    set({ phase: 'starting', notice: 'backend_stopped' });
    void get().start();
  },

  lockedElsewhere() {
    const { phase } = get();
    if (phase === 'locked' || phase === 'new' || phase === 'starting') return;
    set({ phase: 'locked', recoveryKey: null });
    void get().refresh();
  },
}));
