import type { LearningCurvePoint, StoppedStatus, TrialRecord } from '../../store/types.ts';
import type { StopDecision } from '../stop-decision.ts';
import { isWorse } from './comparison-group.ts';
import { type PeerStore, SameSeedPeers, latestValue } from './same-seed-peers.ts';

export interface MedianPrunerSettings {
  /** the curve key compared, e.g. `validation_accuracy` */
  metric: string;
  direction: 'minimize' | 'maximize';
  /** no trial is pruned at or before this epoch */
  warmupEpochs: number;
  /** other configurations that must have a value at the epoch (on the trial's seed) before any is pruned */
  startupTrials: number;
}

/**
 * Optuna's median rule, seed by seed: a trial whose metric at epoch e is worse than the median of the values
 * other configurations recorded at e on the same seed (and in its comparison group) is pruned, once e is past
 * `warmupEpochs` and at least `startupTrials` of them have a value at e. NaN (diverged) counts as worst.
 *
 * @example
 * const pruner = new MedianPruner(store, { metric: 'validation_accuracy', direction: 'maximize', warmupEpochs: 20, startupTrials: 5 });
 */
export class MedianPruner implements StopDecision {
  readonly readsStore = true;
  private readonly peers: SameSeedPeers;

  constructor(store: PeerStore, private readonly settings: MedianPrunerSettings) {
    this.peers = new SameSeedPeers(store, settings.metric);
  }

  async decide(trial: TrialRecord, points: LearningCurvePoint[]): Promise<StoppedStatus | undefined> {
    const { metric, direction, warmupEpochs, startupTrials } = this.settings;
    const own = latestValue(points, metric);
    if (!own || own.epoch <= warmupEpochs) return undefined;
    const others = await this.peers.at(trial, own.epoch);
    if (others.length < startupTrials) return undefined;
    return isWorse(own.value, medianOf(others, direction), direction) ? 'pruned' : undefined;
  }
}

/** The median, NaN counted as the worst value (so a half of diverged peers leaves the median at the worst). */
export function medianOf(values: readonly number[], direction: 'minimize' | 'maximize'): number {
  const worst = direction === 'maximize' ? -Infinity : Infinity;
  const s = values.map((v) => (Number.isNaN(v) ? worst : v)).sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
