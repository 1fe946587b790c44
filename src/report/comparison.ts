import type { ParamValue } from '../store/types.ts';

/**
 * The result of comparing the groups of a sweep (by default: regularization kinds) on held-out data.
 * Every number the `compare` tables and the HTML report show is in here, per-seed values included,
 * so `--format json` is this object.
 */
export interface Comparison {
  sweep: { name: string; version: number; id: number };
  /** the field groups are formed by, e.g. `regularization` */
  by: string;
  /** the metric compared, e.g. `test_accuracy` */
  metric: string;
  /** the metric settings are chosen on (the validation counterpart), e.g. `validation_accuracy` */
  selectionMetric: string;
  /** higher is better for `metric` */
  higherIsBetter: boolean;
  /** the other swept settings (e.g. `lambda`) chosen per group on the selection metric */
  tunedParams: string[];
  groups: GroupSummary[];
  /** every pair of groups, paired by seed */
  pairs: PairComparison[];
  /** metric vs each tuned setting's values per group, for the curve table and charts */
  curve: CurvePoint[];
  /** one line in words: who beats whom on `metric`, by how much, how sure */
  verdict: string;
  /** trials counted: completed, with the metric and the selection metric recorded (added by compare) */
  used?: number;
  /** trials left out, by reason: a status (`diverged`, `failed`, ...) or `missing <metric>` (added by compare) */
  excluded?: Record<string, number>;
}

export interface GroupSummary {
  /** the group's value of `by`, e.g. `l2` */
  group: string;
  /** the chosen setting, e.g. `{ lambda: 0.001 }` ({} when nothing was tuned) */
  chosen: Record<string, ParamValue>;
  /** mean selection metric of the chosen setting across seeds */
  selectionMean: number;
  /** metric mean and 95% t-interval across seeds at the chosen setting */
  mean: number;
  ciLow: number;
  ciHigh: number;
  /** mean of (train metric - metric) across seeds: the generalization gap; null if no train metric */
  trainGap: number | null;
  /** mean fraction of weights exactly zero; null if not recorded */
  zeroFraction: number | null;
  n: number;
  perSeed: SeedResult[];
}

export interface SeedResult {
  seed: number;
  trialId: number;
  value: number;
  selection: number;
  train: number | null;
  zeroFraction: number | null;
}

export interface PairComparison {
  a: string;
  b: string;
  /** seeds present on both sides */
  n: number;
  /** seeds present on only one side, left out */
  missing: number;
  /** mean of a - b over paired seeds, and its 95% t-interval */
  meanDiff: number;
  ciLow: number;
  ciHigh: number;
  tTestP: number;
  wilcoxonP: number;
  wilcoxonMethod: string;
  /** Holm-adjusted p-values over all pairs (of the t-test and of Wilcoxon) */
  tTestPHolm: number;
  wilcoxonPHolm: number;
  /** a better than b / equal / worse, seed by seed */
  wins: number;
  ties: number;
  losses: number;
}

export interface CurvePoint {
  group: string;
  /** the tuned setting varied along the curve, e.g. `lambda` */
  param: string;
  value: ParamValue;
  /** mean across seeds of the compared metric, its 95% CI, and of the selection metric */
  mean: number;
  ciLow: number;
  ciHigh: number;
  selectionMean: number;
  trainGap: number | null;
  zeroFraction: number | null;
  n: number;
  /** this point is the group's chosen setting (added by compare) */
  chosen?: boolean;
}
