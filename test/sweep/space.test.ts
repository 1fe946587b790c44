import { describe, expect, expectTypeOf, it } from 'vitest';
import { defineSweep, int, logGrid, logUniform, uniform } from '../../src/index.ts';
import type { LoadedSweep } from '../../src/sweep/load-sweep.ts';
import { planSweep } from '../../src/sweep/plan.ts';
import { expandGrid, sampleRandom } from '../../src/sweep/space.ts';

const lambdas = logGrid(1e-5, 1e-1, 8);

function plan(config: LoadedSweep['config']) {
  return planSweep({ file: '/tmp/x.ts', displayPath: 'x.ts', name: 'x', config, source: '' });
}

describe('search space', () => {
  it('cuts lambda when regularization is none: 3 kinds x 8 lambdas x 10 seeds = 170 trials', () => {
    const p = plan({ data: { kind: 'synthetic' }, search: { space: { regularization: ['none', 'l1', 'l2'], lambda: lambdas } }, seeds: 10 });
    expect(p.assignments).toHaveLength(1 + 8 + 8);
    expect(p.trials).toHaveLength(170);
    expect(new Set(p.trials.map((t) => t.trialKey)).size).toBe(170);
    const none = p.trials.filter((t) => t.params.regularization === 'none');
    expect(none).toHaveLength(10);
    expect(none.every((t) => t.params.lambda === null && t.config.regularization.lambda === 0)).toBe(true);
  });

  it('cuts lambda2 unless elasticnet and l1Method unless l1 or elasticnet', () => {
    const grid = expandGrid({ regularization: ['none', 'l1', 'l2', 'elasticnet'], lambda: [0.1], lambda2: [0.1, 0.2], l1Method: ['proximal', 'subgradient'] }, 'none');
    // none: 1; l1: 2 methods; l2: 1; elasticnet: 2 lambda2 x 2 methods
    expect(grid).toHaveLength(1 + 2 + 1 + 4);
  });

  it('logGrid spaces values evenly in log space', () => {
    expect(logGrid(1e-4, 1e-1, 4)).toEqual([1e-4, 1e-3, 1e-2, 1e-1]);
  });

  it('int ranges expand in a grid, both ends included', () => {
    expect(expandGrid({ hidden: int(4, 16, 4) }, 'none').map((a) => a.hidden)).toEqual([4, 8, 12, 16]);
  });

  it('random search is reproducible per seed and stays inside its bounds', () => {
    const space = { lambda: logUniform(1e-5, 1e-1), learningRate: uniform(0.001, 0.1), hidden: int(2, 9), regularization: ['l1', 'l2'] };
    const a = sampleRandom(space, 200, 7, 'none'), b = sampleRandom(space, 200, 7, 'none'), c = sampleRandom(space, 200, 8, 'none');
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    for (const t of a) {
      expect(t.lambda).toBeGreaterThanOrEqual(1e-5);
      expect(t.lambda).toBeLessThanOrEqual(1e-1);
      expect(t.learningRate).toBeGreaterThanOrEqual(0.001);
      expect(t.learningRate).toBeLessThan(0.1);
      expect(Number.isInteger(t.hidden)).toBe(true);
      expect(t.hidden).toBeGreaterThanOrEqual(2);
      expect(t.hidden).toBeLessThanOrEqual(9);
    }
    // log-uniform: about half the draws below the geometric midpoint 1e-3
    const below = a.filter((t) => (t.lambda as number) < 1e-3).length;
    expect(below).toBeGreaterThan(70);
    expect(below).toBeLessThan(130);
  });

  it('a hidden size applies as one hidden layer', () => {
    const p = plan({ data: { kind: 'synthetic' }, search: { method: 'random', trials: 3, space: { hidden: int(2, 9) } } });
    // random configurations are asked as workers need work: ask the plan's sampler for them
    const history = { space: p.search.space, baseKind: p.search.baseKind, direction: p.direction, configurations: [] };
    const trials = [1, 2, 3].flatMap((n) => p.trialsOf(p.search.sampler.ask(history, n)!));
    expect(trials).toHaveLength(3);
    for (const t of trials) expect(t.config.model.hidden).toEqual([t.params.hidden]);
  });

  it('seeds: a count means 1..n, a list is taken as given', () => {
    expect(plan({ data: { kind: 'synthetic' }, seeds: 3 }).seeds).toEqual([1, 2, 3]);
    expect(plan({ data: { kind: 'synthetic' }, seeds: [5, 9] }).trials.map((t) => t.seed)).toEqual([5, 9]);
  });

  it('the same sweep gives the same content hash; a change gives another', () => {
    const a = plan({ data: { kind: 'synthetic' }, seeds: 3 }), b = plan({ data: { kind: 'synthetic' }, seeds: 3 }), c = plan({ data: { kind: 'synthetic' }, seeds: 4 });
    expect(a.contentHash).toBe(b.contentHash);
    expect(a.contentHash).not.toBe(c.contentHash);
  });

  it('defineSweep returns its argument and types its fields', () => {
    const s = defineSweep({ data: { kind: 'synthetic' }, seeds: 3 });
    expect(s).toEqual({ data: { kind: 'synthetic' }, seeds: 3 });
    expectTypeOf(s.seeds).toEqualTypeOf<3>();
    // @ts-expect-error unknown top-level key
    defineSweep({ data: { kind: 'synthetic' }, seedz: 3 });
    // @ts-expect-error wrong type
    defineSweep({ data: { kind: 'synthetic' }, training: { epochs: '10' } });
    // @ts-expect-error unknown regularization kind
    defineSweep({ data: { kind: 'synthetic' }, regularization: { kind: 'l3' } });
  });
});
