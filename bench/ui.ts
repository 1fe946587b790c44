/**
 * The dashboard at scale, one JSON object per line (see bench/README.md, "UI bench"):
 *
 *   npm run bench:ui                       # build the bench:query database if needed, then every case
 *   npm run bench:ui -- --repetitions 5
 *
 * Serves the bench:query database (bench/query-fixture.ts: 100,000 trials, ~5,000,000 curve points) with a
 * real `regsweep ui` process (bench/memory-sampler.mjs preloaded: its peak RSS is the `server-memory` line) and
 * drives headless Chromium (/usr/bin/chromium) through playwright-core:
 * - `sweeps-page`: navigation to the sweeps page until its table is drawn;
 * - `sweep-page-cold` / `sweep-page-warm`: the 50,000-trial sweep's page, the first visit right after the server
 *   started (its view being built in the background meanwhile, or by the visit), then again, answered from the
 *   server's cache of sweep views (median of the repetitions): `ms` until the page shows its content (head,
 *   verdict and tables), `chartsMs` until every chart and the learning curves are drawn too;
 *   `sweep-page-unbuilt`: the same page asking for a view the server has not built (`?by=regularization`, the
 *   default made explicit): the first visit without the start's warm-up;
 * - `trial-page`: one trial of that sweep, curves drawn;
 * - `filter-apply`: Enter in the filter box of that sweep's trials until the filtered rows are shown (median);
 *   `filter-count`: until the count of matches is shown as well;
 * - `server-memory`: the server's peak RSS over the whole run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Page, chromium } from 'playwright-core';
import { BIG_SWEEP, ensureQueryFixture } from './query-fixture.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const FILTERS = ['params.lambda < 0.001 and metrics.test_accuracy > 0.85', "params.regularization = 'l1' and params.hidden >= 64", 'metrics.validation_accuracy > 0.9'];

const { values: opts } = parseArgs({ options: { repetitions: { type: 'string', default: '3' }, rebuild: { type: 'boolean', default: false } } });
const repetitions = Number(opts.repetitions);

/** One JSON line, with the 1-minute load average when it was printed: timings on a loaded machine are inflated. */
function line(fields: Record<string, unknown>): void {
  console.log(JSON.stringify({ bench: 'ui', ...fields, load1: Number(os.loadavg()[0]!.toFixed(2)) }));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const timed = (name: string, samples: number[], targetMs: number, extra: Record<string, unknown> = {}) =>
  line({ case: name, ms: Math.round(median(samples)), samples: samples.map(Math.round), targetMs, withinTarget: median(samples) < targetMs, ...extra });

if (!existsSync(CHROMIUM)) {
  console.error(`bench:ui needs Chromium at ${CHROMIUM} (apt-get install chromium)`);
  process.exit(2);
}
const fixture = await ensureQueryFixture({ rebuild: opts.rebuild });
line({ case: 'fixture', path: fixture.path, trials: fixture.trials, curvePoints: fixture.curvePoints, builtSeconds: fixture.buildSeconds });

const scratch = mkdtempSync(path.join(os.tmpdir(), 'regsweep-bench-ui-'));
const memoryOut = path.join(scratch, 'memory.json');
const server = spawn(process.execPath, ['--import', './bench/memory-sampler.mjs', 'bin/regsweep.mjs', 'ui', '--db', fixture.path, '--port', '0'], {
  cwd: ROOT, env: { ...process.env, REGSWEEP_BENCH_MEMORY_OUT: memoryOut }, stdio: ['ignore', 'pipe', 'inherit'],
});
const startedAt = performance.now();
const base = await serverUrl(server);
line({ case: 'server-start', ms: Math.round(performance.now() - startedAt) });

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const listed = (await (await fetch(`${base}/api/sweeps`)).json()) as { sweeps: { id: number; name: string }[] };
  const sweepId = listed.sweeps.find((s) => s.name === BIG_SWEEP)!.id;

  // cold: the first visit to the big sweep
  const cold = await visitSweep(page, `${base}/sweeps/${sweepId}`);
  line({ case: 'sweep-page-cold', ms: Math.round(cold.content), chartsMs: Math.round(cold.charts), targetMs: 2000, withinTarget: cold.content < 2000, trials: 50_000 });
  // a view the server has not built (nor warmed at start): `by` named, the same comparison under another cache key
  const unbuilt = await visitSweep(page, `${base}/sweeps/${sweepId}?by=regularization`);
  line({ case: 'sweep-page-unbuilt', ms: Math.round(unbuilt.content), chartsMs: Math.round(unbuilt.charts), targetMs: 2000, withinTarget: unbuilt.content < 2000, trials: 50_000 });
  const warm: { content: number; charts: number }[] = [];
  for (let i = 0; i < repetitions; i++) warm.push(await visitSweep(page, `${base}/sweeps/${sweepId}`));
  timed('sweep-page-warm', warm.map((w) => w.content), 2000, { chartsMs: Math.round(median(warm.map((w) => w.charts))), trials: 50_000 });

  const sweeps: number[] = [];
  for (let i = 0; i < repetitions; i++) sweeps.push(await visit(page, `${base}/`, (p) => p.waitForSelector('main[data-ready="sweeps"] tr[data-sweep-id]')));
  timed('sweeps-page', sweeps, 2000, { sweeps: await page.locator('tr[data-sweep-id]').count() });

  const trial: number[] = [];
  for (let i = 0; i < repetitions; i++) trial.push(await visit(page, `${base}/trials/${25_000 + i}`, (p) => p.waitForSelector('#trial-curves[data-points] svg')));
  timed('trial-page', trial, 2000);

  await visit(page, `${base}/trials?sweep=${BIG_SWEEP}`, (p) => p.waitForSelector('main[data-ready="trials"]'));
  const apply: number[] = [];
  const count: number[] = [];
  for (let i = 0; i < repetitions * FILTERS.length; i++) {
    const filter = FILTERS[i % FILTERS.length]!;
    await page.fill('#where', filter);
    await page.evaluate(() => {
      const g = globalThis as unknown as { document: { querySelector(s: string): { removeAttribute(a: string): void } | null } };
      g.document.querySelector('main')!.removeAttribute('data-ready');
      g.document.querySelector('#trials-summary')!.removeAttribute('data-total');
    });
    const t0 = performance.now();
    await page.press('#where', 'Enter');
    await page.waitForSelector('main[data-ready="trials"]', { timeout: 60_000 });
    apply.push(performance.now() - t0);
    await page.waitForSelector('#trials-summary[data-total]', { timeout: 120_000 });
    count.push(performance.now() - t0);
  }
  timed('filter-apply', apply, 500, { filters: FILTERS, scope: `${BIG_SWEEP} (50,000 trials)` });
  timed('filter-count', count, 2000, { note: 'the exact total, shown after the rows' });
} finally {
  await browser.close();
  server.kill('SIGINT');
  await new Promise((resolve) => server.once('exit', resolve));
}
const memory = JSON.parse(readFileSync(memoryOut, 'utf8')) as { peakHeapUsed: number; peakRss: number };
const peakRssMB = Math.round(memory.peakRss / 2 ** 20);
line({ case: 'server-memory', peakRssMB, peakHeapUsedMB: Math.round(memory.peakHeapUsed / 2 ** 20), targetMB: 300, withinTarget: peakRssMB < 300 });
rmSync(scratch, { recursive: true, force: true });

/** Navigate and wait for `ready`; the time from the navigation's start. */
async function visit(page: Page, url: string, ready: (p: Page) => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await page.goto(url);
  await ready(page);
  return performance.now() - t0;
}

/**
 * A visit of a sweep page: until its content (head, verdict, tables) is painted, by the page's own clock (the
 * `regsweep:content` mark, set in the first frame after they are in, from the navigation's start: Playwright's
 * polling of a busy page notices it late), and until its charts are drawn too (by this side's clock).
 */
async function visitSweep(page: Page, url: string): Promise<{ content: number; charts: number }> {
  const t0 = performance.now();
  await page.goto(url);
  await sweepReady(page);
  const charts = performance.now() - t0;
  const content = await page.evaluate(() => performance.getEntriesByName('regsweep:content')[0]!.startTime);
  return { content, charts };
}

async function sweepReady(page: Page): Promise<void> {
  await page.waitForSelector('main[data-ready="sweep"] p.verdict', { timeout: 120_000 });
  await page.waitForSelector('#parallel-coordinates[data-rendered] canvas', { timeout: 120_000 });
  await page.waitForSelector('#metric-vs-lambda[data-rendered]', { timeout: 120_000 });
  await page.waitForSelector('#learning-curves .chart svg', { timeout: 120_000 });
}

/** The URL the server prints at start. */
function serverUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c;
      const m = /at (http:\/\/\S+?)\/?\s/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`regsweep ui exited (${code}) before printing its URL: ${out}`)));
  });
}
