// What the dashboard's tests share: the small none/l1/l2 database recorded by the real CLI, a fresh build of
// the front end, and the dashboard served on a free port.
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { openStore, type OpenedStore } from '../../src/store/index.ts';
import { buildUi, uiBuildIsStale } from '../../src/ui/build.ts';
import { type RunningUi, type StartUiOptions, startUi } from '../../src/ui/server/index.ts';
import type { UiStore } from '../../src/ui/server/ui-store.ts';
import { regsweep } from '../report/html-cli.ts';

export { regsweep };

/** A temporary folder with `small.db`: test/sweep/fixtures/small-grid.ts run by `regsweep run` (10 trials). */
export async function smallGridDb(): Promise<{ dir: string; db: string; cleanup: () => void }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'regsweep-ui-'));
  const db = path.join(dir, 'small.db');
  const run = await regsweep('run', 'test/sweep/fixtures/small-grid.ts', '--db', db, '--concurrency', '1', '--quiet');
  if (run.code !== 0) throw new Error(`regsweep run failed (${run.code}): ${run.stderr || run.stdout}`);
  return { dir, db, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Build the front end if a source is newer than the build (npm test builds it first; vitest alone may not). */
export async function freshUiBuild(): Promise<void> {
  if (uiBuildIsStale()) await buildUi();
}

/** Open `db` and serve the dashboard on a free port of 127.0.0.1 (or `options.host`). */
export async function serveUi(db: string, options: StartUiOptions & { wrap?: (store: OpenedStore) => UiStore } = {}): Promise<{ ui: RunningUi; store: OpenedStore; base: string; close: () => Promise<void> }> {
  await freshUiBuild();
  const store = await openStore(db);
  const ui = await startUi(options.wrap ? options.wrap(store) : store, { port: 0, host: options.host });
  return {
    ui, store, base: `http://127.0.0.1:${ui.port}`,
    close: async () => { await ui.close(); await store.close(); },
  };
}

/**
 * A raw HTTP request: the path goes out byte for byte (no URL normalization of `..`), with any Host header.
 */
export function rawRequest(port: number, reqPath: string, options: { method?: string; host?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port, path: reqPath, method: options.method ?? 'GET',
      headers: { host: options.host ?? `127.0.0.1:${port}`, ...options.headers },
    }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
