/**
 * The Student t and standard normal distributions, the only place in regsweep that touches
 * jstat. Everything else in `src/report/stats` calls these wrappers.
 *
 * Accuracy (measured against scipy 1.17.1, see `test/report/stats-distributions.test.ts`):
 * jstat evaluates the t CDF through an incomplete-beta continued fraction that stops once a
 * step changes the result by less than 3e-7, so t CDFs and quantiles are good to roughly
 * 1e-7 relative (typically far better). The normal CDF is `(1 + erf(x/√2)) / 2`, good to
 * ~1e-14 relative for |x| ≤ 4, but a lower tail below ~1e-12 is only right in absolute terms
 * (error ~1e-16). Both are far finer than the 2-3 digits a p-value is reported with.
 */
import jStat from 'jstat';

/**
 * P(T ≤ x) for Student's t with `df` degrees of freedom. Handles x = ±Infinity (jstat alone
 * returns NaN there); NaN in, NaN out.
 *
 * @example
 * studentTCdf(2.262157, 9); // ≈ 0.975
 */
export function studentTCdf(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return 1;
  if (x === Number.NEGATIVE_INFINITY) return 0;
  return jStat.studentt.cdf(x, df);
}

/**
 * The p-quantile of Student's t with `df` degrees of freedom (the inverse of
 * {@link studentTCdf}). p = 0 and p = 1 give -Infinity and +Infinity; p outside [0, 1],
 * NaN p or df ≤ 0 give NaN.
 *
 * @example
 * studentTQuantile(0.975, 9); // ≈ 2.262157 (the textbook t_{0.975, 9})
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1) || !(df > 0)) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  return jStat.studentt.inv(p, df);
}

/**
 * Two-sided p-value of a t statistic: P(|T| ≥ |t|) = 2 · P(T ≤ -|t|), as
 * `scipy.stats.ttest_rel` reports it. t = ±Infinity gives 0; NaN gives NaN.
 *
 * @example
 * studentTTwoSidedP(2.262157, 9); // ≈ 0.05
 */
export function studentTTwoSidedP(t: number, df: number): number {
  return Math.min(1, 2 * studentTCdf(-Math.abs(t), df));
}

/**
 * P(Z ≤ z) for the standard normal distribution.
 *
 * @example
 * normalCdf(1.959964); // ≈ 0.975
 */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (z === Number.POSITIVE_INFINITY) return 1;
  if (z === Number.NEGATIVE_INFINITY) return 0;
  return jStat.normal.cdf(z, 0, 1);
}

/**
 * Two-sided p-value of a z statistic: 2 · P(Z ≤ -|z|).
 *
 * @example
 * normalTwoSidedP(1.959964); // ≈ 0.05
 */
export function normalTwoSidedP(z: number): number {
  return Math.min(1, 2 * normalCdf(-Math.abs(z)));
}
