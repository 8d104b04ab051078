import { create } from 'zustand';
import type { Result } from '../../../../shared/contract/result';
import type { MaintenanceStatus } from '../../../../shared/session/schema';
import { call } from '../../api/bridge';
import { useSession } from '../session/session-store';

// What the backend does in the background once the data is unlocked: the start-up check, a full check the officer
// asked for, the automatic backup (session.maintenance). Followed by polling while the app is on screen: every
// second while something runs, every fifteen seconds otherwise (the hourly backup starts on its own). Damage the
// check finds takes the window to the recovery screen. Holds no record data.

/** While something runs. */
export const POLL_BUSY_MS = 1_000;
/** While nothing runs. */
export const POLL_IDLE_MS = 15_000;

interface MaintenanceState {
  status: MaintenanceStatus | null;
  /** Follows the status until the returned stop is called (the top bar's indicator, while mounted). */
  follow: () => () => void;
  /** Asks for the status now (and keeps following it quickly if something runs). */
  refresh: () => Promise<void>;
  /** Starts a full check (session.checkData). */
  checkNow: () => Promise<Result<MaintenanceStatus>>;
}

export const useMaintenance = create<MaintenanceState>((set, get) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let following = 0;

  function schedule(status: MaintenanceStatus | null): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (following === 0) return;
    timer = setTimeout(() => void get().refresh(), status?.running ? POLL_BUSY_MS : POLL_IDLE_MS);
  }

  function take(status: MaintenanceStatus): void {
    set({ status });
    // Damage found after the unlock: the recovery screen, which says what the check found.
    if (status.state === 'damaged') void useSession.getState().damageFound();
  }

  return {
    status: null,
    follow() {
      following += 1;
      if (following === 1) void get().refresh();
      return () => {
        following -= 1;
        if (following === 0 && timer) {
          clearTimeout(timer);
          timer = undefined;
        }
      };
    },
    async refresh() {
      const result = await call('session.maintenance', {});
      if (result.ok) take(result.value);
      schedule(result.ok ? result.value : get().status);
    },
    async checkNow() {
      const result = await call('session.checkData', {});
      if (result.ok) take(result.value);
      schedule(result.ok ? result.value : get().status);
      return result;
    },
  };
});
