import type { Storage } from '../store/storage.ts';
import type { TrialRecord } from '../store/types.ts';
import { askNextConfiguration } from './ask-configuration.ts';
import type { NextTrial } from './next-trial.ts';
import type { SweepPlan } from './plan.ts';

/** The sweeps asked lazily (random, tpe, own samplers) a worker may ask configurations of, with their plans. */
export type AdaptivePlans = () => Promise<Array<{ sweepId: number; plan: SweepPlan }>>;

/**
 * Which trial next, for sweeps whose configurations are asked one at a time: the oldest queued trial in
 * scope (of `sweepId`, or of any sweep), as always; when none is queued, ask the sampler of a lazy sweep
 * in scope with budget left for its next configuration (`askNextConfiguration`: atomic in the store, never
 * past the budget) and claim one of its trials. So configurations are created when a worker thread needs
 * work, and one asked while others run sees them as running (TPE's constant liar).
 *
 * @example
 * const next = new AskingNextTrial(storage, sweep.id, async () => [{ sweepId: sweep.id, plan }]);
 * await runClaimLoop({ storage, next, ... });
 */
export class AskingNextTrial implements NextTrial {
  constructor(
    private readonly storage: Storage,
    private readonly sweepId: number | undefined,
    private readonly adaptivePlans: AdaptivePlans,
  ) {}

  async claim(worker: string): Promise<TrialRecord | undefined> {
    const queued = await this.storage.claimNext(worker, { sweepId: this.sweepId });
    if (queued) return queued;
    for (const { sweepId, plan } of await this.adaptivePlans()) {
      if (this.sweepId !== undefined && sweepId !== this.sweepId) continue;
      if (!(await askNextConfiguration(this.storage, sweepId, plan))) continue;
      const trial = await this.storage.claimNext(worker, { sweepId });
      if (trial) return trial;
    }
    return undefined;
  }
}
