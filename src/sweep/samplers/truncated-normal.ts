import type { Rng } from '../../nn/prng.ts';

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

// The sampler keeps its own small normal CDF rather than reaching into src/report/stats: the sweep
// layer does not depend on the report layer, and 1e-7 relative is far more than l(x)/g(x) ratios need.

/**
 * The complementary error function, erfc(x), by the Chebyshev fit of Numerical Recipes (`erfcc`):
 * fractional error below 1.2e-7 for every x.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
    + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}

/** The standard normal CDF, Phi(z). @example normalCdf(0) // 0.5 */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/**
 * log of the density at `x` of a normal(mu, sigma) truncated to [low, high]; -Infinity outside.
 * @example truncatedNormalLogPdf(0, 0, 1, -Infinity, Infinity) // -0.9189... = log(1 / sqrt(2 pi))
 */
export function truncatedNormalLogPdf(x: number, mu: number, sigma: number, low: number, high: number): number {
  if (x < low || x > high) return -Infinity;
  const z = (x - mu) / sigma;
  const mass = normalCdf((high - mu) / sigma) - normalCdf((low - mu) / sigma);
  return -0.5 * z * z - LOG_SQRT_2PI - Math.log(sigma) - Math.log(Math.max(mass, 1e-300));
}

/**
 * A draw from normal(mu, sigma) truncated to [low, high], by rejection. Callers keep `mu` inside the
 * interval and `sigma` at most its width, so at least 34% of the draws are accepted; after 1000 rejections
 * (never seen in practice) the last draw is clamped.
 */
export function sampleTruncatedNormal(rng: Rng, mu: number, sigma: number, low: number, high: number): number {
  let x = mu;
  for (let i = 0; i < 1000; i++) {
    x = mu + sigma * rng.normal();
    if (x >= low && x <= high) return x;
  }
  return Math.min(high, Math.max(low, x));
}
