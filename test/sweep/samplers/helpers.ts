import type { Distribution } from '../../../src/sweep/distributions.ts';
import type { ConfigurationRecord, Sampler, SearchHistory } from '../../../src/sweep/samplers/sampler.ts';
import type { Assignment } from '../../../src/sweep/space.ts';

/**
 * Drive a sampler as a sweep with concurrency 1 does: ask configuration n, record its objective (one seed),
 * ask n + 1 (the base regularization kind is `baseKind`, l2 unless given, so a lambda applies). `f` returns the objective, or null for a diverged configuration.
 */
export function drive(
  sampler: Sampler, space: Record<string, Distribution>, f: (a: Assignment) => number | null,
  budget: number, direction: 'minimize' | 'maximize' = 'minimize', baseKind: unknown = 'l2',
): { asked: Assignment[]; values: (number | null)[] } {
  const configurations: ConfigurationRecord[] = [];
  const asked: Assignment[] = [], values: (number | null)[] = [];
  for (let n = 1; n <= budget; n++) {
    const history: SearchHistory = { space, baseKind, direction, configurations };
    const a = sampler.ask(history, n);
    if (!a) break;
    const v = f(a);
    asked.push(a);
    values.push(v);
    configurations.push(v === null
      ? { number: n, params: a, state: 'diverged', values: [], objective: null }
      : { number: n, params: a, state: 'completed', values: [{ seed: 1, value: v }], objective: v });
  }
  return { asked, values };
}
