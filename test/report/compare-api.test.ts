import { describe, expect, it } from 'vitest';
import { type TrialRow, compareTrials } from '../../src/index.ts';

// The README's "Comparisons from a script" example, run as written (importing from the package's entry).
describe('compareTrials from the package: rows in, comparison out, no database', () => {
  // validation and test accuracy of each setting on seeds 1..5 (from your own logs, a CSV, a notebook)
  const results = [
    { regularization: 'none', lambda: null, validation: [0.70, 0.68, 0.72, 0.69, 0.71], test: [0.69, 0.67, 0.73, 0.70, 0.70] },
    { regularization: 'l2', lambda: 0.001, validation: [0.72, 0.71, 0.73, 0.70, 0.74], test: [0.71, 0.70, 0.74, 0.72, 0.72] },
    { regularization: 'l2', lambda: 0.01, validation: [0.74, 0.70, 0.75, 0.73, 0.72], test: [0.73, 0.71, 0.75, 0.72, 0.73] },
  ];
  const rows: TrialRow[] = results.flatMap((r, i) => r.test.map((test, s) => ({
    id: i * 100 + s, seed: s + 1, status: 'completed' as const,
    params: { regularization: r.regularization, lambda: r.lambda },
    metrics: { validation_accuracy: r.validation[s], test_accuracy: test },
  })));
  const c = compareTrials(rows);

  it('chooses lambda per seed on validation and says how often each was chosen', () => {
    // by hand: seeds 1, 3, 4 have the higher validation accuracy at 0.01; seeds 2 and 5 at 0.001
    expect(c.groups.map((g) => [g.group, g.choices])).toEqual([
      ['none', [{ setting: { lambda: null }, seeds: 5 }]],
      ['l2', [{ setting: { lambda: 0.01 }, seeds: 3 }, { setting: { lambda: 0.001 }, seeds: 2 }]],
    ]);
    expect(c.groups[1].perSeed.map((s) => s.value)).toEqual([0.73, 0.70, 0.75, 0.72, 0.72]);
  });

  it('gives the verdict the README shows, word for word (scipy: ttest_rel(l2, none) p = 0.0028900071171007275)', () => {
    // python3 -c "from scipy import stats; print(stats.ttest_rel([.73,.70,.75,.72,.72], [.69,.67,.73,.70,.70]))"
    expect(Math.abs(c.pairs[0].tTestP - 0.0028900071171007275)).toBeLessThan(1e-12);
    expect(c.verdict).toBe('l2 beats none on test accuracy by +2.6 points (95% CI +1.5..+3.7, p=0.003, 5 seeds)');
  });
});
