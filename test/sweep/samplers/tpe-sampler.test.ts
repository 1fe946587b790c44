import { describe, expect, it } from 'vitest';
import { choice, int, logUniform, uniform } from '../../../src/sweep/distributions.ts';
import { RandomSampler } from '../../../src/sweep/samplers/random-sampler.ts';
import type { ConfigurationRecord, SearchHistory } from '../../../src/sweep/samplers/sampler.ts';
import { TpeSampler, goodCount, splitGoodBad } from '../../../src/sweep/samplers/tpe-sampler.ts';
import type { Assignment } from '../../../src/sweep/space.ts';
import { drive } from './helpers.ts';

const num = (a: Assignment, k: string) => a[k] as number;

describe('TpeSampler', () => {
  // A known optimum: lambda = 1e-3 and x = 1.5 (f = 0). lambda spans six decades, x ten units.
  const space = { lambda: logUniform(1e-6, 1), x: uniform(-5, 5) };
  const f = (a: Assignment) => (Math.log10(num(a, 'lambda')) + 3) ** 2 + (num(a, 'x') - 1.5) ** 2;
  const nearOptimum = (a: Assignment) => Math.abs(Math.log10(num(a, 'lambda')) + 3) < 1 && Math.abs(num(a, 'x') - 1.5) < 1;

  it('proposals after the startup concentrate around the optimum (a box holding 1/15 of the space)', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { asked } = drive(new TpeSampler({ seed }), space, f, 60);
      const late = asked.slice(30);
      const share = late.filter(nearOptimum).length / late.length;
      // A random draw lands in the box with probability (2/6) * (2/10) = 1/15 = 0.067.
      expect(share, `seed ${seed}`).toBeGreaterThan(0.5);
    }
  });

  it('with 40 configurations its median best is at least 5x closer to the optimum than random search\'s (ten seeds)', () => {
    const tpe: number[] = [], random: number[] = [];
    for (let seed = 1; seed <= 10; seed++) {
      tpe.push(Math.min(...drive(new TpeSampler({ seed }), space, f, 40).values as number[]));
      random.push(Math.min(...drive(new RandomSampler({ seed }), space, f, 40).values as number[]));
    }
    const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return (s[4]! + s[5]!) / 2; };
    // measured: tpe 0.024, random 0.33
    expect(median(tpe) * 5).toBeLessThan(median(random));
  });

  it('maximizes when asked to: proposals concentrate around the maximum of -f', () => {
    const { asked } = drive(new TpeSampler({ seed: 7 }), space, (a) => -f(a), 60, 'maximize');
    expect(asked.slice(30).filter(nearOptimum).length / 30).toBeGreaterThan(0.5);
  });

  it('the first startupTrials configurations are the random sampler\'s draws with the same seed', () => {
    const tpe = drive(new TpeSampler({ seed: 9, startupTrials: 7 }), space, f, 7).asked;
    const random = drive(new RandomSampler({ seed: 9 }), space, f, 7).asked;
    expect(tpe).toEqual(random);
  });

  it('is deterministic for its seed: the same 40 configurations twice; another seed gives others', () => {
    const a = drive(new TpeSampler({ seed: 4 }), space, f, 40).asked;
    const b = drive(new TpeSampler({ seed: 4 }), space, f, 40).asked;
    const c = drive(new TpeSampler({ seed: 5 }), space, f, 40).asked;
    expect(b).toEqual(a);
    expect(c.slice(10)).not.toEqual(a.slice(10));
  });

  it('int and categorical axes: proposals concentrate on the best values', () => {
    const s = { hidden: int(2, 32, 2), activation: choice(['tanh', 'relu', 'sigmoid']) };
    const g = (a: Assignment) => Math.abs(num(a, 'hidden') - 12) + (a.activation === 'relu' ? 0 : 10);
    const { asked } = drive(new TpeSampler({ seed: 2 }), s, g, 50);
    const late = asked.slice(25);
    for (const a of asked) expect(Number.isInteger(a.hidden) && num(a, 'hidden') % 2 === 0 && num(a, 'hidden') >= 2 && num(a, 'hidden') <= 32).toBe(true);
    expect(late.filter((a) => a.activation === 'relu').length / late.length).toBeGreaterThan(0.7);
    expect(late.filter((a) => Math.abs(num(a, 'hidden') - 12) <= 4).length / late.length).toBeGreaterThan(0.5);
  });
});

describe('TPE over regularization kinds (conditional settings per branch)', () => {
  const space = {
    regularization: choice(['none', 'l1', 'l2', 'elasticnet']),
    lambda: logUniform(1e-6, 1), lambda2: logUniform(1e-6, 1), l1Method: choice(['proximal', 'subgradient']),
  };
  // Each kind has its own best lambda: l1 at 1e-2, l2 at 1e-5 (the best overall), elastic net at 1e-4; none is poor.
  const best: Record<string, number> = { l1: -2, l2: -5, elasticnet: -4 };
  const f = (a: Assignment) => a.regularization === 'none' ? 30 : (Math.log10(a.lambda as number) - best[a.regularization as string]!) ** 2 + (a.regularization === 'l2' ? 0 : 2);

  it('never proposes a lambda for none, a lambda2 outside elastic net, or an l1Method outside l1 kinds', () => {
    for (const seed of [1, 2, 3]) {
      for (const a of drive(new TpeSampler({ seed }), space, f, 60).asked) {
        const kind = a.regularization;
        expect(a.lambda === null, `seed ${seed} ${JSON.stringify(a)}`).toBe(kind === 'none');
        expect(a.lambda2 === null).toBe(kind !== 'elasticnet');
        expect(a.l1Method === null).toBe(kind !== 'l1' && kind !== 'elasticnet');
      }
    }
  });

  it('learns lambda per kind: late l2 proposals sit near 1e-5, and the best kind is proposed most', () => {
    const late = drive(new TpeSampler({ seed: 3 }), space, f, 60).asked.slice(30);
    const l2 = late.filter((a) => a.regularization === 'l2');
    expect(l2.length / late.length).toBeGreaterThan(0.5);
    const near = l2.filter((a) => Math.abs(Math.log10(a.lambda as number) + 5) < 1).length;
    expect(near / l2.length).toBeGreaterThan(0.6);
  });

  it('diverged configurations count as bad: a region that always diverges is left', () => {
    const s = { learningRate: logUniform(1e-4, 10) };
    // learning rates above 1 diverge; the best is 0.1
    const g = (a: Assignment) => (num(a, 'learningRate') > 1 ? null : (Math.log10(num(a, 'learningRate')) + 1) ** 2);
    const late = drive(new TpeSampler({ seed: 6 }), s, g, 50).asked.slice(25);
    // random search would propose lr > 1 a fifth of the time
    expect(late.filter((a) => num(a, 'learningRate') > 1).length / late.length).toBeLessThan(0.1);
  });
});

describe('splitGoodBad and the constant liar', () => {
  const rec = (number: number, state: ConfigurationRecord['state'], objective: number | null): ConfigurationRecord =>
    ({ number, params: { x: number }, state, values: objective === null ? [] : [{ seed: 1, value: objective }], objective });

  it('gamma: min(ceil(0.1 n), 25)', () => {
    expect([0, 1, 10, 11, 20, 21, 250, 251, 1000].map(goodCount)).toEqual([0, 1, 1, 2, 2, 3, 25, 25, 25]);
  });

  it('good = the best completed by objective; bad = the rest, diverged, failed and running', () => {
    const configurations = [
      rec(1, 'completed', 0.5), rec(2, 'diverged', null), rec(3, 'completed', 0.9), rec(4, 'running', null),
      rec(5, 'completed', 0.7), rec(6, 'failed', null), rec(7, 'completed', 0.6), rec(8, 'completed', 0.95),
      rec(9, 'completed', 0.1), rec(10, 'completed', 0.2), rec(11, 'completed', 0.3), rec(12, 'completed', 0.4),
    ];
    const history = (direction: 'maximize' | 'minimize'): SearchHistory => ({ space: { x: uniform(0, 20) }, baseKind: 'none', direction, configurations });
    // 11 finished (running ones are not counted): 2 good
    const max = splitGoodBad(history('maximize'));
    expect(max.good.map((c) => c.number)).toEqual([8, 3]);
    expect(max.bad.map((c) => c.number)).toEqual([1, 2, 4, 5, 6, 7, 9, 10, 11, 12]);
    const min = splitGoodBad(history('minimize'));
    expect(min.good.map((c) => c.number)).toEqual([9, 10]);
    expect(min.bad.map((c) => c.number)).toContain(4);
  });

  it('a running configuration pushes the next proposal away from where it sits', () => {
    const space = { x: uniform(0, 10) };
    const done: ConfigurationRecord[] = Array.from({ length: 20 }, (_, i) => rec(i + 1, 'completed', Math.abs(i / 2 - 5)));
    for (const c of done) c.params = { x: (c.number - 1) / 2 };
    const ask = (configurations: ConfigurationRecord[], n: number) =>
      new TpeSampler({ seed: 1 }).ask({ space, baseKind: 'none', direction: 'minimize', configurations }, n).x as number;
    // with the optimum x = 5 known, ask 10 proposals near it; then the same with 6 running configurations at 5
    const free = Array.from({ length: 10 }, (_, i) => ask(done, 21 + i));
    const liars = Array.from({ length: 6 }, (_, i) => ({ ...rec(21 + i, 'running', null), params: { x: 5 } }));
    const crowded = Array.from({ length: 10 }, (_, i) => ask([...done, ...liars], 27 + i));
    const spread = (xs: number[]) => xs.reduce((s, x) => s + Math.abs(x - 5), 0) / xs.length;
    expect(spread(crowded)).toBeGreaterThan(spread(free));
  });
});
