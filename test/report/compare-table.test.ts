import { describe, expect, it } from 'vitest';
import { compareTrials } from '../../src/report/compare.ts';
import { decimalsFor, formatDiff, formatP, formatParam, formatValue, settingText } from '../../src/report/compare-format.ts';
import { renderCompareMarkdown, renderCompareTables } from '../../src/report/compare-table.ts';
import { POOLED, mainRows, sweep } from './compare-fixture.ts';

const ANSI = /\x1b\[/;

describe('number formats', () => {
  it('abbreviates p-values', () => {
    expect([0.0004, 0.001, 0.0041, 0.089, 0.3127, 1, Number.NaN].map(formatP)).toEqual(['<0.001', '0.001', '0.004', '0.089', '0.31', '1.00', 'n/a']);
  });

  it('shows accuracies in percent, differences in signed points, other metrics in their units', () => {
    expect([formatValue(0.7425, 'test_accuracy'), formatValue(0.874012, 'test_loss')]).toEqual(['74.3', '0.874']);
    expect([formatDiff(0.021, 'test_accuracy'), formatDiff(-0.004, 'test_accuracy'), formatDiff(0, 'test_accuracy')]).toEqual(['+2.1', '-0.4', '0.0']);
    expect(formatDiff(-0.0523, 'test_loss')).toBe('-0.0523');
  });

  it('lines up a column of one metric to 3 significant digits of its largest value', () => {
    expect([decimalsFor([2.56, 0.842, -0.0948]), decimalsFor([0.0848, -0.0472]), decimalsFor([123.4]), decimalsFor([0, Number.NaN])]).toEqual([2, 4, 0, 3]);
    expect(formatValue(0.87401, 'test_loss', 2)).toBe('0.87');
  });

  it('shows settings with 3 significant digits, leaving out what does not apply', () => {
    expect([formatParam(0.0013894954943731374), formatParam(1e-4), formatParam(0.1), formatParam(null), formatParam('l2')]).toEqual(['0.00139', '1e-4', '0.1', '–', 'l2']);
    expect(settingText({ lambda: 0.0013894954943731374, momentum: null })).toBe('lambda=0.00139');
  });
});

describe('renderCompareTables', () => {
  const c = compareTrials(sweep, mainRows, POOLED);
  const text = renderCompareTables(c, { color: false });

  it('fits an 80-column terminal, without colour when asked', () => {
    const lines = text.split('\n');
    expect(lines.filter((l) => l.length > 80)).toEqual([]);
    expect(text).not.toMatch(ANSI);
  });

  it('shows each group at its chosen setting with the test mean ± CI, gap, zeros and seeds', () => {
    // l1: lambda 0.001, validation 84.4, test 79.5 ± 1.6 (scipy half-width 0.01642567), gap 0.95 - 0.795, 24% zeros, 5 seeds
    expect(text).toMatch(/│ l1 +│ 0\.001 +│ +84\.4 │ 79\.5 ± 1\.6 │ \+15\.5 │ 24\.0% │ +5 │/);
    expect(text).toMatch(/│ l2 +│ 0\.01 +│ +86\.0 │ 84\.2 ± 1\.4 │ +\+7\.8 │ +0\.0% │ +4 │/);
  });

  it('says that settings were chosen on validation, never on test, and what was excluded', () => {
    // issue 15: the pooled choice is labelled descriptive
    expect(text.replace(/\s+/g, ' ')).toContain('Pooled choice (descriptive): lambda chosen per regularization on validation accuracy as the best mean over seeds, never on the test split; test accuracy at that choice');
    expect(text.replace(/\s+/g, ' ')).toContain('24 completed trials counted; 3 excluded (1 diverged, 1 failed, 1 missing test_accuracy).');
  });

  it('shows the pairs with Holm-adjusted p-values and the missing seeds', () => {
    // issue 15: differences (t and bootstrap intervals, P(better)) and tests in two tables; seeds for 80% power
    expect(text).toMatch(/│ l2 vs none │ +\+5\.9 │ \+4\.6\.\.\+7\.2 │ +\+\d\.\d\.\.\+\d\.\d │ 1\.00 \(1\.00\.\.1\.00\) │/);
    expect(text).toMatch(/│ l2 vs none │ +0\.002 │ +0\.38 │ 4\/0\/0 │ 4 \(1 missing\) │ +3 │/);
    // l1 vs none: P(better) = (3 wins + 2 ties / 2) / 5 = 0.8; differences 0, .015, .03, 0, .03: d_z = 0.015 / 0.015 = 1 -> 10 seeds (scipy, stats-power)
    expect(text).toMatch(/│ l1 vs none │ +0\.089 │ +0\.38 │ 3\/2\/0 │ +5 │ +10 │/);
    expect(text).toMatch(/│ l1 vs none │ +\+1\.5 │ -0\.4\.\.\+3\.4 │ .* │ 0\.80 \(0\.\d0\.\.1\.00\) │/);
  });

  it('shows the curve with the chosen lambda marked, and ends with the verdict', () => {
    expect(text).toMatch(/│ +│ 0\.01 +│ +82\.4 │ 85\.0 ± 1\.0 │/); // l1 at the lambda not chosen
    expect(text).toMatch(/│ +│ 0\.01 \* +│ +86\.0 │/); // l2's chosen lambda
    expect(text.slice(text.indexOf('verdict:')).replace(/\s+/g, ' ')).toBe(`verdict: ${c.verdict}`);
  });

  it('colours headers and the verdict when asked', () => {
    expect(renderCompareTables(c, { color: true })).toMatch(ANSI);
  });
});

describe('renderCompareMarkdown', () => {
  const md = renderCompareMarkdown(compareTrials(sweep, mainRows, POOLED));

  it('prints markdown tables with raw and Holm-adjusted p-values, and the verdict', () => {
    // issue 15: an IQM column; l1's IQM is the mean of the middle three of five: scipy trim_mean(x, 0.25) = 0.7933
    expect(md).toContain('| regularization | lambda | validation accuracy (%) | test accuracy (%) | 95% CI | IQM | train gap | zero weights | seeds |');
    expect(md).toContain('| l1 | 0.001 | 84.4 | 79.5 | 77.9..81.1 | 79.3 | +15.5 | 24.0% | 5 |');
    // raw t p 0.0044357 -> Holm x2 = 0.0088714; raw Wilcoxon 0.125 -> Holm 0.375; issue 15: bootstrap CI, P(better), seeds for 80% power
    expect(md).toMatch(/\| l2 vs l1 \| \+4\.8 \| \+2\.8\.\.\+6\.8 \| \+\d\.\d\.\.\+\d\.\d \| 1\.00 \(1\.00\.\.1\.00\) \| 0\.004 \| 0\.009 \| 0\.13 \| 0\.38 \| 4\/0\/0 \| 4 \(1 missing\) \| 3 \|/);
    expect(md).toContain('| l2 | **0.01** | 86.0 | 84.2 | 82.8..85.6 | +7.8 | 0.0% | 4 |');
    expect(md).toMatch(/^\*\*Verdict:\*\* descriptive \(settings chosen on the mean over seeds; p-values not calibrated\): l2 \(lambda=0\.01\) beats l1/m);
    expect(md).not.toMatch(ANSI);
  });
});
