import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Most test time is spent waiting on child processes (the CLI, worker threads, a database server), so
    // run three files at once even on two cores; vitest's default there would be one.
    maxWorkers: 3,
    testTimeout: 60_000,
    // CLI tests spawn bin/regsweep.mjs, which runs the build: `npm test` builds first, and
    // test/cli/build.test.ts fails if the build is not current (a spawned CLI from the sources costs 1-2 s
    // of loading each; the suite spawns hundreds). In-process tests import the sources.
    hookTimeout: 60_000,
  },
});
