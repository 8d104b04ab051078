import type { Backend } from '../backend/create-backend';

// The unlock session's states and the moves between them, in one place. The session holds the database key only
// in the states that name one; `moveTo` is the one way from state to state, and it refuses a move the table
// does not allow (a bug: the session would hold a key or a backend where it must not, or lose one it needs).
//
//   closed ──unlock/setup──▶ unlocked ──lock──▶ closing ──(calls drained)──▶ closed
//     │                        ▲   │                 ├──(for maintenance)──▶ maintenance
//     │                        │   │                 └──(the background check found damage)──▶ damaged
//     └──(database fails its check)──▶ damaged ──lock──▶ closed
//                              │                 └──(restore, salvage)──▶ maintenance
//   maintenance ──reopened──▶ unlocked | damaged, or ──could not reopen──▶ closed
//   unlocked ──setup failed after opening──▶ closed
//
// "closed" is what the officer sees as locked (or new: no vault yet, which the files on disk tell).

export type SessionState =
  /** No key in memory and no database open. */
  | { readonly name: 'closed' }
  /** The database is open with the key; calls are served. */
  | { readonly name: 'unlocked'; readonly backend: Backend; readonly key: Buffer }
  /** Locking: calls already running finish on the open database; new ones are refused. */
  | { readonly name: 'closing'; readonly backend: Backend; readonly key: Buffer }
  /** The passphrase was right but the database failed its check: the key is kept for restore and salvage. */
  | {
      readonly name: 'damaged';
      readonly key: Buffer;
      readonly message: string;
      readonly details: readonly string[];
      /** Found by the check in the background, after the unlock had answered (and calls were served). */
      readonly foundLater?: boolean;
    }
  /** The database is closed for restore, salvage or a backup command; the key is kept to reopen it. */
  | { readonly name: 'maintenance'; readonly key: Buffer };

export type SessionStateName = SessionState['name'];

export const SESSION_STATES: readonly SessionStateName[] = ['closed', 'unlocked', 'closing', 'damaged', 'maintenance'];

/** Where each state may go. Anything else is an IllegalTransitionError. */
export const TRANSITIONS: { readonly [S in SessionStateName]: readonly SessionStateName[] } = {
  closed: ['unlocked', 'damaged'],
  // 'closed' directly: a setup that failed after the new database opened takes it back (its key is zeroed).
  unlocked: ['closing', 'closed'],
  // 'damaged': the check in the background found damage; calls already running finished first.
  closing: ['closed', 'maintenance', 'damaged'],
  damaged: ['closed', 'maintenance'],
  maintenance: ['unlocked', 'damaged', 'closed'],
};

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: SessionStateName,
    readonly to: SessionStateName,
  ) {
    super(`The session cannot go from ${from} to ${to}.`);
    this.name = 'IllegalTransitionError';
  }
}

export function isAllowed(from: SessionStateName, to: SessionStateName): boolean {
  return TRANSITIONS[from].includes(to);
}

export interface SessionStateMachine {
  /** The current state. */
  readonly current: SessionState;
  /** Moves to `next`, or throws IllegalTransitionError (and stays) if the table does not allow it. */
  moveTo(next: SessionState): SessionState;
}

export function createSessionStateMachine(
  onTransition?: (from: SessionStateName, to: SessionStateName) => void,
): SessionStateMachine {
  let current: SessionState = { name: 'closed' };
  return {
    get current() {
      return current;
    },
    moveTo(next) {
      const from = current.name;
      if (!isAllowed(from, next.name)) throw new IllegalTransitionError(from, next.name);
      current = next;
      onTransition?.(from, next.name);
      return next;
    },
  };
}
