import type { Storage } from '../../store/storage.ts';
import type { ParamValue, TrialRecord } from '../../store/types.ts';
import { comparisonGroup, configurationKey, lostSeed } from './comparison-group.ts';

/** What a pruner reads of the store. */
export type PeerStore = Pick<Storage, 'curveValuesAt' | 'getParams' | 'trialOutcomes'>;

/** Where a trial's configuration stands at one epoch among the other configurations of its comparison group. */
export interface Standing {
  /** configurations of the group recorded in the store, in any status (queued ones included), this one included */
  configurations: number;
  /** other configurations with a value at the epoch on at least one seed where this configuration has one */
  compared: number;
  /** of those, the ones whose mean over the shared seeds is better than this configuration's mean over them */
  better: number;
  /**
   * of those better ones, the ones still in play: none of their trials was pruned, diverged or raced out (a
   * configuration that lost a seed is out of the verdict, so it cannot be what another one makes way for)
   */
  betterInPlay: number;
  /**
   * for each compared configuration, by how much its mean over the shared seeds is better than this one's (in
   * the metric's direction: positive is better, negative worse); a diverged (NaN) mean is worse than any number:
   * +Infinity when only this one's is NaN, -Infinity when only the other's is, 0 when both are
   */
  advantages: number[];
  /** seeds on which this configuration has a value at the epoch (the asking trial's included) */
  seeds: number;
}

/**
 * The values at one epoch of a trial's configuration and of the other configurations of its comparison group
 * (`comparisonGroup`), compared **like with like**: a configuration is compared with another on the seeds both
 * have a value on, by the mean over those seeds (a paired comparison: seed-to-seed differences, a harder data
 * split, a luckier initialization, cancel out). Every seed the configuration has reached the epoch on counts,
 * not only the asking trial's: seeds are a paired axis, and a decision about one trial is a decision about its
 * configuration (a configuration that lost a seed is out of the verdict). Read from the store (what every
 * worker on every host has written), with params cached (they never change).
 *
 * @example
 * const peers = new ConfigurationPeers(store, 'validation_accuracy', 'maximize');
 * const { better, configurations } = await peers.standing(trial, 30, 0.81);
 */
export class ConfigurationPeers {
  private readonly params = new Map<number, { config: string; group: string }>();

  constructor(private readonly store: PeerStore, private readonly metric: string, private readonly direction: 'minimize' | 'maximize') {}

  /**
   * Where `trial`'s configuration stands at `epoch`. `value` is the trial's own value there (what it just
   * reported); without it, the value the store holds for the trial at `epoch` is used, and undefined is
   * returned when there is none (the trial did not evaluate at that epoch).
   */
  async standing(trial: TrialRecord, epoch: number, value?: number): Promise<Standing | undefined> {
    const [values, trials] = await Promise.all([this.store.curveValuesAt(trial.sweepId, this.metric, epoch), this.store.trialOutcomes(trial.sweepId)]);
    await this.know([trial.id, ...trials.map((t) => t.id), ...values.map((v) => v.trialId)]);
    const { config: own, group } = this.params.get(trial.id)!;
    // configuration -> seed -> value at the epoch, in the trial's group
    const bySeed = new Map<string, Map<number, number>>();
    const outOfPlay = new Set<string>();
    for (const t of trials) if (lostSeed(t.status)) outOfPlay.add(this.params.get(t.id)!.config);
    for (const v of values) {
      const p = this.params.get(v.trialId)!;
      if (v.trialId === trial.id) value ??= v.value;
      if (p.group !== group || v.trialId === trial.id) continue;
      let m = bySeed.get(p.config);
      if (!m) bySeed.set(p.config, (m = new Map()));
      m.set(v.seed, v.value);
    }
    if (value === undefined) return undefined;
    const mine = bySeed.get(own) ?? new Map<number, number>();
    mine.set(trial.seed, value);
    bySeed.delete(own);
    const configurations = new Set([own, ...trials.map((t) => this.params.get(t.id)!).filter((p) => p.group === group).map((p) => p.config)]).size;
    const sign = this.direction === 'maximize' ? 1 : -1;
    const advantages: number[] = [];
    let betterInPlay = 0;
    for (const [config, theirs] of bySeed) {
      let a = 0, b = 0, n = 0;
      for (const [seed, x] of mine) {
        const y = theirs.get(seed);
        if (y === undefined) continue;
        a += x; b += y; n++;
      }
      if (n === 0) continue;
      const ownMean = a / n, theirMean = b / n;
      let advantage = sign * (theirMean - ownMean);
      if (Number.isNaN(ownMean) || Number.isNaN(theirMean)) advantage = Number.isNaN(theirMean) ? (Number.isNaN(ownMean) ? 0 : -Infinity) : Infinity;
      advantages.push(advantage);
      if (advantage > 0 && !outOfPlay.has(config)) betterInPlay++;
    }
    const compared = advantages.length;
    const better = advantages.filter((d) => d > 0).length;
    return { configurations, compared, better, betterInPlay, advantages, seeds: mine.size };
  }

  private async know(ids: number[]): Promise<void> {
    const unknown = [...new Set(ids)].filter((id) => !this.params.has(id));
    if (unknown.length === 0) return;
    const params = await this.store.getParams(unknown);
    for (const id of unknown) {
      const p = params.get(id) ?? ({} as Record<string, ParamValue>);
      this.params.set(id, { config: configurationKey(p), group: comparisonGroup(p) });
    }
  }
}

/** The value of `metric` at the latest epoch among an evaluation's points, or undefined if it has none. */
export function latestValue(points: readonly { epoch: number; key: string; value: number }[], metric: string): { epoch: number; value: number } | undefined {
  let found: { epoch: number; value: number } | undefined;
  for (const p of points) if (p.key === metric && (!found || p.epoch >= found.epoch)) found = { epoch: p.epoch, value: p.value };
  return found;
}
