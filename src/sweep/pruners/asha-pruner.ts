import type { LearningCurvePoint, StoppedStatus, TrialRecord } from '../../store/types.ts';
import type { StopDecision } from '../stop-decision.ts';
import { isWorse } from './comparison-group.ts';
import { type PeerStore, SameSeedPeers, latestValue } from './same-seed-peers.ts';

export interface AshaPrunerSettings {
  metric: string;
  direction: 'minimize' | 'maximize';
  /** the first rung, in epochs */
  minEpochs: number;
  /** η: rungs at minEpochs * η^k, and the top 1/η of each rung go on */
  reductionFactor: number;
  /** values a rung must hold (this trial's included) before it cuts anyone */
  startupTrials: number;
}

/**
 * Asynchronous successive halving (Li et al., MLSys 2020) as a stopping rule, seed by seed: rungs at
 * `minEpochs * η^k` epochs. At the first evaluation at or past a rung, a trial goes on only if it is among
 * the best max(1, floor(n/η)) of the n values recorded at that epoch on its seed (in its comparison group,
 * itself included); ties go on. A rung with fewer than `startupTrials` values lets everyone through, as do the
 * rungs before other trials have reached them: that is the "asynchronous" (no trial waits for a rung to fill).
 *
 * @example
 * const pruner = new AshaPruner(store, { metric: 'validation_accuracy', direction: 'maximize', minEpochs: 10, reductionFactor: 3, startupTrials: 3 });
 */
export class AshaPruner implements StopDecision {
  readonly readsStore = true;
  private readonly peers: SameSeedPeers;
  /** per trial: the epoch of its last evaluation asked about (a trial claimed again starts below it) */
  private readonly lastEpoch = new Map<number, number>();

  constructor(store: PeerStore, private readonly settings: AshaPrunerSettings) {
    this.peers = new SameSeedPeers(store, settings.metric);
  }

  /** The rung a trial crossed between its evaluations at `previous` and `epoch`, if any. */
  rungCrossed(previous: number, epoch: number): number | undefined {
    const { minEpochs, reductionFactor } = this.settings;
    let crossed: number | undefined;
    for (let r = minEpochs; r <= epoch; r *= reductionFactor) if (r > previous) crossed = r;
    return crossed;
  }

  async decide(trial: TrialRecord, points: LearningCurvePoint[]): Promise<StoppedStatus | undefined> {
    const { metric, direction, reductionFactor, startupTrials } = this.settings;
    const own = latestValue(points, metric);
    if (!own) return undefined;
    let previous = this.lastEpoch.get(trial.id) ?? 0;
    if (own.epoch <= previous) previous = 0; // claimed again: its curve started over
    this.lastEpoch.set(trial.id, own.epoch);
    if (this.rungCrossed(previous, own.epoch) === undefined) return undefined;
    const others = await this.peers.at(trial, own.epoch);
    const n = others.length + 1;
    if (n < startupTrials) return undefined;
    const better = others.filter((v) => isWorse(own.value, v, direction)).length;
    return better < Math.max(1, Math.floor(n / reductionFactor)) ? undefined : 'pruned';
  }
}
