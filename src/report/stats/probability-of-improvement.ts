/**
 * The probability of improvement over paired seeds (after rliable, Agarwal et al., NeurIPS 2021): the
 * chance that on a seed drawn at random, a does better than b, a tie counting half.
 */

/**
 * P(a > b) = (wins + ties / 2) / n over the n paired seeds, "better" meaning higher when `higherIsBetter`,
 * lower otherwise. Paired because a seed fixes the data set and the split both sides saw (rliable compares
 * every run of a with every run of b, which suits runs that share nothing). 0.5: no tendency either way.
 * NaN for no pairs.
 *
 * @example
 * probabilityOfImprovement([0.9, 0.8, 0.7, 0.6], [0.8, 0.8, 0.75, 0.5], true); // (2 + 0.5) / 4 = 0.625
 */
export function probabilityOfImprovement(a: ArrayLike<number>, b: ArrayLike<number>, higherIsBetter: boolean): number {
  const n = a.length;
  if (n !== b.length) throw new RangeError(`Paired samples must have the same length, got ${n} and ${b.length}.`);
  if (n === 0) return Number.NaN;
  let score = 0;
  for (let i = 0; i < n; i++) {
    const d = higherIsBetter ? a[i] - b[i] : b[i] - a[i];
    score += d > 0 ? 1 : d === 0 ? 0.5 : 0;
  }
  return score / n;
}
