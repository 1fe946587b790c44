import type { SweepColumns } from '../../store/index.ts';
import type { ParamValue } from '../../store/types.ts';

/** A setting (every swept param; the seed is not one) and its trials across seeds. */
export interface SettingSummary {
  /** its index in the sweep's `paramSets` */
  index: number;
  params: Record<string, ParamValue>;
  /** mean of the objective over the completed seeds that recorded it; null when none did */
  objective: number | null;
  /** completed seeds with the objective */
  n: number;
  trialIds: number[];
  running: number;
}

/**
 * Fold a sweep's trials into its settings, in order of first trial id: the mean objective across seeds is what
 * the parallel coordinates draw, so a 50,000-trial sweep sends 5,000 rows, not 50,000. `columns` must hold the
 * objective metric's column.
 *
 * @example
 * settingSummaries(await store.sweepColumns(id, ['validation_accuracy']), 'validation_accuracy')[0];
 * // { index: 0, params: { regularization: 'none', lambda: null }, objective: 0.81, n: 10, ... }
 */
export function settingSummaries(columns: SweepColumns, objectiveMetric: string): SettingSummary[] {
  const objective = columns.metrics.get(objectiveMetric)!;
  const settings = columns.paramSets.map((params, index) => ({ index, params, objective: null as number | null, n: 0, trialIds: [] as number[], running: 0 }));
  const sums = new Float64Array(settings.length);
  for (let i = 0; i < columns.ids.length; i++) {
    const s = settings[columns.paramSetOf[i]!]!;
    s.trialIds.push(columns.ids[i]!);
    const status = columns.statuses[i];
    if (status === 'running') s.running++;
    const v = objective[i]!;
    if (status === 'completed' && Number.isFinite(v)) {
      sums[s.index] += v;
      s.n++;
    }
  }
  for (const s of settings) s.objective = s.n > 0 ? sums[s.index]! / s.n : null;
  return settings;
}
