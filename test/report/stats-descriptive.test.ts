import { describe, expect, it } from 'vitest';
import { mean, sampleSd } from '../../src/report/stats/descriptive.ts';

/** |actual - expected| ≤ rtol · |expected|, with both numbers in the failure message. */
function expectRel(actual: number, expected: number, rtol: number): void {
  const err = Math.abs(actual - expected) / Math.abs(expected);
  expect(err, `actual ${actual}, expected ${expected}`).toBeLessThanOrEqual(rtol);
}

// Test accuracy of the L2 runs over 10 seeds.
const l2 = [0.9123, 0.9087, 0.915, 0.9102, 0.9131, 0.9076, 0.9144, 0.9118, 0.9095, 0.9139];

describe('mean and sampleSd', () => {
  it('match numpy on 10 accuracies (1e-12 relative: summation order differs from numpy)', () => {
    // python3 -c "import numpy as np; x = np.array([0.9123, 0.9087, 0.9150, 0.9102, 0.9131,
    //   0.9076, 0.9144, 0.9118, 0.9095, 0.9139]); print(repr(x.mean()), repr(x.std(ddof=1)))"
    // -> 0.9116500000000001 0.0025435102603379787
    expectRel(mean(l2), 0.9116500000000001, 1e-12);
    expectRel(sampleSd(l2), 0.0025435102603379787, 1e-12);
  });

  it('uses the n - 1 denominator (sqrt(5/3) for 1..4, 1e-15 relative)', () => {
    // sum of squared deviations from 2.5 is 5, divided by n - 1 = 3.
    expectRel(sampleSd([1, 2, 3, 4]), Math.sqrt(5 / 3), 1e-15);
    expectRel(sampleSd(new Float64Array([1, 2, 3, 4])), Math.sqrt(5 / 3), 1e-15);
  });

  it('gives NaN instead of throwing on too-small samples, 0 for a constant one', () => {
    expect(mean([])).toBeNaN();
    expect(sampleSd([])).toBeNaN();
    expect(sampleSd([0.9])).toBeNaN();
    expect(mean([0.9])).toBe(0.9);
    expect(sampleSd([0.9, 0.9, 0.9])).toBe(0);
  });
});
