import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { regsweep, smallGridReport } from './html-cli.ts';

describe('regsweep report', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'regsweep-report-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  let made: Awaited<ReturnType<typeof smallGridReport>>;
  beforeAll(async () => {
    made = await smallGridReport(tmp);
  });

  it('writes one HTML file with every chart and says where, how big, and the verdict', () => {
    expect(made.stdout).toMatch(/^wrote .*report\.html \(\d+ kB\): small-grid v1, test_accuracy by regularization\n.+\n$/);
    const html = readFileSync(made.html, 'utf8');
    for (const id of ['metric-vs-lambda', 'gap-vs-lambda', 'zero-fraction-vs-lambda', 'feature-mass', 'learning-curves']) {
      expect(html).toContain(`<figure id="${id}" class="chart">`);
    }
    expect(html).toContain('<meta name="generator" content="regsweep ');
    expect(html).not.toMatch(/<script/i);
  });

  it('passes --by, --metric and --version on to the comparison', async () => {
    const out = path.join(tmp, 'loss.html');
    const r = await regsweep('report', 'small-grid', '--db', made.db, '--out', out, '--metric', 'test_loss', '--version', '1');
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<title>small-grid v1: test_loss by regularization</title>');
    expect(html).toContain('validation_loss (selection)');
  });

  it('answers a mistake in one line with exit code 2', async () => {
    const [unknown, version, noDb] = await Promise.all([
      regsweep('report', 'nope', '--db', made.db, '--out', path.join(tmp, 'x.html')),
      regsweep('report', 'small-grid', '--db', made.db, '--version', 'two'),
      regsweep('report', 'small-grid', '--db', path.join(tmp, 'missing.db')),
    ]);
    expect([unknown.code, unknown.stderr.trim()]).toEqual([2, 'regsweep: unknown sweep "nope"; sweeps in this database: small-grid']);
    expect([version.code, version.stderr.trim()]).toEqual([2, 'regsweep: --version must be an integer >= 1, got "two"']);
    expect(noDb.code).toBe(2);
    expect(noDb.stderr).toMatch(/no database at .*missing\.db/);
  });
});
