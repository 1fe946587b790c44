import type { ModelConfig, RegularizationConfig, TrainingConfig } from '../nn/config.ts';
import type { ChoiceDistribution, Distribution, FloatDistribution, IntDistribution } from './distributions.ts';
import type { Sampler } from './samplers/sampler.ts';

/** Synthetic data labelled by a random teacher network (the classic L2 demo's data). */
export interface SyntheticDataSpec {
  kind: 'synthetic';
  inputs?: number;
  hidden?: number;
  classes?: number;
  /** extra input columns of pure noise that the teacher ignores */
  irrelevant?: number;
  train?: number;
  validation?: number;
  test?: number;
  /** fraction of labels replaced by another class */
  noise?: number;
  teacherScale?: number;
  inputScale?: number;
  /** normalization fitted on the training split (default `none`) */
  normalize?: 'zscore' | 'minmax' | 'none';
  /** data seed; `'trial'` (default) draws a new data set per trial seed */
  seed?: number | 'trial';
}

/** A CSV file: header row, numeric features, one label column. */
export interface CsvDataSpec {
  kind: 'csv';
  /** path relative to the sweep file */
  path: string;
  label: string;
  /** fractions of each class held out (stratified) */
  split?: { validation?: number; test?: number };
  normalize?: 'zscore' | 'minmax' | 'none';
  /** split seed; `'trial'` (default) splits anew per trial seed */
  seed?: number | 'trial';
}

export type DataSpec = SyntheticDataSpec | CsvDataSpec;

/** A value or a search distribution over it. Plain arrays are a choice. */
export type SpaceValue = readonly unknown[] | ChoiceDistribution | FloatDistribution | IntDistribution;

/** Context given to a bring-your-own objective. */
export interface ObjectiveContext {
  /** the trial's seed */
  seed: number;
  /** the swept parameters of this trial */
  params: Record<string, unknown>;
  /**
   * Record a point of the learning curves. The points reach the store while the trial runs. If the runner
   * decided to stop this trial (pruning, racing), `report` throws: let it propagate (do not catch it), and
   * the trial is recorded as stopped with the values last reported as its metrics.
   */
  report(epoch: number, metrics: Record<string, number>): void;
}

/** Resolved config handed to a bring-your-own objective. */
export interface TrialConfig {
  data: DataSpec | null;
  model: ModelConfig;
  training: TrainingConfig;
  regularization: RegularizationConfig;
  seed: number;
  /** free-form settings of a bring-your-own objective (anything under `extra` can be swept) */
  extra: Record<string, unknown>;
}

export type ObjectiveFn = (config: TrialConfig, ctx: ObjectiveContext) => Promise<Record<string, number>> | Record<string, number>;

/** A sweep definition, as written in `experiments/*.ts`. */
export interface SweepConfig {
  /** defaults to the file name without extension */
  name?: string;
  description?: string;
  /** required unless `objective` is a function that makes its own data */
  data?: DataSpec;
  model?: Partial<ModelConfig>;
  training?: Partial<TrainingConfig>;
  regularization?: Partial<RegularizationConfig>;
  /** free-form settings for a bring-your-own objective */
  extra?: Record<string, unknown>;
  /** metric the sweep optimizes, `<split>_<name>`; default `validation_accuracy` */
  metric?: string;
  /** default: `minimize` for metrics whose name contains `loss`, else `maximize` */
  direction?: 'maximize' | 'minimize';
  /** bring your own model: called in a worker thread instead of the built-in MLP trainer */
  objective?: ObjectiveFn;
  search?: {
    /**
     * `grid`: the Cartesian product of the space (default); `random`: `trials` independent draws; `tpe`:
     * `trials` configurations proposed one by one from the results so far (tree-structured Parzen
     * estimator); or your own {@link Sampler} object.
     */
    method?: 'grid' | 'random' | 'tpe' | Sampler;
    /** random, tpe and own samplers: the budget of configurations (each runs once per seed) */
    trials?: number;
    /** seed of the random and tpe samplers (default 0): the same seed draws the same configurations */
    seed?: number;
    /** tpe: configurations drawn at random before the estimator takes over (default 10, at most `trials`) */
    startupTrials?: number;
    /** tpe: candidates drawn per configuration, the best by l(x)/g(x) proposed (default 24) */
    candidates?: number;
    /**
     * Parameters to sweep, by short name (`regularization`, `lambda`, `lambda2`, `l1Method`, `learningRate`,
     * `epochs`, `batchSize`, `momentum`, `hidden`, `activation`) or dotted path (`training.evalEvery`, `extra.width`).
     */
    space?: Record<string, SpaceValue>;
  };
  /** `10` means seeds 1..10; or an explicit list. Every configuration runs once per seed. */
  seeds?: number | number[];
  /**
   * Stop configurations whose learning curve (of `metric`, on validation) is poor, compared with the other
   * configurations of their kind on the seeds both reached the epoch on (means over the shared seeds):
   * `median` (below the median at an epoch, after `warmupEpochs`, once `startupTrials` are compared) or `asha`
   * (rungs at `minEpochs * reductionFactor^k`; only the top 1/reductionFactor^(k+1) of the configurations go on
   * past the k-th). To pick among close settings, a late rung: `{ method: 'asha', minEpochs: epochs / 2, reductionFactor: 4 }`.
   */
  prune?:
    | { method: 'none' }
    | { method: 'median'; warmupEpochs?: number; startupTrials?: number }
    | { method: 'asha'; minEpochs?: number; reductionFactor?: number; startupTrials?: number };
  /**
   * Race configurations over seeds: every configuration runs on `minSeeds` seeds first; one that a paired
   * test on shared seeds finds worse than the best of its kind at `alpha` (Bonferroni over the looks) is
   * dropped, its remaining trials recorded `raced-out`.
   */
  race?: { minSeeds: number; alpha: number };
}

/**
 * Declare a sweep. Returns its argument: it exists for types and editor completion, like Vite's `defineConfig`.
 *
 * @example
 * // experiments/my-sweep.ts
 * import { defineSweep, logGrid } from 'regsweep';
 * export default defineSweep({
 *   data: { kind: 'synthetic', irrelevant: 5 },
 *   search: { space: { regularization: ['none', 'l1', 'l2'], lambda: logGrid(1e-4, 1e-1, 4) } },
 *   seeds: 10,
 * });
 */
export function defineSweep<const S extends SweepConfig>(config: S & Exact<S>): S {
  return config;
}

// Rejects unknown top-level keys in object literals passed to defineSweep (deeper keys are checked at load time).
type Exact<S> = { [K in keyof S]: K extends keyof SweepConfig ? unknown : never };

export type { Distribution };
