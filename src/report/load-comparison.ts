import type { Storage } from '../store/storage.ts';
import { stopTally } from '../sweep/epochs-saved.ts';
import { CompareError, type CompareOptions, DEFAULT_BY, DEFAULT_METRIC, type TrialRow, compareTrials, selectionMetricFor } from './compare.ts';
import type { Comparison } from './comparison.ts';
import { fullySeededOnly, noteStopped } from './stopped-trials.ts';

/**
 * The part of `Storage` a comparison reads. Trials are listed as id, seed and status only (`trialOutcomes`),
 * not as whole records whose configs and summaries a comparison never reads (for a sweep of 50,000 trials,
 * 0.7 s and a hundred megabytes of heap saved). With `stoppedTrials`, the comparison also says how many training
 * epochs pruning and racing saved (`Comparison.stopped`).
 */
export type ComparisonSource = Pick<Storage, 'getSweep' | 'listSweeps' | 'trialOutcomes' | 'getMetrics' | 'getParams'> & Partial<Pick<Storage, 'stoppedTrials'>>;

export interface LoadComparisonOptions extends CompareOptions {
  /** a version of the sweep (default: the latest) */
  version?: number;
}

/**
 * Read a sweep's trials, params and metrics through `Storage` and compare its groups (see `compareTrials`).
 * When the selection metric is the sweep's objective, the objective's direction says whether higher is better.
 *
 * @throws CompareError for an unknown sweep or version, and everything `compareTrials` throws.
 *
 * @example
 * const store = await openStore('regsweep.db');
 * try { console.log((await loadComparison(store, 'l2-demo')).verdict); } finally { await store.close(); }
 */
export async function loadComparison(source: ComparisonSource, name: string, options: LoadComparisonOptions = {}): Promise<Comparison> {
  const sweep = await source.getSweep(name, options.version);
  if (!sweep) {
    const known = await source.listSweeps();
    const latest = known.filter((s) => s.sweep.name === name).reduce<number | null>((v, s) => Math.max(v ?? 0, s.sweep.version), null);
    if (latest !== null) throw new CompareError('unknown-sweep', `sweep ${name} has no version ${options.version} (latest: ${latest})`);
    const names = [...new Set(known.map((s) => s.sweep.name))];
    throw new CompareError('unknown-sweep', `unknown sweep "${name}"; ${names.length ? `sweeps in this database: ${names.join(', ')}` : 'this database has no sweeps'}`);
  }
  const trials = await source.trialOutcomes(sweep.id);
  const ids = trials.map((t) => t.id);
  const [params, metrics] = await Promise.all([source.getParams(ids), source.getMetrics(ids)]);
  // pruned or raced out on some seed: the configuration's other trials are set aside (stopped-trials.ts)
  const all = trials.map((t): TrialRow => ({
    id: t.id, seed: t.seed, status: t.status, params: params.get(t.id) ?? {}, metrics: metrics.get(t.id) ?? {},
  }));
  const { rows, setAside } = fullySeededOnly(all);
  const selectionMetric = options.selectionMetric ?? selectionMetricFor(options.metric ?? DEFAULT_METRIC);
  const higherIsBetter = options.higherIsBetter
    ?? (sweep.objectiveMetric === selectionMetric ? sweep.objectiveDirection === 'maximize' : undefined);
  const comparison = compareTrials({ name: sweep.name, version: sweep.version, id: sweep.id }, rows, { ...options, selectionMetric, higherIsBetter });
  noteStopped(comparison, all, setAside, options.by ?? DEFAULT_BY);
  if (source.stoppedTrials) comparison.stopped = stopTally(await source.stoppedTrials({ sweepId: sweep.id }), sweep.spec);
  return comparison;
}
