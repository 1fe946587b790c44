/**
 * The Student t and standard normal distributions. The t distribution is computed here from the
 * regularized incomplete beta function (`incomplete-beta.ts`); the normal CDF is jstat's, the only place
 * in regsweep that touches jstat.
 *
 * Accuracy (measured against scipy 1.17.1, see `test/report/stats-incomplete-beta.test.ts`): t CDFs agree
 * with `scipy.stats.t.cdf` to 3.6e-13 absolute or better (df 1 to 20,000, |t| up to 100); quantiles,
 * refined by Newton's method on that CDF, to 2e-14 relative for df ≤ 99 and 1.8e-12 for df 999 and 20,000. The normal CDF is `(1 + erf(x/√2)) / 2`, good to
 * ~1e-14 relative for |x| ≤ 4, but a lower tail below ~1e-12 is only right in absolute terms (error
 * ~1e-16). Far finer than the 2-3 digits a p-value is printed with, and within the 1e-9 absolute that
 * `compare --format json` promises.
 */
import jStat from 'jstat';
import { logBeta, regularizedIncompleteBeta } from './incomplete-beta.ts';

/**
 * P(T ≤ x) for Student's t with `df` degrees of freedom (df > 0, need not be an integer). Handles
 * x = ±Infinity; NaN in, NaN out.
 *
 * P(T ≤ -|x|) = I_{df/(df+x²)}(df/2, 1/2) / 2, with 1 - df/(df+x²) = x²/(df+x²) passed as is so that no
 * digits cancel near x = 0.
 *
 * @example
 * studentTCdf(2.262157, 9); // ≈ 0.975
 */
export function studentTCdf(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return 1;
  if (x === Number.NEGATIVE_INFINITY) return 0;
  const x2 = x * x;
  const lowerTail = 0.5 * regularizedIncompleteBeta(df / (df + x2), df / 2, 0.5, x2 / (df + x2)); // P(T ≤ -|x|)
  return x <= 0 ? lowerTail : 1 - lowerTail;
}

/**
 * The density of Student's t with `df` degrees of freedom.
 *
 * @example
 * studentTPdf(0, 1); // 1/π
 */
export function studentTPdf(x: number, df: number): number {
  return Math.exp(-((df + 1) / 2) * Math.log1p((x * x) / df) - 0.5 * Math.log(df) - logBeta(df / 2, 0.5));
}

/**
 * The p-quantile of Student's t with `df` degrees of freedom (the inverse of {@link studentTCdf}).
 * p = 0 and p = 1 give -Infinity and +Infinity; p outside [0, 1], NaN p or df ≤ 0 give NaN.
 *
 * The lower-tail quantile is bracketed (doubling away from 0), then found by Newton steps on the CDF,
 * a step that leaves the bracket replaced by bisection, until a step is below 1e-15 relative.
 *
 * @example
 * studentTQuantile(0.975, 9); // ≈ 2.262157 (the textbook t_{0.975, 9})
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1) || !(df > 0)) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  const key = `${p} ${df}`;
  let x = quantiles.get(key);
  if (x === undefined) {
    if (quantiles.size >= QUANTILE_CACHE) quantiles.clear();
    x = lowerQuantile(Math.min(p, 1 - p), df);
    quantiles.set(key, x);
  }
  return p < 0.5 ? x : -x;
}

// A comparison asks for t_{0.975, n-1} once per group, pair and curve point, with a few n: remember them.
const QUANTILE_CACHE = 1000;
const quantiles = new Map<string, number>();

/** The x < 0 with P(T ≤ x) = q, for 0 < q < 1/2. */
function lowerQuantile(q: number, df: number): number {
  let hi = 0;
  let lo = -1;
  while (studentTCdf(lo, df) > q) {
    hi = lo;
    lo *= 2;
  }
  let x = (lo + hi) / 2;
  for (let i = 0; i < 200; i++) {
    const f = studentTCdf(x, df) - q;
    if (f === 0) break;
    if (f > 0) hi = x;
    else lo = x;
    let next = x - f / studentTPdf(x, df);
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    const done = Math.abs(next - x) <= 1e-15 * Math.abs(x);
    x = next;
    if (done) break;
  }
  return x;
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
