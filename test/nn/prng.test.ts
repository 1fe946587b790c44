import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/nn/prng.ts';

describe('Rng.fillInt', () => {
  it('draws what as many int(n) calls draw, and leaves the generator in the same state', () => {
    for (const [seed, n, count] of [[0, 10, 1000], [7, 1, 5], [123456789, 3, 333], [2 ** 40 + 5, 1_000_003, 257]] as const) {
      const one = new Rng(seed);
      const many = new Rng(seed);
      const expected = Int32Array.from({ length: count }, () => one.int(n));
      const got = new Int32Array(count);
      many.fillInt(got, n);
      expect(got).toEqual(expected);
      expect(many.state).toEqual(one.state);
      expect(many.next()).toBe(one.next());
    }
  });

  it('covers [0, n) evenly: each of 10 values within 5 standard errors of 1/10 over 100,000 draws', () => {
    const draws = new Int32Array(100_000);
    new Rng(1).fillInt(draws, 10);
    const counts = new Array(10).fill(0);
    for (const k of draws) counts[k]++;
    const se = Math.sqrt(100_000 * 0.1 * 0.9); // binomial standard deviation of a count
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(5 * se);
  });
});

describe('Rng.resampleMeans', () => {
  it('averages what as many int(n) calls draw, summed in draw order, and leaves the generator in the same state', () => {
    for (const [seed, n, resamples] of [[0, 10, 500], [7, 1, 5], [2 ** 40 + 5, 37, 101]] as const) {
      const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1) / 3);
      const y = Float64Array.from({ length: n }, (_, i) => (i % 3) / 2);
      const one = new Rng(seed);
      const expectedX = new Float64Array(resamples);
      const expectedY = new Float64Array(resamples);
      for (let r = 0; r < resamples; r++) {
        let sx = 0;
        let sy = 0;
        for (let i = 0; i < n; i++) {
          const k = one.int(n);
          sx += x[k];
          sy += y[k];
        }
        expectedX[r] = sx / n;
        expectedY[r] = sy / n;
      }
      const many = new Rng(seed);
      const gotX = new Float64Array(resamples);
      const gotY = new Float64Array(resamples);
      many.resampleMeans(x, y, gotX, gotY);
      expect(gotX).toEqual(expectedX);
      expect(gotY).toEqual(expectedY);
      expect(many.state).toEqual(one.state);
      expect(many.next()).toBe(one.next());
    }
  });

  it('refuses arrays of different lengths', () => {
    expect(() => new Rng(0).resampleMeans(new Float64Array(3), new Float64Array(2), new Float64Array(5), new Float64Array(5)))
      .toThrow('resampleMeans: x and y must have one length (3, 2), and so must meansX and meansY (5, 5)');
  });
});
