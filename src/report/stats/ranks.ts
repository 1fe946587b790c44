/** Average ranks of a sample and the sizes of its groups of tied values. */
export interface AverageRanks {
  /** ranks[i] is the 1-based rank of values[i]; tied values share the mean of their ranks. */
  readonly ranks: Float64Array;
  /** Size of every group of equal values that has more than one member, smallest value first. */
  readonly tieSizes: readonly number[];
}

/**
 * Ranks with ties averaged (`scipy.stats.rankdata(values, 'average')`), plus the tie
 * group sizes a normal approximation needs for its variance correction. Ties mean exact
 * float equality, as in scipy. Values must not be NaN.
 *
 * @example
 * const { ranks, tieSizes } = averageRanks([0.3, 0.1, 0.3, 0.2]);
 * ranks;    // Float64Array [3.5, 1, 3.5, 2]
 * tieSizes; // [2]
 */
export function averageRanks(values: ArrayLike<number>): AverageRanks {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => values[i] - values[j]);
  const ranks = new Float64Array(n); // (n,), in input order
  const tieSizes: number[] = [];
  let start = 0;
  while (start < n) {
    let end = start + 1; // group is order[start..end)
    while (end < n && values[order[end]] === values[order[start]]) end++;
    const size = end - start;
    const rank = start + (size + 1) / 2; // mean of the 1-based ranks start+1 .. end
    for (let k = start; k < end; k++) ranks[order[k]] = rank;
    if (size > 1) tieSizes.push(size);
    start = end;
  }
  return { ranks, tieSizes };
}
