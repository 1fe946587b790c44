/**
 * How many seeds a paired comparison needs: the power of the two-sided paired t-test, and the smallest
 * number of seeds at which a given standardized difference would be detected.
 */
import { studentTQuantile } from './distributions.ts';
import { noncentralTCdf } from './noncentral-t.ts';

/**
 * The power of the two-sided paired t-test at level `alpha` with `n` pairs when the true mean difference is
 * `effect` standard deviations of the differences (Cohen's d_z = mean / sd): with t_c = t_{1-α/2, n-1} and
 * noncentrality δ = d_z·√n, power = P(T' > t_c) + P(T' < -t_c), T' ~ noncentral t(n - 1, δ). The same
 * number as `statsmodels`' `TTestPower().power(effect, n, alpha)`.
 *
 * @example
 * pairedTTestPower(1, 10); // ≈ 0.803
 */
export function pairedTTestPower(effect: number, n: number, alpha = 0.05): number {
  if (!(n >= 2) || Number.isNaN(effect)) return Number.NaN;
  const df = n - 1;
  const tc = studentTQuantile(1 - alpha / 2, df);
  const delta = Math.abs(effect) * Math.sqrt(n);
  return 1 - noncentralTCdf(tc, df, delta) + noncentralTCdf(-tc, df, delta);
}

/** More seeds than this are not searched: `seedsNeeded` says "more than" instead. */
export const MAX_SEEDS_SEARCHED = 10_000;

/**
 * The smallest number of seeds (pairs) at which the two-sided paired t-test at level `alpha` detects a true
 * difference of `effect` standard deviations of the differences with at least the given `power`.
 * Infinity when effect is 0 (nothing to detect) or more than {@link MAX_SEEDS_SEARCHED} would be needed;
 * NaN for NaN. Found by stepping from the normal approximation ((z_{1-α/2} + z_power) / d)², which is
 * within a few seeds of the answer.
 *
 * @example
 * seedsNeeded(0.5); // 34
 */
export function seedsNeeded(effect: number, power = 0.8, alpha = 0.05): number {
  if (Number.isNaN(effect)) return Number.NaN;
  const d = Math.abs(effect);
  if (d === 0) return Number.POSITIVE_INFINITY;
  if (d === Number.POSITIVE_INFINITY) return 2; // differences all equal and non-zero: two seeds show it
  const z = studentTQuantile(1 - alpha / 2, 1000) + studentTQuantile(power, 1000); // about the normal quantiles: a first guess
  const guess = Math.ceil((z / d) ** 2);
  if (guess > MAX_SEEDS_SEARCHED) return Number.POSITIVE_INFINITY;
  let n = Math.max(2, guess);
  while (n > 2 && pairedTTestPower(d, n - 1, alpha) >= power) n--;
  while (pairedTTestPower(d, n, alpha) < power) {
    if (++n > MAX_SEEDS_SEARCHED) return Number.POSITIVE_INFINITY;
  }
  return n;
}
