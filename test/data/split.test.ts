import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCsv } from '../../src/data/csv.ts';
import type { Dataset } from '../../src/data/dataset.ts';
import { kFold, stratifiedSplit, subset } from '../../src/data/split.ts';

/** A Dataset whose single feature is the row's index, so rows can be traced through splits. */
function tagged(labels: number[], nClasses: number): Dataset {
  return {
    x: Float64Array.from(labels, (_, r) => r),
    y: Int32Array.from(labels),
    n: labels.length,
    nFeatures: 1,
    nClasses,
    featureNames: ['id'],
    classNames: Array.from({ length: nClasses }, (_, k) => `k${k}`),
  };
}

const ids = (ds: Dataset) => Array.from(ds.x);
const classCounts = (ds: Dataset) => {
  const c = new Array<number>(ds.nClasses).fill(0);
  for (const k of ds.y) c[k]!++;
  return c;
};
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const sorted = (a: number[]) => [...a].sort((p, q) => p - q);

const iris = loadCsv(fileURLToPath(new URL('../../data/iris.csv', import.meta.url)), { label: 'species' });
// 7 of class 0, 2 of class 1, 1 of class 2, interleaved.
const small = tagged([0, 1, 0, 0, 2, 0, 1, 0, 0, 0], 3);

describe('subset', () => {
  it('copies the chosen rows in the given order', () => {
    const s = subset(iris, Int32Array.of(149, 0, 50));
    expect([s.n, s.nFeatures, s.nClasses]).toEqual([3, 4, 3]);
    expect(Array.from(s.y)).toEqual([2, 0, 1]);
    expect(Array.from(s.x.subarray(4, 8))).toEqual([5.1, 3.5, 1.4, 0.2]);
    expect(s.classNames).toBe(iris.classNames);
  });

  it('rejects an out-of-range index', () => {
    expect(() => subset(iris, Int32Array.of(0, 150))).toThrow('row index 150 out of range [0, 150)');
  });
});

describe('stratifiedSplit', () => {
  it('splits iris 30/10/10 per class', () => {
    const { train, validation, test } = stratifiedSplit(iris, { validation: 0.2, test: 0.2, seed: 1 });
    expect(classCounts(train)).toEqual([30, 30, 30]);
    expect(classCounts(validation)).toEqual([10, 10, 10]);
    expect(classCounts(test)).toEqual([10, 10, 10]);
  });

  it('rounds per class (halves up) and keeps one training row per class', () => {
    // class 0 (7 rows): test round(1.75) = 2, validation round(0.7) = 1, train 4.
    // class 1 (2 rows): test round(0.5) = 1, validation round(0.2) = 0, train 1.
    // class 2 (1 row): test round(0.25) = 0, validation 0, train 1.
    const a = stratifiedSplit(small, { validation: 0.1, test: 0.25, seed: 3 });
    expect([classCounts(a.train), classCounts(a.validation), classCounts(a.test)]).toEqual([
      [4, 1, 1],
      [1, 0, 0],
      [2, 1, 0],
    ]);
    // class 0 (7 rows): round(2.8) = 3 each, train 1.
    // class 1 (2 rows): round(0.8) = 1 each would leave no train row: validation drops to 0.
    // class 2 (1 row): round(0.4) = 0 each.
    const b = stratifiedSplit(small, { validation: 0.4, test: 0.4, seed: 3 });
    expect(classCounts(b.train)).toEqual([1, 1, 1]);
    expect(classCounts(b.validation)).toEqual([3, 0, 0]);
    expect(classCounts(b.test)).toEqual([3, 1, 0]);
  });

  it('is disjoint and complete, with rows in their original order', () => {
    const ds = tagged(range(103).map((i) => (i * 7) % 3), 3);
    const { train, validation, test } = stratifiedSplit(ds, { validation: 0.15, test: 0.3, seed: 8 });
    expect(sorted([...ids(train), ...ids(validation), ...ids(test)])).toEqual(range(103));
    for (const part of [train, validation, test]) expect(ids(part)).toEqual(sorted(ids(part)));
    // labels travel with their rows
    for (const part of [train, validation, test]) part.y.forEach((k, i) => expect(k).toBe(ds.y[part.x[i]!]));
  });

  it('is deterministic per seed', () => {
    const ds = tagged(range(60).map((i) => i % 2), 2);
    const a = stratifiedSplit(ds, { validation: 0.2, test: 0.2, seed: 5 });
    const b = stratifiedSplit(ds, { validation: 0.2, test: 0.2, seed: 5 });
    const c = stratifiedSplit(ds, { validation: 0.2, test: 0.2, seed: 6 });
    expect(ids(a.test)).toEqual(ids(b.test));
    expect(ids(a.validation)).toEqual(ids(b.validation));
    expect(ids(a.test)).not.toEqual(ids(c.test));
  });

  it('allows an empty validation split', () => {
    const { train, validation, test } = stratifiedSplit(iris, { validation: 0, test: 0.3, seed: 1 });
    expect([train.n, validation.n, test.n]).toEqual([105, 0, 45]);
    expect(validation.x.length).toBe(0);
  });

  it('rejects fractions outside [0, 1) and a sum >= 1', () => {
    expect(() => stratifiedSplit(iris, { validation: 1, test: 0, seed: 1 })).toThrow('validation fraction must be in [0, 1), got 1');
    expect(() => stratifiedSplit(iris, { validation: 0, test: -0.1, seed: 1 })).toThrow('test fraction must be in [0, 1), got -0.1');
    expect(() => stratifiedSplit(iris, { validation: 0.5, test: 0.5, seed: 1 })).toThrow(
      'validation + test fractions must be < 1, got 0.5 + 0.5',
    );
  });
});

describe('kFold', () => {
  it('partitions the data: test folds disjoint and complete, train = the rest', () => {
    const ds = tagged(range(53).map((i) => (i < 30 ? 0 : i < 45 ? 1 : 2)), 3);
    const folds = kFold(ds, 4, 2);
    expect(folds).toHaveLength(4);
    expect(sorted(folds.flatMap((f) => ids(f.test)))).toEqual(range(53));
    for (const f of folds) {
      expect(sorted([...ids(f.train), ...ids(f.test)])).toEqual(range(53));
      expect(f.train.n + f.test.n).toBe(53);
    }
    const sizes = folds.map((f) => f.test.n);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    for (let k = 0; k < 3; k++) {
      const perFold = folds.map((f) => classCounts(f.test)[k]!);
      expect(Math.max(...perFold) - Math.min(...perFold)).toBeLessThanOrEqual(1);
    }
  });

  it('is stratified: iris 5-fold tests on 10 of each class', () => {
    for (const f of kFold(iris, 5, 1)) {
      expect(classCounts(f.test)).toEqual([10, 10, 10]);
      expect(classCounts(f.train)).toEqual([40, 40, 40]);
    }
  });

  it('is deterministic per seed', () => {
    const a = kFold(small, 3, 4).map((f) => ids(f.test));
    expect(kFold(small, 3, 4).map((f) => ids(f.test))).toEqual(a);
    const ds = tagged(range(40).map((i) => i % 2), 2);
    expect(kFold(ds, 4, 1).map((f) => ids(f.test))).not.toEqual(kFold(ds, 4, 2).map((f) => ids(f.test)));
  });

  it('rejects k < 2, k > n and a fractional k', () => {
    expect(() => kFold(small, 1, 0)).toThrow('k must be an integer in [2, 10] (the number of rows), got 1');
    expect(() => kFold(small, 11, 0)).toThrow('k must be an integer in [2, 10] (the number of rows), got 11');
    expect(() => kFold(small, 2.5, 0)).toThrow('k must be an integer in [2, 10] (the number of rows), got 2.5');
  });
});
