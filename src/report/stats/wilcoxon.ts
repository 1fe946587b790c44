import { normalTwoSidedP } from './distributions.ts';
import { pairedDifferences } from './paired-differences.ts';
import { averageRanks } from './ranks.ts';
import { signedRankTwoSidedP } from './signed-rank-distribution.ts';

/**
 * How a Wilcoxon p-value was computed, following `scipy.stats.wilcoxon(method='auto')`
 * in scipy 1.17:
 * - `'exact'`: no ties, no zero differences and at most 50 pairs; the exact null
 *   distribution of W+.
 * - `'permutation'`: ties or zero differences and at most 13 pairs; all 2^n sign flips
 *   enumerated (scipy runs `permutation_test`, which is exhaustive, hence deterministic, at
 *   this size). Also exact, conditional on the tied ranks.
 * - `'normal'`: everything else; normal approximation with tie-corrected variance.
 */
export type WilcoxonMethod = 'exact' | 'permutation' | 'normal';

/** Result of {@link wilcoxonSignedRank}; differences are `a - b`. */
export interface WilcoxonResult {
  /** Pairs used: those with a non-zero difference. */
  readonly n: number;
  /** Pairs dropped because their difference is exactly 0. */
  readonly nZero: number;
  /** Sum of the ranks of |a - b| over pairs where a > b. */
  readonly rPlus: number;
  /** Sum of the ranks of |a - b| over pairs where a < b. */
  readonly rMinus: number;
  /** min(rPlus, rMinus), the statistic scipy reports for a two-sided test. */
  readonly statistic: number;
  /** Two-sided p-value. */
  readonly p: number;
  /** Which null distribution produced `p`. */
  readonly method: WilcoxonMethod;
}

/** Options of {@link wilcoxonSignedRank}. */
export interface WilcoxonOptions {
  /**
   * Continuity correction for the normal approximation: move W+ half a unit towards its
   * mean. Off by default, as in `scipy.stats.wilcoxon` (R's `wilcox.test` turns it on).
   * Ignored when the p-value is exact or by permutation.
   */
  readonly correction?: boolean;
}

/** Pair counts at which scipy 1.17's `method='auto'` switches (they count zero differences). */
const MAX_PAIRS_EXACT = 50;
const MAX_PAIRS_PERMUTATION = 13;

/**
 * Wilcoxon signed-rank test of "a - b is symmetric about 0", two-sided, reproducing
 * `scipy.stats.wilcoxon(a, b)` with its defaults (`zero_method='wilcox'`,
 * `correction=False`, `method='auto'`): zero differences are dropped before ranking, and
 * {@link WilcoxonMethod} says which null distribution was used. The normal approximation
 * corrects the variance for ties; pass `{ correction: true }` for a continuity correction
 * too (scipy's `correction=True`). Ties are exact float equality of |a - b|, as in scipy
 * (see `pairedDifferences`).
 *
 * Degenerate inputs: when every difference is zero the result is statistic 0, p = 1
 * (scipy agrees for up to 13 pairs and returns NaN above). Empty input gives NaN.
 *
 * @throws RangeError when a and b differ in length.
 *
 * @example
 * const l2 = [0.912, 0.909, 0.915, 0.910, 0.913];
 * const none = [0.905, 0.908, 0.911, 0.904, 0.910];
 * const r = wilcoxonSignedRank(l2, none);
 * r.statistic; // 0 (L2 ahead on all five seeds)
 * r.p;         // 0.0625 = 2 / 2^5, the smallest p five pairs can give
 * r.method;    // 'exact'
 */
export function wilcoxonSignedRank(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  options: WilcoxonOptions = {},
): WilcoxonResult {
  const d = pairedDifferences(a, b);
  const total = d.length;

  const absNonZero: number[] = [];
  const positive: boolean[] = [];
  for (let i = 0; i < total; i++) {
    if (d[i] === 0) continue;
    absNonZero.push(Math.abs(d[i]));
    positive.push(d[i] > 0);
  }
  const n = absNonZero.length;
  const nZero = total - n;

  const { ranks, tieSizes } = averageRanks(absNonZero);
  let rPlus = 0;
  let rMinus = 0;
  for (let i = 0; i < n; i++) {
    if (positive[i]) rPlus += ranks[i];
    else rMinus += ranks[i];
  }
  const statistic = total === 0 ? Number.NaN : Math.min(rPlus, rMinus);

  let method: WilcoxonMethod;
  if (total > MAX_PAIRS_EXACT) method = 'normal';
  else if (tieSizes.length === 0 && nZero === 0) method = 'exact';
  else if (total <= MAX_PAIRS_PERMUTATION) method = 'permutation';
  else method = 'normal';

  let p: number;
  if (total === 0) p = Number.NaN;
  else if (n === 0) p = 1;
  else if (method === 'normal') {
    p = normalApproximationP(n, rPlus, tieSizes, options.correction ?? false);
  }
  else {
    const doubledRanks = Array.from(ranks, (r) => 2 * r);
    p = signedRankTwoSidedP(doubledRanks, 2 * rPlus);
  }

  return { n, nZero, rPlus, rMinus, statistic, p, method };
}

/**
 * Normal approximation to W+ as scipy does it: mean n(n+1)/4, variance
 * (n(n+1)(2n+1) - Σ(t³ - t)/2) / 24 over tie groups of size t, and optionally a continuity
 * correction of 0.5 towards the mean.
 */
function normalApproximationP(
  n: number,
  rPlus: number,
  tieSizes: readonly number[],
  correction: boolean,
): number {
  const mu = (n * (n + 1)) / 4;
  let tieCorrection = 0;
  for (const t of tieSizes) tieCorrection += t * t * t - t;
  const se = Math.sqrt((n * (n + 1) * (2 * n + 1) - tieCorrection / 2) / 24);
  let z = (rPlus - mu) / se;
  if (correction) z -= (Math.sign(z) * 0.5) / se;
  return normalTwoSidedP(z);
}
