import type { Storage } from '../../store/storage.ts';
import type { TrialOutcome } from '../../store/types.ts';
import { comparisonGroup, configurationKey, lostSeed } from '../pruners/comparison-group.ts';
import { type RaceRuleSettings, type SeedValues, raceDrops } from './race-rule.ts';

/** What a race reads and writes of the store. */
export type RaceStore = Pick<Storage, 'trialOutcomes' | 'getParams' | 'getMetrics' | 'raceOut'>;

/** A race's view of its sweep at one moment. */
export interface RaceState {
  /** configuration of each trial */
  configOf: ReadonlyMap<number, string>;
  /** configurations out of the race */
  out: ReadonlySet<string>;
  /** the sweep's trials (id, seed, status) as read */
  trials: readonly TrialOutcome[];
}

/**
 * The race over seeds of one sweep version, read from the store so every worker on every host sees the same
 * one. A configuration is out of the race when
 * - one of its trials was pruned or diverged: it can no longer have all its seeds, so the rest would be wasted
 *   (and the comparison uses only configurations with all their seeds), or
 * - one of its trials is `raced-out` (dropped by any worker, recorded in the store), or
 * - `raceDrops` says so now, on the final metric of its completed trials.
 * `refresh` records the still-queued trials of every configuration out of the race as `raced-out`
 * (`Storage.raceOut`: only queued ones, atomically; running ones are stopped by `RaceStop`).
 *
 * @example
 * const race = new Race(store, sweep.id, 'validation_accuracy', { minSeeds: 3, alpha: 0.05, seeds: 10, direction: 'maximize' });
 * const { out, configOf } = await race.refresh();
 */
export class Race {
  private readonly params = new Map<number, { config: string; group: string }>();
  private readonly finals = new Map<number, number>();
  private inFlight: Promise<RaceState> | undefined;
  private last: { at: number; state: RaceState } | undefined;

  constructor(
    private readonly store: RaceStore,
    private readonly sweepId: number,
    private readonly metric: string,
    private readonly settings: RaceRuleSettings,
  ) {}

  /** The state, read again unless it was read less than `maxAgeMs` ago (one read at a time). */
  async state(maxAgeMs = 0): Promise<RaceState> {
    if (this.last && performance.now() - this.last.at <= maxAgeMs) return this.last.state;
    return this.refresh();
  }

  refresh(): Promise<RaceState> {
    this.inFlight ??= this.read().finally(() => { this.inFlight = undefined; });
    return this.inFlight;
  }

  private async read(): Promise<RaceState> {
    const trials = await this.store.trialOutcomes(this.sweepId);
    const unknown = trials.filter((t) => !this.params.has(t.id)).map((t) => t.id);
    if (unknown.length > 0) {
      const params = await this.store.getParams(unknown);
      for (const id of unknown) {
        const p = params.get(id) ?? {};
        this.params.set(id, { config: configurationKey(p), group: comparisonGroup(p) });
      }
    }
    const newlyCompleted = trials.filter((t) => t.status === 'completed' && !this.finals.has(t.id)).map((t) => t.id);
    if (newlyCompleted.length > 0) {
      const metrics = await this.store.getMetrics(newlyCompleted);
      for (const id of newlyCompleted) this.finals.set(id, metrics.get(id)?.[this.metric] ?? Number.NaN);
    }

    const configOf = new Map(trials.map((t) => [t.id, this.params.get(t.id)!.config]));
    const out = new Set<string>();
    // group -> configuration -> seed -> final value; and the group's size as planned
    const groups = new Map<string, Map<string, Map<number, number>>>();
    for (const t of trials) {
      const { config, group } = this.params.get(t.id)!;
      let g = groups.get(group);
      if (!g) groups.set(group, (g = new Map()));
      let c = g.get(config);
      if (!c) g.set(config, (c = new Map()));
      const final = this.finals.get(t.id);
      if (t.status === 'completed' && final !== undefined && Number.isFinite(final)) c.set(t.seed, final);
      else if (lostSeed(t.status) || t.status === 'completed') out.add(config); // completed without a finite final value too
    }
    for (const g of groups.values()) {
      for (const key of raceDrops(g as Map<string, SeedValues>, out, this.settings, g.size)) out.add(key);
    }
    const queuedOut = trials.filter((t) => t.status === 'queued' && out.has(configOf.get(t.id)!)).map((t) => t.id);
    if (queuedOut.length > 0) await this.store.raceOut(this.sweepId, queuedOut);
    const state: RaceState = {
      configOf, out,
      trials: trials.map((t) => (t.status === 'queued' && out.has(configOf.get(t.id)!) ? { ...t, status: 'raced-out' as const } : t)),
    };
    this.last = { at: performance.now(), state };
    return state;
  }
}
