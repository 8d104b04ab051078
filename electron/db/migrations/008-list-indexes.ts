import type { Migration } from './types';

// Placeholder: filled by the list indexes (issue 12).
export const migration008: Migration = {
  version: 8,
  name: 'indexes for the lists filter pairs',
  up() {},
};
