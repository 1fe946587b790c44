import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/nn/prng.ts';
import { type Dimension, ParzenEstimator } from '../../../src/sweep/samplers/parzen-estimator.ts';

// Expected densities come from scipy (stats.truncnorm), written out with the same mixture by hand:
//   python3 test/sweep/samplers/parzen-reference.py
// erfc in the sampler is good to 1.2e-7 relative, so the densities agree to 1e-6 relative.
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const settings = { priorWeight: 1 };
const numeric = (low: number, high: number, parent = -1, activeFor: boolean[] | null = null): Dimension =>
  ({ type: 'numeric', low, high, step: null, parent, activeFor });
const LO = Math.log(1e-6);

describe('ParzenEstimator', () => {
  it('one observation in [0, 1]: bandwidth clipped to width / 3, prior N(0.5, 1), weights 1/2 each (scipy)', () => {
    const p = new ParzenEstimator([numeric(0, 1)], [Float64Array.of(0.3)], settings);
    expect(rel(Math.exp(p.logDensity(Float64Array.of(0.1))), 1.107167495570556)).toBeLessThan(1e-6);
    expect(rel(Math.exp(p.logDensity(Float64Array.of(0.7))), 0.8755765621554972)).toBeLessThan(1e-6);
  });

  it('multivariate: product kernels over a uniform and a log axis, bandwidth 0.2 n^(-1/(d+4)) width with the magic clip (scipy)', () => {
    const obs = [[0.2, Math.log(1e-4)], [0.9, Math.log(1e-1)], [0.5, Math.log(1e-5)]].map((o) => Float64Array.from(o));
    const p = new ParzenEstimator([numeric(0, 1), numeric(LO, 0)], obs, settings);
    expect(rel(Math.exp(p.logDensity(Float64Array.of(0.3, Math.log(1e-3)))), 0.0895102524066293)).toBeLessThan(1e-6);
    expect(rel(Math.exp(p.logDensity(Float64Array.of(0.95, Math.log(0.5)))), 0.12282996297221789)).toBeLessThan(1e-6);
  });

  it('categorical: 1 + prior / (n + 1) on the observed category, prior / (n + 1) elsewhere; draws follow it', () => {
    const p = new ParzenEstimator([{ type: 'categorical', size: 3, parent: -1, activeFor: null }], [Float64Array.of(0), Float64Array.of(0)], settings);
    // rows (2/3, 1/6, 1/6) twice and the uniform prior, weights 1/3 each: (5/9, 2/9, 2/9)
    const expected = [5 / 9, 2 / 9, 2 / 9];
    for (let k = 0; k < 3; k++) expect(Math.exp(p.logDensity(Float64Array.of(k)))).toBeCloseTo(expected[k]!, 12);
    const rng = new Rng(3), counts = [0, 0, 0], n = 30_000;
    for (let i = 0; i < n; i++) counts[p.sample(rng)[0]!]!++;
    // binomial sd <= 0.0029 at n = 30000: 4 sd
    for (let k = 0; k < 3; k++) expect(Math.abs(counts[k]! / n - expected[k]!)).toBeLessThan(0.012);
  });

  describe('a conditional axis is modelled per branch', () => {
    // kind: none, l1, l2; lambda (log) applies to l1 and l2. One l1 observation at 1e-2, one l2 at 1e-5.
    const dims: Dimension[] = [{ type: 'categorical', size: 3, parent: -1, activeFor: null }, numeric(LO, 0, 0, [false, true, true])];
    const obs = [Float64Array.of(1, Math.log(1e-2)), Float64Array.of(2, Math.log(1e-5))];
    const p = new ParzenEstimator(dims, obs, settings);

    it('an l1 candidate sees the l1 observation\'s lambda kernel and the prior for the l2 one (scipy)', () => {
      expect(rel(Math.exp(p.logDensity(Float64Array.of(1, Math.log(1e-2)))), 0.04075863714180438)).toBeLessThan(1e-6);
      expect(rel(Math.exp(p.logDensity(Float64Array.of(1, Math.log(1e-5)))), 0.015727750525097565)).toBeLessThan(1e-6);
      expect(rel(Math.exp(p.logDensity(Float64Array.of(2, Math.log(1e-2)))), 0.017044808254136696)).toBeLessThan(1e-6);
      expect(rel(Math.exp(p.logDensity(Float64Array.of(2, Math.log(1e-5)))), 0.046246875940282615)).toBeLessThan(1e-6);
    });

    it('a none candidate has no lambda: its density is the kind\'s probability alone, and draws never give one', () => {
      // p(none) = (1/6 + 1/6 + 1/3) / 3
      expect(Math.exp(p.logDensity(Float64Array.of(0, NaN)))).toBeCloseTo(2 / 9, 12);
      const rng = new Rng(11);
      let nones = 0;
      for (let i = 0; i < 5000; i++) {
        const x = p.sample(rng);
        if (x[0] === 0) {
          nones++;
          expect(x[1]).toBeNaN();
        } else {
          expect(x[1]! >= LO && x[1]! <= 0).toBe(true);
        }
      }
      expect(nones).toBeGreaterThan(0);
    });
  });
});
