import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/nn/prng.ts';
import { erfc, normalCdf, sampleTruncatedNormal, truncatedNormalLogPdf } from '../../../src/sweep/samplers/truncated-normal.ts';

describe('truncated normal', () => {
  // python3 -c "from scipy import special; print([(x, repr(float(special.erfc(x)))) for x in (-1.5, -0.2, 0, 0.5, 1, 2, 4)])"
  const erfcs: readonly [number, number][] = [
    [-1.5, 1.9661051464753108], [-0.2, 1.2227025892104784], [0, 1], [0.5, 0.4795001221869535],
    [1, 0.15729920705028516], [2, 0.004677734981047266], [4, 1.541725790028002e-8],
  ];
  it.each(erfcs)('erfc(%d) matches scipy to 1.2e-7 relative (Numerical Recipes erfcc bound)', (x, expected) => {
    expect(Math.abs(erfc(x) - expected) / expected).toBeLessThan(1.2e-7);
  });

  it('Phi(1.959963984540054) = 0.975', () => {
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 7);
  });

  it('the density integrates to 1 over its interval (midpoint rule, 1e-4)', () => {
    for (const [mu, sigma, low, high] of [[0.3, 1 / 3, 0, 1], [0, 1, -1, 3], [-2, 0.5, -2, 2]] as const) {
      const steps = 20_000, h = (high - low) / steps;
      let sum = 0;
      for (let i = 0; i < steps; i++) sum += Math.exp(truncatedNormalLogPdf(low + (i + 0.5) * h, mu, sigma, low, high)) * h;
      expect(sum).toBeCloseTo(1, 4);
      expect(truncatedNormalLogPdf(high + 1e-9, mu, sigma, low, high)).toBe(-Infinity);
    }
  });

  it('draws stay in the interval and their mean is the truncated mean mu + sigma (phi(a) - phi(b)) / Z', () => {
    const [mu, sigma, low, high] = [0.8, 0.5, 0, 1];
    const rng = new Rng(5);
    const n = 40_000;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const x = sampleTruncatedNormal(rng, mu, sigma, low, high);
      expect(x >= low && x <= high).toBe(true);
      sum += x;
    }
    const phi = (z: number) => Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
    const a = (low - mu) / sigma, b = (high - mu) / sigma;
    const expected = mu + sigma * (phi(a) - phi(b)) / (normalCdf(b) - normalCdf(a));
    // sd of the truncated variable < 0.3: the mean of 40000 draws is within 4 standard errors (0.006)
    expect(Math.abs(sum / n - expected)).toBeLessThan(0.006);
  });
});
