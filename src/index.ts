/**
 * regsweep: run, record and compare hyperparameter sweeps of neural-network training.
 *
 * @example
 * // experiments/my-sweep.ts
 * import { defineSweep, logGrid } from 'regsweep';
 * export default defineSweep({
 *   data: { kind: 'synthetic' },
 *   search: { space: { regularization: ['none', 'l2'], lambda: logGrid(1e-4, 1e-1, 4) } },
 *   seeds: 10,
 * });
 */
export { defineSweep } from './sweep/define-sweep.ts';
export type {
  SweepConfig, DataSpec, SyntheticDataSpec, CsvDataSpec, ObjectiveFn, ObjectiveContext, TrialConfig, SpaceValue,
} from './sweep/define-sweep.ts';
export { choice, uniform, logUniform, int, logGrid } from './sweep/distributions.ts';
export { loadSweep } from './sweep/load-sweep.ts';
export { GridSampler, RandomSampler, TpeSampler, type Sampler, type SearchHistory, type ConfigurationRecord, type ConfigurationState } from './sweep/samplers/index.ts';
export { planSweep } from './sweep/plan.ts';
export { runSweep, type RunOptions, type RunSummary, type RunEvent } from './sweep/runner.ts';

// The trainer, usable on its own: no CLI, no database.
export {
  train, resolveTrainConfig, Mlp, Rng, evaluate, weightMetrics,
  type TrainConfig, type TrainConfigInput, type TrainResult, type TrainData, type EpochReport, type SplitMetrics, type WeightMetrics,
  type ModelConfig, type TrainingConfig, type RegularizationConfig, type Samples,
} from './nn/index.ts';
export {
  makeSynthetic, loadCsv, parseCsv, stratifiedSplit, kFold, normalizeSplits, fitNormalizer, applyNormalizer, DataError,
  type Dataset, type Splits,
} from './data/index.ts';

// Comparisons without a database: rows of trials in, the comparison (verdict, tables' numbers) out.
export {
  compareTrials, CompareError, selectionMetricFor, isHigherBetter,
  type TrialRow, type CompareOptions, type CompareErrorCode,
} from './report/compare.ts';
export type { Comparison, GroupSummary, PairComparison, SeedResult, SettingChoice } from './report/comparison.ts';
export { type Selection } from './report/select-settings.ts';
export { renderCompareTables, type RenderOptions } from './report/compare-table.ts';
export { renderCompareMarkdown } from './report/compare-markdown.ts';
export { isLowerBetter, parseMetricName, metricOnSplit, type MetricName, type Split } from './sweep/metric-names.ts';
