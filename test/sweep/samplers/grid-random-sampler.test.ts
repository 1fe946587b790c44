import { describe, expect, it } from 'vitest';
import { choice, int, logUniform, uniform } from '../../../src/sweep/distributions.ts';
import { GridSampler } from '../../../src/sweep/samplers/grid-sampler.ts';
import { RandomSampler } from '../../../src/sweep/samplers/random-sampler.ts';
import type { SearchHistory } from '../../../src/sweep/samplers/sampler.ts';
import { sampleRandom } from '../../../src/sweep/space.ts';

const history = (space: SearchHistory['space']): SearchHistory => ({ space, baseKind: 'none', direction: 'maximize', configurations: [] });

describe('GridSampler', () => {
  const space = { regularization: choice(['none', 'l2']), lambda: choice([0.1, 0.01]) };

  it('configuration n is the n-th of the product, conditional settings cut; null past the end', () => {
    const g = new GridSampler();
    const h = history(space);
    expect(g.size(h)).toBe(3);
    expect([1, 2, 3, 4].map((n) => g.ask(h, n))).toEqual([
      { regularization: 'none', lambda: null }, { regularization: 'l2', lambda: 0.1 }, { regularization: 'l2', lambda: 0.01 }, null,
    ]);
  });

  it('does not depend on the history or the order of asking', () => {
    const h = history({ hidden: int(4, 16, 4) });
    expect(new GridSampler().ask(h, 3)).toEqual({ hidden: 12 });
    const done = { ...h, configurations: [{ number: 1, params: { hidden: 4 }, state: 'completed' as const, values: [], objective: 0.9 }] };
    expect(new GridSampler().ask(done, 3)).toEqual({ hidden: 12 });
  });
});

describe('RandomSampler', () => {
  const space = { regularization: choice(['none', 'l1', 'l2']), lambda: logUniform(1e-5, 1e-1), momentum: uniform(0, 0.9), hidden: int(2, 16) };

  it('configuration n is the n-th draw of sampleRandom with the same seed (the draws of a random search planned up front)', () => {
    const expected = sampleRandom(space, 30, 7, 'none');
    const r = new RandomSampler({ seed: 7 });
    expect(Array.from({ length: 30 }, (_, i) => r.ask(history(space), i + 1))).toEqual(expected);
  });

  it('asked out of order, it gives each number the same configuration', () => {
    const h = history(space);
    const inOrder = Array.from({ length: 12 }, (_, i) => new RandomSampler({ seed: 3 }).ask(h, i + 1));
    const r = new RandomSampler({ seed: 3 });
    for (const n of [12, 5, 1, 9, 5]) expect(r.ask(h, n)).toEqual(inOrder[n - 1]);
  });

  it('records its seed as its settings (default 0)', () => {
    expect(new RandomSampler().settings).toEqual({ seed: 0 });
    expect(new RandomSampler({ seed: 4 }).settings).toEqual({ seed: 4 });
  });
});
