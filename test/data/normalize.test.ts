import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/data/dataset.ts';
import { applyNormalizer, fitNormalizer, normalizeSplits } from '../../src/data/normalize.ts';
import { makeSynthetic } from '../../src/data/synthetic.ts';

/** A Dataset from rows of features; every row in class 0 of 2. */
function dataset(rows: number[][]): Dataset {
  const d = rows[0]!.length;
  return {
    x: Float64Array.from(rows.flat()),
    y: new Int32Array(rows.length),
    n: rows.length,
    nFeatures: d,
    nClasses: 2,
    featureNames: Array.from({ length: d }, (_, j) => `f${j}`),
    classNames: ['a', 'b'],
  };
}

const column = (ds: Dataset, j: number) => Array.from({ length: ds.n }, (_, r) => ds.x[r * ds.nFeatures + j]!);
const mean = (v: number[]) => v.reduce((s, a) => s + a, 0) / v.length;
const populationSd = (v: number[]) => Math.sqrt(mean(v.map((a) => (a - mean(v)) ** 2)));

// Columns: [1, 2, 3, 4] (mean 2.5, population sd sqrt(1.25)), constant 10, [0, 0, 0, 8] (mean 2, sd sqrt(12)).
const train = dataset([[1, 10, 0], [2, 10, 0], [3, 10, 0], [4, 10, 8]]);
const validation = dataset([[5, 12, -4]]);
const test = dataset([[2.5, 10, 2], [1, 9, 8]]);
const TOL = 12; // decimal digits for toBeCloseTo

describe('fitNormalizer / applyNormalizer', () => {
  it('z-score: shift = mean, scale = population sd (divide by n), 1 for a constant column', () => {
    const norm = fitNormalizer(train, 'zscore');
    expect(norm.kind).toBe('zscore');
    expect(Array.from(norm.shift)).toEqual([2.5, 10, 2]);
    expect(norm.scale[0]).toBeCloseTo(Math.sqrt(1.25), TOL); // the sample sd would be sqrt(5 / 3)
    expect(norm.scale[1]).toBe(1);
    expect(norm.scale[2]).toBeCloseTo(Math.sqrt(12), TOL);
  });

  it('z-score: train columns get mean 0 and population sd 1; a constant column becomes 0', () => {
    const z = applyNormalizer(fitNormalizer(train, 'zscore'), train);
    for (const j of [0, 2]) {
      expect(mean(column(z, j))).toBeCloseTo(0, TOL);
      expect(populationSd(column(z, j))).toBeCloseTo(1, TOL);
    }
    expect(column(z, 1)).toEqual([0, 0, 0, 0]);
    // By hand: (1 - 2.5) / sqrt(1.25) = -3 / sqrt(5); (8 - 2) / sqrt(12) = sqrt(3).
    expect(z.x[0]).toBeCloseTo(-3 / Math.sqrt(5), TOL);
    expect(z.x[11]).toBeCloseTo(Math.sqrt(3), TOL);
  });

  it('z-score: other data is scaled with the training statistics', () => {
    const v = applyNormalizer(fitNormalizer(train, 'zscore'), validation);
    // (5 - 2.5) / sqrt(1.25) = sqrt(5); (12 - 10) / 1 = 2; (-4 - 2) / sqrt(12) = -sqrt(3).
    expect(v.x[0]).toBeCloseTo(Math.sqrt(5), TOL);
    expect(v.x[1]).toBe(2);
    expect(v.x[2]).toBeCloseTo(-Math.sqrt(3), TOL);
  });

  it('min-max: train columns span [0, 1]; other data uses train min and range', () => {
    const norm = fitNormalizer(train, 'minmax');
    expect(Array.from(norm.shift)).toEqual([1, 10, 0]);
    expect(Array.from(norm.scale)).toEqual([3, 1, 8]);
    const m = applyNormalizer(norm, train);
    expect(column(m, 0)).toEqual([0, 1 / 3, 2 / 3, 1]);
    expect(column(m, 1)).toEqual([0, 0, 0, 0]);
    expect(column(m, 2)).toEqual([0, 0, 0, 1]);
    expect(Array.from(applyNormalizer(norm, validation).x)).toEqual([4 / 3, 2, -0.5]);
  });

  it('none: values unchanged, still a copy', () => {
    const norm = fitNormalizer(train, 'none');
    expect(Array.from(norm.shift)).toEqual([0, 0, 0]);
    expect(Array.from(norm.scale)).toEqual([1, 1, 1]);
    const same = applyNormalizer(norm, train);
    expect(same.x).not.toBe(train.x);
    expect(Array.from(same.x)).toEqual(Array.from(train.x));
  });

  it('does not modify its input and keeps labels and names', () => {
    const before = Array.from(train.x);
    const z = applyNormalizer(fitNormalizer(train, 'zscore'), train);
    expect(Array.from(train.x)).toEqual(before);
    expect(z.y).toBe(train.y);
    expect(z.featureNames).toBe(train.featureNames);
    expect([z.n, z.nFeatures, z.nClasses]).toEqual([4, 3, 2]);
  });

  it('rejects a data set of another width, and fitting on no rows', () => {
    expect(() => applyNormalizer(fitNormalizer(train, 'zscore'), dataset([[1, 2]]))).toThrow(
      'normalizer has 3 features, data set has 2',
    );
    const empty = { ...train, x: new Float64Array(0), y: new Int32Array(0), n: 0 };
    expect(() => fitNormalizer(empty, 'minmax')).toThrow('cannot fit a minmax normalizer on a data set with no rows');
  });
});

describe('normalizeSplits', () => {
  it('fits on train only and applies to all three splits', () => {
    const s = normalizeSplits({ train, validation, test }, 'zscore');
    expect(s.validation.x[0]).toBeCloseTo(Math.sqrt(5), TOL);
    // test row 0 is train's mean: all zeros; row 1: (1 - 2.5) / sqrt(1.25), (9 - 10) / 1, (8 - 2) / sqrt(12).
    expect(Array.from(s.test.x.subarray(0, 3))).toEqual([0, 0, 0]);
    expect(s.test.x[3]).toBeCloseTo(-3 / Math.sqrt(5), TOL);
    expect(s.test.x[4]).toBe(-1);
    expect(s.test.x[5]).toBeCloseTo(Math.sqrt(3), TOL);
  });

  it('standardizes every column of a synthetic training set', () => {
    const s = normalizeSplits(makeSynthetic({ seed: 2, irrelevant: 2 }), 'zscore');
    for (let j = 0; j < s.train.nFeatures; j++) {
      expect(mean(column(s.train, j))).toBeCloseTo(0, 10);
      expect(populationSd(column(s.train, j))).toBeCloseTo(1, 10);
    }
    // Validation was not used to fit: its own mean is not exactly 0.
    expect(Math.abs(mean(column(s.validation, 0)))).toBeGreaterThan(1e-6);
  });
});
