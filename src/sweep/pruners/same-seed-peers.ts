import type { Storage } from '../../store/storage.ts';
import type { ParamValue, TrialRecord } from '../../store/types.ts';
import { comparisonGroup } from './comparison-group.ts';

/** What a pruner reads of the store. */
export type PeerStore = Pick<Storage, 'curveValuesAt' | 'getParams'>;

/**
 * The values other configurations recorded for the sweep's metric at one epoch, on the trial's own seed and in
 * its comparison group (`comparisonGroup`): like with like, so seed-to-seed differences (a harder data split,
 * a luckier initialization) never prune a good setting. On one seed each configuration has one trial, so
 * "another trial on this seed" is "another configuration". Read from the store (what every worker on every
 * host has written), with params cached (they never change).
 *
 * @example
 * const peers = new SameSeedPeers(store, 'validation_accuracy');
 * const values = await peers.at(trial, 30); // number[], NaN for a diverged peer
 */
export class SameSeedPeers {
  private readonly groups = new Map<number, string>();

  constructor(private readonly store: PeerStore, private readonly metric: string) {}

  async at(trial: TrialRecord, epoch: number): Promise<number[]> {
    const values = (await this.store.curveValuesAt(trial.sweepId, this.metric, epoch)).filter((v) => v.seed === trial.seed && v.trialId !== trial.id);
    const unknown = [trial.id, ...values.map((v) => v.trialId)].filter((id) => !this.groups.has(id));
    if (unknown.length > 0) {
      const params = await this.store.getParams(unknown);
      for (const id of unknown) this.groups.set(id, comparisonGroup(params.get(id) ?? ({} as Record<string, ParamValue>)));
    }
    const group = this.groups.get(trial.id);
    return values.filter((v) => this.groups.get(v.trialId) === group).map((v) => v.value);
  }
}

/** The value of `metric` at the latest epoch among an evaluation's points, or undefined if it has none. */
export function latestValue(points: readonly { epoch: number; key: string; value: number }[], metric: string): { epoch: number; value: number } | undefined {
  let found: { epoch: number; value: number } | undefined;
  for (const p of points) if (p.key === metric && (!found || p.epoch >= found.epoch)) found = { epoch: p.epoch, value: p.value };
  return found;
}
