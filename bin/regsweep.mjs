#!/usr/bin/env node
// regsweep's command line. It runs the JavaScript build dist/esm/cli.cjs (made by `npm ci` through the
// `prepare` script, or `npm run build`); the TypeScript loader is loaded only by commands that load a
// sweep file. Without a build, or with REGSWEEP_FROM_SOURCE=1 (the test suite), it runs the TypeScript
// sources through tsx's loader instead.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

// `regsweep --version` answers before anything else is loaded.
if (process.argv.length === 3 && (process.argv[2] === '--version' || process.argv[2] === '-v')) {
  console.log(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version);
  process.exit(0);
}

const built = fileURLToPath(new URL('../dist/esm/cli.cjs', import.meta.url));
if (process.env.REGSWEEP_FROM_SOURCE !== '1' && existsSync(built)) {
  runWithCodeCache(built);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}

/**
 * Run the CommonJS build as Node's require() would, but compiled with V8's code cache: the bytecode of the
 * functions a command ran, saved when it exits with success, so that the next start of the same command
 * skips parsing and compiling them (Node 20 has no such cache of its own: module.enableCompileCache is
 * Node 22). One cache file per command and build (`code-cache/<command>-<build size>-<build time>-<V8
 * version>.bin` beside the build, or in the folder $REGSWEEP_CODE_CACHE; `REGSWEEP_CODE_CACHE=off` turns
 * it off). V8 checks a cache against its own version and flags and ignores one that does not fit, which
 * is then written anew; `npm run build` removes the folder with the old build. Under `node
 * --enable-source-maps` the build is loaded as a plain CommonJS file, whose stack traces Node maps to src/.
 */
function runWithCodeCache(file) {
  const setting = process.env.REGSWEEP_CODE_CACHE;
  // node --enable-source-maps maps stack traces to src/ only for files it loads itself, not for node:vm's
  if (setting === 'off' || process.sourceMapsEnabled) {
    createRequire(import.meta.url)(file);
    return;
  }
  // `runs` and `runs --help` run different code: a cache of their own each.
  const args = process.argv.slice(2);
  const command = `${/^[a-z]+$/.test(args[0] ?? '') ? args[0] : 'main'}${args.some((a) => a === '--help' || a === '-h') ? '-help' : ''}`;
  const dir = setting || path.join(path.dirname(file), 'code-cache');
  // V8 checks a cache against the source's length only: name the build (its size and time) so that a cache
  // of another build of the same length is never offered (a $REGSWEEP_CODE_CACHE folder outlives builds)
  const { size, mtimeMs } = statSync(file);
  const cacheFile = path.join(dir, `${command}-${size}-${Math.trunc(mtimeMs)}-${process.versions.v8}.bin`);
  let cachedData;
  try { cachedData = readFileSync(cacheFile); } catch { cachedData = undefined; }

  const source = readFileSync(file, 'utf8');
  // CommonJS's wrapper, on a line of its own that lineOffset takes away: positions (source maps) stay the
  // file's. The build's import()s come here (`__regsweepImport`, see scripts/build.mjs): in Node 20,
  // import() fails in code that node:vm restored from a code cache.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __regsweepImport) {\n${source}\n})`, {
    filename: file, lineOffset: -1, cachedData,
  });
  if (cachedData === undefined || script.cachedDataRejected) {
    // Saved by a command that succeeded, which ran the code that command usually runs (not only an error's).
    process.once('exit', (code) => {
      if (code !== 0) return;
      try {
        mkdirSync(dir, { recursive: true });
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile); // whole or not at all, when two commands end at once
      } catch {
        // a read-only install: every start compiles, as without a cache
      }
    });
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file), (specifier) => import(specifier));
}
