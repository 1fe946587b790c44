import { compareCodeUnits } from '../text/plain-format.ts';
import type { TrialRow } from './compare.ts';
import type { Comparison } from './comparison.ts';

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
  const keyOf = (t: TrialRow) => JSON.stringify(Object.entries(t.params).sort(([a], [b]) => compareCodeUnits(a, b)));
  const partial = new Set(rows.filter((t) => STOPPED.has(t.status)).map(keyOf));
  const kept = rows.filter((t) => !(partial.size > 0 && t.status === 'completed' && partial.has(keyOf(t))));
  return {
    rows: kept,
    setAside: rows.length - kept.length,
    pruned: rows.filter((t) => t.status === 'pruned').length,
    racedOut: rows.filter((t) => t.status === 'raced-out').length,
  };
}

/**
 * Say in a comparison's `excluded` counts (which the tables, the JSON and the HTML report print) what pruning
 * and racing left out: the completed trials set aside by `fullySeededOnly`, and every group (kind) of `by`
 * that lost all its configurations, so that such a kind is reported as lost, not silently missing.
 *
 * @example noteStopped(comparison, allRows, setAside, 'regularization');
 */
export function noteStopped(comparison: Comparison, rows: readonly TrialRow[], setAside: number, by: string): void {
  const excluded = { ...comparison.excluded };
  if (setAside > 0) excluded['completed of a configuration pruned or raced out on another seed'] = setAside;
  const fields = by.split(',').map((f) => f.trim());
  const groupOf = (t: TrialRow) => fields.length === 1 ? String(t.params[by] ?? null) : fields.map((f) => t.params[f]).filter((v) => v !== null && v !== undefined).join('/') || 'null';
  const compared = new Set(comparison.groups.map((g) => g.group));
  const stoppedGroups = new Set(rows.filter((t) => STOPPED.has(t.status)).map(groupOf));
  for (const group of stoppedGroups) {
    if (!compared.has(group)) excluded[`${by} ${group}: every configuration lost a seed to pruning or racing`] = rows.filter((t) => groupOf(t) === group).length;
  }
  if (Object.keys(excluded).length > 0) comparison.excluded = excluded;
}
