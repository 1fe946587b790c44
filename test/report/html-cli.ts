// Helpers for the tests that run the real command line: make a small none/l1/l2 database and report on it.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

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
