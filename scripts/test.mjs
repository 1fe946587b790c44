#!/usr/bin/env node
// `npm test`: type-check (the library and the dashboard's client) and run every test, at the same time.
// The tests spend most of their time waiting on the processes and threads they start, so the type-checker's
// 20 s of CPU fit beside them instead of before them. Exits non-zero if either fails. (The build, which the
// CLI tests run, is made first by the `test` script.)
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

/** Run a command with this process's output; resolves to its exit code. */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    child.on('error', (error) => {
      console.error(`npm test: cannot run ${command}: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

const typecheck = (async () => {
  const lib = await run(bin('tsc'), ['--noEmit']);
  const client = await run(bin('tsc'), ['--noEmit', '-p', 'src/ui/client']);
  if (lib !== 0 || client !== 0) console.error('npm test: the type-check failed (see above)');
  return lib || client;
})();
const [types, tests] = await Promise.all([typecheck, run(bin('vitest'), ['run', ...process.argv.slice(2)])]);
process.exit(types || tests);
