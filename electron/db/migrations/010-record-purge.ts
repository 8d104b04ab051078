import type { Migration } from './types';

// Placeholder, reserved for: purge and retention (issue 13 item 5). Filled in by the engineer working on it before it ships.
export const migration010: Migration = {
  version: 10,
  name: 'record-purge',
  up() {},
};
