import type { ParamValue } from '../store/types.ts';
import type { Selection } from './select-settings.ts';

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
  /**
   * how they were chosen: `per-seed` (each seed's validation picks that seed's setting; the calibrated
   * verdict) or `pooled` (the best mean over seeds; descriptive, its p-values run high). See `Selection`.
   */
  select: Selection;
  /** true for the pooled choice: its numbers describe "the best setting on average", its p-values are not calibrated */
  descriptive: boolean;
  /** the level the verdict tests at (0.05) */
  alpha: number;
  /** the paired bootstrap behind `bootstrapLow/High` and `improvementLow/High` of each pair */
  bootstrap: { resamples: number; seed: number };
  groups: GroupSummary[];
  /** every pair of groups, paired by seed */
  pairs: PairComparison[];
  /**
   * metric vs each tuned setting's values per group, for the curve table and charts: the group's settings that
   * differ from its chosen one in that setting alone (a slice through the choice), or, for a setting in
   * `everySetting`, every setting of the group
   */
  curve: CurvePoint[];
  /**
   * tuned settings of which no two settings of a group differ in that setting alone (a random or TPE search draws
   * every setting anew): their curve holds every setting of each group, the others varying from point to point,
   * since a slice through the choice would hold the chosen setting only (added by compare; empty for a grid)
   */
  everySetting?: string[];
  /** one line in words: who beats whom on `metric`, by how much, how sure */
  verdict: string;
  /** trials counted: completed, with the metric and the selection metric recorded (added by compare) */
  used?: number;
  /** trials left out, by reason: a status (`diverged`, `failed`, ...) or `missing <metric>` (added by compare) */
  excluded?: Record<string, number>;
  /**
   * trials pruned and raced out, and the training epochs that saved: null when the sweep's trials have no
   * planned epochs, an own objective without `training.epochs` (added by `loadComparison` from the store)
   */
  stopped?: { pruned: number; racedOut: number; epochsSaved: number | null };
}

export interface GroupSummary {
  /** the group's value of `by`, e.g. `l2` */
  group: string;
  /**
   * the chosen setting, e.g. `{ lambda: 0.001 }` ({} when nothing was tuned); chosen per seed, the one
   * chosen for the most seeds (see `choices`)
   */
  chosen: Record<string, ParamValue>;
  /** the settings chosen, with the number of seeds each was chosen for (pooled: one, for every seed) */
  choices: SettingChoice[];
  /** the choices that an exact tie on the selection metric decided */
  ties: Ties;
  /** mean selection metric across seeds at the setting(s) chosen */
  selectionMean: number;
  /** metric mean and 95% t-interval across seeds at the setting(s) chosen */
  mean: number;
  ciLow: number;
  ciHigh: number;
  /** interquartile mean of the metric across seeds (`scipy.stats.trim_mean(x, 0.25)`) */
  iqm: number;
  /** mean of (train metric - metric) across seeds: the generalization gap; null if no train metric */
  trainGap: number | null;
  /** mean fraction of weights exactly zero; null if not recorded */
  zeroFraction: number | null;
  n: number;
  perSeed: SeedResult[];
}

/**
 * The choices of a group that an exact tie on the selection value decided, by setting order (the earlier
 * setting taken): per seed, the seeds on which several settings shared the best value, and the most that
 * shared one; pooled, every seed when several settings shared the best mean. Zeros: no tie decided anything.
 */
export interface Ties {
  seeds: number;
  settings: number;
}

/** A setting and how many seeds chose it. */
export interface SettingChoice {
  setting: Record<string, ParamValue>;
  seeds: number;
}

export interface SeedResult {
  seed: number;
  trialId: number;
  /** the tuned setting of this trial, e.g. `{ lambda: 0.001 }` */
  setting: Record<string, ParamValue>;
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
  /** sample sd of a - b over paired seeds, and the standardized difference meanDiff / sdDiff (Cohen's d_z) */
  sdDiff: number;
  effectSize: number;
  /** 95% percentile interval of the mean difference by the paired bootstrap over seeds */
  bootstrapLow: number;
  bootstrapHigh: number;
  /** P(a better than b) on a seed drawn at random (ties half), and its 95% paired-bootstrap interval */
  improvement: number;
  improvementLow: number;
  improvementHigh: number;
  /**
   * seeds at which a true difference of this size (`effectSize`) would be detected with 80% power by the
   * two-sided paired t-test at 0.05; null when the difference is 0 or more than 10,000 seeds would be needed
   */
  seedsNeeded: number | null;
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
  /** mean across seeds of the compared metric, its 95% CI and interquartile mean, and of the selection metric */
  mean: number;
  ciLow: number;
  ciHigh: number;
  iqm: number;
  selectionMean: number;
  trainGap: number | null;
  zeroFraction: number | null;
  n: number;
  /** this point is the group's chosen setting (added by compare) */
  chosen?: boolean;
  /** seeds for which this setting was chosen (added by compare) */
  chosenBy?: number;
}
