import { Rng } from '../../nn/prng.ts';
import { type Assignment, drawAssignment } from '../space.ts';
import type { Sampler, SearchHistory } from './sampler.ts';

/** Settings of the random sampler. */
export interface RandomSamplerOptions {
  /** seed of the draws (default 0): the same seed draws the same configurations */
  seed?: number;
}

/**
 * Independent draws from the space (`uniform`, `logUniform`, `int`, choices). Configuration n is the n-th
 * draw of one stream seeded by `seed`, whatever the history and whoever asks first: the same configurations
 * as a random search planned up front with that seed.
 *
 * @example new RandomSampler({ seed: 1 }).ask(history, 3) // the third draw of seed 1
 */
export class RandomSampler implements Sampler {
  readonly name = 'random';
  readonly settings: Readonly<{ seed: number }>;
  private rng: Rng;
  private drawn: Assignment[] = [];
  private space: SearchHistory['space'] | undefined;

  constructor(options: RandomSamplerOptions = {}) {
    this.settings = { seed: options.seed ?? 0 };
    this.rng = new Rng(this.settings.seed);
  }

  ask(history: SearchHistory, n: number): Assignment {
    if (this.space !== history.space) {
      this.space = history.space;
      this.rng = new Rng(this.settings.seed);
      this.drawn = [];
    }
    while (this.drawn.length < n) this.drawn.push(drawAssignment(history.space, this.rng, history.baseKind));
    return { ...this.drawn[n - 1]! };
  }
}
