import type { SweepResponse } from '../api-types.ts';
import { type SweepViewOptions, sweepView } from './sweep-view.ts';
import type { UiStore } from './ui-store.ts';

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

const ENTRIES = 16;

/**
 * The last few sweep views, each kept while its sweep's counts by status stay the same: a comparison reads
 * only finished trials, so curve points of running trials do not make it stale. One build at a time per
 * view: pages polling the same sweep share it.
 */
export class SweepViewCache {
  private readonly entries = new Map<string, { signature: string; view: Promise<SweepResponse> }>();

  constructor(private readonly store: UiStore) {}

  /**
   * Build the default view of every sweep, largest first, one at a time, so that a first visit finds it
   * ready; a failure is left for the visit to report.
   */
  async warm(): Promise<void> {
    const sweeps = (await this.store.listSweeps()).sort((a, b) => total(b.counts) - total(a.counts)).slice(0, ENTRIES);
    for (const s of sweeps) await this.get(s.sweep.id, {}).catch(() => undefined);
  }

  async get(sweepId: number, options: SweepViewOptions): Promise<SweepResponse> {
    const key = JSON.stringify([sweepId, options.by ?? null, options.metric ?? null]);
    const signature = JSON.stringify(await this.store.countByStatus(sweepId));
    const hit = this.entries.get(key);
    if (hit && hit.signature === signature) return hit.view;
    const view = sweepView(this.store, sweepId, options);
    this.entries.delete(key);
    this.entries.set(key, { signature, view });
    view.catch(() => this.entries.delete(key));
    while (this.entries.size > ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return view;
  }
}
