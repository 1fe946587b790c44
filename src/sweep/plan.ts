import { type TrainConfig, resolveTrainConfig } from '../nn/config.ts';
import type { NewTrial, ParamValue } from '../store/types.ts';
import type { DataSpec, TrialConfig } from './define-sweep.ts';
import type { LoadedSweep } from './load-sweep.ts';
import { canonicalJson, stableHash } from './canonical.ts';
import { isLowerBetter } from './metric-names.ts';
import type { Distribution } from './distributions.ts';
import { makeSampler } from './samplers/make-sampler.ts';
import type { Sampler, SearchHistory } from './samplers/sampler.ts';
import { type Assignment, asDistribution, paramName, paramPath, setPath } from './space.ts';

/** How a sweep's configurations are chosen. */
export interface SearchPlan {
  sampler: Sampler;
  /** `grid`, `random`, `tpe`, or the name of the file's own sampler */
  method: string;
  /** the sampler's settings (seed included), as recorded with the sweep */
  settings: Readonly<Record<string, unknown>>;
  /** the most configurations asked: `search.trials`, or a grid's size */
  budget: number;
  /**
   * true when configurations are asked one by one as workers need work, up to `budget` (random, tpe, own
   * samplers: `Storage.askConfiguration`); false for a grid, whose every configuration the plan lists.
   */
  adaptive: boolean;
  /** whether the sampler learns from results (tpe, own samplers), so its metric must not be on the test split */
  learns: boolean;
  /** the space by short parameter name, every value a distribution */
  space: Readonly<Record<string, Distribution>>;
  /** the regularization kind of the base config */
  baseKind: unknown;
}
import { type PruneSettings, type RaceSettings, resolvePrune } from './stop-settings.ts';

/** A sweep expanded into the trials it consists of. */
export interface SweepPlan {
  name: string;
  file: string;
  metric: string;
  direction: 'maximize' | 'minimize';
  seeds: number[];
  /** one entry per configuration (before seeds) of a grid; empty for a search whose configurations are asked as it runs */
  assignments: Assignment[];
  /** configurations x seeds (empty for a search whose configurations are asked as it runs) */
  trials: PlannedTrial[];
  search: SearchPlan;
  /** the trials of one configuration, one per seed, in seed order */
  trialsOf(assignment: Assignment): PlannedTrial[];
  /** identifies this version of the sweep: changes when anything that affects its trials changes */
  contentHash: string;
  /** JSON description recorded with the sweep */
  spec: Record<string, unknown>;
  byo: boolean;
  /** the pruner, with its defaults (null: none); recorded in `spec.prune` */
  prune: PruneSettings | null;
  /** racing over seeds (null: none); recorded in `spec.race` */
  race: RaceSettings | null;
}

export interface PlannedTrial extends NewTrial {
  config: TrialConfig;
}

function defaultDirection(metric: string): 'maximize' | 'minimize' {
  return isLowerBetter(metric) ? 'minimize' : 'maximize';
}

function toParamValue(v: unknown): ParamValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return canonicalJson(v);
}

function resolveData(data: DataSpec | undefined, seed: number): DataSpec | null {
  if (!data) return null;
  return { ...data, seed: data.seed === undefined || data.seed === 'trial' ? seed : data.seed };
}

/**
 * Expand a loaded sweep into its trials: for a grid, every configuration of the search space (conditional
 * settings cut), once per seed; for random, tpe and own samplers, none (their configurations are asked as
 * workers need work, `askNextConfiguration`), but `trialsOf` makes a configuration's trials. A trial's key is
 * a hash of its resolved config, so the same trial always gets the same key.
 *
 * @example
 * const plan = planSweep(await loadSweep('experiments/l2-demo.ts'));
 * plan.trials.length // configurations x seeds
 */
export function planSweep(sweep: LoadedSweep): SweepPlan {
  const c = sweep.config;
  const metric = c.metric ?? 'validation_accuracy';
  const direction = c.direction ?? defaultDirection(metric);
  const seeds = typeof c.seeds === 'number' ? Array.from({ length: c.seeds }, (_, i) => i + 1) : (c.seeds ?? [1]);
  const base = resolveTrainConfig({ model: c.model, training: c.training, regularization: c.regularization });
  const search = planSearch(c.search, base.regularization.kind);

  const trialsOf = (assignment: Assignment): PlannedTrial[] => seeds.map((seed) => {
    const cfg: Record<string, unknown> = structuredClone({ model: base.model, training: base.training, regularization: base.regularization, extra: c.extra ?? {} });
    for (const [name, value] of Object.entries(assignment)) if (value !== null) setPath(cfg, paramPath(name), value);
    const config: TrialConfig = { ...(cfg as Omit<TrialConfig, 'data' | 'seed'>), data: resolveData(c.data, seed), seed };
    const params = Object.fromEntries(Object.entries(assignment).map(([k, v]) => [k, toParamValue(v)]));
    return { trialKey: stableHash(config), config, seed, params };
  });
  const assignments: Assignment[] = [];
  if (!search.adaptive) {
    const history: SearchHistory = { space: search.space, baseKind: search.baseKind, direction, configurations: [] };
    for (let n = 1; n <= search.budget; n++) assignments.push(search.sampler.ask(history, n)!);
  }
  const trials = assignments.flatMap(trialsOf);
  // A sampler object is recorded by its name, settings and the source of its ask (as an objective is by its
  // source): editing either records a new version.
  const recordedSearch = c.search && typeof c.search.method === 'object'
    ? { ...c.search, method: { sampler: search.method, settings: search.settings, ask: String(c.search.method.ask) } }
    : c.search ?? {};
  const prune = resolvePrune(c.prune, base.training.evalEvery);
  const race = c.race ? { minSeeds: c.race.minSeeds, alpha: c.race.alpha } : null;
  const spec = {
    data: c.data ?? null, model: c.model ?? {}, training: c.training ?? {}, regularization: c.regularization ?? {}, extra: c.extra ?? {},
    search: recordedSearch, seeds, metric, direction, objective: c.objective ? c.objective.toString() : null,
    // only when set, so that the hash of a sweep without them is what it was
    ...(prune ? { prune } : {}), ...(race ? { race } : {}),
  };
  return {
    name: sweep.name, file: sweep.file, metric, direction, seeds, assignments, trials, search, trialsOf,
    contentHash: stableHash(spec, 64), spec, byo: Boolean(c.objective), prune, race,
  };
}

/** The sampler of a sweep's `search`, its budget, and whether its configurations are asked as workers need work. */
function planSearch(search: LoadedSweep['config']['search'], baseKind: unknown): SearchPlan {
  const sampler = makeSampler(search);
  const space = Object.fromEntries(Object.entries(search?.space ?? {}).map(([k, v]) => [paramName(k), asDistribution(v)]));
  const method = search?.method ?? 'grid';
  const history: SearchHistory = { space, baseKind, direction: 'maximize', configurations: [] };
  const budget = method === 'grid' ? sampler.size?.(history) ?? 0 : search?.trials ?? 1;
  return { sampler, method: sampler.name, settings: sampler.settings, budget, adaptive: method !== 'grid', learns: method !== 'grid' && method !== 'random', space, baseKind };
}

/** The built-in trainer's config of a trial. */
export function trainConfigOf(config: TrialConfig): TrainConfig {
  return { model: config.model, training: config.training, regularization: config.regularization, seed: config.seed };
}
