import type { LearningCurvePoint, StoppedStatus, TrialRecord } from '../../store/types.ts';
import type { StopDecision } from '../stop-decision.ts';
import { ConfigurationPeers, type PeerStore, latestValue } from './configuration-peers.ts';

export interface AshaPrunerSettings {
  metric: string;
  direction: 'minimize' | 'maximize';
  /** the first rung, in epochs */
  minEpochs: number;
  /** η: rungs at minEpochs * η^k, and the top 1/η of each rung go on */
  reductionFactor: number;
  /** configurations that must have a value at a rung (this one included) before it cuts anyone */
  startupTrials: number;
}

/**
 * Asynchronous successive halving (Li et al., MLSys 2020) as a stopping rule about configurations: rungs at
 * `minEpochs * η^k` epochs. At the first evaluation at or past the k-th rung (k from 0), a trial goes on unless
 * at least max(1, floor(N / η^(k+1))) other configurations still in play are better there, N being the
 * configurations of its comparison group recorded in the store (queued ones included): the share successive
 * halving keeps, counted over the whole sweep. So a configuration is stopped only when it cannot be in that share
 * however the rung fills up later; the order trials run in changes mostly what is saved (an early configuration
 * has few to be compared with), hardly what is stopped. "In play": none of its trials pruned, diverged or raced
 * out. Means over different shared seeds need not rank consistently (a configuration let on early on its first
 * seed meets the whole field of that seed on its second), and counting configurations already out let such
 * configurations prune one another until a kind had none left (seen on digits); a stopped configuration is out
 * of the verdict anyway, so it is not one to make way for, and the last configuration of a kind in play is never
 * pruned (decisions made one at a time). "Better" is paired (`ConfigurationPeers`): by the mean over the
 * seeds both configurations reached the rung on, every seed of the trial's configuration counted, not only the
 * trial's own; ties go on. The comparison is at the rung's epoch (at the trial's evaluation past it if it has
 * none there), even when the trial is asked later. Nothing is cut before `startupTrials`
 * configurations (this one included) have a value at the rung on shared seeds.
 *
 * @example
 * const pruner = new AshaPruner(store, { metric: 'validation_accuracy', direction: 'maximize', minEpochs: 100, reductionFactor: 4, startupTrials: 4 });
 */
export class AshaPruner implements StopDecision {
  readonly readsStore = true;
  private readonly peers: ConfigurationPeers;
  /** per trial: the epoch of its last evaluation asked about (a trial claimed again starts below it) */
  private readonly lastEpoch = new Map<number, number>();

  constructor(store: PeerStore, private readonly settings: AshaPrunerSettings) {
    this.peers = new ConfigurationPeers(store, settings.metric, settings.direction);
  }

  /**
   * A trial waits at every rung for the decision about it: a fast trial would otherwise run far past a rung
   * before the decision (which reads the store) is made. Rungs up to the trial's epochs (own objectives: up to
   * 10^7 epochs).
   */
  waitsAt(trial: TrialRecord): number[] {
    const { minEpochs, reductionFactor } = this.settings;
    const epochs = (trial.config as { training?: { epochs?: number } }).training?.epochs ?? 1e7;
    const rungs: number[] = [];
    for (let r = minEpochs; r <= epochs && rungs.length < 64; r *= reductionFactor) rungs.push(r);
    return rungs;
  }

  /** The rung a trial crossed between its evaluations at `previous` and `epoch`, if any. */
  rungCrossed(previous: number, epoch: number): number | undefined {
    const { minEpochs, reductionFactor } = this.settings;
    let crossed: number | undefined;
    for (let r = minEpochs; r <= epoch; r *= reductionFactor) if (r > previous) crossed = r;
    return crossed;
  }

  /** How many of N `configurations` go past `rung` at most: max(1, floor(N / η^(k+1))) at the k-th rung. */
  keptAt(rung: number, configurations: number): number {
    const { minEpochs, reductionFactor } = this.settings;
    let share = configurations / reductionFactor;
    for (let r = minEpochs * reductionFactor; r <= rung; r *= reductionFactor) share /= reductionFactor;
    return Math.max(1, Math.floor(share));
  }

  async decide(trial: TrialRecord, points: LearningCurvePoint[]): Promise<StoppedStatus | undefined> {
    const { metric, startupTrials } = this.settings;
    const own = latestValue(points, metric);
    if (!own) return undefined;
    let previous = this.lastEpoch.get(trial.id) ?? 0;
    if (own.epoch <= previous) previous = 0; // claimed again: its curve started over
    this.lastEpoch.set(trial.id, own.epoch);
    const rung = this.rungCrossed(previous, own.epoch);
    if (rung === undefined) return undefined;
    // asked late (evaluations came while an earlier decision was read: the claim loop asks about the latest), the
    // trial is still compared at the rung itself when it evaluated there, as every other configuration is
    const atRung = rung < own.epoch ? await this.peers.standing(trial, rung) : undefined;
    const { configurations, compared, betterInPlay } = atRung ?? (await this.peers.standing(trial, own.epoch, own.value))!;
    if (compared + 1 < startupTrials) return undefined;
    return betterInPlay < this.keptAt(rung, configurations) ? undefined : 'pruned';
  }
}
