import { defineConfig } from 'vitest/config';

// Unit and backend tests: plain Node, real SQLite files in temporary folders, no mocks of our own modules.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/lint/**/*.test.ts'],
    environment: 'node',
    // Separate processes: the native SQLite addon and open database handles stay per test file.
    pool: 'forks',
    // Vitest's default is one fork fewer than the cores: one on the 2-core CI machine, where the files then ran one
    // after another. Many wait on child processes, scrypt or the disk, so two forks use both cores.
    maxWorkers: 2,
    // Generous: on a 2-core CI machine two forks share the cores with the children some tests start, and a
    // setup that builds several installations (scrypt, real crypto) can take 20 s there. A hang still fails.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
