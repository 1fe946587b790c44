import { pairedDifferences } from './paired-differences.ts';

/** Head-to-head record of a against b over paired runs. */
export interface WinTieLoss {
  /** Pairs with a[i] - b[i] > tol. */
  readonly wins: number;
  /** Pairs with |a[i] - b[i]| ≤ tol. */
  readonly ties: number;
  /** Pairs with a[i] - b[i] < -tol. */
  readonly losses: number;
}

/**
 * Counts the seeds on which a beats, ties or loses to b, with higher meaning better (pass
 * accuracies). For a lower-is-better metric such as loss, swap the arguments:
 * `winTieLoss(lossB, lossA)` is A's record. `tol` turns near-equal results into ties.
 *
 * @throws RangeError when a and b differ in length, `tol` is negative or NaN, or a pair
 * contains NaN (a diverged run must be handled by the caller, not silently counted).
 *
 * @example
 * winTieLoss([0.91, 0.92, 0.90], [0.90, 0.92, 0.93]); // { wins: 1, ties: 1, losses: 1 }
 * winTieLoss([0.912, 0.90], [0.910, 0.93], 0.005);   // { wins: 0, ties: 1, losses: 1 }
 */
export function winTieLoss(a: ArrayLike<number>, b: ArrayLike<number>, tol = 0): WinTieLoss {
  if (!(tol >= 0)) throw new RangeError(`Tie tolerance must be ≥ 0, got ${tol}.`);
  const d = pairedDifferences(a, b);
  let wins = 0;
  let ties = 0;
  let losses = 0;
  for (let i = 0; i < d.length; i++) {
    const di = d[i];
    if (Number.isNaN(di)) {
      throw new RangeError(`Pair ${i} contains NaN (${a[i]} vs ${b[i]}); drop or impute it first.`);
    }
    if (di > tol) wins++;
    else if (di < -tol) losses++;
    else ties++;
  }
  return { wins, ties, losses };
}
