import type { Migration } from './types';

// Placeholder, reserved for: spreadsheet import batches and saved mappings (issue 14 item 5). Filled in by the
// engineer working on it before it ships.
export const migration014: Migration = {
  version: 14,
  name: 'sheet-import',
  up() {},
};
