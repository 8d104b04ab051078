import type { Migration } from './types';

// Placeholder: filled by the batched dashboard upkeep (issue 12).
export const migration007: Migration = {
  version: 7,
  name: 'dashboard upkeep deferred to the end of a batch',
  up() {},
};
