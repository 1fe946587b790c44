import type { ParamValue, TrialStatus } from '../../store/types.ts';
import { canonicalJson } from '../canonical.ts';

/**
 * Which configurations a trial is compared with, by pruners and by racing: those of the same regularization
 * kind when the sweep varies it (the question a sweep answers is which kind wins, so each kind keeps its own
 * best configuration instead of a whole kind being stopped by another's), else all of them.
 *
 * @example comparisonGroup({ regularization: 'l2', lambda: 0.01 }) // '"l2"'
 */
export function comparisonGroup(params: Record<string, ParamValue>): string {
  return JSON.stringify(params.regularization ?? null);
}

/**
 * A configuration: a trial's swept params without its seed (the seed is not a param), as canonical JSON.
 *
 * @example configurationKey({ lambda: 0.01, regularization: 'l2' }) === configurationKey({ regularization: 'l2', lambda: 0.01 })
 */
export function configurationKey(params: Record<string, ParamValue>): string {
  return canonicalJson(params);
}

/** Whether `a` is worse than `b` for a metric in `direction`; NaN (a diverged run) is worse than any number. */
export function isWorse(a: number, b: number, direction: 'minimize' | 'maximize'): boolean {
  if (Number.isNaN(a)) return !Number.isNaN(b);
  if (Number.isNaN(b)) return false;
  return direction === 'maximize' ? a < b : a > b;
}

/**
 * Whether a trial that ended so cost its configuration a seed: pruned, diverged or raced out. Such a configuration
 * can no longer have all its seeds, so it is out of the race and of the verdict, and no other makes way for it.
 *
 * @example lostSeed('pruned') // true; lostSeed('running') // false
 */
export function lostSeed(status: TrialStatus): boolean {
  return status === 'pruned' || status === 'diverged' || status === 'raced-out';
}
