import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `npm run build:ui` writes the front end. */
export const ASSETS_DIR = fileURLToPath(new URL('../dist/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.map': 'application/json',
};

export interface Asset {
  body: Buffer;
  type: string;
}

/**
 * The built front end, read once into memory by file name. A request names a file of this map or gets a
 * 404: no path from a URL ever reaches the file system, so `..`, `%2e%2e` or `%252e%252e` cannot escape.
 *
 * @throws Error when the front end was not built (`npm run build:ui`).
 */
export function loadAssets(dir = ASSETS_DIR): Map<string, Asset> {
  if (!existsSync(path.join(dir, 'index.html'))) {
    throw new Error(`the dashboard's front end is not built (no ${path.join(dir, 'index.html')}); run npm run build:ui`);
  }
  const assets = new Map<string, Asset>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[path.extname(name)];
    if (type) assets.set(name, { body: readFileSync(path.join(dir, name)), type });
  }
  return assets;
}
