import type { ParamValue, TrialStatus } from '../store/types.ts';
import { didYouMean } from '../sweep/sweep-error.ts';
import { describeVerdict } from './compare-table.ts';
import type { Comparison, CurvePoint, GroupSummary, PairComparison, SeedResult } from './comparison.ts';
import { holm, mean, pairedTTest, tInterval, wilcoxonSignedRank, winTieLoss } from './stats/index.ts';

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
}

/** Groups are regularization kinds unless `--by` says otherwise. */
export const DEFAULT_BY = 'regularization';
/** The metric compared unless `--metric` says otherwise; settings are chosen on `validation_accuracy`. */
export const DEFAULT_METRIC = 'test_accuracy';

/** Why a comparison cannot be made. Every message is one line a user can act on. */
export type CompareErrorCode = 'unknown-sweep' | 'unknown-field' | 'unknown-metric' | 'too-few-groups' | 'no-completed-trials';

/**
 * A comparison that cannot be made from what was recorded (unknown sweep, field or metric, fewer than two groups).
 *
 * @example
 * try { compareTrials(sweep, rows, { metric: 'tset_accuracy' }) } catch (e) {
 *   if (e instanceof CompareError) console.error(e.message); // unknown metric "tset_accuracy" (did you mean ...
 * }
 */
export class CompareError extends Error {
  override name = 'CompareError';
  constructor(readonly code: CompareErrorCode, message: string) {
    super(message);
  }
}

const SPLIT = /^(train|validation|test)_(.+)$/;

/**
 * The metric settings are chosen on for a compared metric: its validation counterpart (`test_loss` ->
 * `validation_loss`); a metric of no split (`zero_fraction`) is its own selection metric.
 *
 * @example
 * selectionMetricFor('test_accuracy'); // 'validation_accuracy'
 */
export function selectionMetricFor(metric: string): string {
  const m = SPLIT.exec(metric);
  return m ? `validation_${m[2]}` : metric;
}

/** The training-split counterpart of a validation or test metric, for the generalization gap; null otherwise. */
export function trainMetricFor(metric: string): string | null {
  const m = SPLIT.exec(metric);
  return m && m[1] !== 'train' ? `train_${m[2]}` : null;
}

/**
 * Whether higher is better, by name, as sweep objectives default: loss, error and penalty are lower-is-better.
 *
 * @example
 * isHigherBetter('test_loss'); // false
 */
export function isHigherBetter(metric: string): boolean {
  return !/loss|error|penalty/.test(metric);
}

/** A setting of the tuned params within a group, with its results by seed. */
interface Cell {
  setting: Record<string, ParamValue>;
  bySeed: Map<number, SeedResult>;
}

/**
 * Compare the groups of a sweep (by default its regularization kinds) on a held-out metric.
 *
 * Only completed trials with the metric and the selection metric recorded count; the others are counted in
 * `excluded`. Within each group, every other swept param that varies (`tunedParams`, e.g. `lambda`) is chosen
 * on the selection metric: the setting with the best mean across seeds (ties: more seeds, then the smaller
 * values). The compared metric never influences the choice. Groups are then compared at their chosen
 * settings, paired by seed: mean difference with its 95% t-interval, paired t-test, Wilcoxon signed-rank,
 * win/tie/loss, Holm's adjustment over all pairs. Each pair's `a` is the group with the better mean, so
 * pairs run best-first.
 *
 * @throws CompareError for an unknown `by` field or metric, no completed trials, or fewer than two groups.
 *
 * @example
 * const c = compareTrials({ name: 'l2-demo', version: 1, id: 1 }, rows);
 * c.groups.map((g) => [g.group, g.chosen, g.mean]); // [['none', { lambda: null }, 0.7], ['l2', { lambda: 0.00139 }, 0.74]]
 * c.verdict; // 'l2 (lambda=0.00139) beats none on test accuracy by +4.0 points (95% CI ...'
 */
export function compareTrials(sweep: Comparison['sweep'], trials: readonly TrialRow[], options: CompareOptions = {}): Comparison {
  const by = options.by ?? DEFAULT_BY;
  const metric = options.metric ?? DEFAULT_METRIC;
  const selectionMetric = options.selectionMetric ?? selectionMetricFor(metric);
  const higherIsBetter = options.higherIsBetter ?? isHigherBetter(metric);
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
      seed: t.seed, trialId: t.id, value: m[metric], selection: m[selectionMetric],
      train: trainMetric !== null && Number.isFinite(m[trainMetric]) ? m[trainMetric] : null,
      zeroFraction: Number.isFinite(m.zero_fraction) ? m.zero_fraction : null,
    });
  }
  if (cells.size < 2) {
    const found = cells.size ? `only one ${by} group ("${[...cells.keys()][0]}")` : `no ${by} group`;
    throw new CompareError('too-few-groups', `${found} among the completed trials with ${metric} and ${selectionMetric}; need at least 2 to compare`);
  }

  const groups: GroupSummary[] = [];
  const curve: CurvePoint[] = [];
  for (const [group, byKey] of cells) {
    const settings = [...byKey.values()].sort((x, y) => compareSettings(x.setting, y.setting, tunedParams));
    let chosen = settings[0];
    for (const cell of settings.slice(1)) {
      const [s, c] = [selectionMeanOf(cell), selectionMeanOf(chosen)];
      if (better(s, c) || (s === c && cell.bySeed.size > chosen.bySeed.size)) chosen = cell;
    }
    const perSeed = [...chosen.bySeed.values()].sort((x, y) => x.seed - y.seed);
    const s = summarize(perSeed);
    groups.push({ group, chosen: chosen.setting, selectionMean: s.selectionMean, mean: s.mean, ciLow: s.ciLow, ciHigh: s.ciHigh, trainGap: s.trainGap, zeroFraction: s.zeroFraction, n: s.n, perSeed });
    for (const param of tunedParams) {
      // vary one param, the others held at their chosen values
      const slice = settings.filter((c) => tunedParams.every((p) => p === param || sameValue(c.setting[p], chosen.setting[p])));
      for (const cell of slice) {
        curve.push({ group, param, value: cell.setting[param], ...summarize([...cell.bySeed.values()]), chosen: cell === chosen });
      }
    }
  }

  const ranked = [...groups].sort((x, y) => (better(x.mean, y.mean) ? -1 : better(y.mean, x.mean) ? 1 : 0));
  const pairs: PairComparison[] = [];
  for (let i = 0; i < ranked.length; i++) {
    for (let j = i + 1; j < ranked.length; j++) pairs.push(comparePair(ranked[i], ranked[j], higherIsBetter));
  }
  const tHolm = holm(pairs.map((p) => p.tTestP));
  const wHolm = holm(pairs.map((p) => p.wilcoxonP));
  pairs.forEach((p, k) => { p.tTestPHolm = tHolm[k]; p.wilcoxonPHolm = wHolm[k]; });

  const comparison: Comparison = {
    sweep, by, metric, selectionMetric, higherIsBetter, tunedParams, groups, pairs, curve,
    verdict: '', used: usable.length, excluded,
  };
  comparison.verdict = describeVerdict(comparison);
  return comparison;
}

function comparePair(a: GroupSummary, b: GroupSummary, higherIsBetter: boolean): PairComparison {
  const bSeeds = new Map(b.perSeed.map((r) => [r.seed, r.value]));
  const paired = a.perSeed.filter((r) => bSeeds.has(r.seed));
  const x = paired.map((r) => r.value);
  const y = paired.map((r) => bSeeds.get(r.seed)!);
  const t = pairedTTest(x, y);
  const w = wilcoxonSignedRank(x, y);
  const wtl = higherIsBetter ? winTieLoss(x, y) : winTieLoss(y, x);
  return {
    a: a.group, b: b.group, n: paired.length, missing: a.perSeed.length + b.perSeed.length - 2 * paired.length,
    meanDiff: t.meanDiff, ciLow: t.ciLow, ciHigh: t.ciHigh,
    tTestP: t.p, wilcoxonP: w.p, wilcoxonMethod: w.method, tTestPHolm: Number.NaN, wilcoxonPHolm: Number.NaN,
    wins: wtl.wins, ties: wtl.ties, losses: wtl.losses,
  };
}

function summarize(rows: readonly SeedResult[]) {
  const ci = tInterval(rows.map((r) => r.value));
  const gaps = rows.filter((r) => r.train !== null).map((r) => r.train! - r.value);
  const zeros = rows.flatMap((r) => (r.zeroFraction === null ? [] : [r.zeroFraction]));
  return {
    mean: ci.mean, ciLow: ci.low, ciHigh: ci.high,
    selectionMean: mean(rows.map((r) => r.selection)),
    trainGap: gaps.length ? mean(gaps) : null,
    zeroFraction: zeros.length ? mean(zeros) : null,
    n: rows.length,
  };
}

function selectionMeanOf(cell: Cell): number {
  return mean([...cell.bySeed.values()].map((r) => r.selection));
}

function uniqueKeys(records: readonly object[]): string[] {
  return [...new Set(records.flatMap((r) => Object.keys(r)))];
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
  return String(x).localeCompare(String(y));
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
