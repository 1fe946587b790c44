import type { Dataset, Splits } from './dataset.ts';

/** How features are rescaled: z-score (mean 0, sd 1), min-max (to [0, 1]) or not at all. */
export type NormalizerKind = 'zscore' | 'minmax' | 'none';

/**
 * A fitted per-feature affine map, x' = (x - shift) / scale. Plain data: it can be posted to a
 * worker or stored as JSON (via `Array.from`).
 */
export interface Normalizer {
  readonly kind: NormalizerKind;
  /** (nFeatures): the mean (zscore), the minimum (minmax) or 0 (none) */
  readonly shift: Float64Array;
  /** (nFeatures): the population sd (zscore), max - min (minmax) or 1 (none); 1 for a constant column */
  readonly scale: Float64Array;
}

/**
 * Fits a normalizer on the training split. z-score uses the population standard deviation,
 * sqrt(sum (x - mean)^2 / n), dividing by n and not n - 1 (as scikit-learn's StandardScaler does).
 * A column whose values are all equal (max === min exactly) gets scale 1, so it maps to 0 under
 * both zscore and minmax instead of dividing by zero.
 *
 * @example
 * const norm = fitNormalizer(splits.train, 'zscore');
 * const test = applyNormalizer(norm, splits.test); // test scaled with train's mean and sd
 */
export function fitNormalizer(train: Dataset, kind: NormalizerKind): Normalizer {
  const { x, n, nFeatures: d } = train;
  const shift = new Float64Array(d); // (d)
  const scale = new Float64Array(d).fill(1); // (d)
  if (kind === 'none') return { kind, shift, scale };
  if (n === 0) throw new RangeError(`cannot fit a ${kind} normalizer on a data set with no rows`);
  const min = new Float64Array(d).fill(Infinity);
  const max = new Float64Array(d).fill(-Infinity);
  const mean = new Float64Array(d);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < d; j++) {
      const v = x[r * d + j]!;
      mean[j]! += v;
      if (v < min[j]!) min[j] = v;
      if (v > max[j]!) max[j] = v;
    }
  }
  for (let j = 0; j < d; j++) mean[j]! /= n;
  if (kind === 'minmax') {
    for (let j = 0; j < d; j++) {
      shift[j] = min[j]!;
      if (max[j]! > min[j]!) scale[j] = max[j]! - min[j]!;
    }
    return { kind, shift, scale };
  }
  const sumSq = new Float64Array(d); // second pass: sum of squared deviations, (d)
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < d; j++) {
      const dev = x[r * d + j]! - mean[j]!;
      sumSq[j]! += dev * dev;
    }
  }
  for (let j = 0; j < d; j++) {
    shift[j] = mean[j]!;
    const sd = Math.sqrt(sumSq[j]! / n);
    if (max[j]! > min[j]! && sd > 0) scale[j] = sd;
  }
  return { kind, shift, scale };
}

/**
 * A new Dataset with x' = (x - shift) / scale; labels and names are shared, `ds` is unchanged.
 *
 * @example
 * const norm = fitNormalizer(train, 'minmax');
 * applyNormalizer(norm, validation).x; // validation in train's [min, max] units
 */
export function applyNormalizer(norm: Normalizer, ds: Dataset): Dataset {
  const d = ds.nFeatures;
  if (norm.shift.length !== d || norm.scale.length !== d) {
    throw new RangeError(`normalizer has ${norm.shift.length} features, data set has ${d}`);
  }
  const { shift, scale } = norm;
  const src = ds.x;
  const x = new Float64Array(src.length); // (n, d), row-major
  for (let r = 0; r < ds.n; r++) {
    for (let j = 0; j < d; j++) x[r * d + j] = (src[r * d + j]! - shift[j]!) / scale[j]!;
  }
  return { ...ds, x };
}

/**
 * Fits on `splits.train` only and applies the result to all three splits.
 *
 * @example
 * const { train, validation, test } = normalizeSplits(makeSynthetic({ seed: 1 }), 'zscore');
 */
export function normalizeSplits(splits: Splits, kind: NormalizerKind): Splits {
  const norm = fitNormalizer(splits.train, kind);
  return {
    train: applyNormalizer(norm, splits.train),
    validation: applyNormalizer(norm, splits.validation),
    test: applyNormalizer(norm, splits.test),
  };
}
