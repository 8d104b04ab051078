import type { Migration } from './types';

// Placeholder, reserved for: tombstones and series continuation (issue 13 items 1-2). Filled in by the engineer working on it before it ships.
export const migration011: Migration = {
  version: 11,
  name: 'exchange-lifecycle',
  up() {},
};
