// npm run bench:search — JSON lines: how many configurations TPE needs to match what random search finds
// with its whole budget, on a synthetic teacher problem and on a real CSV set (bench/README.md, "Search").
//
// For each case: random search and TPE each run `budget` configurations for every sampler seed 1..N (same
// seeds: TPE's startup configurations are random search's first ones). Every configuration is trained on
// seeds 1..3 with the sweep's own resolved configs (plan.trialsOf + runBuiltinTrial, in this process, no
// store); its objective is the mean validation loss over the seeds, and a configuration with a diverged seed
// is bad. target = the median over sampler seeds of random search's best after `budget` configurations.
// configsToMatch = the first configuration count whose best-so-far reaches the target (budget + 1 if never).
// hitRateAfterStartup = the share of configurations startupTrials + 1..budget (of every sampler seed) whose
// objective reaches the target.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SweepConfig } from '../src/sweep/define-sweep.ts';
import { logUniform } from '../src/sweep/distributions.ts';
import { runBuiltinTrial } from '../src/sweep/execute-trial.ts';
import { type SweepPlan, planSweep } from '../src/sweep/plan.ts';
import { RandomSampler } from '../src/sweep/samplers/random-sampler.ts';
import type { ConfigurationRecord, Sampler } from '../src/sweep/samplers/sampler.ts';
import { TpeSampler } from '../src/sweep/samplers/tpe-sampler.ts';
import { sweepSchema } from '../src/sweep/schema.ts';
import type { Assignment } from '../src/sweep/space.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
// Random search's budgets. TPE's first `startupTrials` (10) configurations are random draws, so with a budget
// of 40 the ratio cannot pass 40 / 11 = 3.6 unless a startup draw already matches: 100 is reported as well.
const budgets = (process.env.BENCH_BUDGETS ?? '40,100').split(',').map(Number);
const maxBudget = Math.max(...budgets);
const samplerSeeds = Number(process.env.BENCH_SAMPLER_SEEDS ?? 20);
const startupTrials = 10;

// The space both cases search: every kind, lambda over six decades, learning rate over five (the top one
// diverges on the synthetic problem).
const space = {
  regularization: ['none', 'l1', 'l2', 'elasticnet'],
  lambda: logUniform(1e-6, 1),
  learningRate: logUniform(1e-4, 10),
};

const cases: Array<{ name: string; sweep: SweepConfig }> = [
  {
    // 10 relevant inputs of a random 10-10-4 teacher and 10 of pure noise; a 20-16-4 relu student
    name: 'teacher-irrelevant',
    sweep: {
      data: { kind: 'synthetic', inputs: 10, hidden: 10, classes: 4, irrelevant: 10, train: 200, validation: 100, test: 0, inputScale: 1, teacherScale: 3, normalize: 'zscore' },
      model: { hidden: [16], activation: 'relu', init: 'he' },
      training: { epochs: 40, batchSize: 10, evalEvery: 40 },
      metric: 'validation_loss',
      search: { method: 'random', trials: maxBudget, space },
      seeds: 3,
    },
  },
  {
    // wine (data/README.md): 178 rows, 13 features, 3 classes; a new stratified split per seed
    name: 'wine',
    sweep: {
      data: { kind: 'csv', path: '../data/wine.csv', label: 'cultivar', split: { validation: 0.25, test: 0.15 }, normalize: 'zscore' },
      model: { hidden: [8], activation: 'tanh', init: 'glorot' },
      training: { epochs: 40, batchSize: 8, evalEvery: 40 },
      metric: 'validation_loss',
      search: { method: 'random', trials: maxBudget, space },
      seeds: 3,
    },
  },
];

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (v: number) => Number(v.toPrecision(5));

/** One configuration on every seed: the seed values, or null if a seed diverged. Cached: both samplers ask the same startup configurations. */
function evaluator(plan: SweepPlan) {
  const cache = new Map<string, number[] | null>();
  let trainings = 0;
  const evaluate = (a: Assignment): number[] | null => {
    const key = JSON.stringify(a);
    if (cache.has(key)) return cache.get(key)!;
    const values: number[] = [];
    let diverged = false;
    for (const t of plan.trialsOf(a)) {
      trainings++;
      const r = runBuiltinTrial({ sweepFile: plan.file, trialId: 0, config: t.config, seed: t.seed, params: t.params });
      const v = r.metrics[plan.metric];
      if (r.status !== 'completed' || v === undefined) {
        diverged = true;
        break;
      }
      values.push(v);
    }
    const out = diverged ? null : values;
    cache.set(key, out);
    return out;
  };
  return { evaluate, trainings: () => trainings };
}

/**
 * Each configuration's objective (null: diverged) and the best so far after each (minimize), asking as a sweep
 * with concurrency 1 does.
 */
function search(plan: SweepPlan, sampler: Sampler, evaluate: (a: Assignment) => number[] | null, budget: number): { objectives: Array<number | null>; bestSoFar: number[] } {
  const configurations: ConfigurationRecord[] = [];
  const objectives: Array<number | null> = [];
  const bestSoFar: number[] = [];
  let best = Infinity;
  for (let n = 1; n <= budget; n++) {
    const a = sampler.ask({ space: plan.search.space, baseKind: plan.search.baseKind, direction: plan.direction, configurations }, n)!;
    const values = evaluate(a);
    const objective = values ? values.reduce((s, v) => s + v, 0) / values.length : null;
    configurations.push({
      number: n, params: a, state: values ? 'completed' : 'diverged', objective,
      values: (values ?? []).map((value, i) => ({ seed: plan.seeds[i]!, value })),
    });
    if (objective !== null && objective < best) best = objective;
    objectives.push(objective);
    bestSoFar.push(best);
  }
  return { objectives, bestSoFar };
}

const toMatch = (bestSoFar: number[], target: number, budget: number) => {
  const i = bestSoFar.slice(0, budget).findIndex((b) => b <= target);
  return i < 0 ? budget + 1 : i + 1;
};

for (const c of cases) {
  const started = performance.now();
  const plan = planSweep({ file: path.join(here, `${c.name}.bench.ts`), displayPath: c.name, name: c.name, config: sweepSchema.parse(c.sweep), source: '' });
  const { evaluate, trainings } = evaluator(plan);
  const seeds = Array.from({ length: samplerSeeds }, (_, i) => i + 1);
  // Both samplers are deterministic and sequential: the first 40 configurations of a run of 100 are a run of 40.
  const runs = {
    random: seeds.map((seed) => search(plan, new RandomSampler({ seed }), evaluate, maxBudget)),
    tpe: seeds.map((seed) => search(plan, new TpeSampler({ seed, startupTrials }), evaluate, maxBudget)),
  };
  const seconds = round((performance.now() - started) / 1000);
  for (const budget of budgets) {
    const target = median(runs.random.map((r) => r.bestSoFar[budget - 1]!));
    for (const [sampler, searched] of Object.entries(runs)) {
      const bests = searched.map((r) => r.bestSoFar);
      const counts = bests.map((b) => toMatch(b, target, budget));
      // how often a configuration after the startup ones is at least as good as the target, over sampler seeds
      const after = searched.flatMap((r) => r.objectives.slice(startupTrials, budget));
      const hitRate = after.filter((v) => v !== null && v <= target).length / after.length;
      const medianConfigsToMatch = median(counts);
      console.log(JSON.stringify({
        case: c.name, sampler, budget, samplerSeeds, medianConfigsToMatch, ratio: round(budget / medianConfigsToMatch),
        ...(sampler === 'tpe' ? { startupTrials, candidates: 24 } : {}),
        metric: plan.metric, seedsPerConfig: plan.seeds.length, target: round(target),
        configsToMatch: counts, neverReached: counts.filter((n) => n > budget).length, hitRateAfterStartup: round(hitRate),
        medianBest: round(median(bests.map((b) => b[budget - 1]!))), trainings: trainings(), seconds,
      }));
    }
  }
}
