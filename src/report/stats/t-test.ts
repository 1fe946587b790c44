import { studentTTwoSidedP } from './distributions.ts';
import { pairedDifferences } from './paired-differences.ts';
import { tInterval } from './t-interval.ts';

/** Result of {@link pairedTTest}; every difference is `a - b`. */
export interface PairedTTestResult {
  /** Number of pairs. */
  readonly n: number;
  /** Mean of the differences a[i] - b[i]. */
  readonly meanDiff: number;
  /** Sample standard deviation of the differences (n - 1 denominator). */
  readonly sdDiff: number;
  /** t statistic, meanDiff / (sdDiff / √n). */
  readonly t: number;
  /** Degrees of freedom, n - 1 (0 when there are no pairs). */
  readonly df: number;
  /** Two-sided p-value. */
  readonly p: number;
  /** Lower bound of the confidence interval of the mean difference. */
  readonly ciLow: number;
  /** Upper bound of the confidence interval of the mean difference. */
  readonly ciHigh: number;
}

/**
 * Paired (dependent-samples) Student t-test of mean(a - b) = 0, two-sided, with a
 * confidence interval (95% unless `level` says otherwise) for the mean difference. Agrees
 * with `scipy.stats.ttest_rel(a, b)` and its `.confidence_interval()`.
 *
 * Degenerate inputs never throw, and differ from scipy where scipy has no useful answer:
 * - All differences equal (sdDiff = 0) and zero, e.g. identical runs: t = 0, p = 1 and the
 *   interval is [0, 0]. Nothing distinguishes a from b. (scipy: t = NaN, p = NaN.)
 * - All differences equal and non-zero: t = ±Infinity, p = 0, interval
 *   [meanDiff, meanDiff]. A perfectly consistent shift. (scipy agrees: t = ±inf, p = 0.)
 * - n = 1: t and p are NaN and the interval is (-Infinity, Infinity), as in
 *   {@link tInterval}. n = 0: everything NaN.
 *
 * @throws RangeError when a and b differ in length, or `level` is not in (0, 1).
 *
 * @example
 * const l2 = [0.912, 0.909, 0.915, 0.910];
 * const none = [0.905, 0.907, 0.910, 0.905];
 * const r = pairedTTest(l2, none);
 * r.meanDiff; // ≈ 0.00475, L2 ahead by about half a point
 * r.p < 0.05; // true
 */
export function pairedTTest(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  level = 0.95,
): PairedTTestResult {
  const d = pairedDifferences(a, b);
  const ci = tInterval(d, level);
  const { n, mean: meanDiff, sd: sdDiff } = ci;
  const df = Math.max(0, n - 1);
  let t: number;
  let p: number;
  if (n < 2) {
    t = Number.NaN;
    p = Number.NaN;
  } else if (sdDiff === 0) {
    t = meanDiff === 0 ? 0 : Math.sign(meanDiff) * Number.POSITIVE_INFINITY;
    p = meanDiff === 0 ? 1 : 0;
  } else {
    t = meanDiff / (sdDiff / Math.sqrt(n));
    p = studentTTwoSidedP(t, df);
  }
  return { n, meanDiff, sdDiff, t, df, p, ciLow: ci.low, ciHigh: ci.high };
}
