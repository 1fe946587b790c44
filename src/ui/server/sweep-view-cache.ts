import type { SweepResponse } from '../api-types.ts';
import { type SweepViewOptions, sweepView } from './sweep-view.ts';
import type { UiStore } from './ui-store.ts';

const ENTRIES = 16;

/**
 * The last few sweep views, each kept while its sweep's counts by status stay the same: a comparison reads
 * only finished trials, so curve points of running trials do not make it stale. One build at a time per
 * view: pages polling the same sweep share it.
 */
export class SweepViewCache {
  private readonly entries = new Map<string, { signature: string; view: Promise<SweepResponse> }>();

  constructor(private readonly store: UiStore) {}

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
