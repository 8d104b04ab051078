import type { Migration } from './types';

// Placeholder, reserved for: dashboard breakdown aggregates (issue 12 item 4). Filled in by the engineer working on it before it ships.
export const migration009: Migration = {
  version: 9,
  name: 'dashboard-breakdowns',
  up() {},
};
