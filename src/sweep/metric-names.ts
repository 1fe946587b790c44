/**
 * What a metric's name says: which split it was measured on (`validation_accuracy` is accuracy on the
 * validation split) and whether lower is better. The one place these rules are written; the planner
 * (an objective's default direction), `compare` and the report all ask here.
 */

/** The data splits a built-in metric name can start with. */
export const SPLITS = ['train', 'validation', 'test'] as const;
export type Split = (typeof SPLITS)[number];

/** A metric name taken apart: `validation_accuracy` is `{ split: 'validation', base: 'accuracy' }`. */
export interface MetricName {
  /** the split prefix, or null for a metric of no split (`zero_fraction`, an own objective's `score`) */
  split: Split | null;
  /** the name without its split prefix (the whole name when there is none) */
  base: string;
}

const SPLIT_PREFIX = /^(train|validation|test)_(.+)$/;

/**
 * Take a metric name apart at its split prefix.
 *
 * @example
 * parseMetricName('validation_accuracy'); // { split: 'validation', base: 'accuracy' }
 * parseMetricName('zero_fraction');       // { split: null, base: 'zero_fraction' }
 */
export function parseMetricName(metric: string): MetricName {
  const m = SPLIT_PREFIX.exec(metric);
  return m ? { split: m[1] as Split, base: m[2] } : { split: null, base: metric };
}

/**
 * The same metric on another split (`test_loss` on validation is `validation_loss`); null for a metric
 * of no split, which has no counterpart.
 *
 * @example
 * metricOnSplit('test_loss', 'validation'); // 'validation_loss'
 * metricOnSplit('zero_fraction', 'train');  // null
 */
export function metricOnSplit(metric: string, split: Split): string | null {
  const { split: own, base } = parseMetricName(metric);
  return own === null ? null : `${split}_${base}`;
}

/**
 * Whether lower is better, by name: losses, errors and penalties are; everything else (accuracies,
 * fractions, an own objective's score) is higher-is-better. A sweep's `direction` or compare's
 * `higherIsBetter` overrides this default.
 *
 * @example
 * isLowerBetter('test_loss');      // true
 * isLowerBetter('test_accuracy');  // false
 */
export function isLowerBetter(metric: string): boolean {
  return /loss|error|penalty/.test(metric);
}
