import { afterEach } from 'vitest';
import { createBackend, type Backend, type BackendOptions } from '../../../electron/backend/create-backend';
import { makeTempDir, removeTempDir } from './temp-dir';

/** A valid information request as the renderer would send it (only fields every schema version requires). */
export function validRequestInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    direction: 'incoming',
    counterpartCountry: 'DE',
    counterpartAgency: 'Bundeskriminalamt',
    channel: 'siena',
    exchangedAt: '2026-03-01T09:30:00.000Z',
    subject: 'Vehicle registration check',
    status: 'open',
    ...overrides,
  };
}

export interface TestBackend {
  readonly backend: Backend;
  readonly dataDir: string;
  /** Internal errors passed to the backend's log, so a test can see them. */
  readonly logged: unknown[];
}

/**
 * Opens real backends on real temp folders; every backend is closed and every folder removed after each test.
 */
export function useBackends(): (options?: Partial<BackendOptions>) => TestBackend {
  const opened: { backend: Backend; dataDir: string; ownDir: boolean }[] = [];
  afterEach(() => {
    const done = opened.splice(0);
    for (const o of done) if (o.backend.db.open) o.backend.close();
    for (const o of done) if (o.ownDir) removeTempDir(o.dataDir);
  });
  return (options = {}) => {
    const ownDir = options.dataDir === undefined;
    const dataDir = options.dataDir ?? makeTempDir('liaison-log-backend-');
    const logged: unknown[] = [];
    const backend = createBackend({ log: (_message, error) => logged.push(error), ...options, dataDir });
    opened.push({ backend, dataDir, ownDir });
    return { backend, dataDir, logged };
  };
}
