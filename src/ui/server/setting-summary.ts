import type { ParamValue, TrialStatus } from '../../store/types.ts';

/** One trial as the sweep page aggregates it. */
export interface SweepTrial {
  id: number;
  seed: number;
  status: TrialStatus;
  params: Record<string, ParamValue>;
  metrics: Record<string, number>;
}

/** A setting (every swept param; the seed is not one) and its trials across seeds. */
export interface SettingSummary {
  key: string;
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
 * the parallel coordinates draw, so a 50,000-trial sweep sends 5,000 rows, not 50,000.
 *
 * @example
 * settingSummaries(trials, 'validation_accuracy')[0]; // { params: { regularization: 'none', lambda: null }, objective: 0.81, n: 10, ... }
 */
export function settingSummaries(trials: readonly SweepTrial[], objectiveMetric: string): SettingSummary[] {
  const byKey = new Map<string, SettingSummary & { sum: number }>();
  for (const t of [...trials].sort((a, b) => a.id - b.id)) {
    const key = settingKey(t.params);
    let s = byKey.get(key);
    if (!s) byKey.set(key, (s = { key, params: t.params, objective: null, n: 0, trialIds: [], running: 0, sum: 0 }));
    s.trialIds.push(t.id);
    if (t.status === 'running') s.running++;
    const v = t.metrics[objectiveMetric];
    if (t.status === 'completed' && v !== undefined && Number.isFinite(v)) {
      s.sum += v;
      s.n++;
    }
  }
  return [...byKey.values()].map(({ sum, ...s }) => ({ ...s, objective: s.n > 0 ? sum / s.n : null }));
}

/** The same key for the same params whatever their order. */
export function settingKey(params: Record<string, ParamValue>): string {
  return JSON.stringify(Object.keys(params).sort().map((k) => [k, params[k] ?? null]));
}
