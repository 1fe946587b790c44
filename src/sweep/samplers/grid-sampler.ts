import { type Assignment, expandGrid } from '../space.ts';
import type { Sampler, SearchHistory } from './sampler.ts';

/**
 * Every configuration of the Cartesian product of the axes, in order (`expandGrid`: conditional settings
 * cut, duplicates removed); configuration n is the n-th of the product, whatever the history.
 *
 * @example new GridSampler().ask({ space: { lambda: choice([0.1, 0.01]) }, baseKind: 'l2', direction: 'maximize', configurations: [] }, 2) // { lambda: 0.01 }
 */
export class GridSampler implements Sampler {
  readonly name = 'grid';
  readonly settings: Readonly<Record<string, unknown>> = {};
  private cached: { space: SearchHistory['space']; baseKind: unknown; grid: Assignment[] } | undefined;

  private grid(history: SearchHistory): Assignment[] {
    if (this.cached?.space !== history.space || this.cached.baseKind !== history.baseKind) {
      this.cached = { space: history.space, baseKind: history.baseKind, grid: expandGrid(history.space, history.baseKind) };
    }
    return this.cached.grid;
  }

  ask(history: SearchHistory, n: number): Assignment | null {
    return this.grid(history)[n - 1] ?? null;
  }

  size(history: SearchHistory): number {
    return this.grid(history).length;
  }
}
