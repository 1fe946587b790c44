import type { TrialRow } from './compare.ts';

/** The statuses of trials stopped on purpose (pruning, racing). */
const STOPPED = new Set(['pruned', 'raced-out']);

/**
 * A comparison's rows without the completed trials of configurations that lost a seed to pruning or racing:
 * the verdict is computed only from configurations with all their seeds, so that a configuration stopped on
 * its bad seeds cannot win on the good ones it kept. A configuration is a trial's params (the seed is not one).
 * Returns how many completed trials were set aside, and how many trials were stopped.
 *
 * @example const { rows, setAside } = fullySeededOnly(allRows);
 */
export function fullySeededOnly(rows: readonly TrialRow[]): { rows: TrialRow[]; setAside: number; pruned: number; racedOut: number } {
  const keyOf = (t: TrialRow) => JSON.stringify(Object.entries(t.params).sort(([a], [b]) => a.localeCompare(b)));
  const partial = new Set(rows.filter((t) => STOPPED.has(t.status)).map(keyOf));
  const kept = rows.filter((t) => !(t.status === 'completed' && partial.has(keyOf(t))));
  return {
    rows: kept,
    setAside: rows.length - kept.length,
    pruned: rows.filter((t) => t.status === 'pruned').length,
    racedOut: rows.filter((t) => t.status === 'raced-out').length,
  };
}
