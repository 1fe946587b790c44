import type { Storage } from '../store/storage.ts';
import type { TrialRecord } from '../store/types.ts';

/**
 * Which trial a worker runs next: the claim loop asks it whenever a worker thread is free. It must claim
 * atomically (the trial it returns is `running` under `worker`, and no one else got it), and return
 * undefined when there is nothing to run just now. A sampler that proposes configurations lazily plugs in
 * here; the default takes the queue in order.
 *
 * @example
 * const next: NextTrial = { claim: (worker) => storage.claimNext(worker, { sweepId }) };
 */
export interface NextTrial {
  claim(worker: string): Promise<TrialRecord | undefined>;
}

/**
 * The oldest queued trial (lowest id) of one sweep version, or of any sweep: `Storage.claimNext`.
 *
 * @example const next = new OldestQueued(storage, sweep.id);
 */
export class OldestQueued implements NextTrial {
  constructor(private readonly storage: Pick<Storage, 'claimNext'>, private readonly sweepId?: number) {}

  claim(worker: string): Promise<TrialRecord | undefined> {
    return this.storage.claimNext(worker, { sweepId: this.sweepId });
  }
}
