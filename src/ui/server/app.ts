import { Hono, type Context } from 'hono';
import { FilterError } from '../../store/filter/filter-error.ts';
import { StoreError, TrialQueryError } from '../../store/index.ts';
import type { ApiError, ChangesResponse, CurvesResponse, SweepsResponse } from '../api-types.ts';
import { BadRequestError, NotFoundError } from './http-errors.ts';
import { hostGuard, readOnly, securityHeaders, tokenGuard } from './security.ts';
import { type Asset, loadAssets } from './static-assets.ts';
import { sweepRow } from './sweep-rows.ts';
import { SweepViewCache } from './sweep-view-cache.ts';
import { trialView } from './trial-view.ts';
import { intParam, trialsCount, trialsPage } from './trials-page.ts';
import type { UiStore } from './ui-store.ts';

export interface UiAppOptions {
  /** the host the server is bound to: with `localhost`, the only name accepted in the Host header */
  host: string;
  /** the port bound, read per request (known only once listening when 0 was asked) */
  port: () => number;
  /** required on every request when set (a non-loopback host) */
  token?: string;
  /** the built front end (default: `loadAssets()`) */
  assets?: Map<string, Asset>;
  /** the cache of sweep views (default: a new one); `startUi` warms its own once listening */
  views?: SweepViewCache;
}

/** Trials whose curves one request may ask for. */
const MAX_CURVE_TRIALS = 500;

/**
 * The dashboard as a Hono app: the pages (one HTML shell, routed in the browser), the built assets, and a
 * read-only JSON API over a `UiStore`. Every request passes the method, host and token checks first.
 *
 * @example
 * const app = uiApp(store, { host: '127.0.0.1', port: () => 8321 });
 * serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 8321 });
 */
export function uiApp(store: UiStore, options: UiAppOptions): Hono {
  const assets = options.assets ?? loadAssets();
  const views = options.views ?? new SweepViewCache(store);
  const app = new Hono();
  app.use('*', securityHeaders, readOnly, hostGuard(options.host, options.port), tokenGuard(options.token));

  const page = (c: Context) => sendAsset(c, assets.get('index.html')!, 'no-cache');
  app.get('/', page);
  app.get('/sweeps/:id', page);
  app.get('/trials', page);
  app.get('/trials/:id', page);
  app.get('/assets/:name', (c) => {
    const asset = assets.get(c.req.param('name'));
    return asset ? sendAsset(c, asset, 'no-cache') : c.json({ error: 'not found' }, 404);
  });

  app.get('/api/sweeps', async (c) => {
    const ids = c.req.query('ids');
    const wanted = ids === undefined ? undefined : new Set(ids.split(',').filter(Boolean).map((id) => intParam('ids', id, 0, 1)));
    const sweeps = (await store.listSweeps()).filter((s) => wanted === undefined || wanted.has(s.sweep.id)).map(sweepRow);
    return c.json({ sweeps } satisfies SweepsResponse);
  });
  app.get('/api/sweeps/:id', async (c) => {
    const id = idParam('sweep', c.req.param('id'));
    return c.json(await views.get(id, { by: c.req.query('by') || undefined, metric: c.req.query('metric') || undefined }));
  });
  app.get('/api/trials', async (c) => {
    const q = c.req.query();
    return c.json(await trialsPage(store, { ...q, desc: q.desc === '1' || q.desc === 'true' }));
  });
  app.get('/api/trials/count', async (c) => c.json(await trialsCount(store, c.req.query())));
  app.get('/api/trials/:id', async (c) => c.json(await trialView(store, idParam('trial', c.req.param('id')))));
  app.get('/api/curves', async (c) => {
    const since = parseCurveRequest(c.req.query('t') ?? '');
    const curves = await store.getCurves([...since.keys()]);
    const out: CurvesResponse['curves'] = {};
    for (const [id, points] of curves) {
      const after = since.get(id) ?? -1;
      const byKey: Record<string, [number, number][]> = {};
      for (const p of points) if (p.epoch > after) (byKey[p.key] ??= []).push([p.epoch, p.value]);
      out[id] = byKey;
    }
    return c.json({ curves: out } satisfies CurvesResponse);
  });
  app.get('/api/changes', async (c) => {
    const changes = await store.changesSince(c.req.query('cursor') || undefined);
    return c.json({ cursor: changes.cursor, sweeps: changes.sweeps.map((s) => s.id), trials: changes.trials } satisfies ChangesResponse);
  });

  app.notFound((c) => c.json({ error: `not found: ${c.req.path}` }, 404));
  app.onError((error, c) => {
    if (error instanceof FilterError) {
      const body: ApiError = {
        error: `invalid ${error.subject}: ${error.message}`,
        filter: { subject: error.subject, source: error.source, position: error.position, column: error.column, reason: error.reason },
      };
      return c.json(body, 400);
    }
    if (error instanceof TrialQueryError || error instanceof BadRequestError || (error instanceof StoreError && error.code === 'bad-cursor')) return c.json({ error: error.message } satisfies ApiError, 400);
    if (error instanceof NotFoundError) return c.json({ error: error.message } satisfies ApiError, 404);
    console.error('regsweep ui:', error);
    return c.json({ error: 'internal error; the details are in the log of regsweep ui' } satisfies ApiError, 500);
  });
  return app;
}

function sendAsset(c: Context, asset: Asset, cache: string): Response {
  c.header('Content-Type', asset.type);
  c.header('Cache-Control', cache);
  return c.body(new Uint8Array(asset.body));
}

function idParam(what: string, text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) throw new BadRequestError(`a ${what} id is a whole number, got "${text}"`);
  return Number(text);
}

/** `12:200,13:-1` -> trial 12 after epoch 200, trial 13 from the start. */
function parseCurveRequest(text: string): Map<number, number> {
  const since = new Map<number, number>();
  for (const part of text.split(',').filter(Boolean)) {
    const m = /^(\d+):(-?\d+)$/.exec(part);
    if (!m) throw new BadRequestError(`t must list trial:epoch pairs such as 12:200,13:-1, got "${part}"`);
    since.set(Number(m[1]), Number(m[2]));
  }
  if (since.size > MAX_CURVE_TRIALS) throw new BadRequestError(`at most ${MAX_CURVE_TRIALS} trials' curves per request, got ${since.size}`);
  return since;
}
