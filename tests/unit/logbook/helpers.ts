import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/create-backend';
import type { AppError, Result } from '../../../shared/contract/result';

// Helpers for the logbook tests: real backends on real SQLite files in temp folders, a clock the test
// sets by hand, and short ways to unwrap `{ ok, value | error }` answers.

/** A record as the backend returns it (any kind). */
export type Rec = Record<string, unknown> & { id: string; revision: number; deletedAt: string | null };
export type Page<T = Rec> = { total: number; items: T[] };

/** A clock the test moves by hand. */
export interface Clock {
  now: () => Date;
  set: (iso: string) => void;
  advance: (ms: number) => void;
}

export function manualClock(start = '2026-05-04T10:00:00.000Z'): Clock {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    set: (iso) => {
      t = Date.parse(iso);
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

export function tempDir(prefix = 'liaison-log-logbook-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface Opened {
  backend: Backend;
  dataDir: string;
  clock: Clock;
  /** Internal errors the backend logged (a test can assert there were none). */
  logged: unknown[];
}

/**
 * Returns `open()`, which starts a real backend on a fresh temp folder with a manual clock. Everything
 * opened is closed and removed after each test.
 */
export function useLogbook(): (options?: { start?: string; dataDir?: string }) => Opened {
  const opened: { backend: Backend; dataDir: string; own: boolean }[] = [];
  afterEach(() => {
    for (const o of opened.splice(0)) {
      if (o.backend.db.open) o.backend.close();
      if (o.own) fs.rmSync(o.dataDir, { recursive: true, force: true });
    }
  });
  return (options = {}) => {
    const own = options.dataDir === undefined;
    const dataDir = options.dataDir ?? tempDir();
    const clock = manualClock(options.start);
    const logged: unknown[] = [];
    const backend = createBackend({ dataDir, now: clock.now, log: (_m, e) => logged.push(e) });
    opened.push({ backend, dataDir, own });
    return { backend, dataDir, clock, logged };
  };
}

/** Removes folders made with `tempDir` after each test. */
export function useTempDirs(): (prefix?: string) => string {
  const made: string[] = [];
  afterEach(() => {
    for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  return (prefix) => {
    const d = tempDir(prefix);
    made.push(d);
    return d;
  };
}

/** Awaits a backend answer and expects it to be `ok`; returns the value. */
export async function value<T = Rec>(answer: Promise<Result<unknown>>): Promise<T> {
  const r = await answer;
  if (!r.ok) expect.fail(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value as T;
}

/** Awaits a backend answer and expects it to fail with `code`; returns the error. */
export async function failure(answer: Promise<Result<unknown>>, code: AppError['code']): Promise<AppError> {
  const r = await answer;
  if (r.ok) expect.fail(`expected ${code}, got ok: ${JSON.stringify(r.value)}`);
  expect(r.error.code, r.error.message).toBe(code);
  return r.error;
}

/** The field problem codes of a failed answer, e.g. { answeredAt: 'before_exchange' }. */
export function fieldCodes(error: AppError): Record<string, string> {
  return Object.fromEntries(Object.entries(error.fields ?? {}).map(([k, p]) => [k, p.code]));
}

// --- valid inputs -------------------------------------------------------------------------------------

export function requestInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    direction: 'incoming',
    counterpartCountry: 'DE',
    counterpartAgency: 'Bundeskriminalamt',
    channel: 'siena',
    exchangedAt: '2026-03-02T09:30:00.000Z',
    subject: 'Vehicle registration check',
    status: 'open',
    ...overrides,
  };
}

export function organisationInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'Bundeskriminalamt', country: 'DE', type: 'police', ...overrides };
}

export function engagementInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    occurredAt: '2026-03-03T10:00:00.000Z',
    kind: 'meeting',
    subject: 'Working meeting on cocaine shipments',
    purpose: 'operational',
    ...overrides,
  };
}

export function resultInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { kind: 'arrest', achievedOn: '2026-03-10', description: 'Two suspects arrested', count: 2, ...overrides };
}

export function caseInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { reference: 'OP-2026-0001', name: 'Operation Atlas', ...overrides };
}

export function personInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'Ana García', role: 'Investigator', ...overrides };
}

/** Creates a record of a kind through the backend and returns it. */
export function create(backend: Backend, prefix: string, input: Record<string, unknown>): Promise<Rec> {
  return value<Rec>(backend.invoke(`${prefix}.create`, input));
}

export async function list(backend: Backend, prefix: string, query: Record<string, unknown> = {}): Promise<Page> {
  return value<Page>(backend.invoke(`${prefix}.list`, query));
}

/** Ids of a list, in order. */
export async function listIds(
  backend: Backend,
  prefix: string,
  query: Record<string, unknown> = {},
): Promise<string[]> {
  return (await list(backend, prefix, query)).items.map((r) => r.id);
}

export const UNKNOWN_ID = '0b7e2d0c-3f7a-4b8e-9c1d-5a6f7e8d9c0b';
