import type { ValidSweep } from '../schema.ts';
import { GridSampler } from './grid-sampler.ts';
import { RandomSampler } from './random-sampler.ts';
import type { Sampler } from './sampler.ts';
import { TpeSampler } from './tpe-sampler.ts';

/**
 * The sampler a sweep file's `search` names: `grid` (default), `random` or `tpe` with the file's seed and
 * settings, or the file's own sampler object as it is.
 * @example makeSampler({ method: 'tpe', trials: 40, seed: 1 }).settings // { seed: 1, startupTrials: 10, candidates: 24, priorWeight: 1 }
 */
export function makeSampler(search: NonNullable<ValidSweep['search']> = {}): Sampler {
  const method = search.method ?? 'grid';
  if (typeof method !== 'string') return method;
  if (method === 'grid') return new GridSampler();
  if (method === 'random') return new RandomSampler({ seed: search.seed });
  if (method === 'tpe') return new TpeSampler({ seed: search.seed, startupTrials: search.startupTrials, candidates: search.candidates });
  throw new TypeError(`unknown search method ${JSON.stringify(method)}`);
}
