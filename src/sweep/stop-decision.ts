import type { LearningCurvePoint, StoppedStatus, TrialRecord } from '../store/types.ts';

/**
 * Whether a running trial goes on: the claim loop asks after each evaluation of a trial, with the points it
 * just reported. Answer a status (`pruned`, `raced-out`) to stop the trial at its next evaluation (it is then
 * recorded in that status, its curve kept), or undefined to let it go on. A pruner or a racer plugs in here;
 * settings come in through the constructor. With `readsStore`, the trial's pending curve points are written
 * before each question, so a decision that reads the store (the same one every worker reads, on every host)
 * sees them. Decisions about one trial are asked one at a time.
 *
 * @example
 * const stopAfter10: StopDecision = {
 *   decide: (trial, points) => (points.some((p) => p.epoch >= 10) ? 'pruned' : undefined),
 * };
 */
export interface StopDecision {
  decide(trial: TrialRecord, points: LearningCurvePoint[]): Promise<StoppedStatus | undefined> | StoppedStatus | undefined;
  readonly readsStore?: boolean;
  /**
   * Epochs at which the trial waits for this decision before it goes on (ASHA's rungs). At its first
   * evaluation at or past each, the trial's thread stops until the decision about that evaluation is made, so
   * a trial judged there stops there, however fast it trains. Elsewhere the trial runs on while it is decided
   * about, and a stop takes effect at a later evaluation.
   */
  waitsAt?(trial: TrialRecord): Promise<readonly number[]> | readonly number[];
}

/** Every trial runs to its end: the decision when a sweep has no pruner. */
export const neverStop: StopDecision = { decide: () => undefined };
