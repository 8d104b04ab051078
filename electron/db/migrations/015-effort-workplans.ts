import type { Migration } from './types';

// Placeholder, reserved for: effort and cost, budgets and staffing, work plans (issue 14 items 2 and 3). Filled in
// by the engineer working on it before it ships.
export const migration015: Migration = {
  version: 15,
  name: 'effort-workplans',
  up() {},
};
