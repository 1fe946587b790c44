import type { Storage } from '../store/storage.ts';
import type { LearningCurvePoint, StoppedStatus, SweepRecord, TrialRecord } from '../store/types.ts';
import { type NextTrial, OldestQueued } from './next-trial.ts';
import { AshaPruner } from './pruners/asha-pruner.ts';
import { MedianPruner } from './pruners/median-pruner.ts';
import { Race } from './racing/race.ts';
import { RaceStop, RacingNext } from './racing/racing-next.ts';
import type { StopDecision } from './stop-decision.ts';
import type { PruneSettings, RaceSettings } from './stop-settings.ts';

/** What a sweep's pruner and race make of the claim loop: which trial next, and whether a running one goes on. */
export interface StopPolicy {
  next: NextTrial;
  /** undefined when the sweep neither prunes nor races */
  stopDecision: StopDecision | undefined;
}

/** The store a sweep's pruner and race read and write. */
export type PolicyStore = Pick<Storage, 'curveValuesAt' | 'getParams' | 'getMetrics' | 'trialOutcomes' | 'raceOut' | 'claimTrial' | 'claimNext'>;

/** Whether a recorded sweep prunes or races. */
export function hasStopPolicy(sweep: SweepRecord): boolean {
  const spec = sweep.spec as { prune?: unknown; race?: unknown } | null;
  return Boolean(spec?.prune || spec?.race);
}

/**
 * A recorded sweep version's pruner and race, built from its spec (`spec.prune`, `spec.race`, `spec.seeds`) and
 * objective, so `regsweep run` and every `regsweep worker` on every host build the same ones.
 *
 * @example const { next, stopDecision } = stopPolicyOf(store, sweep);
 */
export function stopPolicyOf(store: PolicyStore, sweep: SweepRecord): StopPolicy {
  const spec = sweep.spec as { prune?: PruneSettings; race?: RaceSettings; seeds?: number[] };
  const metric = sweep.objectiveMetric;
  const direction = sweep.objectiveDirection;
  const decisions: StopDecision[] = [];
  if (spec.prune?.method === 'median') decisions.push(new MedianPruner(store, { metric, direction, ...spec.prune }));
  if (spec.prune?.method === 'asha') decisions.push(new AshaPruner(store, { metric, direction, ...spec.prune }));
  let next: NextTrial = new OldestQueued(store, sweep.id);
  if (spec.race) {
    const seeds = spec.seeds ?? [];
    const race = new Race(store, sweep.id, metric, { ...spec.race, seeds: seeds.length, direction });
    next = new RacingNext(store, race, seeds);
    decisions.push(new RaceStop(race));
  }
  return { next, stopDecision: decisions.length === 0 ? undefined : firstOf(decisions) };
}

/**
 * The first stop any of `decisions` gives, asked in order (a pruner before a race). Reads the store if one does.
 *
 * @example firstOf([pruner, raceStop])
 */
export function firstOf(decisions: readonly StopDecision[]): StopDecision {
  if (decisions.length === 1) return decisions[0]!;
  return {
    readsStore: decisions.some((d) => d.readsStore),
    async waitsAt(trial) {
      const all = await Promise.all(decisions.map((d) => d.waitsAt?.(trial) ?? []));
      return [...new Set(all.flat())].sort((a, b) => a - b);
    },
    async decide(trial, points) {
      for (const d of decisions) {
        const status = await d.decide(trial, points);
        if (status) return status;
      }
      return undefined;
    },
  };
}

/**
 * The policies of every sweep a `regsweep worker` serves, each built once from its recorded version: a
 * trial's stop decision is its sweep's, and (serving every sweep) the next trial is claimed sweep by sweep,
 * in sweep id order, each sweep's way (its race's order, or the oldest queued).
 *
 * @example const policies = new PerSweepPolicies(store); serveQueue({ ..., next: policies, stopDecision: policies });
 */
export class PerSweepPolicies implements NextTrial, StopDecision {
  readonly readsStore = true;
  private readonly policies = new Map<number, Promise<StopPolicy>>();
  private waiting: { at: number; ids: number[] } | undefined;

  constructor(private readonly store: PolicyStore & Pick<Storage, 'getSweepById' | 'listSweeps'>, private readonly sweepId?: number) {}

  private policyOf(sweepId: number): Promise<StopPolicy> {
    let p = this.policies.get(sweepId);
    if (!p) {
      p = this.store.getSweepById(sweepId).then((sweep) => {
        if (!sweep) throw new Error(`sweep id ${sweepId} is not in the database`);
        return stopPolicyOf(this.store, sweep);
      });
      this.policies.set(sweepId, p);
    }
    return p;
  }

  async decide(trial: TrialRecord, points: LearningCurvePoint[]): Promise<StoppedStatus | undefined> {
    return (await this.policyOf(trial.sweepId)).stopDecision?.decide(trial, points);
  }

  async waitsAt(trial: TrialRecord): Promise<readonly number[]> {
    return (await (await this.policyOf(trial.sweepId)).stopDecision?.waitsAt?.(trial)) ?? [];
  }

  async claim(worker: string): Promise<TrialRecord | undefined> {
    if (this.sweepId !== undefined) return (await this.policyOf(this.sweepId)).next.claim(worker);
    if (!this.waiting || performance.now() - this.waiting.at > 1000) {
      const sweeps = await this.store.listSweeps();
      this.waiting = { at: performance.now(), ids: sweeps.filter((s) => s.counts.queued > 0).map((s) => s.sweep.id).sort((a, b) => a - b) };
    }
    for (const id of this.waiting.ids) {
      const trial = await (await this.policyOf(id)).next.claim(worker);
      if (trial) return trial;
    }
    // a sweep enqueued since the list was read
    return this.store.claimNext(worker);
  }
}
