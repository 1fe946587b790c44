/**
 * Element-wise differences a[i] - b[i] of two paired samples (same seed, two
 * regularizers). Every paired statistic in this folder starts here, so they all compute the
 * differences the same way scipy does (`x - y` in float64), which matters for ties: 0.9150 -
 * 0.9097 and 0.9102 - 0.9049 are both "0.0053" in decimal but differ in the last bit, so
 * neither scipy nor regsweep treats them as tied.
 *
 * @throws RangeError when the samples have different lengths.
 *
 * @example
 * pairedDifferences([0.92, 0.90], [0.91, 0.90]); // Float64Array [0.010000000000000009, 0]
 */
export function pairedDifferences(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  if (a.length !== b.length) {
    throw new RangeError(
      `Paired samples must have the same length, got ${a.length} and ${b.length}: ` +
        'pair results by seed before comparing them.',
    );
  }
  const n = a.length;
  const d = new Float64Array(n); // (n,)
  for (let i = 0; i < n; i++) d[i] = a[i] - b[i];
  return d;
}
