import type { ValidSweep } from './schema.ts';

/** A sweep's pruner, resolved with its defaults, as recorded in the sweep's spec (`spec.prune`). */
export type PruneSettings =
  | { method: 'median'; warmupEpochs: number; startupTrials: number }
  | { method: 'asha'; minEpochs: number; reductionFactor: number; startupTrials: number };

/** A sweep's racing over seeds, as recorded in the sweep's spec (`spec.race`). */
export interface RaceSettings {
  minSeeds: number;
  alpha: number;
}

/** Defaults: Optuna's median pruner (5 startup trials, no warm-up) and ASHA's η = 3. */
export const PRUNE_DEFAULTS = { warmupEpochs: 0, medianStartupTrials: 5, reductionFactor: 3 } as const;

/**
 * The pruner with its defaults filled in, or null for none. ASHA's first rung defaults to the first evaluation
 * (`evalEvery`), and a rung cuts once `startupTrials` values (default η) are recorded there.
 *
 * @example resolvePrune({ method: 'asha' }, 10) // { method: 'asha', minEpochs: 10, reductionFactor: 3, startupTrials: 3 }
 */
export function resolvePrune(prune: ValidSweep['prune'], evalEvery: number): PruneSettings | null {
  if (!prune || prune.method === 'none') return null;
  if (prune.method === 'median') {
    return { method: 'median', warmupEpochs: prune.warmupEpochs ?? PRUNE_DEFAULTS.warmupEpochs, startupTrials: prune.startupTrials ?? PRUNE_DEFAULTS.medianStartupTrials };
  }
  const reductionFactor = prune.reductionFactor ?? PRUNE_DEFAULTS.reductionFactor;
  return { method: 'asha', minEpochs: prune.minEpochs ?? evalEvery, reductionFactor, startupTrials: prune.startupTrials ?? reductionFactor };
}

/**
 * What the schema cannot see alone: settings against the sweep's epochs and seeds. One line per problem,
 * naming the field.
 */
export function checkStopSettings(config: ValidSweep, epochs: number, seeds: number): string[] {
  const problems: string[] = [];
  const { prune, race } = config;
  if (prune?.method === 'asha' && prune.minEpochs !== undefined && prune.minEpochs >= epochs) {
    problems.push(`prune.minEpochs: must be below training.epochs (${epochs})`);
  }
  if (prune?.method === 'median' && prune.warmupEpochs !== undefined && prune.warmupEpochs >= epochs) {
    problems.push(`prune.warmupEpochs: must be below training.epochs (${epochs})`);
  }
  if (race && seeds < 3) {
    problems.push(`race: racing needs at least 3 seeds (the sweep has ${seeds})`);
  } else if (race && race.minSeeds > seeds) {
    problems.push(`race.minSeeds: must not exceed the number of seeds (${seeds})`);
  }
  return problems;
}
