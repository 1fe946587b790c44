import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Most test time is spent waiting on child processes (the CLI, worker threads, a database server), so
    // run three files at once even on two cores; vitest's default there would be one.
    maxWorkers: 3,
    testTimeout: 60_000,
    // CLI tests spawn bin/regsweep.mjs: run the TypeScript sources, not the build (test/cli/build.test.ts
    // checks that the build is current and runs it).
    env: { REGSWEEP_FROM_SOURCE: '1' },
    hookTimeout: 60_000,
  },
});
