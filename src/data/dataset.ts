import type { Samples } from '../nn/samples.ts';

/** A labelled data set: samples plus the names of its feature columns and classes. */
export interface Dataset extends Samples {
  readonly featureNames: readonly string[];
  readonly classNames: readonly string[];
}

/** The three held-apart parts of a data set. `validation` may have zero rows. */
export interface Splits {
  readonly train: Dataset;
  readonly validation: Dataset;
  readonly test: Dataset;
}
