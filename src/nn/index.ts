export * from './config.ts';
export { Mlp } from './mlp.ts';
export { Rng } from './prng.ts';
export { type Penalty, penaltyOf, penaltyValue, addPenaltyGradient, sgdStep } from './regularization.ts';
export { type SplitMetrics, type WeightMetrics, evaluate, weightMetrics } from './metrics.ts';
export { type TrainData, type EpochReport, type TrainResult, type SplitName, train } from './train.ts';
export type { Samples } from './samples.ts';
