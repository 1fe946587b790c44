import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageRanks } from '../../src/report/stats/ranks.ts';
import { signedRankNullCounts, signedRankTwoSidedP } from '../../src/report/stats/signed-rank-distribution.ts';
import { wilcoxonSignedRank, type WilcoxonMethod } from '../../src/report/stats/wilcoxon.ts';

/** |actual - expected| ≤ rtol · |expected|, with both numbers in the failure message. */
function expectRel(actual: number, expected: number, rtol: number): void {
  const err = Math.abs(actual - expected) / Math.abs(expected);
  expect(err, `actual ${actual}, expected ${expected}`).toBeLessThanOrEqual(rtol);
}

// Test accuracies over seeds for a few pairs of regularizers, and misclassified test images
// (out of 10 000) per seed, which tie often because they are integers.
const l2 = [0.9123, 0.9087, 0.915, 0.9102, 0.9131, 0.9076, 0.9144, 0.9118, 0.9095, 0.9139];
const none = [0.9051, 0.9068, 0.9097, 0.9049, 0.911, 0.9072, 0.9081, 0.9093, 0.906, 0.9088];
const b1 = [0.9101, 0.9109, 0.9112, 0.9146, 0.9097, 0.909, 0.9128, 0.9133, 0.9071, 0.9127];
const b2 = [0.9101, 0.9109, 0.9112, 0.914, 0.9097, 0.909, 0.9125, 0.9133, 0.9071, 0.912];
const a20 = [
  0.9123, 0.9087, 0.915, 0.9102, 0.9131, 0.9076, 0.9144, 0.9118, 0.9095, 0.9139, 0.9108, 0.9127,
  0.9083, 0.9156, 0.9111, 0.9092, 0.9135, 0.9099, 0.9148, 0.9115,
];
const b20 = [
  0.9101, 0.911, 0.9112, 0.9146, 0.9097, 0.909, 0.9128, 0.9133, 0.9071, 0.9127, 0.906, 0.9098,
  0.9079, 0.9119, 0.9091, 0.9105, 0.9088, 0.9066, 0.9113, 0.9098,
];
const errL1 = [412, 398, 405, 420, 391, 407, 399, 415, 402, 410, 396, 418, 404, 401, 409, 393, 411, 400, 406, 413];
const errNone = [405, 401, 398, 409, 395, 401, 392, 409, 398, 402, 393, 411, 399, 404, 403, 391, 404, 396, 401, 408];
const errL2 = [405, 398, 398, 409, 391, 401, 392, 415, 398, 402, 396, 411, 399, 401, 403, 393, 404, 396, 406, 408];
// 60 pairs from exact rational formulas, so numpy and JS produce bit-identical inputs.
const range60 = Array.from({ length: 60 }, (_, i) => i);
const a60 = range60.map((i) => ((i * 37) % 101) / 100); // with one zero difference and ties
const b60 = range60.map((i) => ((i * 53) % 97) / 100);
const a60NoTies = range60.map((i) => (((i + 1) * 37) % 101) / 101);
const b60NoTies = range60.map((i) => (((i + 1) * 53) % 97) / 97);

// Reference values (scipy 1.17.1). With the arrays above, `i = np.arange(60)`,
// a60 = (i * 37 % 101) / 100, b60 = (i * 53 % 97) / 100,
// a60NoTies = ((i + 1) * 37 % 101) / 101, b60NoTies = ((i + 1) * 53 % 97) / 97:
//
//   for a, b in cases:
//       r = stats.wilcoxon(a, b)  # defaults: zero_method='wilcox', correction=False, method='auto'
//       d = np.subtract(a, b)
//       print(int((d == 0).sum()), repr(float(r.statistic)), repr(float(r.pvalue)))
//
// scipy does not report which method 'auto' picked; each case was confirmed by rerunning
// with it explicitly (method='exact', method=stats.PermutationMethod() or
// method='asymptotic') and getting the identical p-value.
//
// Tolerances: 'exact' and 'permutation' p-values are k / 2^n, exactly representable, and
// both scipy and regsweep compute them without rounding, so they must be equal (toBe).
// Statistics are sums of half-integers: equal. 'normal' p-values go through the normal
// CDF of distributions.ts (~1e-15 relative here): 1e-9 relative.
interface Case {
  readonly name: string;
  readonly a: readonly number[];
  readonly b: readonly number[];
  readonly nZero: number;
  readonly statistic: number;
  readonly p: number;
  readonly method: WilcoxonMethod;
}
const cases: readonly Case[] = [
  // no ties, no zeros, n <= 50: exact distribution
  { name: 'n=10, mixed signs', a: l2, b: b1, nZero: 0, statistic: 21, p: 0.556640625, method: 'exact' },
  // 0.9150 - 0.9097 and 0.9102 - 0.9049 are both "0.0053" in decimal, but not in float64
  { name: 'n=10, L2 wins every seed', a: l2, b: none, nZero: 0, statistic: 0, p: 0.001953125, method: 'exact' },
  { name: 'n=20', a: a20, b: b20, nZero: 0, statistic: 40, p: 0.013616561889648438, method: 'exact' },
  {
    name: 'n=5, smallest possible p',
    a: [0.912, 0.909, 0.915, 0.91, 0.913],
    b: [0.905, 0.908, 0.911, 0.904, 0.91],
    nZero: 0,
    statistic: 0,
    p: 0.0625,
    method: 'exact',
  },
  { name: 'n=5, mixed (p capped at 1)', a: l2.slice(0, 5), b: b1.slice(0, 5), nZero: 0, statistic: 7, p: 1, method: 'exact' },
  // ties or zeros, n <= 13: all 2^n sign flips
  { name: 'n=10 with float-equal ties', a: l2, b: b2, nZero: 0, statistic: 18.5, p: 0.390625, method: 'permutation' },
  {
    name: 'n=5 with ties',
    a: [0.912, 0.909, 0.915, 0.91, 0.913],
    b: [0.905, 0.907, 0.91, 0.905, 0.911],
    nZero: 0,
    statistic: 0,
    p: 0.0625,
    method: 'permutation',
  },
  {
    name: 'n=9 with 3 zero differences',
    a: [412, 398, 405, 420, 391, 407, 399, 415, 402],
    b: [405, 398, 398, 409, 391, 401, 392, 409, 402],
    nZero: 3,
    statistic: 0,
    p: 0.03125,
    method: 'permutation',
  },
  {
    name: 'n=13 with ties (largest permutation case)',
    a: errL1.slice(0, 13),
    b: errNone.slice(0, 13),
    nZero: 0,
    statistic: 5,
    p: 0.002685546875,
    method: 'permutation',
  },
  // ties or zeros, 13 < n <= 50, or any n > 50: normal approximation
  {
    name: 'n=14 with ties (smallest normal case)',
    a: errL1.slice(0, 14),
    b: errNone.slice(0, 14),
    nZero: 0,
    statistic: 8.5,
    p: 0.005552243378806621,
    method: 'normal',
  },
  { name: 'n=20 with ties', a: errL1, b: errNone, nZero: 0, statistic: 12, p: 0.0004960555338379609, method: 'normal' },
  { name: 'n=20 with 13 zeros', a: errL2, b: errNone, nZero: 13, statistic: 11, p: 0.6095233803508289, method: 'normal' },
  { name: 'n=60 with ties and a zero', a: a60, b: b60, nZero: 1, statistic: 779.5, p: 0.42584608008595637, method: 'normal' },
  { name: 'n=60 without ties', a: a60NoTies, b: b60NoTies, nZero: 0, statistic: 847, p: 0.6166604026909046, method: 'normal' },
];

describe('wilcoxonSignedRank', () => {
  it.each(cases)('matches scipy.stats.wilcoxon: $name ($method)', (c) => {
    const r = wilcoxonSignedRank(c.a, c.b);
    expect(r.method).toBe(c.method);
    expect(r.nZero).toBe(c.nZero);
    expect(r.n).toBe(c.a.length - c.nZero);
    expect(r.statistic).toBe(c.statistic);
    expect(r.rPlus + r.rMinus).toBe((r.n * (r.n + 1)) / 2);
    if (c.method === 'normal') expectRel(r.p, c.p, 1e-9);
    else expect(r.p).toBe(c.p);
  });

  it('gives p = 1 when every difference is zero (scipy: p = 1.0 here)', () => {
    // python: stats.wilcoxon([1, 2, 3, 4, 5], [1, 2, 3, 4, 5]) -> statistic=0.0, pvalue=1.0
    expect(wilcoxonSignedRank([1, 2, 3, 4, 5], [1, 2, 3, 4, 5])).toEqual({
      n: 0,
      nZero: 5,
      rPlus: 0,
      rMinus: 0,
      statistic: 0,
      p: 1,
      method: 'permutation',
    });
  });

  it('gives NaN for no pairs and rejects unequal lengths', () => {
    const r = wilcoxonSignedRank([], []);
    expect(r.statistic).toBeNaN();
    expect(r.p).toBeNaN();
    expect(() => wilcoxonSignedRank([1, 2], [1])).toThrow(RangeError);
  });

  it('does not depend on which sample comes first (property, exact)', () => {
    const sample = fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(sample, sample, (x, y) => {
        const n = Math.min(x.length, y.length);
        const ab = wilcoxonSignedRank(x.slice(0, n), y.slice(0, n));
        const ba = wilcoxonSignedRank(y.slice(0, n), x.slice(0, n));
        expect(ba.statistic).toBe(ab.statistic);
        expect(ba.p).toBe(ab.p);
        expect(ba.rPlus).toBe(ab.rMinus);
        expect(ab.p).toBeGreaterThan(0);
        expect(ab.p).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('applies a continuity correction on request, as scipy correction=True does', () => {
    // python: stats.wilcoxon(a, b, correction=True).pvalue for the arrays above
    // -> 0.0005319054217995112, 0.6703787406647557, 0.6192537868972918, 0.03125
    // Tolerance: 1e-9 relative for normal p-values; the permutation p is unaffected (toBe).
    const correction = { correction: true };
    expectRel(wilcoxonSignedRank(errL1, errNone, correction).p, 0.0005319054217995112, 1e-9);
    expectRel(wilcoxonSignedRank(errL2, errNone, correction).p, 0.6703787406647557, 1e-9);
    expectRel(wilcoxonSignedRank(a60NoTies, b60NoTies, correction).p, 0.6192537868972918, 1e-9);
    const zeros9 = wilcoxonSignedRank(
      [412, 398, 405, 420, 391, 407, 399, 415, 402],
      [405, 398, 398, 409, 391, 401, 392, 409, 402],
      correction,
    );
    expect(zeros9.p).toBe(0.03125);
  });

  it('gives the doc example', () => {
    const r = wilcoxonSignedRank([0.912, 0.909, 0.915, 0.91, 0.913], [0.905, 0.908, 0.911, 0.904, 0.91]);
    expect([r.statistic, r.p, r.method]).toEqual([0, 0.0625, 'exact']);
  });
});

describe('signed-rank null distribution', () => {
  /** Independent check: walk all 2^m sign patterns. */
  function bruteForceCounts(doubledRanks: readonly number[]): number[] {
    const total = doubledRanks.reduce((s, r) => s + r, 0);
    const counts = new Array<number>(total + 1).fill(0);
    for (let mask = 0; mask < 2 ** doubledRanks.length; mask++) {
      let s = 0;
      doubledRanks.forEach((r, i) => {
        if (mask & (1 << i)) s += r;
      });
      counts[s]! += 1;
    }
    return counts;
  }

  it.each([
    ['ranks 1..10', [2, 4, 6, 8, 10, 12, 14, 16, 18, 20]],
    ['ranks with ties 1.5, 1.5, 3, 5, 5, 5, 7', [3, 3, 6, 10, 10, 10, 14]],
    ['a single rank', [2]],
  ])('matches brute-force enumeration: %s (exact)', (_, doubledRanks) => {
    expect(Array.from(signedRankNullCounts(doubledRanks))).toEqual(bruteForceCounts(doubledRanks));
  });

  it('gives the textbook exact p for W+ = 0 and W+ = max with n = 10: 2 / 1024 (exact)', () => {
    const r2 = Array.from({ length: 10 }, (_, i) => 2 * (i + 1));
    expect(signedRankTwoSidedP(r2, 0)).toBe(2 / 1024);
    expect(signedRankTwoSidedP(r2, 110)).toBe(2 / 1024);
  });

  it('rejects ranks that are not non-negative integers once doubled', () => {
    expect(() => signedRankNullCounts([1.5])).toThrow(RangeError);
  });
});

describe('averageRanks', () => {
  it('averages ties like scipy.stats.rankdata (exact)', () => {
    // python: stats.rankdata([0.3, 0.1, 0.3, 0.2, 0.3, 0.1]) -> [5., 1.5, 5., 3., 5., 1.5]
    const { ranks, tieSizes } = averageRanks([0.3, 0.1, 0.3, 0.2, 0.3, 0.1]);
    expect(Array.from(ranks)).toEqual([5, 1.5, 5, 3, 5, 1.5]);
    expect(tieSizes).toEqual([2, 3]);
  });

  it('handles empty input', () => {
    expect(averageRanks([])).toEqual({ ranks: new Float64Array(0), tieSizes: [] });
  });
});
