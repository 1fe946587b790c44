/** How a recorded sweep version chose its configurations, read back from its spec. */
export interface RecordedSearch {
  /** `grid`, `random`, `tpe`, or the name of the sweep file's own sampler */
  method: string;
  /** configurations asked one at a time as workers need work (random, tpe, own samplers), not planned up front (grid) */
  adaptive: boolean;
  /** `search.trials`: the budget of configurations (null for a grid, whose size is its trials / seeds) */
  budget: number | null;
}

/**
 * The search of a recorded sweep version, from the spec `planSweep` recorded (`search.method` is a name, or
 * `{ sampler, settings }` for a sampler object).
 *
 * @example recordedSearch({ search: { method: 'tpe', trials: 40 } }) // { method: 'tpe', adaptive: true, budget: 40 }
 */
export function recordedSearch(spec: unknown): RecordedSearch {
  const search = (spec as { search?: { method?: unknown; trials?: unknown } } | null)?.search ?? {};
  const m = search.method;
  const method = typeof m === 'string' ? m : typeof m === 'object' && m !== null && typeof (m as { sampler?: unknown }).sampler === 'string'
    ? (m as { sampler: string }).sampler : 'grid';
  const budget = typeof search.trials === 'number' && method !== 'grid' ? search.trials : null;
  return { method, adaptive: method !== 'grid', budget };
}
