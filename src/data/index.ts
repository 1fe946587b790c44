export type { Dataset, Splits } from './dataset.ts';
export { DataError } from './data-error.ts';
export type { DataErrorPosition } from './data-error.ts';
export { parseCsv, loadCsv } from './csv.ts';
export { fitNormalizer, applyNormalizer, normalizeSplits } from './normalize.ts';
export type { Normalizer, NormalizerKind } from './normalize.ts';
export { subset, stratifiedSplit, kFold } from './split.ts';
export {
  makeSynthetic,
  makeTeacher,
  teacherLabel,
  syntheticTeacher,
  syntheticDefaults,
  resolveSyntheticConfig,
} from './synthetic.ts';
export type { SyntheticConfig, SyntheticOptions, Teacher } from './synthetic.ts';
