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

/**
 * Interquartile mean: the mean of what is left after cutting floor(n/4) values from each end of the
 * sorted sample, `scipy.stats.trim_mean(values, 0.25)` (rliable's IQM). Less swayed by one lucky or
 * unlucky seed than the mean; with fewer than 4 values nothing is cut. NaN for an empty sample.
 *
 * @example
 * interquartileMean([0.1, 0.7, 0.72, 0.74, 0.76, 0.99]); // 0.73: 0.1 and 0.99 cut
 */
export function interquartileMean(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const cut = Math.floor(n / 4);
  return mean(sorted.subarray(cut, n - cut));
}
