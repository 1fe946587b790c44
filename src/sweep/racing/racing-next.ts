import type { Storage } from '../../store/storage.ts';
import type { LearningCurvePoint, StoppedStatus, TrialRecord } from '../../store/types.ts';
import type { NextTrial } from '../next-trial.ts';
import type { StopDecision } from '../stop-decision.ts';
import type { Race } from './race.ts';

/**
 * The next trial of a race: the queued trial of a configuration still in the race on the earliest seed (in the
 * sweep's seed order), lowest id first; so every configuration runs on the first `minSeeds` seeds before any
 * gets another, and survivors get the rest seed by seed. The race is read (and its losers' queued trials
 * recorded `raced-out`) before every claim. Claims are atomic (`Storage.claimTrial`): a trial another worker
 * took is skipped.
 *
 * @example const next = new RacingNext(store, race, plan.seeds);
 */
export class RacingNext implements NextTrial {
  private readonly rank: Map<number, number>;

  constructor(private readonly store: Pick<Storage, 'claimTrial'>, private readonly race: Race, seeds: readonly number[]) {
    this.rank = new Map(seeds.map((s, i) => [s, i]));
  }

  async claim(worker: string): Promise<TrialRecord | undefined> {
    const { trials, out, configOf } = await this.race.refresh();
    const candidates = trials
      .filter((t) => t.status === 'queued' && !out.has(configOf.get(t.id)!))
      .sort((a, b) => (this.rank.get(a.seed) ?? Infinity) - (this.rank.get(b.seed) ?? Infinity) || a.id - b.id);
    for (const t of candidates) {
      const claimed = await this.store.claimTrial(t.id, worker);
      if (claimed) return claimed;
    }
    return undefined;
  }
}

/**
 * Stops a running trial whose configuration left the race (`raced-out`) while it ran. The race is read at
 * most every `maxAgeMs` (500 ms by default), not at every evaluation.
 *
 * @example const stop = new RaceStop(race);
 */
export class RaceStop implements StopDecision {
  constructor(private readonly race: Race, private readonly maxAgeMs = 500) {}

  async decide(trial: TrialRecord, _points: LearningCurvePoint[]): Promise<StoppedStatus | undefined> {
    const { out, configOf } = await this.race.state(this.maxAgeMs);
    const config = configOf.get(trial.id);
    return config !== undefined && out.has(config) ? 'raced-out' : undefined;
  }
}
