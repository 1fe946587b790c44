/**
 * Descriptive statistics of a sample. Empty input gives NaN rather than throwing, so a
 * report over a sweep with a missing cell still renders.
 */

/**
 * Arithmetic mean. NaN for an empty sample; a NaN value propagates.
 *
 * @example
 * mean([0.91, 0.93, 0.92]); // 0.92
 */
export function mean(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  return sum / n;
}

/**
 * Sample standard deviation with the n - 1 (Bessel) denominator, numpy's `std(ddof=1)`.
 * Two-pass (deviations from the mean), which keeps accuracy when the values are close
 * together, as accuracies across seeds are. NaN when n < 2.
 *
 * @example
 * sampleSd([1, 2, 3, 4]); // 1.2909944487358056
 */
export function sampleSd(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return Number.NaN;
  const m = mean(values);
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const dev = values[i] - m;
    ss += dev * dev;
  }
  return Math.sqrt(ss / (n - 1));
}
