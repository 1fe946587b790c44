import { describe, expect, it } from 'vitest';
import { pairedTTest } from '../../src/report/stats/t-test.ts';

/** |actual - expected| ≤ rtol · |expected|, with both numbers in the failure message. */
function expectRel(actual: number, expected: number, rtol: number): void {
  const err = Math.abs(actual - expected) / Math.abs(expected);
  expect(err, `actual ${actual}, expected ${expected}`).toBeLessThanOrEqual(rtol);
}

// Paired results of one sweep: the same 10 seeds trained with L2, L1 and no regularization.
const l2 = [0.9123, 0.9087, 0.915, 0.9102, 0.9131, 0.9076, 0.9144, 0.9118, 0.9095, 0.9139];
const none = [0.9051, 0.9068, 0.9097, 0.9049, 0.911, 0.9072, 0.9081, 0.9093, 0.906, 0.9088];
const l1 = [0.9012, 0.904, 0.9071, 0.9003, 0.9058, 0.9035, 0.9049, 0.9067, 0.9021, 0.9044];
// Test losses of L1 and no regularization on 8 seeds: no real difference.
const l1Loss = [0.3121, 0.2987, 0.3054, 0.321, 0.2943, 0.3098, 0.3012, 0.3166];
const noneLoss = [0.3087, 0.3025, 0.3101, 0.3144, 0.299, 0.3062, 0.3049, 0.312];

// Reference values (scipy 1.17.1, numpy):
// import numpy as np; from scipy import stats
// for a, b in [(l2, none), (l1, l2), (l1Loss, noneLoss)]:       # the arrays above
//     r = stats.ttest_rel(a, b); ci = r.confidence_interval(); d = np.subtract(a, b)
//     print(repr(float(d.mean())), repr(float(d.std(ddof=1))), repr(float(r.statistic)),
//           int(r.df), repr(float(r.pvalue)), repr(float(ci.low)), repr(float(ci.high)))
//
// Tolerances: meanDiff, sdDiff and t are plain arithmetic, but the differences cancel
// (the loss mean is 1.6e-4 from values near 0.3), so 1e-10 relative. p and the CI bounds go
// through jstat's t CDF / quantile, good to ~1e-7 relative (see stats-distributions), so
// 1e-7 relative.
const cases = [
  {
    name: 'L2 vs none, 10 seeds, L2 clearly ahead',
    a: l2,
    b: none,
    meanDiff: 0.003959999999999986,
    sdDiff: 0.0022006059771496407,
    t: 5.690532364402099,
    df: 9,
    p: 0.00029786035451453627,
    ciLow: 0.0023857813169256676,
    ciHigh: 0.005534218683074304,
  },
  {
    name: 'L1 vs L2, 10 seeds, negative difference',
    a: l1,
    b: l2,
    meanDiff: -0.007650000000000001,
    sdDiff: 0.0024005786339501138,
    t: -10.077330422824561,
    df: 9,
    p: 3.3558812533744055e-6,
    ciLow: -0.00936727050412184,
    ciHigh: -0.0059327294958781635,
  },
  {
    name: 'L1 vs none test loss, 8 seeds, no difference',
    a: l1Loss,
    b: noneLoss,
    meanDiff: 0.00016250000000000986,
    sdDiff: 0.0048008741763498385,
    t: 0.09573660772770719,
    df: 7,
    p: 0.926412889983856,
    ciLow: -0.0038511312535402624,
    ciHigh: 0.004176131253540282,
  },
];

describe('pairedTTest', () => {
  it.each(cases)('matches scipy ttest_rel: $name', (c) => {
    const r = pairedTTest(c.a, c.b);
    expect(r.n).toBe(c.a.length);
    expect(r.df).toBe(c.df);
    expectRel(r.meanDiff, c.meanDiff, 1e-10);
    expectRel(r.sdDiff, c.sdDiff, 1e-10);
    expectRel(r.t, c.t, 1e-10);
    expectRel(r.p, c.p, 1e-7);
    expectRel(r.ciLow, c.ciLow, 1e-7);
    expectRel(r.ciHigh, c.ciHigh, 1e-7);
  });

  it('is antisymmetric: swapping a and b flips t and the interval, keeps p (exact)', () => {
    const ab = pairedTTest(l2, none);
    const ba = pairedTTest(none, l2);
    expect(ba.t).toBe(-ab.t);
    expect(ba.p).toBe(ab.p);
    expect(ba.ciLow).toBe(-ab.ciHigh);
    expect(ba.ciHigh).toBe(-ab.ciLow);
  });

  it('gives p = 1, t = 0 for identical runs (scipy: NaN, NaN)', () => {
    // python: stats.ttest_rel([1, 2, 3], [1, 2, 3]) -> statistic=nan, pvalue=nan
    expect(pairedTTest(l2, l2)).toEqual({
      n: 10,
      meanDiff: 0,
      sdDiff: 0,
      t: 0,
      df: 9,
      p: 1,
      ciLow: 0,
      ciHigh: 0,
    });
  });

  it('gives p = 0, t = ±Infinity for a constant non-zero shift, as scipy does', () => {
    // python: stats.ttest_rel([1, 2, 3], [0, 1, 2]) -> statistic=inf, pvalue=0.0
    const up = pairedTTest([1, 2, 3], [0, 1, 2]);
    expect(up).toMatchObject({
      meanDiff: 1,
      sdDiff: 0,
      t: Number.POSITIVE_INFINITY,
      p: 0,
      ciLow: 1,
      ciHigh: 1,
    });
    const down = pairedTTest([0, 1, 2], [1, 2, 3]);
    expect(down).toMatchObject({ t: Number.NEGATIVE_INFINITY, p: 0 });
  });

  it('does not throw on one pair: NaN t and p, unbounded interval', () => {
    const r = pairedTTest([0.91], [0.9]);
    expect(r.n).toBe(1);
    expect(r.df).toBe(0);
    expect(r.t).toBeNaN();
    expect(r.p).toBeNaN();
    expect(r.ciLow).toBe(Number.NEGATIVE_INFINITY);
    expect(r.ciHigh).toBe(Number.POSITIVE_INFINITY);
  });

  it('rejects samples of different lengths', () => {
    expect(() => pairedTTest([1, 2, 3], [1, 2])).toThrow(/same length, got 3 and 2/);
  });

  it('gives the doc example', () => {
    const r = pairedTTest([0.912, 0.909, 0.915, 0.91], [0.905, 0.907, 0.91, 0.905]);
    expect(r.meanDiff).toBeCloseTo(0.00475, 12);
    expect(r.p).toBeLessThan(0.05);
  });
});
