import { defineConfig } from 'vitest/config';

// Unit and backend tests: plain Node, real SQLite files in temporary folders, no mocks of our own modules.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/lint/**/*.test.ts'],
    environment: 'node',
    // Separate processes: the native SQLite addon and open database handles stay per test file.
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
