import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comparison } from '../../src/report/comparison.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dir = mkdtempSync(join(tmpdir(), 'regsweep-compare-'));
const db = join(dir, 'small-grid.db');

/** Run the CLI from the repository root; stdout is a pipe, so not a TTY. */
function regsweep(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/regsweep.mjs', ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  // none / l1 / l2 x lambda 0.001 / 0.01 x 2 seeds: 10 trials, a few seconds
  const run = regsweep('run', 'test/sweep/fixtures/small-grid.ts', '--db', db, '--concurrency', '1', '--quiet');
  expect(run.code, run.stderr).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('regsweep compare', () => {
  it('prints the Comparison as JSON', () => {
    const r = regsweep('compare', 'small-grid', '--db', db, '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const c = JSON.parse(r.stdout) as Comparison;
    expect(c).toMatchObject({
      sweep: { name: 'small-grid', version: 1 }, by: 'regularization', metric: 'test_accuracy',
      selectionMetric: 'validation_accuracy', higherIsBetter: true, tunedParams: ['lambda'], used: 10, excluded: {},
    });
    expect(c.groups.map((g) => g.group)).toEqual(['none', 'l1', 'l2']);
    for (const g of c.groups) {
      expect(g.n).toBe(2);
      expect(g.perSeed.map((s) => s.seed)).toEqual([1, 2]);
      expect(g.ciLow).toBeLessThanOrEqual(g.mean);
      expect(g.zeroFraction).not.toBeNull();
    }
    expect(c.groups[0].chosen).toEqual({ lambda: null });
    expect([0.001, 0.01]).toContain(c.groups[1].chosen.lambda);
    expect(c.pairs).toHaveLength(3);
    for (const p of c.pairs) expect([p.n, p.missing, p.wins + p.ties + p.losses]).toEqual([2, 0, 2]);
    expect(c.curve.map((p) => [p.group, p.value])).toEqual([['none', null], ['l1', 0.001], ['l1', 0.01], ['l2', 0.001], ['l2', 0.01]]);
    expect(typeof c.verdict).toBe('string');
  });

  it('prints tables, the selection note and the verdict, without colour off a terminal', () => {
    const r = regsweep('compare', 'small-grid', '--db', db);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('never on the test');
    expect(r.stdout).toMatch(/^verdict: /m);
    expect(r.stdout).not.toMatch(/\x1b\[/);
    expect(r.stdout.split('\n').filter((l) => l.length > 80)).toEqual([]);
  });

  it('prints markdown', () => {
    // issue 15: lambda is chosen per seed by default, so the column lists the choices; pooled keeps one lambda
    const r = regsweep('compare', 'small-grid', '--db', db, '--format', 'markdown', '--metric', 'test_loss');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('| regularization | lambda chosen per seed (× seeds) | validation loss | test loss | 95% CI | IQM |');
    const pooled = regsweep('compare', 'small-grid', '--db', db, '--format', 'markdown', '--metric', 'test_loss', '--select', 'pooled');
    expect(pooled.stdout).toContain('| regularization | lambda | validation loss | test loss | 95% CI | IQM |');
    expect(pooled.stdout).toContain('**Verdict:** descriptive (settings chosen on the mean over seeds; p-values not calibrated): ');
  });

  it.each([
    [['--metric', 'test_f1'], /^regsweep: unknown metric "test_f1"; recorded metrics: .*test_accuracy.*zero_fraction/],
    [['--by', 'regularisation'], /^regsweep: unknown field "regularisation" for --by \(did you mean "regularization"\?\)/],
    [['--format', 'html'], /^regsweep: --format must be one of table, json, markdown/],
    [['--version', '9'], /^regsweep: sweep small-grid has no version 9 \(latest: 1\)/],
    [["--select", "nested"], /^regsweep: --select must be one of per-seed, pooled, got "nested"\n$/],
  ])('exits 2 with one line for %j', (extra, message) => {
    const r = regsweep('compare', 'small-grid', '--db', db, ...extra);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('exits 2 for an unknown sweep or a missing database', () => {
    const unknown = regsweep('compare', 'nope', '--db', db);
    expect([unknown.code, unknown.stderr.trim()]).toEqual([2, 'regsweep: unknown sweep "nope"; sweeps in this database: small-grid']);
    const missing = regsweep('compare', 'small-grid', '--db', join(dir, 'absent.db'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^regsweep: no database at .*absent\.db/);
  });
});
