import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The CLI tests spawn the built CLI; 2 cores, so keep the pool small.
    maxWorkers: 2,
    testTimeout: 60_000,
  },
});
