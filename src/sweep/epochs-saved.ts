import type { StoppedStatus, StoppedTrial } from '../store/types.ts';
import { paramPath } from './space.ts';

/** What one trial's epochs saved are computed from (a `StoppedTrial` is one). */
export type StoppedEpochs = Pick<StoppedTrial, 'plannedEpochs' | 'stoppedEpoch'>;

/** How many trials were stopped on purpose, and the training epochs that saved. */
export interface StopTally {
  pruned: number;
  racedOut: number;
  /** null when the sweep's trials have no planned epochs (see `plannedEpochsKnown`) */
  epochsSaved: number | null;
}

/**
 * Whether the trials of a recorded sweep version (its `spec`) have a planned number of epochs to save some of.
 * The built-in trainer trains `training.epochs` (its default when the file sets none). An own objective
 * counts its own epochs (`ctx.report`), and its config's `training.epochs` is only a default it may ignore,
 * so it has planned epochs only when its file sets or sweeps `training.epochs`.
 *
 * @example plannedEpochsKnown(sweep.spec) // false for an own objective without training.epochs
 */
export function plannedEpochsKnown(spec: unknown): boolean {
  const s = spec as { objective?: unknown; training?: { epochs?: unknown }; search?: { space?: Record<string, unknown> } } | null;
  if (!s?.objective) return true;
  if (typeof s.training?.epochs === 'number') return true;
  return Object.keys(s.search?.space ?? {}).some((name) => paramPath(name) === 'training.epochs');
}

/**
 * The training epochs a trial stopped on purpose did not train: its planned epochs less the epochs it trained.
 * A pruned trial (or one raced out while it ran) trained up to the epoch it stopped at, its last evaluation;
 * one raced out before it ran trained none, so saved all its planned epochs. Null when the planned epochs are
 * not known (`known` false: see `plannedEpochsKnown`; or none in its config).
 *
 * @example epochsSaved({ plannedEpochs: 12, stoppedEpoch: 3 }) // 9
 */
export function epochsSaved(trial: StoppedEpochs, known = true): number | null {
  if (!known || trial.plannedEpochs === null) return null;
  return Math.max(0, trial.plannedEpochs - (trial.stoppedEpoch ?? 0));
}

/**
 * The stopped trials of one sweep version (`Storage.stoppedTrials`) counted, and their epochs saved summed;
 * epochs saved are null when its `spec` has no planned epochs (an own objective without `training.epochs`).
 *
 * @example stopTally(await store.stoppedTrials({ sweepId: sweep.id }), sweep.spec) // { pruned: 4, racedOut: 6, epochsSaved: 118 }
 */
export function stopTally(trials: readonly (StoppedEpochs & { status: StoppedStatus })[], spec: unknown): StopTally {
  const known = plannedEpochsKnown(spec);
  let pruned = 0, racedOut = 0, saved: number | null = known ? 0 : null;
  for (const t of trials) {
    if (t.status === 'pruned') pruned++;
    else racedOut++;
    const e = epochsSaved(t, known);
    saved = saved === null || e === null ? null : saved + e;
  }
  return { pruned, racedOut, epochsSaved: saved };
}

/**
 * `stopTally` of every sweep version given, from the stopped trials of all of them (`Storage.stoppedTrials()`),
 * by sweep id; a version with none stopped has zero counts.
 *
 * @example const tallies = stopTallies(await store.stoppedTrials(), summaries.map((s) => s.sweep));
 */
export function stopTallies(trials: readonly StoppedTrial[], sweeps: readonly { id: number; spec: unknown }[]): Map<number, StopTally> {
  const bySweep = new Map<number, StoppedTrial[]>();
  for (const t of trials) {
    const list = bySweep.get(t.sweepId);
    if (list) list.push(t);
    else bySweep.set(t.sweepId, [t]);
  }
  return new Map(sweeps.map((s) => [s.id, stopTally(bySweep.get(s.id) ?? [], s.spec)]));
}

/**
 * The two numbers `epochsSaved` needs, read from a trial record in hand (its config and summary): the same ones
 * `Storage.stoppedTrials` reads in SQL (`config.training.epochs`, `summary.stoppedEpoch`).
 *
 * @example epochsSaved(stoppedEpochsOf(trial.config, result.summary), plannedEpochsKnown(sweep.spec))
 */
export function stoppedEpochsOf(config: unknown, summary: unknown): StoppedEpochs {
  const planned = (config as { training?: { epochs?: unknown } } | null)?.training?.epochs;
  const stopped = (summary as { stoppedEpoch?: unknown } | null)?.stoppedEpoch;
  return { plannedEpochs: typeof planned === 'number' ? planned : null, stoppedEpoch: typeof stopped === 'number' ? stopped : null };
}
