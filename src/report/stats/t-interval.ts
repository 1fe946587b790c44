import { mean, sampleSd } from './descriptive.ts';
import { studentTQuantile } from './distributions.ts';

/** A t-based confidence interval for a mean, with the pieces it was built from. */
export interface TInterval {
  /** Sample mean (the centre of the interval). */
  readonly mean: number;
  /** `mean - halfWidth`. */
  readonly low: number;
  /** `mean + halfWidth`. */
  readonly high: number;
  /** t_{(1+level)/2, n-1} · sd / √n. */
  readonly halfWidth: number;
  /** Sample size. */
  readonly n: number;
  /** Sample standard deviation (n - 1 denominator). */
  readonly sd: number;
}

/**
 * Two-sided Student t confidence interval for the mean of `values`, the same numbers as
 * `scipy.stats.t.interval(level, n - 1, loc=mean, scale=sd / sqrt(n))`.
 *
 * Degenerate samples never throw:
 * - n = 1: `sd` is NaN and the interval is unbounded, `halfWidth = Infinity`,
 *   `low = -Infinity`, `high = Infinity` (one run says nothing about the spread; scipy
 *   returns NaN bounds here). A table can print "±∞" and a plot can skip the bar.
 * - n = 0: every field except `n` is NaN.
 * - All values equal (n ≥ 2): `sd = 0` and `halfWidth = 0`.
 *
 * @throws RangeError when `level` is not strictly between 0 and 1.
 *
 * @example
 * const ci = tInterval([0.912, 0.909, 0.915, 0.910], 0.95);
 * `${ci.mean.toFixed(4)} ± ${ci.halfWidth.toFixed(4)}`; // "0.9115 ± 0.0042"
 */
export function tInterval(values: ArrayLike<number>, level = 0.95): TInterval {
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`Confidence level must be strictly between 0 and 1, got ${level}.`);
  }
  const n = values.length;
  const m = mean(values);
  const sd = sampleSd(values);
  let halfWidth: number;
  if (n === 0) halfWidth = Number.NaN;
  else if (n === 1) halfWidth = Number.POSITIVE_INFINITY;
  else halfWidth = sd === 0 ? 0 : studentTQuantile((1 + level) / 2, n - 1) * (sd / Math.sqrt(n));
  return { mean: m, low: m - halfWidth, high: m + halfWidth, halfWidth, n, sd };
}
