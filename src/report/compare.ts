import type { ParamValue, TrialStatus } from '../store/types.ts';
import { isLowerBetter, metricOnSplit } from '../sweep/metric-names.ts';
import { didYouMean } from '../sweep/sweep-error.ts';
import { compareCodeUnits } from '../text/plain-format.ts';
import { comparePair } from './compare-pair.ts';
import type { Comparison, CurvePoint, GroupSummary, PairComparison, SeedResult } from './comparison.ts';
import { type Cell, DEFAULT_SELECT, SELECTIONS, type Selection, chooseSettings } from './select-settings.ts';
import { DEFAULT_BOOTSTRAP_SEED, DEFAULT_RESAMPLES, holm, interquartileMean, mean, tInterval } from './stats/index.ts';
import { ALPHA, describeVerdict } from './verdict.ts';
/** One trial as `compareTrials` needs it: what `Storage` returns for it, flattened. */
export interface TrialRow {
  id: number;
  seed: number;
  status: TrialStatus;
  /** the swept params, e.g. `{ regularization: 'l2', lambda: 0.001 }` */
  params: Record<string, ParamValue>;
  /** final metrics, e.g. `{ validation_accuracy: 0.8, test_accuracy: 0.75, zero_fraction: 0 }` */
  metrics: Record<string, number>;
}

/** What to compare; every field has a default. */
export interface CompareOptions {
  /** the param groups are formed by (default `regularization`) */
  by?: string;
  /** the metric compared (default `test_accuracy`) */
  metric?: string;
  /** the metric settings are chosen on (default: see {@link selectionMetricFor}) */
  selectionMetric?: string;
  /** default: see {@link isHigherBetter} */
  higherIsBetter?: boolean;
  /** how settings are chosen within a group (default `per-seed`, the calibrated verdict); see `Selection` */
  select?: Selection;
  /** the paired bootstrap: resamples (default 10,000; 0 skips it, leaving its bounds NaN) and seed (default 0) */
  bootstrap?: { resamples?: number; seed?: number };
  /** names the comparison in its tables (default `{ name: 'trials', version: 1, id: 0 }`) */
  sweep?: Comparison['sweep'];
}

/** Groups are regularization kinds unless `--by` says otherwise. */
export const DEFAULT_BY = 'regularization';
/** The metric compared unless `--metric` says otherwise; settings are chosen on `validation_accuracy`. */
export const DEFAULT_METRIC = 'test_accuracy';

/** Why a comparison cannot be made. Every message is one line a user can act on. */
export type CompareErrorCode = 'unknown-sweep' | 'unknown-field' | 'unknown-metric' | 'unknown-select' | 'too-few-groups' | 'no-completed-trials';

/**
 * A comparison that cannot be made from what was recorded (unknown sweep, field or metric, fewer than two groups).
 *
 * @example
 * try { compareTrials(rows, { metric: 'tset_accuracy' }) } catch (e) {
 *   if (e instanceof CompareError) console.error(e.message); // unknown metric "tset_accuracy" (did you mean ...
 * }
 */
export class CompareError extends Error {
  override name = 'CompareError';
  constructor(readonly code: CompareErrorCode, message: string) {
    super(message);
  }
}

/**
 * The metric settings are chosen on for a compared metric: its validation counterpart (`test_loss` ->
 * `validation_loss`); a metric of no split (`zero_fraction`) is its own selection metric.
 *
 * @example
 * selectionMetricFor('test_accuracy'); // 'validation_accuracy'
 */
export function selectionMetricFor(metric: string): string {
  return metricOnSplit(metric, 'validation') ?? metric;
}

/** The training-split counterpart of a validation or test metric, for the generalization gap; null otherwise. */
export function trainMetricFor(metric: string): string | null {
  const train = metricOnSplit(metric, 'train');
  return train === metric ? null : train;
}

/**
 * Whether higher is better, by name (see `isLowerBetter`): loss, error and penalty are lower-is-better.
 *
 * @example
 * isHigherBetter('test_loss'); // false
 */
export function isHigherBetter(metric: string): boolean {
  return !isLowerBetter(metric);
}

/** The name a comparison of bare rows gets in its tables. */
const UNNAMED = { name: 'trials', version: 1, id: 0 };

/**
 * Compare groups of trials (by default regularization kinds) on a held-out metric. Pure: rows in, the
 * comparison out, no database; what `compare`, `report` and a notebook call.
 *
 * Only completed trials with the metric and the selection metric recorded count; the others are counted in
 * `excluded`. Within each group, every other swept param that varies (`tunedParams`, e.g. `lambda`) is chosen
 * on the selection metric, never on the compared one, by the `select` procedure: per seed (default: each
 * seed's validation picks that seed's setting; ties: the smaller values) or pooled (the best mean across
 * seeds; ties: more seeds, then the smaller values). Groups are then compared paired by seed: mean difference
 * with its 95% t-interval and paired-bootstrap interval, paired t-test, Wilcoxon signed-rank, win/tie/loss,
 * probability of improvement, Holm's adjustment over all pairs, and the seeds a difference of the observed
 * size would need. Each pair's `a` is the group with the better mean, so pairs run best-first.
 *
 * Also callable as `compareTrials(sweep, rows, options)`, naming the sweep.
 *
 * @throws CompareError for an unknown `by` field, metric or `select`, no completed trials, or fewer than two groups.
 *
 * @example
 * import { compareTrials } from 'regsweep';
 * const c = compareTrials([
 *   { id: 1, seed: 1, status: 'completed', params: { regularization: 'none', lambda: null }, metrics: { validation_accuracy: 0.70, test_accuracy: 0.69 } },
 *   { id: 2, seed: 1, status: 'completed', params: { regularization: 'l2', lambda: 0.001 }, metrics: { validation_accuracy: 0.74, test_accuracy: 0.73 } },
 *   // ... every setting on every seed
 * ]);
 * c.groups.map((g) => [g.group, g.mean, g.choices]); // [['none', 0.7, [...]], ['l2', 0.74, [{ setting: { lambda: 0.001 }, seeds: 7 }, ...]]]
 * c.verdict; // 'l2 beats none on test accuracy by +4.0 points (95% CI ...'
 */
export function compareTrials(rows: readonly TrialRow[], options?: CompareOptions): Comparison;
export function compareTrials(sweep: Comparison['sweep'], rows: readonly TrialRow[], options?: CompareOptions): Comparison;
export function compareTrials(
  first: Comparison['sweep'] | readonly TrialRow[], second?: readonly TrialRow[] | CompareOptions, third?: CompareOptions,
): Comparison {
  const named = !Array.isArray(first);
  const trials = (named ? second : first) as readonly TrialRow[];
  const options = ((named ? third : second) ?? {}) as CompareOptions;
  const sweep = named ? (first as Comparison['sweep']) : (options.sweep ?? UNNAMED);
  const by = options.by ?? DEFAULT_BY;
  const metric = options.metric ?? DEFAULT_METRIC;
  const selectionMetric = options.selectionMetric ?? selectionMetricFor(metric);
  const higherIsBetter = options.higherIsBetter ?? isHigherBetter(metric);
  const select = options.select ?? DEFAULT_SELECT;
  if (!SELECTIONS.includes(select)) {
    throw new CompareError('unknown-select', `--select must be one of ${SELECTIONS.join(', ')}, got "${select}"`);
  }
  const bootstrap = { resamples: options.bootstrap?.resamples ?? DEFAULT_RESAMPLES, seed: options.bootstrap?.seed ?? DEFAULT_BOOTSTRAP_SEED };
  const trainMetric = trainMetricFor(metric);
  const better = (x: number, y: number) => (higherIsBetter ? x > y : x < y);

  const excluded: Record<string, number> = {};
  const exclude = (reason: string) => { excluded[reason] = (excluded[reason] ?? 0) + 1; };
  const completed = trials.filter((t) => t.status === 'completed').sort((x, y) => x.id - y.id);
  for (const t of trials) if (t.status !== 'completed') exclude(t.status);
  if (completed.length === 0) {
    throw new CompareError('no-completed-trials', `sweep ${sweep.name} (version ${sweep.version}) has no completed trials${trials.length ? ` (${describeCounts(excluded)})` : ''}`);
  }

  const fields = uniqueKeys(completed.map((t) => t.params));
  // `--by regularization,l1Method` groups by both: labels like `l1/proximal` (settings that do not apply are left out)
  const byFields = by.split(',').map((f) => f.trim());
  for (const f of byFields) {
    if (!fields.includes(f)) {
      throw new CompareError('unknown-field', `unknown field "${f}" for --by${didYouMean(f, fields)}; swept fields: ${fields.join(', ') || '(none)'}`);
    }
  }
  const groupOf = (params: TrialRow['params']) =>
    byFields.length === 1 ? String(params[by] ?? null) : byFields.map((f) => params[f]).filter((v) => v !== null && v !== undefined).join('/') || 'null';
  const metricNames = uniqueKeys(completed.map((t) => t.metrics)).sort();
  for (const name of [metric, selectionMetric]) {
    if (!metricNames.includes(name)) {
      const role = name === metric ? 'metric' : `selection metric (the validation counterpart of ${metric})`;
      throw new CompareError('unknown-metric', `unknown ${role} "${name}"${didYouMean(name, metricNames)}; recorded metrics: ${metricNames.join(', ')}`);
    }
  }

  const usable = completed.filter((t) => {
    const missing = [metric, selectionMetric].find((name) => !Number.isFinite(t.metrics[name]));
    if (missing !== undefined) exclude(`missing ${missing}`);
    return missing === undefined;
  });
  const tunedParams = fields.filter((f) => !byFields.includes(f) && new Set(usable.map((t) => JSON.stringify(t.params[f] ?? null))).size > 1);

  // group label -> setting key -> cell, in order of first appearance (trial id)
  const cells = new Map<string, Map<string, Cell>>();
  for (const t of usable) {
    const group = groupOf(t.params);
    const setting = Object.fromEntries(tunedParams.map((p) => [p, t.params[p] ?? null]));
    const key = JSON.stringify(tunedParams.map((p) => setting[p]));
    const byKey = cells.get(group) ?? new Map<string, Cell>();
    cells.set(group, byKey);
    const cell = byKey.get(key) ?? { setting, bySeed: new Map<number, SeedResult>() };
    byKey.set(key, cell);
    if (cell.bySeed.has(t.seed)) continue; // a repeated seed of one setting: the first recorded counts
    const m = t.metrics;
    cell.bySeed.set(t.seed, {
      seed: t.seed, trialId: t.id, setting: cell.setting, value: m[metric], selection: m[selectionMetric],
      train: trainMetric !== null && Number.isFinite(m[trainMetric]) ? m[trainMetric] : null,
      zeroFraction: Number.isFinite(m.zero_fraction) ? m.zero_fraction : null,
    });
  }
  if (cells.size < 2) {
    const found = cells.size ? `only one ${by} group ("${[...cells.keys()][0]}")` : `no ${by} group`;
    throw new CompareError('too-few-groups', `${found} among the completed trials with ${metric} and ${selectionMetric}; need at least 2 to compare`);
  }

  const groups: GroupSummary[] = [];
  const chosenOf: { group: string; settings: Cell[]; chosen: Cell; chosenBy: Map<string, number> }[] = [];
  for (const [group, byKey] of cells) {
    const settings = [...byKey.values()].sort((x, y) => compareSettings(x.setting, y.setting, tunedParams));
    const { chosen, perSeed, choices, ties } = chooseSettings(settings, select, better);
    const s = summarize(perSeed);
    groups.push({ group, chosen: chosen.setting, choices, ties, ...s, perSeed });
    chosenOf.push({ group, settings, chosen, chosenBy: new Map(choices.map((c) => [JSON.stringify(c.setting), c.seeds])) });
  }
  // vary one param, the others held at their chosen values (a grid's slice through the choice holds every value
  // of the param); where no group's slice holds two settings and half the param's values (a random or TPE search
  // draws each setting anew: a slice holds the chosen setting, or two by coincidence), every setting of the group
  type Chosen = (typeof chosenOf)[number];
  const sliceOf = (g: Chosen, param: string) => g.settings.filter((c) => tunedParams.every((p) => p === param || sameValue(c.setting[p], g.chosen.setting[p])));
  const valuesOf = (g: Chosen, param: string) => new Set(g.settings.map((c) => JSON.stringify(c.setting[param]))).size;
  const sliced = (param: string) => chosenOf.some((g) => { const n = sliceOf(g, param).length; return n >= 2 && 2 * n >= valuesOf(g, param); });
  const everySetting = tunedParams.length < 2 ? [] : tunedParams.filter((param) => !sliced(param) && chosenOf.some((g) => valuesOf(g, param) > 1));
  const curve: CurvePoint[] = [];
  for (const g of chosenOf) {
    for (const param of tunedParams) {
      for (const cell of everySetting.includes(param) ? g.settings : sliceOf(g, param)) {
        const point = summarize([...cell.bySeed.values()]);
        curve.push({ group: g.group, param, value: cell.setting[param], ...point, chosen: cell === g.chosen, chosenBy: g.chosenBy.get(JSON.stringify(cell.setting)) ?? 0 });
      }
    }
  }

  // best mean first; means that tie (sameMean) keep their order
  const ahead = (x: number, y: number) => better(x, y) && !sameMean(x, y);
  const ranked = [...groups].sort((x, y) => (ahead(x.mean, y.mean) ? -1 : ahead(y.mean, x.mean) ? 1 : 0));
  const pairs: PairComparison[] = [];
  for (let i = 0; i < ranked.length; i++) {
    for (let j = i + 1; j < ranked.length; j++) pairs.push(comparePair(ranked[i], ranked[j], higherIsBetter, bootstrap));
  }
  const tHolm = holm(pairs.map((p) => p.tTestP));
  const wHolm = holm(pairs.map((p) => p.wilcoxonP));
  pairs.forEach((p, k) => { p.tTestPHolm = tHolm[k]; p.wilcoxonPHolm = wHolm[k]; });

  const comparison: Comparison = {
    sweep, by, metric, selectionMetric, higherIsBetter, tunedParams, select, descriptive: select === 'pooled', alpha: ALPHA, bootstrap, groups, pairs, curve, everySetting,
    verdict: '', used: usable.length, excluded,
  };
  comparison.verdict = describeVerdict(comparison);
  return comparison;
}

/** Mean, 95% t-interval and IQM of the metric, and the means of the selection metric, train gap and zero fraction. */
function summarize(rows: readonly SeedResult[]) {
  const values = rows.map((r) => r.value);
  const ci = tInterval(values);
  const gaps = rows.filter((r) => r.train !== null).map((r) => r.train! - r.value);
  const zeros = rows.flatMap((r) => (r.zeroFraction === null ? [] : [r.zeroFraction]));
  return {
    selectionMean: mean(rows.map((r) => r.selection)),
    mean: ci.mean, ciLow: ci.low, ciHigh: ci.high, iqm: interquartileMean(values),
    trainGap: gaps.length ? mean(gaps) : null,
    zeroFraction: zeros.length ? mean(zeros) : null,
    n: rows.length,
  };
}

function uniqueKeys(records: readonly object[]): string[] {
  const keys = new Set<string>();
  for (const r of records) for (const k in r) keys.add(k);
  return [...keys];
}

function sameValue(x: ParamValue, y: ParamValue): boolean {
  return JSON.stringify(x) === JSON.stringify(y);
}

/** null first, then numbers ascending, then the rest as strings. */
function compareValues(x: ParamValue, y: ParamValue): number {
  if (x === y) return 0;
  if (x === null || y === null) return x === null ? -1 : 1;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  if (typeof x === 'number' || typeof y === 'number') return typeof x === 'number' ? -1 : 1;
  return compareCodeUnits(String(x), String(y));
}

function compareSettings(x: Record<string, ParamValue>, y: Record<string, ParamValue>, params: readonly string[]): number {
  for (const p of params) {
    const c = compareValues(x[p], y[p]);
    if (c !== 0) return c;
  }
  return 0;
}

function describeCounts(counts: Record<string, number>): string {
  return Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ');
}

/**
 * Whether two group means are the same up to rounding: equal to 1e-12 relative (0.752 summed in another
 * order). Such groups tie: the ranking keeps their order, and the report highlights both.
 *
 * @example
 * sameMean(0.1 + 0.2, 0.3); // true
 */
export function sameMean(x: number, y: number): boolean {
  return Math.abs(x - y) <= 1e-12 * Math.max(Math.abs(x), Math.abs(y));
}
