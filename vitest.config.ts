import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Most test time is spent waiting on child processes (the CLI, worker threads, a database server), so
    // run three files at once even on two cores; vitest's default there would be one.
    maxWorkers: 3,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
