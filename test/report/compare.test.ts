import { describe, expect, it } from 'vitest';
import { CompareError, compareTrials, isHigherBetter, selectionMetricFor } from '../../src/report/compare.ts';
import { renderCompareMarkdown } from '../../src/report/compare-markdown.ts';
import { renderCompareTables } from '../../src/report/compare-table.ts';
import { tiesNote } from '../../src/report/compare-text.ts';
import { describeVerdict } from '../../src/report/verdict.ts';
import type { TrialStatus } from '../../src/store/types.ts';
import { POOLED, fill, mainRows, ref, setting, sweep } from './compare-fixture.ts';

function expectRel(actual: number, expected: number, rtol = 1e-7): void {
  const err = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
  expect(err, `actual ${actual}, expected ${expected}`).toBeLessThanOrEqual(rtol);
}

describe('compareTrials on a hand-made sweep (3 groups x 2 lambdas x 5 seeds)', () => {
  const c = compareTrials(sweep, mainRows, POOLED);

  it('reads the defaults: test accuracy, chosen on validation accuracy, higher is better', () => {
    expect(c).toMatchObject({ sweep, by: 'regularization', metric: 'test_accuracy', selectionMetric: 'validation_accuracy', higherIsBetter: true, tunedParams: ['lambda'] });
  });

  it('chooses lambda on validation, not on test (test would pick the other lambda in l1 and l2)', () => {
    expect(c.groups.map((g) => [g.group, g.chosen])).toEqual([
      ['none', { lambda: null }], ['l1', { lambda: 0.001 }], ['l2', { lambda: 0.01 }],
    ]);
    expect(c.groups.map((g) => g.selectionMean)).toEqual([expect.closeTo(0.8, 12), expect.closeTo(0.844, 12), expect.closeTo(0.86, 12)]);
  });

  it('reports test mean and 95% t-interval at the chosen setting', () => {
    for (const [i, r] of [ref.none, ref.l1, ref.l2].entries()) {
      const g = c.groups[i];
      expect(g.mean).toBeCloseTo(r.mean, 14);
      expectRel(g.ciLow, r.low);
      expectRel(g.ciHigh, r.high);
    }
    expect(c.groups.map((g) => g.n)).toEqual([5, 5, 4]);
    expect(c.groups[2].perSeed.map((s) => [s.seed, s.trialId, s.value])).toEqual([[1, 40, 0.84], [2, 41, 0.85], [3, 42, 0.83], [4, 43, 0.847]]);
  });

  it('reports the train-test gap and the fraction of zero weights', () => {
    // none: 1 - 0.78; l1: 0.95 - 0.795; l2: 0.92 - 0.84175
    expect(c.groups.map((g) => g.trainGap)).toEqual([expect.closeTo(0.22, 12), expect.closeTo(0.155, 12), expect.closeTo(0.07825, 12)]);
    expect(c.groups.map((g) => g.zeroFraction)).toEqual([0, expect.closeTo(0.24, 12), 0]);
  });

  it('pairs by seed, best group first, leaving out seeds missing on one side', () => {
    expect(c.pairs.map((p) => [p.a, p.b, p.n, p.missing])).toEqual([['l2', 'l1', 4, 1], ['l2', 'none', 4, 1], ['l1', 'none', 5, 0]]);
    for (const [i, r] of [ref.l2VsL1, ref.l2VsNone, ref.l1VsNone].entries()) {
      const p = c.pairs[i];
      expect(p.meanDiff).toBeCloseTo(r.diff, 14);
      expectRel(p.ciLow, r.low);
      expectRel(p.ciHigh, r.high);
      expectRel(p.tTestP, r.tP);
      expectRel(p.wilcoxonP, r.wP, 1e-12);
    }
  });

  it("applies Holm's correction across the three pairs", () => {
    expectRel(c.pairs[0].tTestPHolm, 2 * ref.l2VsL1.tP);
    expectRel(c.pairs[1].tTestPHolm, 3 * ref.l2VsNone.tP);
    expectRel(c.pairs[2].tTestPHolm, ref.l1VsNone.tP);
    expect(c.pairs.map((p) => p.wilcoxonPHolm)).toEqual([0.375, 0.375, 0.375]);
  });

  it('counts wins, ties (equal accuracies on seeds 1 and 4) and losses', () => {
    expect(c.pairs.map((p) => [p.wins, p.ties, p.losses])).toEqual([[4, 0, 0], [4, 0, 0], [3, 2, 0]]);
    expect(c.pairs[2].wilcoxonMethod).toBe('permutation'); // zero differences, as scipy
  });

  it('counts only completed trials with both metrics, and says what it left out', () => {
    expect(c.used).toBe(24);
    expect(c.excluded).toEqual({ diverged: 1, failed: 1, 'missing test_accuracy': 1 });
  });

  it('gives the metric vs lambda curve per group, the chosen point marked', () => {
    const l1 = c.curve.filter((p) => p.group === 'l1');
    expect(l1.map((p) => [p.param, p.value, p.chosen, p.n])).toEqual([['lambda', 0.001, true, 5], ['lambda', 0.01, false, 5]]);
    expect(l1[1].mean).toBeCloseTo(0.85, 14);
    expect(l1[1].selectionMean).toBeCloseTo(0.824, 14);
    expect(c.curve.filter((p) => p.group === 'none').map((p) => p.value)).toEqual([null]);
    expect(c.curve.find((p) => p.group === 'l2' && p.value === 0.01)?.n).toBe(4);
  });

  it('says who beats whom, word for word (significant case)', () => {
    expect(c.verdict).toBe(
      'descriptive (settings chosen on the mean over seeds; p-values not calibrated): '
      + 'l2 (lambda=0.01) beats l1 (lambda=0.001) on test accuracy by +4.8 points (95% CI +2.8..+6.8, p=0.009, 4 seeds (1 missing))'
      + ' and none by +5.9 points (95% CI +4.6..+7.2, p=0.002, 4 seeds (1 missing))',
    );
  });

  it('names the significant and the non-significant comparisons apart', () => {
    const pairs = c.pairs.map((p, i) => (i === 0 ? { ...p, tTestPHolm: 0.2 } : p)); // l2 vs l1 no longer significant
    expect(describeVerdict({ ...c, pairs })).toBe(
      'descriptive (settings chosen on the mean over seeds; p-values not calibrated): '
      + 'l2 (lambda=0.01) beats none on test accuracy by +5.9 points (95% CI +4.6..+7.2, p=0.002, 4 seeds (1 missing));'
      + ' no significant difference from l1 (lambda=0.001): +4.8 points (95% CI +2.8..+6.8, p=0.20:'
      + " not significant after Holm's adjustment over 3 pairs (unadjusted p=0.004, 4 seeds (1 missing)))",
    );
  });
});

describe('compareTrials: no significant difference', () => {
  // scipy: ttest_rel(l2, none) -> mean diff 0.0016666666666666496, CI (-0.01640882774273256, 0.01974216107606586),
  // p 0.8220441884436633; wilcoxon(l2, none).pvalue 1.0
  const none = [0.7, 0.75, 0.72, 0.68, 0.74, 0.71];
  const l2 = [0.72, 0.73, 0.74, 0.69, 0.73, 0.7];
  const rows = [
    ...setting({ regularization: 'none', lambda: null }, { validation_accuracy: [0.7, 0.72, 0.71, 0.69, 0.73, 0.7], test_accuracy: none }, { firstId: 1 }),
    ...setting({ regularization: 'l2', lambda: 0.001 }, { validation_accuracy: [0.74, 0.75, 0.73, 0.74, 0.75, 0.74], test_accuracy: l2 }, { firstId: 11 }),
    ...setting({ regularization: 'l2', lambda: 0.01 }, { validation_accuracy: fill(0.7, 6), test_accuracy: fill(0.8, 6) }, { firstId: 21 }),
  ];
  const c = compareTrials(sweep, rows, POOLED);

  it('compares at the validation choice and finds nothing significant', () => {
    expect(c.groups.map((g) => g.chosen)).toEqual([{ lambda: null }, { lambda: 0.001 }]);
    expect(c.pairs).toHaveLength(1);
    expectRel(c.pairs[0].meanDiff, 0.0016666666666666496, 1e-12);
    expectRel(c.pairs[0].tTestP, 0.8220441884436633);
    expect(c.pairs[0].tTestPHolm).toBe(c.pairs[0].tTestP); // one pair: nothing to adjust
    expect(c.groups.map((g) => [g.trainGap, g.zeroFraction])).toEqual([[null, null], [null, null]]);
  });

  it('says so, word for word', () => {
    // seeds needed, scipy 1.17.1: d = np.subtract(l2, none); dz = d.mean() / d.std(ddof=1)  # 0.0968
    // smallest n with stats.nct.sf(t.ppf(0.975, n-1), n-1, dz*sqrt(n)) + stats.nct.cdf(-t.ppf(.975, n-1), ...) >= 0.8 -> 841
    expect(c.verdict).toBe(
      'descriptive (settings chosen on the mean over seeds; p-values not calibrated): '
      + 'no difference is significant at 0.05 (best: l2 (lambda=0.001); vs none +0.2 points, 95% CI -1.6..+2.0, p=0.82:'
      + ' not significant with 6 seeds; a difference this size needs about 841)',
    );
  });
});

describe('compareTrials on a loss (lower is better)', () => {
  // scipy: ttest_rel(l1, none) -> mean diff -0.06600000000000002, CI (-0.08483076688348443, -0.0471692331165156),
  // p 0.0006244802048552902; wilcoxon(l1, none).pvalue 0.0625
  const none = [0.52, 0.48, 0.55, 0.5, 0.53];
  const l1 = [0.45, 0.44, 0.47, 0.43, 0.46];
  const rows = [
    ...setting({ regularization: 'none', lambda: null }, { validation_loss: [0.5, 0.49, 0.52, 0.5, 0.51], test_loss: none, train_loss: fill(0.1) }, { firstId: 1 }),
    // lower test loss at 0.001, but higher validation loss: 0.01 must be chosen
    ...setting({ regularization: 'l1', lambda: 0.001 }, { validation_loss: fill(0.46), test_loss: fill(0.3), train_loss: fill(0.2) }, { firstId: 11 }),
    ...setting({ regularization: 'l1', lambda: 0.01 }, { validation_loss: fill(0.42), test_loss: l1, train_loss: fill(0.3) }, { firstId: 21 }),
  ];
  const c = compareTrials(sweep, rows, { ...POOLED, metric: 'test_loss' });

  it('chooses the lowest validation loss and puts the lowest test loss first', () => {
    expect(c).toMatchObject({ selectionMetric: 'validation_loss', higherIsBetter: false });
    expect(c.groups[1].chosen).toEqual({ lambda: 0.01 });
    expect(c.groups[1].mean).toBeCloseTo(0.45, 14);
    expect(c.groups[1].trainGap).toBeCloseTo(0.3 - 0.45, 14);
    const p = c.pairs[0];
    expect([p.a, p.b, p.wins, p.ties, p.losses]).toEqual(['l1', 'none', 5, 0, 0]);
    expectRel(p.meanDiff, -0.06600000000000002, 1e-12);
    expectRel(p.ciLow, -0.08483076688348443);
    expectRel(p.ciHigh, -0.0471692331165156);
    expectRel(p.tTestP, 0.0006244802048552902);
    expectRel(p.wilcoxonP, 0.0625, 1e-12);
  });

  it('gives the difference in the metric units, to 3 significant digits of the largest CI bound', () => {
    expect(c.verdict).toBe('descriptive (settings chosen on the mean over seeds; p-values not calibrated): ' + 'l1 (lambda=0.01) beats none on test loss by -0.0660 (95% CI -0.0848..-0.0472, p<0.001, 5 seeds)');
  });
});

describe('compareTrials: choosing a setting', () => {
  const base = (lambda: number, val: number[], seeds?: number[]) =>
    setting({ regularization: 'l2', lambda }, { validation_accuracy: val, test_accuracy: val }, { firstId: lambda * 1e4, seeds });
  const none = setting({ regularization: 'none', lambda: null }, { validation_accuracy: fill(0.5, 3), test_accuracy: fill(0.5, 3) }, { firstId: 1 });

  it('breaks a tie in the selection mean by more seeds, then by the smaller value', () => {
    // both means are exactly 0.625
    const more = compareTrials(sweep, [...none, ...base(0.01, [0.5, 0.75]), ...base(0.1, [0.5, 0.75, 0.625])], POOLED);
    expect(more.groups[1].chosen).toEqual({ lambda: 0.1 });
    const smaller = compareTrials(sweep, [...none, ...base(0.1, [0.5, 0.75]), ...base(0.01, [0.75, 0.5])], POOLED);
    expect(smaller.groups[1].chosen).toEqual({ lambda: 0.01 });
  });

  it('says which choices an exact tie on validation decided, per seed and pooled', () => {
    // By hand, per seed: seed 1: 0.75 at lambda 0.001, 0.01 and 0.1 (3 tied, 0.001 taken); seed 2: 0.5 < 0.75 = 0.75
    // (2 tied, 0.01 taken); seed 3: 0.625 at 0.1 beats 0.5 and 0.5 (no tie).
    const rows = [...none, ...base(0.001, [0.75, 0.5, 0.5]), ...base(0.01, [0.75, 0.75, 0.5]), ...base(0.1, [0.75, 0.75, 0.625])];
    const perSeed = compareTrials(sweep, rows);
    const l2 = perSeed.groups.find((g) => g.group === 'l2')!;
    expect(l2.perSeed.map((r) => [r.seed, r.setting.lambda])).toEqual([[1, 0.001], [2, 0.01], [3, 0.1]]);
    expect(l2.ties).toEqual({ seeds: 2, settings: 3 });
    expect(perSeed.groups.find((g) => g.group === 'none')!.ties).toEqual({ seeds: 0, settings: 0 });
    expect(tiesNote(perSeed)).toBe('Exact ties on validation accuracy decided some choices, the earlier setting taken (lambda ascending): '
      + 'l2 on 2 of 3 seeds (up to 3 settings tied). The validation split cannot tell tied settings apart, so which of them is chosen is arbitrary.');
    // pooled: the means are 0.5833, 0.6667 and 0.7083, no tie; 0.75 + 0.75 + 0.5 and 0.5 + 0.75 + 0.75 tie exactly
    expect(compareTrials(sweep, rows, POOLED).groups.find((g) => g.group === 'l2')!.ties).toEqual({ seeds: 0, settings: 0 });
    const pooled = compareTrials(sweep, [...none, ...base(0.01, [0.75, 0.75, 0.5]), ...base(0.1, [0.5, 0.75, 0.75])], POOLED).groups.find((g) => g.group === 'l2')!;
    expect([pooled.chosen, pooled.ties]).toEqual([{ lambda: 0.01 }, { seeds: 3, settings: 2 }]);
    // no tie: no note
    const clear = compareTrials(sweep, [...none, ...base(0.001, [0.75, 0.5, 0.5]), ...base(0.01, [0.8, 0.7, 0.6])]);
    expect(clear.groups.map((g) => g.ties)).toEqual([{ seeds: 0, settings: 0 }, { seeds: 0, settings: 0 }]);
    expect(tiesNote(clear)).toBe('');
  });

  it('treats a param that never varies as not tuned', () => {
    const rows = [...none, ...base(0.01, [0.6, 0.7])].map((r) => ({ ...r, params: { ...r.params, hidden: 8 } }));
    expect(compareTrials(sweep, rows).tunedParams).toEqual(['lambda']);
  });
});

describe('compareTrials errors', () => {
  it('rejects an unknown --by field, listing the swept ones', () => {
    expect(() => compareTrials(sweep, mainRows, { by: 'regularisation' })).toThrow(
      new CompareError('unknown-field', 'unknown field "regularisation" for --by (did you mean "regularization"?); swept fields: regularization, lambda'),
    );
  });

  it('rejects an unknown metric, listing the recorded ones', () => {
    expect(() => compareTrials(sweep, mainRows, { metric: 'test_f1' })).toThrow(
      'unknown metric "test_f1"; recorded metrics: test_accuracy, train_accuracy, validation_accuracy, zero_fraction',
    );
  });

  it('needs two groups', () => {
    const l2Only = mainRows.filter((r) => r.params.regularization === 'l2');
    expect(() => compareTrials(sweep, l2Only)).toThrow(/^only one regularization group \("l2"\) .*need at least 2 to compare$/);
  });

  it('needs completed trials', () => {
    const failed = mainRows.slice(0, 2).map((r) => ({ ...r, status: 'failed' as TrialStatus }));
    expect(() => compareTrials(sweep, failed)).toThrow('sweep hand (version 1) has no completed trials (2 failed)');
  });
});

describe('metric conventions', () => {
  it('selects on the validation counterpart and knows losses are lower-is-better', () => {
    expect([selectionMetricFor('test_accuracy'), selectionMetricFor('test_loss'), selectionMetricFor('zero_fraction')])
      .toEqual(['validation_accuracy', 'validation_loss', 'zero_fraction']);
    expect([isHigherBetter('test_accuracy'), isHigherBetter('test_loss')]).toEqual([true, false]);
  });
});

describe('--by several fields', () => {
  it('groups by each combination, leaving out settings that do not apply, and tunes the rest', () => {
    const rows = [];
    let id = 1;
    for (const seed of [1, 2, 3]) {
      const base = { validation_accuracy: 0.7, test_accuracy: 0.7 };
      rows.push({ id: id++, seed, status: 'completed' as const, params: { regularization: 'none', l1Method: null, lambda: null }, metrics: base });
      for (const l1Method of ['proximal', 'subgradient']) {
        for (const lambda of [0.01, 0.1]) {
          // proximal is best at 0.1, subgradient at 0.01 (on validation)
          const good = (l1Method === 'proximal') === (lambda === 0.1);
          rows.push({ id: id++, seed, status: 'completed' as const, params: { regularization: 'l1', l1Method, lambda }, metrics: { validation_accuracy: good ? 0.8 : 0.6, test_accuracy: good ? 0.75 + seed / 100 : 0.5 } });
        }
      }
    }
    const c = compareTrials({ name: 's', version: 1, id: 1 }, rows, { ...POOLED, by: 'regularization,l1Method' });
    expect(c.tunedParams).toEqual(['lambda']);
    expect(c.groups.map((g) => [g.group, g.chosen])).toEqual([
      ['none', { lambda: null }], ['l1/proximal', { lambda: 0.1 }], ['l1/subgradient', { lambda: 0.01 }],
    ]);
    expect(c.groups[1]!.mean).toBeCloseTo(0.77, 12); // 0.75 + (0.01 + 0.02 + 0.03) / 3
  });
});

describe('per-seed selection (the default): each seed chooses its own lambda on its own validation accuracy', () => {
  // By hand from compare-fixture.ts: l1 is best on validation at 0.001 on every seed; l2 at 0.01 on seeds 1-4
  // (0.86/0.87/0.85/0.86 vs 0.83/0.84/0.82/0.83), and seed 5 has only 0.001 (0.01 diverged), so l2's test
  // accuracies are 0.84, 0.85, 0.83, 0.847 and 0.885 (0.001, seed 5). Reference values:
  // test/report/scipy/compare-per-seed.py (scipy 1.17.1).
  const c = compareTrials(sweep, mainRows);

  it('is the default, and says which settings were chosen and for how many seeds', () => {
    expect([c.select, c.descriptive]).toEqual(['per-seed', false]);
    expect(compareTrials(sweep, mainRows, POOLED).descriptive).toBe(true);
    expect(c.groups.map((g) => [g.group, g.choices])).toEqual([
      ['none', [{ setting: { lambda: null }, seeds: 5 }]],
      ['l1', [{ setting: { lambda: 0.001 }, seeds: 5 }]],
      ['l2', [{ setting: { lambda: 0.01 }, seeds: 4 }, { setting: { lambda: 0.001 }, seeds: 1 }]],
    ]);
    expect(c.groups[2].perSeed.map((s) => [s.seed, s.trialId, s.setting.lambda, s.value])).toEqual([
      [1, 40, 0.01, 0.84], [2, 41, 0.01, 0.85], [3, 42, 0.01, 0.83], [4, 43, 0.01, 0.847], [5, 34, 0.001, 0.885],
    ]);
    expect(c.curve.filter((p) => p.group === 'l2').map((p) => [p.value, p.chosenBy])).toEqual([[0.001, 1], [0.01, 4]]);
  });

  it('reports mean, t-interval and interquartile mean over the per-seed choices (scipy)', () => {
    const l2 = c.groups[2];
    expect(l2.mean).toBeCloseTo(0.8503999999999999, 14);
    expect(Math.abs(l2.ciLow - 0.8245536968677173)).toBeLessThan(1e-12);
    expect(Math.abs(l2.ciHigh - 0.8762463031322826)).toBeLessThan(1e-12);
    expect(l2.iqm).toBeCloseTo(0.8456666666666667, 14);
    expect(c.groups[1].iqm).toBeCloseTo(0.7933333333333333, 14);
  });

  it('pairs every seed now, with t-test p, effect size and seeds needed as scipy has them', () => {
    expect(c.pairs.map((p) => [p.a, p.b, p.n, p.missing])).toEqual([['l2', 'l1', 5, 0], ['l2', 'none', 5, 0], ['l1', 'none', 5, 0]]);
    const expected = [
      { diff: 0.05539999999999996, low: 0.030932602124331847, high: 0.07986739787566807, p: 0.0032702459925808953, dz: 2.811422197408891, needed: 4 },
      { diff: 0.07039999999999995, low: 0.03818127156652002, high: 0.10261872843347988, p: 0.0037281981814953668, dz: 2.7131159336105273, needed: 4 },
      { diff: 0.01499999999999999, low: -0.0036249599730564883, high: 0.03362495997305647, p: 0.089009342500086, dz: 0.9999999999999987, needed: 10 },
    ];
    for (const [i, r] of expected.entries()) {
      const p = c.pairs[i];
      expect(p.meanDiff).toBeCloseTo(r.diff, 14);
      expect(Math.abs(p.ciLow - r.low)).toBeLessThan(1e-12);
      expect(Math.abs(p.ciHigh - r.high)).toBeLessThan(1e-12);
      expect(Math.abs(p.tTestP - r.p)).toBeLessThan(1e-12);
      expect(p.effectSize).toBeCloseTo(r.dz, 12);
      expect(p.seedsNeeded).toBe(r.needed);
    }
    // P(better) by hand: l2 wins every seed against both; l1 vs none 3 wins, 2 ties -> 0.8
    expect(c.pairs.map((p) => p.improvement)).toEqual([1, 1, 0.8]);
    expect(c.bootstrap).toEqual({ resamples: 10_000, seed: 0 });
  });

  it('names groups without a setting in the verdict and says what more seeds would do, word for word', () => {
    // Holm: 0.00327 x3 = 0.0098, 0.00373 x2 = 0.0075 -> 0.0098 (monotone), 0.089 x1
    expect(c.verdict).toBe(
      'l2 beats l1 on test accuracy by +5.5 points (95% CI +3.1..+8.0, p=0.010, 5 seeds) and none by +7.0 points (95% CI +3.8..+10.3, p=0.010, 5 seeds)',
    );
    const rows = mainRows.filter((r) => r.params.regularization !== 'l2');
    expect(compareTrials(sweep, rows).verdict).toBe(
      'no difference is significant at 0.05 (best: l1; vs none +1.5 points, 95% CI -0.4..+3.4, p=0.089: not significant with 5 seeds; a difference this size needs about 10)',
    );
  });

  it('rejects an unknown selection procedure, naming the flag', () => {
    expect(() => compareTrials(sweep, mainRows, { select: 'nested' as 'pooled' })).toThrow(
      new CompareError('unknown-select', '--select must be one of per-seed, pooled, got "nested"'),
    );
  });

  it('takes bare rows, as the library API: compareTrials(rows, options)', () => {
    const bare = compareTrials(mainRows, { metric: 'test_accuracy' });
    expect(bare.sweep).toEqual({ name: 'trials', version: 1, id: 0 });
    expect(bare.pairs).toEqual(c.pairs);
  });
});

describe('metric vs each tuned setting when every setting is drawn anew (a random or TPE search)', () => {
  // l2: four settings, no two with the same hidden and lambda except that two share hidden 4; l1: five settings,
  // two of which share hidden 6 (a coincidence: 2 of its 5 lambda values). 3 seeds each; validation decides.
  const row = (firstId: number, lambda: number, hidden: number, val: number, test: number) =>
    setting({ regularization: firstId >= 100 ? 'l1' : 'l2', lambda, hidden }, {
      validation_accuracy: [val, val + 0.01, val - 0.01], test_accuracy: [test, test + 0.02, test - 0.02], train_accuracy: fill(0.95, 3), zero_fraction: fill(0, 3),
    }, { firstId });
  const rows = [
    ...row(10, 0.001, 4, 0.8, 0.79), ...row(20, 0.01, 8, 0.9, 0.88), ...row(30, 0.1, 12, 0.85, 0.86), ...row(40, 0.03, 4, 0.7, 0.72),
    ...row(100, 0.002, 6, 0.91, 0.9), ...row(110, 0.02, 10, 0.8, 0.81), ...row(120, 0.2, 6, 0.6, 0.62), ...row(130, 0.005, 3, 0.75, 0.74), ...row(140, 0.05, 14, 0.83, 0.8),
  ];
  const c = compareTrials(sweep, rows, POOLED);

  it('plots every setting of each group against each tuned setting, the chosen one marked', () => {
    expect(c.tunedParams).toEqual(['lambda', 'hidden']);
    expect(c.everySetting).toEqual(['lambda', 'hidden']);
    const l2 = c.curve.filter((p) => p.group === 'l2' && p.param === 'lambda');
    // every l2 setting, not only the chosen one (lambda 0.01, hidden 8): a slice through it would hold it alone
    expect(l2.map((p) => [p.value, p.chosen]).sort()).toEqual([[0.001, false], [0.01, true], [0.03, false], [0.1, false]]);
    // each point is its own setting's mean over its 3 seeds: test (t + (t + 0.02) + (t - 0.02)) / 3 = t
    expect(l2.find((p) => p.value === 0.03)).toMatchObject({ mean: expect.closeTo(0.72, 12), selectionMean: expect.closeTo(0.7, 12), n: 3 });
    expect(c.curve.filter((p) => p.group === 'l1' && p.param === 'hidden').map((p) => p.value).sort((a, b) => Number(a) - Number(b))).toEqual([3, 6, 6, 10, 14]);
  });

  it('keeps the slice through the choice for a grid of the same two settings', () => {
    const grid = [0.001, 0.01].flatMap((lambda, i) => [4, 8].flatMap((hidden, j) => [
      ...setting({ regularization: 'l2', lambda, hidden }, { validation_accuracy: fill(0.8 + 0.01 * i + 0.02 * j, 3), test_accuracy: fill(0.8, 3) }, { firstId: 10 * (2 * i + j + 1) }),
      ...setting({ regularization: 'l1', lambda, hidden }, { validation_accuracy: fill(0.7 + 0.01 * i + 0.02 * j, 3), test_accuracy: fill(0.7, 3) }, { firstId: 100 + 10 * (2 * i + j + 1) }),
    ]));
    const g = compareTrials(sweep, grid, POOLED);
    expect(g.everySetting).toEqual([]);
    // chosen: lambda 0.01, hidden 8; the lambda curve holds the two lambdas at hidden 8
    expect(g.curve.filter((p) => p.group === 'l2' && p.param === 'lambda').map((p) => p.value)).toEqual([0.001, 0.01]);
  });

  it('says so in the terminal and markdown tables instead of a table of the chosen setting alone', () => {
    const text = 'lambda, hidden: no two settings differ in one of them alone (a random or TPE search), so no table varies one with the others at their chosen values; `regsweep report` and `regsweep ui` plot every setting against each.';
    expect(renderCompareTables(c, { width: 1000 })).toContain(text);
    expect(renderCompareTables(c, { width: 1000 })).not.toContain('vs hidden');
    expect(renderCompareMarkdown(c)).toContain(`\n${text}\n`);
    expect(renderCompareMarkdown(c)).not.toContain('vs lambda');
  });
});
