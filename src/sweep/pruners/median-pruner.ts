import type { LearningCurvePoint, StoppedStatus, TrialRecord } from '../../store/types.ts';
import type { StopDecision } from '../stop-decision.ts';
import { ConfigurationPeers, type PeerStore, latestValue } from './configuration-peers.ts';

export interface MedianPrunerSettings {
  /** the curve key compared, e.g. `validation_accuracy` */
  metric: string;
  direction: 'minimize' | 'maximize';
  /** no trial is pruned at or before this epoch */
  warmupEpochs: number;
  /** other configurations that must be compared at the epoch (on a shared seed) before any is pruned */
  startupTrials: number;
}

/**
 * Optuna's median rule, about configurations: a trial is pruned at epoch e when its configuration is worse than
 * the median of the other configurations of its comparison group, once e is past `warmupEpochs` and at least
 * `startupTrials` of them are compared. The comparison is paired (`ConfigurationPeers`): with each other
 * configuration, on the seeds both reached e on, by the means over those seeds; the trial is pruned when the
 * median of those advantages says worse (with one shared seed each, that is Optuna's "worse than the median of
 * the values at e"). NaN (diverged) counts as worst.
 *
 * @example
 * const pruner = new MedianPruner(store, { metric: 'validation_accuracy', direction: 'maximize', warmupEpochs: 20, startupTrials: 5 });
 */
export class MedianPruner implements StopDecision {
  readonly readsStore = true;
  private readonly peers: ConfigurationPeers;

  constructor(store: PeerStore, private readonly settings: MedianPrunerSettings) {
    this.peers = new ConfigurationPeers(store, settings.metric, settings.direction);
  }

  async decide(trial: TrialRecord, points: LearningCurvePoint[]): Promise<StoppedStatus | undefined> {
    const { metric, warmupEpochs, startupTrials } = this.settings;
    const own = latestValue(points, metric);
    if (!own || own.epoch <= warmupEpochs) return undefined;
    const { compared, advantages } = (await this.peers.standing(trial, own.epoch, own.value))!;
    if (compared < startupTrials) return undefined;
    return medianOf(advantages, 'maximize') > 0 ? 'pruned' : undefined;
  }
}

/** The median, NaN counted as the worst value (so a half of diverged peers leaves the median at the worst). */
export function medianOf(values: readonly number[], direction: 'minimize' | 'maximize'): number {
  const worst = direction === 'maximize' ? -Infinity : Infinity;
  const s = values.map((v) => (Number.isNaN(v) ? worst : v)).sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
