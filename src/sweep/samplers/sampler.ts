import type { Distribution } from '../distributions.ts';
import type { Assignment } from '../space.ts';

/**
 * Where a configuration stands, from its trials (one per seed):
 * - `completed`: every seed completed; its objective is the mean over the seeds;
 * - `diverged` / `failed`: some seed diverged or failed (it counts as bad, not as missing);
 * - `running`: some seed is queued or running and none diverged or failed. Samplers that learn treat it as
 *   bad until all its seeds are in ("constant liar"), so parallel workers do not crowd one spot.
 */
export type ConfigurationState = 'completed' | 'running' | 'failed' | 'diverged';

/** One configuration of a sweep version, as recorded: its number, its params and what its seeds gave. */
export interface ConfigurationRecord {
  /** 1-based number, in the order configurations were asked */
  number: number;
  /** the swept parameters by short name; `null` where a conditional one does not apply */
  params: Assignment;
  state: ConfigurationState;
  /** the objective metric of each completed seed (validation split, never test) */
  values: ReadonlyArray<{ seed: number; value: number }>;
  /** mean of `values` when `state` is `completed`, else null */
  objective: number | null;
}

/** What a sampler sees when asked: the space, which way is better, and every configuration asked so far. */
export interface SearchHistory {
  /** the search space by short parameter name (`lambda`, not `regularization.lambda`); plain lists are choices */
  space: Readonly<Record<string, Distribution>>;
  /** the regularization kind of the base config, for spaces that do not sweep `regularization` */
  baseKind: unknown;
  direction: 'maximize' | 'minimize';
  /** configurations asked before this one, any order */
  configurations: readonly ConfigurationRecord[];
}

/**
 * A search strategy: proposes configuration number `n` of a sweep version from what is recorded so far.
 * Results are "told" by being recorded: the next `ask` sees them in `history`. Seeds and settings come in
 * through the constructor; `ask` must not depend on anything else (no clock, no global random state), so
 * a sweep asked again with the same history gets the same configuration.
 *
 * A sampler object can be given in a sweep file as `search.method`. It runs in the process that asks
 * (the one that runs `regsweep run` or `regsweep worker`), not in the worker threads.
 *
 * @example
 * // a sampler that tries lambda = 10^-n for n = 1, 2, ... and then stops
 * const decades: Sampler = {
 *   name: 'decades',
 *   settings: {},
 *   ask: (_history, n) => (n <= 6 ? { regularization: 'l2', lambda: 10 ** -n } : null),
 * };
 * export default defineSweep({
 *   data: { kind: 'synthetic' },
 *   search: { method: decades, trials: 6, space: { regularization: ['l2'], lambda: logUniform(1e-6, 1) } },
 * });
 */
export interface Sampler {
  /** shown by `--dry-run`, `runs` and `show`, and recorded with the sweep */
  readonly name: string;
  /** the constructor settings (seed included), plain JSON: recorded with the sweep and shown by `--dry-run` */
  readonly settings: Readonly<Record<string, unknown>>;
  /**
   * Configuration number `n` (1-based), or null when the sampler has nothing more to propose (a grid that
   * is done). Params are by short name; conditional settings that do not apply are nulled by the caller.
   */
  ask(history: SearchHistory, n: number): Assignment | null;
  /** how many configurations it can propose at most (a grid: its size); undefined when unbounded */
  size?(history: SearchHistory): number | undefined;
}
