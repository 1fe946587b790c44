/** Hand-made trial rows for the compare tests, with reference values from scipy. */
import type { TrialRow } from '../../src/report/compare.ts';
import type { ParamValue, TrialStatus } from '../../src/store/types.ts';

export const sweep = { name: 'hand', version: 1, id: 7 };

/** The pooled choice (the default before per-seed selection): the numbers these tests were written for. */
export const POOLED = { select: 'pooled' } as const;

/** Rows of one setting, one per seed (seeds 1, 2, ...); a metric array may hold fewer values than seeds. */
export function setting(
  params: Record<string, ParamValue>,
  metrics: Record<string, readonly number[]>,
  options: { firstId: number; seeds?: number[] },
): TrialRow[] {
  const n = Math.max(...Object.values(metrics).map((v) => v.length));
  const seeds = options.seeds ?? Array.from({ length: n }, (_, i) => i + 1);
  return seeds.map((seed, i) => ({
    id: options.firstId + i, seed, status: 'completed' as TrialStatus, params,
    metrics: Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, v[i]])),
  }));
}

export const fill = (v: number, n = 5) => Array<number>(n).fill(v);

// The main hand-made sweep: regularization none / l1 / l2, lambda 0.001 / 0.01 (null for none), seeds 1-5.
// Validation and test disagree on purpose: l1 at 0.01 and l2 at 0.001 have the better *test* accuracy, but
// 0.001 and 0.01 have the better *validation* accuracy, so a choice made on test would pick the other lambda.
// l2 at lambda 0.01 diverged on seed 5; a failed trial and one without test_accuracy are left out too.
// Test accuracies at the chosen settings, by seed.
const none = [0.78, 0.8, 0.76, 0.79, 0.77];
const l1Chosen = [0.78, 0.815, 0.79, 0.79, 0.8]; // lambda 0.001; ties none on seeds 1 and 4
const l2Chosen = [0.84, 0.85, 0.83, 0.847]; // lambda 0.01, seeds 1-4
export const mainRows: TrialRow[] = [
  ...setting({ regularization: 'none', lambda: null }, {
    validation_accuracy: [0.8, 0.82, 0.78, 0.81, 0.79], test_accuracy: none, train_accuracy: fill(1), zero_fraction: fill(0),
  }, { firstId: 1 }),
  ...setting({ regularization: 'l1', lambda: 0.001 }, {
    validation_accuracy: [0.84, 0.85, 0.83, 0.86, 0.84], test_accuracy: l1Chosen, train_accuracy: fill(0.95), zero_fraction: [0.2, 0.25, 0.3, 0.2, 0.25],
  }, { firstId: 10 }),
  ...setting({ regularization: 'l1', lambda: 0.01 }, {
    validation_accuracy: [0.82, 0.83, 0.81, 0.84, 0.82], test_accuracy: [0.85, 0.86, 0.84, 0.855, 0.845], train_accuracy: fill(0.9), zero_fraction: fill(0.5),
  }, { firstId: 20 }),
  ...setting({ regularization: 'l2', lambda: 0.001 }, {
    validation_accuracy: [0.83, 0.84, 0.82, 0.83, 0.83], test_accuracy: [0.88, 0.89, 0.87, 0.88, 0.885], train_accuracy: fill(0.97), zero_fraction: fill(0),
  }, { firstId: 30 }),
  ...setting({ regularization: 'l2', lambda: 0.01 }, {
    validation_accuracy: [0.86, 0.87, 0.85, 0.86], test_accuracy: l2Chosen, train_accuracy: fill(0.92, 4), zero_fraction: fill(0, 4),
  }, { firstId: 40 }),
  { id: 44, seed: 5, status: 'diverged', params: { regularization: 'l2', lambda: 0.01 }, metrics: {} },
  { id: 50, seed: 6, status: 'failed', params: { regularization: 'none', lambda: null }, metrics: {} },
  { id: 51, seed: 6, status: 'completed', params: { regularization: 'l1', lambda: 0.01 }, metrics: { validation_accuracy: 0.9, test_accuracy: Number.NaN } },
];

// Reference values (scipy 1.17.1, numpy), the arrays above:
// import numpy as np; from scipy import stats
// def ci(x): m = np.mean(x); return m, *stats.t.interval(0.95, len(x) - 1, loc=m, scale=stats.sem(x))
// def pair(a, b): r = stats.ttest_rel(a, b); c = r.confidence_interval()
//     return np.mean(np.subtract(a, b)), c.low, c.high, r.pvalue, stats.wilcoxon(a, b).pvalue
// ci(none), ci(l1Chosen), ci(l2Chosen)
// pair(l2Chosen, l1Chosen[:4]), pair(l2Chosen, none[:4]), pair(l1Chosen, none)
// Holm by hand: t p sorted 0.000745 (x3), 0.004436 (x2), 0.0890 (x1), running max;
// Wilcoxon 0.125 (x3) = 0.375, 0.125 (x2) = 0.25 -> 0.375, 0.25 (x1) -> 0.375.
// Tolerance: p and CI bounds go through jstat's t distribution, ~1e-7 relative; means are exact to ~1e-15.
export const ref = {
  none: { mean: 0.78, low: 0.7603675683852245, high: 0.7996324316147756 },
  l1: { mean: 0.7949999999999999, low: 0.7785743292442534, high: 0.8114256707557465 },
  l2: { mean: 0.84175, low: 0.8276143606674954, high: 0.8558856393325046 },
  l2VsL1: { diff: 0.04799999999999996, low: 0.02833910875495388, high: 0.06766089124504604, tP: 0.004435698085450072, wP: 0.125 },
  l2VsNone: { diff: 0.05924999999999994, low: 0.0460402918986218, high: 0.07245970810137808, tP: 0.0007450435945974386, wP: 0.125 },
  l1VsNone: { diff: 0.01499999999999999, low: -0.0036249599730564883, high: 0.03362495997305647, tP: 0.089009342500086, wP: 0.25 },
};
