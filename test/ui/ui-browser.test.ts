// The dashboard as a user sees it: a real recorded sweep served by `startUi`, every page opened in headless
// Chromium with the network beyond the server cut off; a concurrent `regsweep run` whose trials appear without a
// reload; a bad filter shown with its caret. Needs /usr/bin/chromium (Debian: apt-get install chromium);
// without it the test is skipped locally and fails on CI (CI=true).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comparison } from '../../src/report/comparison.ts';
import { openStore } from '../../src/store/index.ts';
import { expectGroupsTestAccuracy, root } from '../report/html-cli.ts';
import { newSweep, newTrials } from '../store/storage-suite.ts';
import { regsweep, serveUi, smallGridDb } from './ui-fixture.ts';

const CHROMIUM = '/usr/bin/chromium';
const onCi = process.env.CI === 'true';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && !onCi) console.log(`ui-browser: skipped, no Chromium at ${CHROMIUM} (apt-get install chromium to run it)`);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SHOTS = path.join(root, 'test/.tmp/ui');

/** The little of the DOM the in-page checks use (the project's types have no DOM). */
interface PageGlobals {
  document: { querySelectorAll(selector: string): { length: number } };
  __regsweepViews: Map<string, { data(name: string): unknown[] }>;
  __marker?: string;
}

describe.skipIf(!hasChromium && !onCi)('regsweep ui in headless Chromium', () => {
  let fixture: Awaited<ReturnType<typeof smallGridDb>>;
  let served: Awaited<ReturnType<typeof serveUi>>;
  let browser: Browser;
  let comparison: Comparison;
  const problems: string[] = [];
  const offsite: string[] = [];

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`CI=true but there is no Chromium at ${CHROMIUM}: install it (apt-get install chromium)`);
    fixture = await smallGridDb();
    served = await serveUi(fixture.db);
    comparison = JSON.parse((await regsweep('compare', 'small-grid', '--db', fixture.db, '--format', 'json')).stdout) as Comparison;
    // launch() gives the browser a fresh temporary profile (user data dir) of its own
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
    fixture?.cleanup();
  });

  async function open(pathname: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.route('**', (route) => {
      const url = route.request().url();
      if (url.startsWith(served.base) || url.startsWith('data:')) return route.continue();
      offsite.push(url);
      return route.abort();
    });
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${pathname}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`${pathname}: ${e.message}`));
    await page.goto(served.base + pathname);
    return page;
  }

  it('shows the sweeps page with the sweep, its trials by status and its best value', async () => {
    const page = await open('/');
    await page.waitForSelector('main[data-ready="sweeps"]');
    const row = page.locator('tr[data-sweep-id="1"]');
    await expect(row.locator('td').first().textContent()).resolves.toBe('small-grid');
    await expect(row.locator('[data-status="completed"]').textContent()).resolves.toBe('10 completed');
    await expect(row.locator('td.best').textContent()).resolves.toBe('0.7');
    await page.screenshot({ path: path.join(SHOTS, 'sweeps.png'), fullPage: true });
    await page.close();
  });

  it('shows a sweep: the verdict and tables of compare, the charts and the learning curves', async () => {
    const page = await open('/sweeps/1');
    await page.waitForSelector('main[data-ready="sweep"]');
    await expect(page.locator('p.verdict').textContent()).resolves.toBe(comparison.verdict);
    await expect(page.locator('#groups tbody tr').count()).resolves.toBe(comparison.groups.length);
    await expect(page.locator('#pairs tbody tr').count()).resolves.toBe(comparison.pairs.length);
    // in the numbers of the verdict: each group's test accuracy over its seeds in percent, one decimal
    await expectGroupsTestAccuracy(page, comparison);
    for (const id of ['metric-vs-lambda', 'gap-vs-lambda', 'zero-fraction-vs-lambda']) {
      await page.waitForSelector(`#${id}[data-rendered] svg`);
    }
    // metric vs lambda: a ringed (chosen) point per group with lambda in each of the two panels
    const withLambda = new Set(comparison.curve.filter((p) => typeof p.value === 'number').map((p) => p.group)).size;
    await expect(page.locator('#metric-vs-lambda .chosen_marks path').count()).resolves.toBe(2 * withLambda);
    // parallel coordinates: one line per setting (5 in small-grid)
    await page.waitForSelector('#parallel-coordinates[data-rendered][data-lines="5"] canvas');
    // learning curves: each group's chosen setting, 3 epochs x 3 keys, over both seeds
    const rows = await page.evaluate(() => (globalThis as unknown as PageGlobals).__regsweepViews.get('learning-curves')!.data('curves') as { set: string; n: number }[]);
    expect(new Set(rows.map((r) => r.set)).size).toBe(comparison.groups.length);
    expect(rows).toHaveLength(comparison.groups.length * 3 * 3);
    expect(rows.every((r) => r.n === 2)).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'sweep.png'), fullPage: true });
    await page.close();
  });

  it('shows a trial: params, metrics by split, weight mass per input, curves and config', async () => {
    const page = await open('/trials/3');
    await page.waitForSelector('main[data-ready="trial"]');
    await expect(page.locator('#params').textContent()).resolves.toBe('lambda0.001regularizationl1');
    await expect(page.locator('#metrics thead').textContent()).resolves.toBe('metrictrainvalidationtestother');
    await page.waitForSelector('#feature-mass[data-rendered] svg');
    await expect(page.locator('#feature-mass .bars_marks path').count()).resolves.toBe(10);
    await page.waitForSelector('#trial-curves[data-points] svg');
    await expect(page.locator('#config').textContent()).resolves.toContain('"lambda": 0.001');
    await page.screenshot({ path: path.join(SHOTS, 'trial.png'), fullPage: true });
    await page.close();
  });

  it('filters the trials table, and shows a bad filter with a caret under its column', async () => {
    const page = await open('/trials');
    await page.waitForSelector('main[data-ready="trials"]');
    await expect(page.locator('#trials tbody tr').count()).resolves.toBe(10);
    await page.fill('#where', "params.regularization = 'l1'");
    await page.press('#where', 'Enter');
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelectorAll('#trials tbody tr').length === 4);
    await page.waitForSelector('#trials-summary[data-total="4"]');
    await expect(page.locator('#trials-summary').textContent()).resolves.toBe('1–4 of 4 trials');
    expect(new URL(page.url()).searchParams.get('where')).toBe("params.regularization = 'l1'");

    await page.fill('#where', 'params.lambda < and seed = 1');
    await page.press('#where', 'Enter');
    await page.waitForSelector('main[data-ready="trials-error"]');
    await expect(page.locator('#filter-error .message').textContent()).resolves.toBe("invalid filter: expected a value after '<' at column 17");
    await expect(page.locator('#filter-error pre').textContent()).resolves.toBe("params.lambda < and seed = 1\n                ^ expected a value after '<'");
    await expect(page.locator('#where').getAttribute('class')).resolves.toBe('invalid');
    await page.screenshot({ path: path.join(SHOTS, 'trials-error.png'), fullPage: true });
    await page.close();
  });

  it('shows trials finished by a concurrent regsweep run without a reload', async () => {
    const sweeps = await open('/');
    const trials = await open('/trials?sort=id&desc=1');
    await sweeps.waitForSelector('main[data-ready="sweeps"]');
    await trials.waitForSelector('main[data-ready="trials"]');
    for (const page of [sweeps, trials]) await page.evaluate(() => { (globalThis as unknown as PageGlobals).__marker = 'not reloaded'; });
    const run = spawn(process.execPath, ['bin/regsweep.mjs', 'run', 'test/ui/fixtures/live-grid.ts', '--db', fixture.db, '--concurrency', '1', '--quiet'], { cwd: root, stdio: 'pipe' });
    let output = '';
    run.stdout.on('data', (c) => { output += c; });
    run.stderr.on('data', (c) => { output += c; });
    const exited = new Promise<number | null>((resolve) => run.on('exit', resolve));
    try {
      // a live-grid trial, completed, at the top of the table sorted by id descending
      await trials.waitForSelector('#trials tbody tr[data-status="completed"] a:text-is("live-grid v1")', { timeout: 90_000 });
      // the new sweep's row on the sweeps page, then all 6 of its trials completed
      await sweeps.waitForSelector('tr[data-sweep-id="2"] [data-status="completed"]', { timeout: 90_000 });
      expect(await exited).toBe(0);
      await sweeps.waitForSelector('tr[data-sweep-id="2"] [data-status="completed"]:text-is("6 completed")', { timeout: 30_000 });
      for (const page of [sweeps, trials]) {
        await expect(page.evaluate(() => (globalThis as unknown as PageGlobals).__marker)).resolves.toBe('not reloaded');
      }
    } finally {
      run.kill();
      if (run.exitCode === null) await exited;
      if (output.trim() && run.exitCode !== 0) console.log(output);
    }
    await sweeps.close();
    await trials.close();
  });

  it('asked nothing of the network beyond its server and logged no error but the bad filter\'s 400', () => {
    expect(offsite).toEqual([]);
    expect(problems).toEqual(['/trials: Failed to load resource: the server responded with a status of 400 (Bad Request)']);
  });
});

describe.skipIf(!hasChromium && !onCi)('regsweep ui: trials stopped on purpose, and exact counts past 2,000', () => {
  let dir: string;
  let db: string;
  let served: Awaited<ReturnType<typeof serveUi>>;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`CI=true but there is no Chromium at ${CHROMIUM}: install it (apt-get install chromium)`);
    dir = mkdtempSync(path.join(os.tmpdir(), 'regsweep-ui-stopped-'));
    db = path.join(dir, 'stopped.db');
    const run = await regsweep('run', 'test/ui/fixtures/pruned-grid.ts', '--db', db, '--concurrency', '1', '--quiet');
    if (run.code !== 0) throw new Error(`regsweep run failed (${run.code}): ${run.stderr || run.stdout}`);
    // a second sweep of 4,500 queued trials: 2,250 of them match the filter below (the count was capped at 2,000)
    const store = await openStore(db);
    const { sweep } = await store.upsertSweep(newSweep({ name: 'bulk' }));
    await store.addTrials(sweep.id, newTrials(4500));
    await store.close();
    served = await serveUi(db);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(pathname: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${pathname}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`${pathname}: ${e.message}`));
    await page.goto(served.base + pathname);
    return page;
  }

  it('marks pruned trials on the learning curves, each ending in a cross at its last epoch, and counts them in the header', async () => {
    const sweep = (await served.store.getSweep('pruned-grid'))!;
    const pruned = await served.store.listTrials(sweep.id, { status: ['pruned'] });
    expect(pruned.length).toBeGreaterThan(0);
    const keys = ['validation_accuracy', 'test_accuracy', 'train_loss'];
    const curves = await served.store.getCurves(pruned.map((t) => t.id));
    // where each pruned trial stopped, per key: its last recorded epoch
    const stops = pruned.flatMap((t) => keys.flatMap((key) => {
      const epochs = curves.get(t.id)!.filter((p) => p.key === key && Number.isFinite(p.value)).map((p) => p.epoch);
      return epochs.length ? [{ line: `pruned #${t.id}`, key, epoch: Math.max(...epochs) }] : [];
    }));
    expect(stops.length).toBeGreaterThan(0);
    const compared = JSON.parse((await regsweep('compare', 'pruned-grid', '--db', db, '--format', 'json')).stdout) as Comparison;

    const page = await open(`/sweeps/${sweep.id}`);
    await page.waitForSelector('main[data-ready="sweep"]');
    await expect(page.locator('#stopped').getAttribute('data-pruned')).resolves.toBe(String(pruned.length));
    const excluded = Object.entries(compared.excluded ?? {});
    // epochs saved, by hand: the fixture's 30 epochs less each pruned trial's last recorded epoch
    const saved = pruned.reduce((n, t) => n + 30 - Math.max(...curves.get(t.id)!.map((p) => p.epoch)), 0);
    expect(compared.stopped?.epochsSaved).toBe(saved);
    await expect(page.locator('#stopped').textContent()).resolves.toBe(
      `Stopped early: ${pruned.length} pruned, ${saved} training epochs saved (drawn in the learning curves, ending in ×); compare counts ${compared.used} completed trials and excludes `
      + `${excluded.reduce((n, [, k]) => n + k, 0)} (${excluded.map(([why, n]) => `${n} ${why}`).join(', ')}).`);
    const rows = await page.evaluate(() => (globalThis as unknown as PageGlobals).__regsweepViews.get('learning-curves')!.data('curves') as { line: string; key: string; epoch: number; stop?: boolean }[]);
    const order = (a: { line: string; key: string }, b: { line: string; key: string }) => a.line.localeCompare(b.line) || a.key.localeCompare(b.key);
    expect(rows.filter((r) => r.stop).map(({ line, key, epoch }) => ({ line, key, epoch })).sort(order)).toEqual(stops.sort(order));
    // drawn: one cross per pruned trial and panel, and "pruned" in the legend
    await expect(page.locator('#learning-curves .stop_marks path').count()).resolves.toBe(stops.length);
    await expect(page.locator('#learning-curves svg text', { hasText: /^pruned$/ }).count()).resolves.toBe(1);
    await page.screenshot({ path: path.join(SHOTS, 'sweep-pruned.png'), fullPage: true });
    await page.close();

    // a pruned trial's own page says where it was stopped (its summary's stoppedEpoch)
    const trial = pruned[0]!;
    const own = await open(`/trials/${trial.id}`);
    await own.waitForSelector('main[data-ready="trial"]');
    await expect(own.locator('#stopped').textContent()).resolves.toBe(
      `Stopped at epoch ${(trial.summary as { stoppedEpoch: number }).stoppedEpoch} by the pruner: its curve was behind its peers' on the same seed; its metrics are the last it reported, and compare leaves it out.`);
    await own.close();
  });

  it('shows the exact count of a filter matching more than 2,000 trials', async () => {
    const where = "params.penalty = 'l2' and params.lambda >= 0";
    const expected = newTrials(4500).filter((t) => t.params.penalty === 'l2' && (t.params.lambda as number) >= 0).length;
    expect(expected).toBe(2250);
    const page = await open(`/trials?sweep=bulk&where=${encodeURIComponent(where)}`);
    await page.waitForSelector(`#trials-summary[data-total="${expected}"]`);
    await expect(page.locator('#trials-summary').textContent()).resolves.toBe('1–50 of 2,250 trials');
    await expect(page.locator('.pager').textContent()).resolves.toContain('page 1 of 45');
    await page.close();
  });

  it('logged no error', () => {
    expect(problems).toEqual([]);
  });
});
