import type { Migration } from './types';

// Placeholder, reserved for: revocation and handover (issue 13 items 3 and 6). Filled in by the engineer working on it before it ships.
export const migration013: Migration = {
  version: 13,
  name: 'handover-revocation',
  up() {},
};
