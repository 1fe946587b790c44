import type { SweepResponse } from '../api-types.ts';
import { type SweepViewOptions, sweepView } from './sweep-view.ts';
import type { UiStore } from './ui-store.ts';

const ENTRIES = 16;

/** Sweeps whose view is built at start (`warm`): those whose first build takes a second or more. */
const WARM_MIN_TRIALS = 10_000;
const WARM_MAX = 4;

/** A stale view is built again no sooner than this many times its build took after it was built. */
const REBUILD_AFTER_BUILDS = 2;

interface Entry {
  signature: string;
  view: Promise<SweepResponse>;
  /** when the build ended and how long it took (ms); unset while it runs */
  builtAt?: number;
  buildMs?: number;
}

/**
 * The last few sweep views, each kept while its sweep's counts by status stay the same: a comparison reads
 * only finished trials, so curve points of running trials do not make it stale. One build at a time per
 * view: pages polling the same sweep share it. While trials finish, a view is built again at most every
 * REBUILD_AFTER_BUILDS times its build time (a 50,000-trial sweep takes a second or two: rebuilt on every
 * finished trial, it would hold the server); in between the last view is answered with `refreshInMs`, when
 * to ask again.
 */
export class SweepViewCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly store: UiStore, private readonly clock: () => number = () => performance.now()) {}

  async get(sweepId: number, options: SweepViewOptions): Promise<SweepResponse> {
    const started = this.clock();
    const key = JSON.stringify([sweepId, options.by ?? null, options.metric ?? null]);
    const signature = JSON.stringify(await this.store.countByStatus(sweepId));
    const hit = this.entries.get(key);
    if (hit && hit.signature === signature) return hit.view;
    if (hit?.builtAt !== undefined) {
      const wait = hit.builtAt + REBUILD_AFTER_BUILDS * hit.buildMs! - this.clock();
      if (wait > 0) return { ...(await hit.view), refreshInMs: Math.ceil(wait) };
    }
    const entry: Entry = { signature, view: sweepView(this.store, sweepId, options) };
    entry.view.then(() => { entry.builtAt = this.clock(); entry.buildMs = entry.builtAt - started; }, () => this.entries.delete(key));
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return entry.view;
  }

  /**
   * Build the views of the biggest sweeps (the latest version of each, with WARM_MIN_TRIALS trials or more,
   * the WARM_MAX biggest), one after another, so that their first visit finds them ready; a visit meanwhile
   * shares the build under way. Resolves with the ids built; never rejects (a failed build is built again
   * when visited).
   *
   * @example void views.warm(); // at server start, in the background
   */
  async warm(): Promise<number[]> {
    try {
      const latest = new Map<string, { id: number; version: number; total: number }>();
      for (const { sweep, counts } of await this.store.listSweeps()) {
        const total = Object.values(counts).reduce((a, b) => a + b, 0);
        if ((latest.get(sweep.name)?.version ?? 0) < sweep.version) latest.set(sweep.name, { id: sweep.id, version: sweep.version, total });
      }
      const big = [...latest.values()].filter((s) => s.total >= WARM_MIN_TRIALS).sort((a, b) => b.total - a.total).slice(0, WARM_MAX);
      for (const s of big) await this.get(s.id, {});
      return big.map((s) => s.id);
    } catch {
      return [];
    }
  }
}
