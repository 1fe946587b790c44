import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { uiApp } from './app.ts';
import { isLoopback } from './security.ts';
import { SweepViewCache } from './sweep-view-cache.ts';
import type { UiStore } from './ui-store.ts';

export interface StartUiOptions {
  /** default 127.0.0.1; any other than a loopback address requires a token */
  host?: string;
  /** default 8321; 0 for any free port */
  port?: number;
}

export interface RunningUi {
  /** what to open: with the token when one is required */
  url: string;
  token: string | undefined;
  port: number;
  close(): Promise<void>;
}

/**
 * Serve the dashboard over `store` until `close()`. On a non-loopback host a random token is made and must
 * come with every request (it is in `url`, as Jupyter prints it). The pages of the biggest sweeps are built in
 * the background from the start, so that their first visit finds them ready.
 *
 * @example
 * const ui = await startUi(store, { port: 0 });
 * console.log(ui.url); // http://127.0.0.1:40123/
 */
export async function startUi(store: UiStore, options: StartUiOptions = {}): Promise<RunningUi> {
  const host = options.host ?? '127.0.0.1';
  const token = isLoopback(host) ? undefined : randomBytes(24).toString('hex');
  let port = options.port ?? 8321;
  const views = new SweepViewCache(store);
  const app = uiApp(store, { host, port: () => port, token, views });
  const server = createAdaptorServer({ fetch: app.fetch, hostname: host, port });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => { server.off('error', reject); resolve(); });
  });
  port = (server.address() as AddressInfo).port;
  // after the caller has printed the URL: a warm-up read holds the thread for a while
  setImmediate(() => void views.warm());
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/${token ? `?token=${token}` : ''}`,
    token, port,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
    }),
  };
}
