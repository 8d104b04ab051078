import type { Migration } from './types';

// Placeholder, reserved for: network configuration (issue 13 item 4). Filled in by the engineer working on it before it ships.
export const migration012: Migration = {
  version: 12,
  name: 'network-config',
  up() {},
};
