// Build the dashboard's front end into src/ui/dist: one bundle (vega included: no CDN, works offline), the
// stylesheet and the HTML shell. `npm run build:ui`; `prepare` runs it after `npm ci`, `pretest` before the tests.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const CLIENT = fileURLToPath(new URL('./client/', import.meta.url));
const UI = fileURLToPath(new URL('./', import.meta.url));
export const DIST = path.join(UI, 'dist');

/**
 * Bundle `client/main.ts` into `dist/app.js` (minified, for browsers of the last few years) and copy the
 * shell and stylesheet next to it. The files are written aside and renamed into place, so a server starting
 * meanwhile reads the old build or the new one, never half of one.
 *
 * @example
 * await buildUi(); // dist/index.html, dist/app.js, dist/app.css
 */
export async function buildUi(): Promise<void> {
  mkdirSync(DIST, { recursive: true });
  const staging = mkdtempSync(path.join(UI, '.dist-'));
  try {
    await build({
      // vega goes in a chunk of its own, loaded by the pages that draw charts
      entryPoints: { app: path.join(CLIENT, 'main.ts') }, outdir: staging, splitting: true, chunkNames: 'chunk-[hash]',
      bundle: true, minify: true, format: 'esm', target: ['chrome110', 'firefox110', 'safari16'], legalComments: 'none', logLevel: 'warning',
    });
    copyFileSync(path.join(CLIENT, 'index.html'), path.join(staging, 'index.html'));
    copyFileSync(path.join(CLIENT, 'app.css'), path.join(staging, 'app.css'));
    const built = new Set(readdirSync(staging));
    for (const name of built) renameSync(path.join(staging, name), path.join(DIST, name));
    for (const name of readdirSync(DIST)) if (name.startsWith('chunk-') && !built.has(name)) rmSync(path.join(DIST, name));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Whether the build is missing or older than a file of the front end's sources. */
export function uiBuildIsStale(): boolean {
  let built: number;
  try {
    built = Math.min(...['index.html', 'app.js', 'app.css'].map((f) => statSync(path.join(DIST, f)).mtimeMs));
  } catch {
    return true;
  }
  const newest = (dir: string): number => Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) =>
    e.isDirectory() ? newest(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs));
  return Math.max(newest(CLIENT), statSync(path.join(UI, 'api-types.ts')).mtimeMs) > built;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildUi();
