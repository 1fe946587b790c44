/**
 * Holm-Bonferroni step-down adjustment of a family of p-values, e.g. one per pairwise
 * comparison (L1 vs L2, L1 vs none, L2 vs none). With the m p-values sorted ascending,
 * p_(1) ≤ … ≤ p_(m), the adjusted value is
 *   p̃_(i) = min(1, max_{j ≤ i} (m - j + 1) · p_(j)),
 * so adjusted values are monotone in the raw ones and never exceed 1. Rejecting every
 * comparison with p̃ ≤ α controls the family-wise error rate at α. Same numbers as R's
 * `p.adjust(p, "holm")` and statsmodels' `multipletests(p, method='holm')`.
 *
 * The result is in the input order. NaN p-values stay NaN and do not count towards m
 * (R's convention for NA).
 *
 * @example
 * holm([0.01, 0.04, 0.03, 0.005]); // [0.03, 0.06, 0.06, 0.02]
 */
export function holm(pValues: readonly number[]): number[] {
  const order = pValues
    .map((_, i) => i)
    .filter((i) => !Number.isNaN(pValues[i]))
    .sort((i, j) => pValues[i] - pValues[j]);
  const m = order.length;
  const adjusted = pValues.map(() => Number.NaN);
  let runningMax = 0;
  for (let rank = 0; rank < m; rank++) {
    const i = order[rank];
    runningMax = Math.max(runningMax, Math.min(1, (m - rank) * pValues[i]));
    adjusted[i] = runningMax;
  }
  return adjusted;
}
