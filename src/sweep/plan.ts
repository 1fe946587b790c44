import { type TrainConfig, resolveTrainConfig } from '../nn/config.ts';
import type { NewTrial, ParamValue } from '../store/types.ts';
import type { DataSpec, TrialConfig } from './define-sweep.ts';
import type { LoadedSweep } from './load-sweep.ts';
import { canonicalJson, stableHash } from './canonical.ts';
import { isLowerBetter } from './metric-names.ts';
import { type Assignment, expandGrid, paramPath, sampleRandom, setPath } from './space.ts';

/** A sweep expanded into the trials it consists of. */
export interface SweepPlan {
  name: string;
  file: string;
  metric: string;
  direction: 'maximize' | 'minimize';
  seeds: number[];
  /** one entry per configuration (before seeds) */
  assignments: Assignment[];
  /** configurations x seeds */
  trials: PlannedTrial[];
  /** identifies this version of the sweep: changes when anything that affects its trials changes */
  contentHash: string;
  /** JSON description recorded with the sweep */
  spec: Record<string, unknown>;
  byo: boolean;
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
 * Expand a loaded sweep into its trials: every configuration of the search space (conditional settings
 * cut), once per seed. A trial's key is a hash of its resolved config, so the same trial always gets
 * the same key.
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
  const space = c.search?.space ?? {};
  const method = c.search?.method ?? 'grid';
  const assignments = method === 'grid'
    ? expandGrid(space, base.regularization.kind)
    : sampleRandom(space, c.search?.trials ?? 1, c.search?.seed ?? 0, base.regularization.kind);

  const trials: PlannedTrial[] = [];
  for (const assignment of assignments) {
    for (const seed of seeds) {
      const cfg: Record<string, unknown> = structuredClone({ model: base.model, training: base.training, regularization: base.regularization, extra: c.extra ?? {} });
      for (const [name, value] of Object.entries(assignment)) if (value !== null) setPath(cfg, paramPath(name), value);
      const config: TrialConfig = { ...(cfg as Omit<TrialConfig, 'data' | 'seed'>), data: resolveData(c.data, seed), seed };
      const params = Object.fromEntries(Object.entries(assignment).map(([k, v]) => [k, toParamValue(v)]));
      trials.push({ trialKey: stableHash(config), config, seed, params });
    }
  }
  const spec = {
    data: c.data ?? null, model: c.model ?? {}, training: c.training ?? {}, regularization: c.regularization ?? {}, extra: c.extra ?? {},
    search: c.search ?? {}, seeds, metric, direction, objective: c.objective ? c.objective.toString() : null,
  };
  return {
    name: sweep.name, file: sweep.file, metric, direction, seeds, assignments, trials,
    contentHash: stableHash(spec, 64), spec, byo: Boolean(c.objective),
  };
}

/** The built-in trainer's config of a trial. */
export function trainConfigOf(config: TrialConfig): TrainConfig {
  return { model: config.model, training: config.training, regularization: config.regularization, seed: config.seed };
}
