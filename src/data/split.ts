import { Rng } from '../nn/prng.ts';
import type { Dataset, Splits } from './dataset.ts';

/**
 * The rows `indices` of `ds`, in that order, as a new Dataset (names are shared).
 *
 * @example
 * subset(iris, Int32Array.of(0, 50, 100)).classNames; // all three classes, one row each
 */
export function subset(ds: Dataset, indices: Int32Array): Dataset {
  const d = ds.nFeatures;
  const m = indices.length;
  const x = new Float64Array(m * d); // (m, d), row-major
  const y = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const r = indices[i]!;
    if (!(r >= 0 && r < ds.n)) throw new RangeError(`row index ${r} out of range [0, ${ds.n})`);
    x.set(ds.x.subarray(r * d, (r + 1) * d), i * d);
    y[i] = ds.y[r]!;
  }
  return { x, y, n: m, nFeatures: d, nClasses: ds.nClasses, featureNames: ds.featureNames, classNames: ds.classNames };
}

/** Row indices of each class, each list shuffled by `rng` (classes in index order). */
function shuffledByClass(ds: Dataset, rng: Rng): Int32Array[] {
  const counts = new Int32Array(ds.nClasses);
  for (let r = 0; r < ds.n; r++) counts[ds.y[r]!]!++;
  const byClass = Array.from(counts, (c) => new Int32Array(c));
  const fill = new Int32Array(ds.nClasses);
  for (let r = 0; r < ds.n; r++) {
    const k = ds.y[r]!;
    byClass[k]![fill[k]!++] = r;
  }
  for (const rows of byClass) rng.shuffle(rows);
  return byClass;
}

/** Collects the marked rows in ascending order. */
function rowsWhere(part: Uint8Array, value: number): Int32Array {
  let m = 0;
  for (let r = 0; r < part.length; r++) if (part[r] === value) m++;
  const out = new Int32Array(m);
  m = 0;
  for (let r = 0; r < part.length; r++) if (part[r] === value) out[m++] = r;
  return out;
}

/**
 * A stratified train/validation/test split: each class is split on its own, so every split keeps
 * the class proportions of `ds` as nearly as whole rows allow.
 *
 * Rounding rule, per class of size n_c: nTest = round(test * n_c) and nVal = round(validation *
 * n_c), where round takes halves up (Math.round). If that leaves the class no training row, nVal
 * and then nTest are lowered one at a time until one training row remains. The class's rows are
 * shuffled by `seed` (one Rng, classes in index order); the first nTest go to test, the next nVal to
 * validation, the rest to train. Within each split, rows keep their order in `ds`.
 *
 * @example
 * const { train, validation, test } = stratifiedSplit(iris, { validation: 0.2, test: 0.2, seed: 1 });
 * [train.n, validation.n, test.n]; // [90, 30, 30]: 30/10/10 of each of the 3 classes
 */
export function stratifiedSplit(ds: Dataset, options: { validation: number; test: number; seed: number }): Splits {
  const { validation, test, seed } = options;
  for (const [name, v] of [['validation', validation], ['test', test]] as const) {
    if (!(v >= 0 && v < 1)) throw new RangeError(`${name} fraction must be in [0, 1), got ${v}`);
  }
  if (!(validation + test < 1)) {
    throw new RangeError(`validation + test fractions must be < 1, got ${validation} + ${test}`);
  }
  const TRAIN = 0, VALIDATION = 1, TEST = 2;
  const part = new Uint8Array(ds.n); // (n): which split each row goes to
  for (const rows of shuffledByClass(ds, new Rng(seed))) {
    const nc = rows.length;
    let nTest = Math.round(test * nc);
    let nVal = Math.round(validation * nc);
    while (nc > 0 && nTest + nVal > nc - 1) {
      if (nVal > 0) nVal--;
      else nTest--;
    }
    for (let i = 0; i < nc; i++) part[rows[i]!] = i < nTest ? TEST : i < nTest + nVal ? VALIDATION : TRAIN;
  }
  return {
    train: subset(ds, rowsWhere(part, TRAIN)),
    validation: subset(ds, rowsWhere(part, VALIDATION)),
    test: subset(ds, rowsWhere(part, TEST)),
  };
}

/**
 * Stratified k-fold cross-validation. Each class's rows are shuffled by `seed` (classes in index
 * order), then the classes' lists, one after another, are dealt to folds 0, 1, ..., k-1, 0, 1, ...
 * with one counter running across classes. So each class's count differs by at most 1 between
 * folds, and so do the fold sizes. Fold i tests on its rows and trains on all the others; within
 * each, rows keep their order in `ds`.
 *
 * @example
 * for (const { train, test } of kFold(iris, 5, 1)) {
 *   // train.n === 120, test.n === 30
 * }
 */
export function kFold(ds: Dataset, k: number, seed: number): Array<{ train: Dataset; test: Dataset }> {
  if (!Number.isInteger(k) || k < 2 || k > ds.n) {
    throw new RangeError(`k must be an integer in [2, ${ds.n}] (the number of rows), got ${k}`);
  }
  const foldOf = new Int32Array(ds.n); // (n): the fold whose test set holds each row
  let deal = 0;
  for (const rows of shuffledByClass(ds, new Rng(seed))) {
    for (let i = 0; i < rows.length; i++) foldOf[rows[i]!] = deal++ % k;
  }
  const folds: Array<{ train: Dataset; test: Dataset }> = [];
  for (let f = 0; f < k; f++) {
    let m = 0;
    for (let r = 0; r < ds.n; r++) if (foldOf[r] === f) m++;
    const testRows = new Int32Array(m);
    const trainRows = new Int32Array(ds.n - m);
    let a = 0, b = 0;
    for (let r = 0; r < ds.n; r++) {
      if (foldOf[r] === f) testRows[a++] = r;
      else trainRows[b++] = r;
    }
    folds.push({ train: subset(ds, trainRows), test: subset(ds, testRows) });
  }
  return folds;
}
