// Helpers for the tests that run the real command line: make a small none/l1/l2 database and report on it.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Comparison } from '../../src/report/comparison.ts';

export const root = fileURLToPath(new URL('../..', import.meta.url));
const exec = promisify(execFile);

/** Run `regsweep ...args` from the repository root; never throws, returns the exit code and output. */
export async function regsweep(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, ['bin/regsweep.mjs', ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/**
 * Record `test/sweep/fixtures/small-grid.ts` (none, l1 and l2 over lambdas 0.001 and 0.01, 2 seeds: 10 trials,
 * about a second) in `dir/small.db` and write its report to `dir/report.html`.
 */
export async function smallGridReport(dir: string): Promise<{ db: string; html: string; stdout: string }> {
  const db = path.join(dir, 'small.db');
  const html = path.join(dir, 'report.html');
  const run = await regsweep('run', 'test/sweep/fixtures/small-grid.ts', '--db', db, '--concurrency', '1', '--quiet');
  if (run.code !== 0) throw new Error(`regsweep run failed (${run.code}): ${run.stderr || run.stdout}`);
  const report = await regsweep('report', 'small-grid', '--db', db, '--out', html);
  if (report.code !== 0) throw new Error(`regsweep report failed (${report.code}): ${report.stderr || report.stdout}`);
  return { db, html, stdout: report.stdout };
}

/**
 * The groups table of a page (the HTML report, the dashboard's sweep page) gives each group's test accuracy
 * over its seeds in percent with one decimal, as the verdict's numbers are written: computed here from the
 * seeds' values.
 */
export async function expectGroupsTestAccuracy(page: Page, comparison: Comparison): Promise<void> {
  const heads = await page.locator('#groups thead th').allTextContents();
  const at = heads.indexOf('test_accuracy %');
  expect(at).toBeGreaterThan(0);
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  await expect(page.locator(`#groups tbody td:nth-child(${at + 1})`).allTextContents()).resolves
    .toEqual(comparison.groups.map((g) => (mean(g.perSeed.map((s) => s.value)) * 100).toFixed(1)));
}
