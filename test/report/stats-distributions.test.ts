import { describe, expect, it } from 'vitest';
import {
  normalCdf,
  normalTwoSidedP,
  studentTCdf,
  studentTQuantile,
  studentTTwoSidedP,
} from '../../src/report/stats/distributions.ts';

/** |actual - expected| ≤ rtol · |expected|, with both numbers in the failure message. */
function expectRel(actual: number, expected: number, rtol: number): void {
  const err = Math.abs(actual - expected) / Math.abs(expected);
  expect(err, `actual ${actual}, expected ${expected}`).toBeLessThanOrEqual(rtol);
}

// These checks date from jstat's t CDF (good to ~1e-7 relative) and are kept as they were; the t
// distribution is now computed from regsweep's own incomplete beta and checked to 1e-12 absolute on a
// wider grid in stats-incomplete-beta.test.ts.
const T_RTOL = 1e-7;

describe('Student t', () => {
  it('matches the textbook quantile t_{0.975, 9} = 2.262157 (table value, 6 decimals)', () => {
    // Any t table, df = 9, two-sided 0.05 column: 2.262 (to 6 decimals: 2.262157).
    // scipy: t.ppf(0.975, 9) = 2.262157162798205.
    // Tolerance: 5e-7 absolute, half a unit in the 6th decimal.
    expect(Math.abs(studentTQuantile(0.975, 9) - 2.262157)).toBeLessThan(5e-7);
  });

  // python3 -c "from scipy import stats; print([(p, df, repr(float(stats.t.ppf(p, df))))
  //   for df in (1, 4, 9, 29) for p in (0.9, 0.975, 0.995)])"   # scipy 1.17.1
  const quantiles: readonly [number, number, number][] = [
    [0.9, 1, 3.0776835371752544],
    [0.975, 1, 12.706204736174694],
    [0.995, 1, 63.656741162871526],
    [0.9, 4, 1.533206274058944],
    [0.975, 4, 2.7764451051977934],
    [0.995, 4, 4.604094871349992],
    [0.9, 9, 1.3830287383966329],
    [0.975, 9, 2.262157162798205],
    [0.995, 9, 3.249835541592126],
    [0.9, 29, 1.311433647301551],
    [0.975, 29, 2.045229642132703],
    [0.995, 29, 2.756385903670605],
  ];
  it.each(quantiles)('quantile(%d, df=%d) = scipy t.ppf, 1e-7 relative', (p, df, expected) => {
    expectRel(studentTQuantile(p, df), expected, T_RTOL);
    expectRel(studentTQuantile(1 - p, df), -expected, T_RTOL); // symmetry
  });

  // python3 -c "from scipy import stats; print([(x, df, repr(float(stats.t.cdf(-x, df))))
  //   for df in (1, 4, 9, 29) for x in (0.5, 2, 5)])"   # scipy 1.17.1
  const lowerTails: readonly [number, number, number][] = [
    [0.5, 1, 0.35241638234956674],
    [2, 1, 0.14758361765043326],
    [5, 1, 0.0628329581890012],
    [0.5, 4, 0.32166498159093165],
    [2, 4, 0.05805826175840778],
    [5, 4, 0.0037452169406372625],
    [0.5, 9, 0.31453564991301314],
    [2, 9, 0.038276411885350504],
    [5, 9, 0.0003694839549016213],
    [0.5, 29, 0.3104240420968906],
    [2, 29, 0.027471818591483586],
    [5, 29, 1.2683157867711645e-5],
  ];
  it.each(lowerTails)('cdf(-%d, df=%d) = scipy t.cdf, 1e-7 relative', (x, df, expected) => {
    expectRel(studentTCdf(-x, df), expected, T_RTOL);
    expectRel(studentTTwoSidedP(x, df), 2 * expected, T_RTOL);
    expectRel(studentTTwoSidedP(-x, df), 2 * expected, T_RTOL);
  });

  it('handles infinities and bad arguments without throwing (exact)', () => {
    expect(studentTCdf(Number.POSITIVE_INFINITY, 5)).toBe(1);
    expect(studentTCdf(Number.NEGATIVE_INFINITY, 5)).toBe(0);
    expect(studentTTwoSidedP(Number.POSITIVE_INFINITY, 5)).toBe(0);
    expect(studentTQuantile(0, 5)).toBe(Number.NEGATIVE_INFINITY);
    expect(studentTQuantile(1, 5)).toBe(Number.POSITIVE_INFINITY);
    expect(studentTQuantile(0.5, 5)).toBe(0);
    expect(studentTQuantile(1.5, 5)).toBeNaN();
    expect(studentTQuantile(0.975, 0)).toBeNaN();
    expect(studentTCdf(Number.NaN, 5)).toBeNaN();
    expect(studentTCdf(1, 0)).toBeNaN();
  });
});

describe('standard normal', () => {
  // python3 -c "from scipy import stats; print([(z, repr(float(stats.norm.cdf(z))))
  //   for z in (-4, -1.959963984540054, -0.5, 0, 1, 3)])"   # scipy 1.17.1
  const cdfs: readonly [number, number][] = [
    [-4, 3.167124183311986e-5],
    [-1.959963984540054, 0.025],
    [-0.5, 0.3085375387259869],
    [0, 0.5],
    [1, 0.8413447460685429],
    [3, 0.9986501019683699],
  ];
  it.each(cdfs)('cdf(%d) = scipy norm.cdf, 1e-12 relative', (z, expected) => {
    expectRel(normalCdf(z), expected, 1e-12);
  });

  // Far tails, where 1 - erf would have lost every digit: the same command for (-20, -10, -6, 0.5, 6).
  const tails: readonly [number, number][] = [
    [-20, 2.7536241186061556e-89],
    [-10, 7.61985302416047e-24],
    [-6, 9.865876450376946e-10],
    [0.5, 0.6914624612740131],
    [6, 0.9999999990134123],
  ];
  it.each(tails)('cdf(%d) = scipy norm.cdf in the far tails too, 1e-14 relative', (z, expected) => {
    expectRel(normalCdf(z), expected, 1e-14);
  });

  it('two-sided p of z = 1.959964 is 0.05 (1e-6 relative: z has 7 digits)', () => {
    expectRel(normalTwoSidedP(1.959964), 0.05, 1e-6);
    expectRel(normalTwoSidedP(-1.959964), 0.05, 1e-6);
  });

  it('handles infinities and NaN (exact)', () => {
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(normalCdf(Number.NaN)).toBeNaN();
    expect(normalTwoSidedP(0)).toBe(1);
  });
});
