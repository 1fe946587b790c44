import { describe, expect, it } from 'vitest';
import { tInterval } from '../../src/report/stats/t-interval.ts';

/** |actual - expected| ≤ rtol · |expected|, with both numbers in the failure message. */
function expectRel(actual: number, expected: number, rtol: number): void {
  const err = Math.abs(actual - expected) / Math.abs(expected);
  expect(err, `actual ${actual}, expected ${expected}`).toBeLessThanOrEqual(rtol);
}

// Test accuracy of the L2 runs over 10 seeds.
const l2 = [0.9123, 0.9087, 0.915, 0.9102, 0.9131, 0.9076, 0.9144, 0.9118, 0.9095, 0.9139];

// Reference values (scipy 1.17.1):
// import numpy as np; from scipy import stats
// x = np.array([0.9123, 0.9087, 0.9150, 0.9102, 0.9131, 0.9076, 0.9144, 0.9118, 0.9095, 0.9139])
// for lvl in (0.95, 0.99):
//     ci = stats.t.interval(lvl, len(x) - 1, loc=x.mean(), scale=stats.sem(x))
//     print([repr(float(v)) for v in ci])
// y = np.array([0.9123, 0.9087])
// print([repr(float(v)) for v in stats.t.interval(0.95, 1, loc=y.mean(), scale=stats.sem(y))])
//
// Tolerances: the bounds are mean ± (t quantile from jstat, ~1e-7 relative) · se, and the
// half-width is ~0.2% of the mean, so bounds agree to ~1e-10 relative; checked at 1e-9.
// Half-widths themselves inherit the quantile's error: checked at 1e-7.
describe('tInterval', () => {
  it('matches scipy t.interval at 95% on 10 seeds', () => {
    const ci = tInterval(l2);
    expect(ci.n).toBe(10);
    expectRel(ci.mean, 0.9116500000000001, 1e-12);
    expectRel(ci.sd, 0.0025435102603379787, 1e-12);
    expectRel(ci.low, 0.9098304823698601, 1e-9);
    expectRel(ci.high, 0.9134695176301401, 1e-9);
    expectRel(ci.halfWidth, (0.9134695176301401 - 0.9098304823698601) / 2, 1e-7);
  });

  it('matches scipy t.interval at 99% on 10 seeds', () => {
    const ci = tInterval(l2, 0.99);
    expectRel(ci.low, 0.909036064434326, 1e-9);
    expectRel(ci.high, 0.9142639355656741, 1e-9);
  });

  it('matches scipy for n = 2 (df = 1, the widest finite case)', () => {
    const ci = tInterval([0.9123, 0.9087]);
    expectRel(ci.low, 0.8876288314748852, 1e-9);
    expectRel(ci.high, 0.9333711685251147, 1e-9);
  });

  it('is unbounded, not NaN, for a single run (scipy gives NaN bounds)', () => {
    const ci = tInterval([0.91]);
    expect(ci).toEqual({
      mean: 0.91,
      low: Number.NEGATIVE_INFINITY,
      high: Number.POSITIVE_INFINITY,
      halfWidth: Number.POSITIVE_INFINITY,
      n: 1,
      sd: Number.NaN,
    });
  });

  it('is NaN for no runs and zero-width for identical runs', () => {
    const empty = tInterval([]);
    expect(empty.n).toBe(0);
    const nanFields = [empty.mean, empty.low, empty.high, empty.halfWidth, empty.sd];
    expect(nanFields.every(Number.isNaN)).toBe(true);
    expect(tInterval([0.9, 0.9, 0.9])).toEqual({
      mean: 0.9,
      low: 0.9,
      high: 0.9,
      halfWidth: 0,
      n: 3,
      sd: 0,
    });
  });

  it('rejects a level outside (0, 1)', () => {
    expect(() => tInterval(l2, 95)).toThrow(RangeError);
    expect(() => tInterval(l2, 0)).toThrow(/strictly between 0 and 1/);
  });

  it('gives the doc example', () => {
    const ci = tInterval([0.912, 0.909, 0.915, 0.91], 0.95);
    expect(`${ci.mean.toFixed(4)} ± ${ci.halfWidth.toFixed(4)}`).toBe('0.9115 ± 0.0042');
  });
});
