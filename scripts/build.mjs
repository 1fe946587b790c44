#!/usr/bin/env node
// Build the command line into JavaScript so that it starts without a TypeScript loader:
//   node scripts/build.mjs          (run by `npm ci` / `npm install` through the `prepare` script)
//
// esbuild writes two builds into dist/esm/; npm packages stay external (imported from node_modules at run
// time, only by the code that uses them):
// - dist/esm/cli.cjs: the command line, one CommonJS file. bin/regsweep.mjs compiles it with V8's code
//   cache (node:vm), so that a command does not parse and compile ~490 KB of JavaScript at every start; Node
//   20 has no compile cache for ES modules (module.enableCompileCache is Node 22).
// - ES modules: the trial worker thread (worker-entry.mjs) and the library as sweep files import it
//   (index.mjs), sharing chunks.
// The output sits two folders deep, like src/<folder>/<file>.ts, so that the sources'
// `new URL('../../package.json', import.meta.url)` still reaches the package root, and in one folder, so
// `new URL('./worker-entry.mjs', import.meta.url)` finds the worker from either build.
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

/**
 * In the CommonJS build, src/import-module.ts calls the import() that bin/regsweep.mjs passes in
 * (`__regsweepImport`, a parameter of the function the build is compiled into): an import() in code that
 * node:vm restores from a code cache fails in Node 20. Required as a plain CommonJS file (no such
 * parameter), it uses its own import().
 */
const hostImport = {
  name: 'host-import',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]import-module\.ts$/ }, () => ({
      contents: "export const importModule = (specifier) => (typeof __regsweepImport === 'function' ? __regsweepImport(specifier) : import(specifier));",
      loader: 'js',
    }));
  },
};

/** Packages left to node_modules at run time (and their subpaths). */
const EXTERNAL = ['bindings', 'pg', 'pg-*', 'vega', 'vega-*', 'tsx', 'esbuild', 'playwright-core'];
/** Packages the command line leaves to node_modules too (the ES-module build, which loads sweep files, bundles them). */
const LATE_EXTERNAL = ['zod', 'hono', '@hono/*'];

/** What both builds share. */
const common = {
  absWorkingDir: root,
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  // Bundled: JavaScript packages (kysely alone is ~400 small modules to load otherwise; better-sqlite3's
  // JavaScript too, its compiled addon is loaded by path). External: the large packages only some
  // commands load (pg, vega, the TypeScript loader), and `bindings`, which finds better-sqlite3's addon
  // from its own location when the usual path does not hold it.
  external: EXTERNAL,
  // Less to parse; stack traces map back to src/ with node --enable-source-maps.
  minify: true,
  sourcemap: 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  metafile: true,
  plugins: [sourceLocation, fastStringWidth],
};

async function main() {
  const started = performance.now();
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const [cli, modules] = await Promise.all([
    build({
      ...common,
      entryPoints: [{ in: 'src/cli/main.ts', out: 'cli' }],
      outExtension: { '.js': '.cjs' },
      format: 'cjs',
      // Also external here: what only `run`, `enqueue`, `worker` (zod, for sweep files) and `ui` (hono) use,
      // which would otherwise be ~500 KB of the file every command's start reads.
      external: [...EXTERNAL, ...LATE_EXTERNAL],
      // The sources' `import.meta.url`, which CommonJS has not: this file's URL (the same folder as the chunks).
      define: { 'import.meta.url': '__regsweepImportMetaUrl' },
      banner: { js: "var __regsweepImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
      plugins: [...common.plugins, hostImport],
    }),
    build({
      ...common,
      entryPoints: [
        // The trial worker thread: plain JavaScript here, so no loader unless a sweep file must be loaded.
        { in: 'src/sweep/worker.ts', out: 'worker-entry' },
        // The library as sweep files import it (`from 'regsweep'`, package.json "exports"): the same chunks as
        // the worker threads, so a thread that loads a sweep file does not load it twice.
        { in: 'src/index.ts', out: 'index' },
      ],
      outExtension: { '.js': '.mjs' },
      chunkNames: '[name]-[hash]',
      splitting: true,
      format: 'esm',
      // The CommonJS packages bundled here (cli-table3, better-sqlite3) call require().
      banner: { js: "import { createRequire as __regsweepRequire } from 'node:module'; const require = __regsweepRequire(import.meta.url);" },
    }),
  ]);
  // Every import() of the command line must go through src/import-module.ts (see hostImport).
  const dynamic = Object.values(cli.metafile.outputs).flatMap((o) => o.imports).filter((i) => i.kind === 'dynamic-import');
  if (dynamic.length) {
    console.error(`regsweep build: import() of ${dynamic.map((i) => i.path).join(', ')} must go through src/import-module.ts: a plain import() fails in the code-cached command line`);
    process.exit(1);
  }
  // REGSWEEP_BUILD_META=meta.json: esbuild's account of what each output file holds (https://esbuild.github.io/analyze/).
  if (process.env.REGSWEEP_BUILD_META) {
    writeFileSync(process.env.REGSWEEP_BUILD_META, JSON.stringify({
      inputs: { ...cli.metafile.inputs, ...modules.metafile.inputs }, outputs: { ...cli.metafile.outputs, ...modules.metafile.outputs },
    }));
  }
  writeFileSync(path.join(outdir, 'build-info.json'), `${JSON.stringify({ inputHash: inputHash() }, null, 2)}\n`);
  const files = [cli, modules].flatMap((r) => Object.keys(r.metafile.outputs)).filter((f) => /\.[cm]js$/.test(f)).length;
  console.error(`regsweep: built ${files} files into ${path.relative(root, outdir)} in ${Math.round(performance.now() - started)} ms`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
