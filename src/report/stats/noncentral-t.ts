/**
 * The noncentral t distribution, for the power of a t-test: if the true mean difference is δ·σ/√n,
 * the paired t statistic follows a noncentral t with n - 1 degrees of freedom and noncentrality δ.
 */
import { normalCdf } from './distributions.ts';
import { logGamma, regularizedIncompleteBeta } from './incomplete-beta.ts';

const ERR_MAX = 1e-15;
const MAX_TERMS = 10_000;

/**
 * P(T ≤ t) for the noncentral t with `df` degrees of freedom and noncentrality `delta`, by Lenth's
 * algorithm (AS 243, Applied Statistics 38, 1989): a series of incomplete beta functions weighted by
 * Poisson probabilities of δ²/2, summed until the bound on what is left is below 1e-15. Good to ~1e-12
 * absolute against `scipy.stats.nct.cdf` for |δ| ≤ 10 (see `test/report/stats-power.test.ts`); the
 * power calculations of regsweep use δ of 0 to 6. A negative t is handled by F(t; ν, δ) = 1 - F(-t; ν, -δ).
 *
 * @example
 * noncentralTCdf(2.262157, 9, 0); // ≈ 0.975 (δ = 0 is Student's t)
 */
export function noncentralTCdf(t: number, df: number, delta: number): number {
  if (Number.isNaN(t) || Number.isNaN(delta) || !(df > 0)) return Number.NaN;
  if (t < 0) return 1 - noncentralTCdf(-t, df, -delta);
  const x = (t * t) / (t * t + df);
  let tnc = 0;
  if (x > 0) {
    const lambda = delta * delta;
    let p = 0.5 * Math.exp(-0.5 * lambda); // Poisson weights of the even terms (halved)
    let q = Math.sqrt(2 / Math.PI) * p * delta; // and of the odd ones
    let s = 0.5 - p; // weight not yet summed
    let a = 0.5;
    const b = 0.5 * df;
    const rxb = (1 - x) ** b;
    const logBetaHalf = 0.5 * Math.log(Math.PI) + logGamma(b) - logGamma(0.5 + b); // ln B(1/2, b)
    let xodd = regularizedIncompleteBeta(x, a, b, df / (t * t + df));
    let godd = 2 * rxb * Math.exp(a * Math.log(x) - logBetaHalf);
    let xeven = 1 - rxb;
    let geven = b * x * rxb;
    tnc = p * xodd + q * xeven;
    for (let en = 1; en <= MAX_TERMS; en++) {
      a += 1;
      xodd -= godd;
      xeven -= geven;
      godd *= (x * (a + b - 1)) / a;
      geven *= (x * (a + b - 0.5)) / (a + 0.5);
      p *= lambda / (2 * en);
      q *= lambda / (2 * en + 1);
      s -= p;
      tnc += p * xodd + q * xeven;
      if (Math.abs(2 * s * (xodd - godd)) < ERR_MAX && en * 2 > lambda) break;
    }
  }
  tnc += normalCdf(-delta);
  return Math.min(1, Math.max(0, tnc));
}
