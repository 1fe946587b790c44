import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { studentTCdf, studentTQuantile, studentTTwoSidedP } from '../../src/report/stats/distributions.ts';
import { logGamma, regularizedIncompleteBeta } from '../../src/report/stats/incomplete-beta.ts';

// Expected values: test/report/scipy/t-distribution.py (scipy.special.betainc, gammaln, scipy.stats.t), in the
// .json beside it.
const ref = JSON.parse(readFileSync(new URL('./scipy/t-distribution.json', import.meta.url), 'utf8')) as {
  tCdf: [number, number, number, number][]; tPpf: [number, number, number][];
  betainc: [number, number, number, number][]; logGamma: [number, number][];
};

/** Relative error within rtol; a value that underflows to 0 in scipy must be below the smallest normal double. */
function expectRel(actual: number, expected: number, rtol: number): void {
  if (expected === 0) {
    expect(Math.abs(actual)).toBeLessThan(2.3e-308);
    return;
  }
  const err = Math.abs(actual - expected) / Math.abs(expected);
  expect(err, `actual ${actual}, expected ${expected}`).toBeLessThanOrEqual(rtol);
}

describe('regularized incomplete beta', () => {
  it('is 11/16 at x = 1/2, a = 2, b = 3 (by hand: I = Σ_{j=2}^{4} C(4, j) / 16)', () => {
    expect(regularizedIncompleteBeta(0.5, 2, 3)).toBeCloseTo(11 / 16, 15);
  });

  it.each(ref.betainc)('I_%d(%d, %d) = scipy betainc to 1e-12 relative', (x, a, b, expected) => {
    // measured: worst 8e-13 (a = 1e4, where ln B(a, b) is ~1e5 and its last bit is 1e-11 of the answer); else < 3e-14
    expectRel(regularizedIncompleteBeta(x, a, b), expected, a >= 500 ? 1e-12 : 5e-14);
  });

  it.each(ref.logGamma)('ln Γ(%d) = scipy gammaln to 2e-15 relative (absolute at the zeros 1 and 2)', (x, expected) => {
    if (expected === 0) expect(Math.abs(logGamma(x))).toBeLessThan(1e-15);
    else expectRel(logGamma(x), expected, 2e-15);
  });

  it('gives NaN outside its domain, and the ends exactly', () => {
    expect([regularizedIncompleteBeta(0, 2, 3), regularizedIncompleteBeta(1, 2, 3)]).toEqual([0, 1]);
    expect([regularizedIncompleteBeta(-0.1, 2, 3), regularizedIncompleteBeta(0.5, 0, 3), regularizedIncompleteBeta(Number.NaN, 2, 3)]).toEqual([Number.NaN, Number.NaN, Number.NaN]);
  });
});

describe('Student t from the incomplete beta', () => {
  it.each(ref.tCdf)('cdf(±%d, df=%d) = scipy t.cdf / t.sf to 1e-12 absolute', (x, df, lower, upper) => {
    // measured: worst 3.6e-13 absolute; p-values are 2 · cdf(-|t|), so within 1e-9 with room to spare
    expect(Math.abs(studentTCdf(-x, df) - lower)).toBeLessThan(1e-12);
    expect(Math.abs(studentTCdf(x, df) - upper)).toBeLessThan(1e-12);
    expect(Math.abs(studentTTwoSidedP(x, df) - Math.min(1, 2 * lower))).toBeLessThan(2e-12);
  });

  it.each(ref.tPpf)('quantile(%d, df=%d) = scipy t.ppf to 1e-11 relative', (p, df, expected) => {
    // measured: worst 1.8e-12 (df 999 and 20000, where ln B(df/2, 1/2) is large); 2e-14 or better for df ≤ 99
    expectRel(studentTQuantile(p, df), expected, 1e-11);
  });

  it('is the Cauchy distribution at df = 1: cdf(x) = 1/2 + atan(x)/π (by hand)', () => {
    for (const x of [1e-8, 0.3, 1, 7]) expect(studentTCdf(x, 1)).toBeCloseTo(0.5 + Math.atan(x) / Math.PI, 15);
  });
});
