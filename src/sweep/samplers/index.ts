export type { Sampler, SearchHistory, ConfigurationRecord, ConfigurationState } from './sampler.ts';
export { GridSampler } from './grid-sampler.ts';
export { RandomSampler, type RandomSamplerOptions } from './random-sampler.ts';
export { TpeSampler, type TpeSamplerOptions, goodCount, splitGoodBad } from './tpe-sampler.ts';
export { ParzenEstimator, type Dimension, type ParzenSettings } from './parzen-estimator.ts';
export { EncodedSpace } from './encoded-space.ts';
export { makeSampler } from './make-sampler.ts';
