// The report as a reader sees it: a real small sweep, rendered by the CLI, opened in headless Chromium
// with the network cut off. Needs /usr/bin/chromium (Debian: apt-get install chromium); without it the
// test is skipped locally and fails on CI (CI=true).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { Comparison } from '../../src/report/comparison.ts';
import { expectGroupsTestAccuracy, regsweep, root, smallGridReport } from './html-cli.ts';

const CHROMIUM = '/usr/bin/chromium';
const onCi = process.env.CI === 'true';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && !onCi) console.log(`report-browser: skipped, no Chromium at ${CHROMIUM} (apt-get install chromium to run it)`);

/** The little of the DOM the in-page count uses. */
interface PageElement {
  tagName: string;
  classList: Iterable<string>;
  children: Iterable<PageElement>;
  getBBox(): { width: number; height: number };
}
interface PageGlobals {
  document: { querySelectorAll(selector: string): Iterable<PageElement> };
}

const SCREENSHOT = path.join(root, 'test/.tmp/report.png');
const CHARTS = ['metric-vs-lambda', 'gap-vs-lambda', 'zero-fraction-vs-lambda', 'feature-mass', 'learning-curves'];

describe('the HTML report in headless Chromium', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'regsweep-browser-'));
  let browser: Browser | undefined;
  afterAll(async () => {
    await browser?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it.skipIf(!hasChromium && !onCi)('shows every chart with its data, offline, and saves a screenshot', async () => {
    if (!hasChromium) throw new Error(`CI=true but there is no Chromium at ${CHROMIUM}: install it (apt-get install chromium)`);
    const { db, html } = await smallGridReport(tmp);
    const compared = await regsweep('compare', 'small-grid', '--db', db, '--format', 'json');
    const comparison = JSON.parse(compared.stdout) as Comparison;

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const blocked: string[] = [];
    await page.route('**', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    const problems: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });

    // how many visible marks each named layer drew in each chart (a path or line with a non-empty box)
    const marks = await page.evaluate((ids) => Object.fromEntries(ids.map((id) => {
      const { document } = globalThis as unknown as PageGlobals; // runs in the page; the project's types have no DOM
      const counts: Record<string, number> = {};
      for (const g of document.querySelectorAll(`#${id} svg g.role-mark`)) {
        const name = [...g.classList].find((c) => c.endsWith('_marks'));
        if (!name) continue;
        const drawn = [...g.children].filter((el) => {
          const box = el.getBBox();
          return (el.tagName === 'path' || el.tagName === 'line') && box.width + box.height > 0;
        }).length;
        counts[name] = (counts[name] ?? 0) + drawn;
      }
      return [id, counts];
    })), CHARTS);

    const withLambda = comparison.curve.filter((p) => p.param === 'lambda' && typeof p.value === 'number');
    const lambdas = new Set(withLambda.map((p) => p.value)).size;
    const lambdaGroups = new Set(withLambda.map((p) => p.group)).size;
    const groups = comparison.groups.length;
    expect([lambdas, lambdaGroups, groups]).toEqual([2, 2, 3]); // small-grid: none, l1, l2 over two lambdas

    // every chart drew something
    for (const id of CHARTS) expect(Object.values(marks[id] ?? {}).reduce((a, b) => a + b, 0), id).toBeGreaterThan(0);
    // metric vs lambda: a point per lambda and group with lambda, in the validation and the test panel; none as a rule in each
    expect(marks['metric-vs-lambda']).toMatchObject({ points_marks: 2 * lambdas * lambdaGroups, reference_rule_marks: 2, chosen_marks: 2 * lambdaGroups });
    expect(marks['gap-vs-lambda']).toMatchObject({ points_marks: lambdas * lambdaGroups, reference_rule_marks: 1 });
    expect(marks['zero-fraction-vs-lambda']).toMatchObject({ points_marks: lambdas * lambdaGroups, reference_rule_marks: 1 });
    // weight mass: a bar per input (x1..x10) and group, the input names on the axis
    expect(marks['feature-mass']).toMatchObject({ bars_marks: 10 * groups });
    const axisLabels = await page.locator('#feature-mass svg .role-axis-label text').allTextContents();
    expect(axisLabels).toEqual(expect.arrayContaining(['x1', 'x5', 'x10']));
    // learning curves: validation and test per group, training loss per group
    expect(marks['learning-curves']).toMatchObject({ metric_lines_marks: 2 * groups, loss_lines_marks: groups });

    // the tables and the verdict are there
    await expect(page.locator('#groups table tbody tr').count()).resolves.toBe(groups);
    await expect(page.locator('#pairs table tbody tr').count()).resolves.toBe(comparison.pairs.length);
    await expect(page.locator('p.verdict').textContent()).resolves.toBe(comparison.verdict);
    // in the numbers of the verdict: each group's test accuracy over its seeds in percent, one decimal
    await expectGroupsTestAccuracy(page, comparison);

    // nothing asked for the network, nothing complained
    expect(blocked).toEqual([]);
    expect(problems).toEqual([]);

    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
  });
});
