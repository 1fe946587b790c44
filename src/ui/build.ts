// Build the dashboard's front end into src/ui/dist: one bundle (vega included: no CDN, works offline), the
// stylesheet and the HTML shell. `npm run build:ui`; `prepare` runs it after `npm ci`.
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const CLIENT = fileURLToPath(new URL('./client/', import.meta.url));
export const DIST = fileURLToPath(new URL('./dist/', import.meta.url));

/**
 * Bundle `client/main.ts` into `dist/app.js` (minified, for browsers of the last few years) and copy the
 * shell and stylesheet next to it.
 *
 * @example
 * await buildUi(); // dist/index.html, dist/app.js, dist/app.css
 */
export async function buildUi(): Promise<void> {
  mkdirSync(DIST, { recursive: true });
  await build({
    entryPoints: [`${CLIENT}main.ts`], outfile: `${DIST}app.js`,
    bundle: true, minify: true, format: 'esm', target: ['chrome110', 'firefox110', 'safari16'], legalComments: 'none', logLevel: 'warning',
  });
  copyFileSync(`${CLIENT}index.html`, `${DIST}index.html`);
  copyFileSync(`${CLIENT}app.css`, `${DIST}app.css`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildUi();
