#!/usr/bin/env node
// regsweep's command line. It runs the JavaScript build in dist/esm (made by `npm ci` through the
// `prepare` script, or `npm run build`); the TypeScript loader is loaded only by commands that load a
// sweep file. Without a build, or with REGSWEEP_FROM_SOURCE=1 (the test suite), it runs the TypeScript
// sources through tsx's loader instead.
import { existsSync, readFileSync } from 'node:fs';

// `regsweep --version` answers before anything else is loaded.
if (process.argv.length === 3 && (process.argv[2] === '--version' || process.argv[2] === '-v')) {
  console.log(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version);
  process.exit(0);
}

const built = new URL('../dist/esm/main.mjs', import.meta.url);
if (process.env.REGSWEEP_FROM_SOURCE !== '1' && existsSync(built)) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
