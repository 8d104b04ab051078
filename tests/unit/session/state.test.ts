import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/create-backend';
import { DATABASE_FILE } from '../../../electron/db/open';
import { VAULT_FILE } from '../../../electron/vault/metadata';
import {
  createSessionStateMachine,
  IllegalTransitionError,
  SESSION_STATES,
  TRANSITIONS,
  type SessionState,
  type SessionStateName,
} from '../../../electron/session/state';
import { setUpSession, TEST_PASSPHRASE, useSessions } from '../helpers/session';

// The unlock session's state machine: the table on its own (every move it allows, every one it refuses), then
// the moves a real session makes on a real folder for setup, lock, unlock, maintenance and a damaged database.

const KEY = Buffer.alloc(32, 1);
/** The table tests never call the backend: a stand-in object is enough to carry the shape. */
const stand = {} as Backend;

function stateNamed(name: SessionStateName): SessionState {
  switch (name) {
    case 'closed':
      return { name };
    case 'unlocked':
    case 'closing':
      return { name, backend: stand, key: KEY };
    case 'damaged':
      return { name, key: KEY, message: 'damaged', details: [] };
    case 'maintenance':
      return { name, key: KEY };
  }
}

/** A machine moved along the shortest allowed path from 'closed' to `name`. */
function machineAt(name: SessionStateName) {
  const seen: string[] = [];
  const machine = createSessionStateMachine((from, to) => seen.push(`${from}>${to}`));
  const path: Record<SessionStateName, SessionStateName[]> = {
    closed: [],
    unlocked: ['unlocked'],
    closing: ['unlocked', 'closing'],
    damaged: ['damaged'],
    maintenance: ['damaged', 'maintenance'],
  };
  for (const step of path[name]) machine.moveTo(stateNamed(step));
  return { machine, seen };
}

describe('the session state machine', () => {
  it('starts closed', () => {
    expect(createSessionStateMachine().current).toEqual({ name: 'closed' });
  });

  it('names these moves and no others', () => {
    expect(TRANSITIONS).toEqual({
      closed: ['unlocked', 'damaged'],
      unlocked: ['closing', 'closed'],
      closing: ['closed', 'maintenance', 'damaged'],
      damaged: ['closed', 'maintenance'],
      maintenance: ['unlocked', 'damaged', 'closed'],
    });
  });

  for (const from of SESSION_STATES) {
    for (const to of SESSION_STATES) {
      const allowed = TRANSITIONS[from].includes(to);
      it(`${allowed ? 'moves' : 'refuses to move'} from ${from} to ${to}`, () => {
        const { machine, seen } = machineAt(from);
        const before = seen.length;
        if (allowed) {
          expect(machine.moveTo(stateNamed(to)).name).toBe(to);
          expect(machine.current.name).toBe(to);
          expect(seen.slice(before)).toEqual([`${from}>${to}`]);
        } else {
          expect(() => machine.moveTo(stateNamed(to))).toThrow(IllegalTransitionError);
          expect(() => machine.moveTo(stateNamed(to))).toThrow(`The session cannot go from ${from} to ${to}.`);
          // Refused means unchanged, and no listener heard of it.
          expect(machine.current.name).toBe(from);
          expect(seen.length).toBe(before);
        }
      });
    }
  }
});

describe('the moves a real session makes', () => {
  const open = useSessions();

  function recorded() {
    const moves: string[] = [];
    return { moves, onTransition: (from: SessionStateName, to: SessionStateName) => moves.push(`${from}>${to}`) };
  }

  it('setup, lock, unlock: closed > unlocked > closing > closed > unlocked', async () => {
    const { moves, onTransition } = recorded();
    const { session } = open({ onTransition });
    await setUpSession(session);
    expect(moves).toEqual(['closed>unlocked']);
    await session.lock();
    expect(session.status().state).toBe('locked');
    await session.unlock(TEST_PASSPHRASE);
    expect(moves).toEqual(['closed>unlocked', 'unlocked>closing', 'closing>closed', 'closed>unlocked']);
    // Locking twice moves once; unlocking an unlocked session does not move.
    await session.unlock(TEST_PASSPHRASE);
    await session.lock();
    await session.lock();
    expect(moves.slice(4)).toEqual(['unlocked>closing', 'closing>closed']);
  });

  it('a wrong passphrase does not move', async () => {
    const { moves, onTransition } = recorded();
    const { session } = open({ onTransition });
    await setUpSession(session);
    await session.lock();
    moves.length = 0;
    expect((await session.unlock('not the passphrase at all')).ok).toBe(false);
    expect(moves).toEqual([]);
  });

  it('maintenance closes the database keeping the key, then reopens it: unlocked again', async () => {
    const { moves, onTransition } = recorded();
    const { session } = open({ onTransition });
    await setUpSession(session);
    moves.length = 0;
    let during: string | undefined;
    await session.withDatabaseClosed((key) => {
      during = session.status().state;
      expect(key.length).toBe(32);
      expect(session.backend()).toBeUndefined();
    });
    expect(during).toBe('locked'); // the officer sees it locked: no call is served meanwhile
    expect(moves).toEqual(['unlocked>closing', 'closing>maintenance', 'maintenance>unlocked']);
    expect(session.status().state).toBe('unlocked');
  });

  it('maintenance that leaves a damaged database ends damaged; one that loses the key file ends closed', async () => {
    const { moves, onTransition } = recorded();
    const { session, dataDir } = open({ onTransition });
    await setUpSession(session);
    moves.length = 0;
    await session.withDatabaseClosed(() => {
      fs.writeFileSync(path.join(dataDir, DATABASE_FILE), Buffer.alloc(8192, 0x5a));
    });
    expect(moves).toEqual(['unlocked>closing', 'closing>maintenance', 'maintenance>damaged']);
    expect(session.status().state).toBe('damaged');
    moves.length = 0;
    await session.withDatabaseClosed(() => {
      fs.rmSync(path.join(dataDir, VAULT_FILE));
    });
    expect(moves).toEqual(['damaged>maintenance', 'maintenance>closed']);
    expect(session.backend()).toBeUndefined();
  });

  it('a damaged database: closed > damaged, then lock forgets the key (damaged > closed)', async () => {
    const { moves, onTransition } = recorded();
    const { session, dataDir } = open({ onTransition });
    await setUpSession(session);
    await session.lock();
    fs.writeFileSync(path.join(dataDir, DATABASE_FILE), Buffer.alloc(8192, 0x5a));
    moves.length = 0;
    expect((await session.unlock(TEST_PASSPHRASE)).ok).toBe(true);
    expect(session.status().state).toBe('damaged');
    // Calls other than backups are refused as damaged; maintenance is allowed from here.
    expect(await session.invoke('stats.counts', {})).toMatchObject({ ok: false, error: { code: 'damaged' } });
    await session.lock();
    expect(moves).toEqual(['closed>damaged', 'damaged>closed']);
  });

  it('maintenance while locked is refused without moving', async () => {
    const { moves, onTransition } = recorded();
    const { session } = open({ onTransition });
    await setUpSession(session);
    await session.lock();
    moves.length = 0;
    await expect(session.withDatabaseClosed(() => undefined)).rejects.toThrow('The data is locked.');
    expect(moves).toEqual([]);
  });
});
