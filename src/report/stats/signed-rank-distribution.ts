/**
 * The exact null distribution of the Wilcoxon signed-rank statistic, by dynamic programming
 * over rank sums. Under the null hypothesis each of the m non-zero differences is equally
 * likely to be positive or negative, so each rank r_i independently lands in W+ or not: all
 * 2^m sign patterns are equally likely.
 *
 * Ranks are passed doubled so that average ranks of ties (multiples of 0.5) become integers
 * and the distribution can live in an array indexed by 2·W+. Without ties this is scipy's
 * `_get_wilcoxon_distr`; with ties it is the full sign-flip permutation distribution that
 * `scipy.stats.wilcoxon` enumerates when n ≤ 13.
 */

/**
 * counts[s] = number of the 2^m sign patterns whose positive ranks sum to s / 2. Counts are
 * integers below 2^m and so exact in a double for m ≤ 53.
 *
 * @param doubledRanks 2 · rank of each non-zero difference (non-negative integers).
 *
 * @example
 * signedRankNullCounts([2, 4, 6]); // ranks 1, 2, 3
 * // Float64Array [1, 0, 1, 0, 1, 0, 2, 0, 1, 0, 1, 0, 1]: W+ = 3 two ways (3, or 1 + 2)
 */
export function signedRankNullCounts(doubledRanks: ArrayLike<number>): Float64Array {
  const m = doubledRanks.length;
  let maxSum = 0;
  for (let i = 0; i < m; i++) {
    const r2 = doubledRanks[i];
    if (!Number.isInteger(r2) || r2 < 0) {
      throw new RangeError(`Doubled ranks must be non-negative integers, got ${r2}.`);
    }
    maxSum += r2;
  }
  const counts = new Float64Array(maxSum + 1); // (maxSum + 1,), index = 2·W+
  counts[0] = 1;
  let reach = 0; // largest sum reachable so far
  for (let i = 0; i < m; i++) {
    const r2 = doubledRanks[i];
    // add rank i to W+ or not; walk down so each pattern is extended once
    for (let s = reach; s >= 0; s--) counts[s + r2] += counts[s];
    reach += r2;
  }
  return counts;
}

/**
 * Two-sided p-value of an observed W+ under {@link signedRankNullCounts}:
 * 2 · min(P(W+ ≤ observed), P(W+ ≥ observed)), capped at 1, the way scipy's exact and
 * permutation methods compute it.
 *
 * @param doubledRanks 2 · rank of each non-zero difference.
 * @param doubledObserved 2 · the observed W+ (an integer).
 *
 * @example
 * signedRankTwoSidedP([2, 4, 6, 8, 10], 0); // 0.0625: all five differences negative
 */
export function signedRankTwoSidedP(
  doubledRanks: ArrayLike<number>,
  doubledObserved: number,
): number {
  const counts = signedRankNullCounts(doubledRanks);
  let atMost = 0;
  let atLeast = 0;
  for (let s = 0; s < counts.length; s++) {
    if (s <= doubledObserved) atMost += counts[s];
    if (s >= doubledObserved) atLeast += counts[s];
  }
  const total = 2 ** doubledRanks.length;
  return Math.min(1, (2 * Math.min(atMost, atLeast)) / total);
}
