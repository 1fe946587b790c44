import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { type Sampler, choice, defineSweep, int, logUniform } from '../../src/index.ts';
import { loadSweep } from '../../src/sweep/load-sweep.ts';
import { loadErrorOf } from './load-error.ts';
import { planSweep } from '../../src/sweep/plan.ts';
import { sampleRandom } from '../../src/sweep/space.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => `test/sweep/fixtures/search-${name}.ts`;

const messageOf = (name: string) => loadErrorOf(fixture(name));

describe('search settings in a sweep file', () => {
  const cases: Array<[string, string]> = [
    ['unknown-method', 'search.method: unknown method "bayes": must be "grid", "random", "tpe" or a sampler object'],
    ['method-typo', 'search.method: unknown method "tpee": must be "grid", "random", "tpe" or a sampler object (did you mean "tpe"?)'],
    ['tpe-no-trials', 'search.trials: a tpe search needs a number of trials (the budget of configurations)'],
    ['random-zero-trials', 'search.trials: must be > 0'],
    ['startup-over-trials', 'search.startupTrials: 10 is more than search.trials (8)'],
    ['startup-random', 'search.startupTrials: only a tpe search has startup trials (method is "random")'],
    ['tpe-nothing', 'search.space: a tpe search needs a parameter with more than one value to search (a range or a list of two or more)'],
    ['tpe-test-metric', 'metric: a tpe search learns from its metric, so it must not be measured on the test split (use validation_accuracy)'],
    ['uniform-grid', "search.space.momentum: a grid search needs a list of values or an int range (use method 'random' or 'tpe' for uniform, or logGrid(...) for a list)"],
  ];
  for (const [name, message] of cases) {
    it(`${name}: one line naming the file and the field`, async () => {
      expect(await messageOf(name)).toBe(`${fixture(name)}: ${message}`);
    });
  }

  it('the CLI prints that line, exits with code 2 and records nothing', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'regsweep-search-'));
    try {
      const db = path.join(dir, 'x.db');
      const run = promisify(execFile);
      const err = await run(process.execPath, ['bin/regsweep.mjs', 'run', fixture('startup-over-trials'), '--db', db], { cwd: root })
        .catch((e: unknown) => e) as { code: number; stderr: string };
      expect(err.code).toBe(2);
      expect(err.stderr).toBe(`regsweep: ${fixture('startup-over-trials')}: search.startupTrials: 10 is more than search.trials (8)\n`);
      expect(existsSync(db)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('regsweep run --dry-run names the sampler, its budget and settings, and the space', async () => {
    const run = promisify(execFile);
    const tpe = await run(process.execPath, ['bin/regsweep.mjs', 'run', fixture('tpe'), '--dry-run'], { cwd: root });
    expect(tpe.stdout).toBe([
      'sweep search-tpe: built-in MLP, optimizing validation_accuracy (maximize)',
      '  search           tpe, budget 12 configurations (configurations asked one at a time from the results so far); seed 3, startupTrials 4, candidates 24, priorWeight 1',
      '  regularization   4 values: "none", "l1", "l2", "elasticnet"',
      '  lambda           logUniform(1e-6, 1)  (only where it applies to the kind)',
      '  learningRate     logUniform(0.001, 10)',
      '  seeds            3: 1, 2, 3',
      '  = up to 12 configurations x 3 seeds = 36 trials, asked as workers need work',
      '',
    ].join('\n'));
    // random is asked lazily too, but its configurations do not depend on results: the dry run lists the first ones,
    // the draws of a random search planned up front with the same seed (sampleRandom)
    const random = await run(process.execPath, ['bin/regsweep.mjs', 'run', 'experiments/iris.ts', '--dry-run'], { cwd: root });
    const irisSpace = { regularization: choice(['none', 'l1', 'l2']), lambda: logUniform(1e-5, 1e-1), learningRate: logUniform(1e-3, 1e-1), hidden: int(2, 16) };
    const drawn = sampleRandom(irisSpace, 3, 1, 'none');
    expect(random.stdout).toBe([
      'sweep iris: built-in MLP, optimizing validation_accuracy (maximize)',
      '  search           random, budget 60 configurations (independent draws, asked as workers need work); seed 1',
      '  regularization   3 values: "none", "l1", "l2"',
      '  lambda           logUniform(1e-5, 0.1)  (only where it applies to the kind)',
      '  learningRate     logUniform(0.001, 0.1)',
      '  hidden           int(2, 16)',
      '  seeds            10: 1, 2, 3, 4, 5, 6, ... (4 more)',
      '  = 60 configurations x 10 seeds = 600 trials, asked as workers need work',
      'first 3 configurations (the same every run):',
      ...drawn.map((a, i) => `  #${i + 1}  ${JSON.stringify(a)}`),
      '',
    ].join('\n'));
  }, 120_000);

  it('a tpe sweep plans its sampler, budget and settings, and no configuration up front', async () => {
    const plan = planSweep(await loadSweep(fixture('tpe'), root));
    expect(plan.search).toMatchObject({ method: 'tpe', budget: 12, adaptive: true, settings: { seed: 3, startupTrials: 4, candidates: 24, priorWeight: 1 } });
    expect(plan.assignments).toEqual([]);
    expect(plan.trials).toEqual([]);
    const trials = plan.trialsOf({ regularization: 'l2', lambda: 0.01, learningRate: 0.1 });
    expect(trials.map((t) => t.seed)).toEqual([1, 2, 3]);
    expect(trials[0]!.config.regularization).toMatchObject({ kind: 'l2', lambda: 0.01 });
    expect(trials[0]!.config.training.learningRate).toBe(0.1);
  });

  it('a sweep file can bring its own sampler object: recorded by name, settings and the source of its ask', async () => {
    const plan = planSweep(await loadSweep(fixture('own-sampler'), root));
    expect(plan.search).toMatchObject({ method: 'decades', budget: 6, adaptive: true, settings: { first: 1 } });
    // its ask's source (as the loader compiled it) is recorded too, so editing it records a new version
    const recorded = (plan.spec.search as { method: { sampler: string; settings: unknown; ask: string } }).method;
    expect(recorded).toMatchObject({ sampler: 'decades', settings: { first: 1 } });
    expect(recorded.ask.replace(/\s/g, '')).toContain('n<=6?{regularization:"l2",lambda:10**-n}:null');
    const history = { space: plan.search.space, baseKind: plan.search.baseKind, direction: plan.direction, configurations: [] };
    expect(plan.search.sampler.ask(history, 3)).toEqual({ regularization: 'l2', lambda: 0.001 });
  });

  it('method: new TpeSampler({ ... }) plans as method \'tpe\' with those settings', async () => {
    const plan = planSweep(await loadSweep(fixture('tpe-object'), root));
    expect(plan.search).toMatchObject({ method: 'tpe', budget: 12, adaptive: true, settings: { seed: 3, startupTrials: 5, candidates: 24, priorWeight: 1 } });
    expect((plan.spec.search as { method: unknown }).method).toMatchObject({ sampler: 'tpe', settings: { seed: 3, startupTrials: 5, candidates: 24, priorWeight: 1 } });
  });

  it('a grid is planned up front (budget = its size); random is asked lazily, the same configurations as planned up front', async () => {
    const grid = planSweep(await loadSweep('experiments/l2-demo.ts', root));
    expect(grid.search).toMatchObject({ method: 'grid', budget: 9, adaptive: false, learns: false });
    expect(grid.assignments).toHaveLength(9);
    const random = planSweep(await loadSweep('experiments/iris.ts', root));
    expect(random.search).toMatchObject({ method: 'random', budget: 60, adaptive: true, learns: false, settings: { seed: 1 } });
    expect(random.trials).toEqual([]);
    // configuration n, whenever asked, is the n-th draw of sampleRandom with the sweep's seed
    const space = { regularization: choice(['none', 'l1', 'l2']), lambda: logUniform(1e-5, 1e-1), learningRate: logUniform(1e-3, 1e-1), hidden: int(2, 16) };
    const drawn = sampleRandom(space, 60, 1, 'none');
    const history = { space: random.search.space, baseKind: random.search.baseKind, direction: random.direction, configurations: [] };
    for (const n of [60, 1, 33, 2]) expect(random.search.sampler.ask(history, n)).toEqual(drawn[n - 1]);
  });

  it('types: method takes a sampler object; an unknown method name does not type-check', () => {
    const mine: Sampler = { name: 'mine', settings: {}, ask: () => null };
    const s = defineSweep({ data: { kind: 'synthetic' }, search: { method: mine, trials: 3, space: { lambda: logUniform(1e-4, 1) } } });
    expectTypeOf(s.search.method).toEqualTypeOf<Sampler>();
    // @ts-expect-error unknown method name
    defineSweep({ data: { kind: 'synthetic' }, search: { method: 'bayes', trials: 3 } });
    defineSweep({ data: { kind: 'synthetic' }, search: { method: 'tpe', trials: 20, startupTrials: 5, space: { lambda: logUniform(1e-6, 1) } } });
  });
});
