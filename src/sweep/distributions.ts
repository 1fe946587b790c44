/** A finite list of values to try. A plain array in a search space means the same. */
export interface ChoiceDistribution<T = unknown> {
  readonly type: 'choice';
  readonly values: readonly T[];
}
/** A float in [low, high], drawn uniformly, or uniformly in log space when `log`. */
export interface FloatDistribution {
  readonly type: 'float';
  readonly low: number;
  readonly high: number;
  readonly log: boolean;
}
/** An integer in [low, high] (both included), in steps of `step`. */
export interface IntDistribution {
  readonly type: 'int';
  readonly low: number;
  readonly high: number;
  readonly step: number;
}
export type Distribution = ChoiceDistribution | FloatDistribution | IntDistribution;

/**
 * One of the given values.
 * @example space: { activation: choice(['tanh', 'relu']) }
 */
export function choice<const T>(values: readonly T[]): ChoiceDistribution<T> {
  return { type: 'choice', values };
}
/**
 * A float drawn uniformly in [low, high] (random search only).
 * @example space: { momentum: uniform(0, 0.9) }
 */
export function uniform(low: number, high: number): FloatDistribution {
  return { type: 'float', low, high, log: false };
}
/**
 * A float drawn uniformly in log space in [low, high] (random search only); low > 0.
 * @example space: { lambda: logUniform(1e-5, 1e-1) }
 */
export function logUniform(low: number, high: number): FloatDistribution {
  return { type: 'float', low, high, log: true };
}
/**
 * An integer in [low, high], both included; a grid search takes every step.
 * @example space: { hidden: int(4, 32, 4) }
 */
export function int(low: number, high: number, step = 1): IntDistribution {
  return { type: 'int', low, high, step };
}
/**
 * `count` values spaced evenly in log space from low to high, both included: a grid of lambdas.
 * Values are rounded to 6 significant digits so they print and filter cleanly.
 * @example logGrid(1e-5, 1e-1, 5) // [1e-5, 1e-4, 1e-3, 1e-2, 1e-1]
 */
export function logGrid(low: number, high: number, count: number): number[] {
  if (count === 1) return [low];
  const a = Math.log10(low), b = Math.log10(high);
  return Array.from({ length: count }, (_, i) => Number((10 ** (a + ((b - a) * i) / (count - 1))).toPrecision(6)));
}
