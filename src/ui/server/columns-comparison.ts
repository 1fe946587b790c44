import { CompareError, DEFAULT_METRIC, selectionMetricFor, trainMetricFor } from '../../report/compare.ts';
import type { Comparison } from '../../report/comparison.ts';
import { type ComparisonSource, type LoadComparisonOptions, loadComparison } from '../../report/load-comparison.ts';
import type { SweepColumns, SweepRecord } from '../../store/index.ts';
import type { UiStore } from './ui-store.ts';

/** The metric keys a comparison of `metric` reads: it, the one settings are chosen on, its train counterpart and the zero fraction. */
export function comparedMetricKeys(metric: string | undefined): string[] {
  const compared = metric ?? DEFAULT_METRIC;
  return [compared, selectionMetricFor(compared), trainMetricFor(compared), 'zero_fraction'].filter((k): k is string => k !== null);
}

/**
 * The comparison `regsweep compare` makes of a sweep (`loadComparison`), computed from its columns: the keys of
 * `comparedMetricKeys` are all a comparison reads, and a configuration's params are one object for all its
 * seeds. A comparison that cannot be made is made again from the store, so that its message (which lists every
 * recorded metric) is word for word the one `compare` prints.
 *
 * @example
 * const columns = await store.sweepColumns(sweep.id, comparedMetricKeys(undefined));
 * const { comparison, error } = await compareColumns(store, sweep, columns, {});
 */
export async function compareColumns(store: UiStore, sweep: SweepRecord, columns: SweepColumns, options: LoadComparisonOptions): Promise<{ comparison: Comparison | null; error: string | null }> {
  try {
    return { comparison: await loadComparison(columnsSource(store, sweep, columns), sweep.name, options), error: null };
  } catch (error) {
    if (!(error instanceof CompareError)) throw error;
  }
  try {
    return { comparison: await loadComparison(store, sweep.name, options), error: null };
  } catch (error) {
    if (!(error instanceof CompareError)) throw error;
    return { comparison: null, error: error.message };
  }
}

/** `sweep`'s trials as `loadComparison` reads them, answered from `columns`. A NaN value is left out, as if never recorded. */
function columnsSource(store: UiStore, sweep: SweepRecord, columns: SweepColumns): ComparisonSource {
  const row = new Map(columns.ids.map((id, i) => [id, i]));
  const keyed = [...columns.metrics];
  return {
    getSweep: async (name, version) => (name === sweep.name && version === sweep.version ? sweep : store.getSweep(name, version)),
    listSweeps: () => store.listSweeps(),
    stoppedTrials: (scope) => store.stoppedTrials(scope),
    trialOutcomes: async (id) => {
      if (id !== sweep.id) return store.trialOutcomes(id);
      return columns.ids.map((tid, i) => ({ id: tid, seed: columns.seeds[i]!, status: columns.statuses[i]! }));
    },
    getParams: async (ids) => new Map(ids.map((id) => [id, columns.paramSets[columns.paramSetOf[row.get(id)!]!]!])),
    getMetrics: async (ids) => new Map(ids.map((id) => {
      const i = row.get(id)!;
      const metrics: Record<string, number> = {};
      for (const [key, values] of keyed) if (!Number.isNaN(values[i])) metrics[key] = values[i]!;
      return [id, metrics];
    })),
  };
}
