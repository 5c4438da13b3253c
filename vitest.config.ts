import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests start real servers on 127.0.0.1 with ephemeral ports; two cores, so keep the pool small.
    maxWorkers: 2,
  },
});
