#!/usr/bin/env node
// Build the command line into JavaScript so that it starts without a TypeScript loader:
//   node scripts/build.mjs          (run by `npm ci` / `npm install` through the `prepare` script)
//
// esbuild bundles src/cli/main.ts and the trial worker into dist/esm/, one chunk per lazily imported
// command; npm packages stay external (imported from node_modules at run time, only by the code that
// uses them). The output sits two folders deep, like src/<folder>/<file>.ts, so that the sources'
// `new URL('../../package.json', import.meta.url)` still reaches the package root, and every chunk is
// in one folder, so `new URL('./worker-entry.mjs', import.meta.url)` finds the worker.
//
// `dist/esm/build-info.json` records a hash of the inputs; `test/cli/build.test.ts` fails when the
// sources have changed since the last build (run `npm run build`).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';
import { build } from 'esbuild';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const outdir = path.join(root, 'dist', 'esm');

/** The files whose contents the build depends on: src/ and migrations/ (the bundled folders), package.json. */
export function buildInputs() {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) {
        // The dashboard's client is built on its own (npm run build:ui) into src/ui/dist.
        if (!/[\\/]src[\\/]ui[\\/](dist|\.dist-)/.test(file)) walk(file);
      }
      else if (/\.(ts|mts|mjs|js|json)$/.test(name)) files.push(file);
    }
  };
  walk(path.join(root, 'src'));
  walk(path.join(root, 'migrations'));
  files.push(path.join(root, 'package.json'), fileURLToPath(import.meta.url));
  return files;
}

/** A hash of the build's inputs (paths and contents). */
export function inputHash() {
  const hash = createHash('sha256');
  for (const file of buildInputs()) hash.update(path.relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

/**
 * The dashboard's server finds its built client next to its source (`new URL('../dist/', import.meta.url)`
 * in src/ui/server): in a bundle, `import.meta.url` is the chunk's, so give those modules the URL of
 * their source file instead. (Other modules' relative URLs hold from dist/esm as from src/<folder>.)
 */
const sourceLocation = {
  name: 'source-location',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]ui[\\/]server[\\/].*\.ts$/ }, async (args) => {
      const source = path.relative(outdir, args.path).split(path.sep).join('/');
      const text = await readFile(args.path, 'utf8');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(source)}, import.meta.url).href`), loader: 'ts' };
    });
  },
};

/**
 * cli-table3 measures every cell through the `string-width` package; give it src/text/string-width.ts
 * instead, which answers plain text itself (its length) and passes the rest to `string-width`.
 */
const fastStringWidth = {
  name: 'fast-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, (args) => (/[\\/]node_modules[\\/]cli-table3[\\/]/.test(args.importer)
      ? { path: 'string-width', namespace: 'fast-string-width' }
      : undefined));
    b.onLoad({ filter: /.*/, namespace: 'fast-string-width' }, () => ({
      contents: "module.exports = require('./src/text/string-width.ts').stringWidth;",
      resolveDir: root,
      loader: 'js',
    }));
  },
};

/** Packages left to node_modules at run time (and their subpaths). */
const EXTERNAL = ['bindings', 'pg', 'pg-*', 'vega', 'vega-*', 'tsx', 'esbuild', 'playwright-core'];

async function main() {
  const started = performance.now();
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: [
      { in: 'src/cli/main.ts', out: 'main' },
      // The trial worker thread: plain JavaScript here, so no loader unless a sweep file must be loaded.
      { in: 'src/sweep/worker.ts', out: 'worker-entry' },
      // The library as sweep files import it (`from 'regsweep'`, package.json "exports"): the same chunks as
      // the command line and the worker threads, so a thread that loads a sweep file does not load it twice.
      { in: 'src/index.ts', out: 'index' },
    ],
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Bundled: JavaScript packages (kysely alone is ~400 small modules to load otherwise; better-sqlite3's
    // JavaScript too, its compiled addon is loaded by path). External: the large packages only some
    // commands load (pg, vega, the TypeScript loader), and `bindings`, which finds better-sqlite3's addon
    // from its own location when the usual path does not hold it.
    external: EXTERNAL,
    // The CommonJS packages bundled here (cli-table3, better-sqlite3) call require().
    banner: { js: "import { createRequire as __regsweepRequire } from 'node:module'; const require = __regsweepRequire(import.meta.url);" },
    // Less to parse at every start; stack traces map back to src/ with node --enable-source-maps.
    minify: true,
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
    metafile: true,
    plugins: [sourceLocation, fastStringWidth],
  });
  // REGSWEEP_BUILD_META=meta.json: esbuild's account of what each output file holds (https://esbuild.github.io/analyze/).
  if (process.env.REGSWEEP_BUILD_META) writeFileSync(process.env.REGSWEEP_BUILD_META, JSON.stringify(result.metafile));
  writeFileSync(path.join(outdir, 'build-info.json'), `${JSON.stringify({ inputHash: inputHash() }, null, 2)}\n`);
  const files = Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.mjs')).length;
  console.error(`regsweep: built ${files} files into ${path.relative(root, outdir)} in ${Math.round(performance.now() - started)} ms`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
