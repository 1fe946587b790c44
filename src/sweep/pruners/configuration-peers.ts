import type { Storage } from '../../store/storage.ts';
import type { ParamValue, TrialRecord } from '../../store/types.ts';
import { comparisonGroup, configurationKey, isWorse } from './comparison-group.ts';

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

  /** Where `trial`'s configuration stands at `epoch`; `value` is the trial's own value there (what it just reported). */
  async standing(trial: TrialRecord, epoch: number, value: number): Promise<Standing> {
    const [values, trials] = await Promise.all([this.store.curveValuesAt(trial.sweepId, this.metric, epoch), this.store.trialOutcomes(trial.sweepId)]);
    await this.know([trial.id, ...trials.map((t) => t.id), ...values.map((v) => v.trialId)]);
    const { config: own, group } = this.params.get(trial.id)!;
    // configuration -> seed -> value at the epoch, in the trial's group
    const bySeed = new Map<string, Map<number, number>>();
    for (const v of values) {
      const p = this.params.get(v.trialId)!;
      if (p.group !== group || v.trialId === trial.id) continue;
      let m = bySeed.get(p.config);
      if (!m) bySeed.set(p.config, (m = new Map()));
      m.set(v.seed, v.value);
    }
    const mine = bySeed.get(own) ?? new Map<number, number>();
    mine.set(trial.seed, value);
    bySeed.delete(own);
    const configurations = new Set([own, ...trials.map((t) => this.params.get(t.id)!).filter((p) => p.group === group).map((p) => p.config)]).size;
    let compared = 0;
    let better = 0;
    for (const theirs of bySeed.values()) {
      let a = 0, b = 0, n = 0;
      for (const [seed, x] of mine) {
        const y = theirs.get(seed);
        if (y === undefined) continue;
        a += x; b += y; n++;
      }
      if (n === 0) continue;
      compared++;
      if (isWorse(a / n, b / n, this.direction)) better++;
    }
    return { configurations, compared, better, seeds: mine.size };
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
