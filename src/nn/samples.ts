/**
 * The data the trainer sees: a dense feature matrix and integer class labels.
 * `src/data` builds these (with names attached); the trainer only needs this shape.
 */
export interface Samples {
  /** (n, nFeatures), row-major */
  readonly x: Float64Array;
  /** (n), class index in [0, nClasses) */
  readonly y: Int32Array;
  readonly n: number;
  readonly nFeatures: number;
  readonly nClasses: number;
}
