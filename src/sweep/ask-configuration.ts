import type { Storage } from '../store/storage.ts';
import type { AskedConfiguration, RecordedConfiguration } from '../store/configurations.ts';
import { stableHash } from './canonical.ts';
import type { PlannedTrial, SweepPlan } from './plan.ts';
import type { ConfigurationRecord, ConfigurationState, SearchHistory } from './samplers/sampler.ts';
import { type Assignment, applyConditions } from './space.ts';

/**
 * Where a recorded configuration stands, from its trials: `diverged` or `failed` as soon as one seed did (any
 * other end that is not `completed`, such as a pruned trial, counts as `failed`: bad, not missing);
 * `completed` when every seed completed with the objective metric; else `running` (seeds queued, running
 * or interrupted: the sampler sees it as bad until all are in).
 */
export function configurationState(trials: RecordedConfiguration['trials']): ConfigurationState {
  if (trials.some((t) => t.status === 'diverged')) return 'diverged';
  if (trials.some((t) => t.status === 'completed' && (t.objective === null || !Number.isFinite(t.objective)))) return 'failed';
  if (trials.some((t) => !['completed', 'queued', 'running', 'interrupted'].includes(t.status))) return 'failed';
  return trials.every((t) => t.status === 'completed') ? 'completed' : 'running';
}

/**
 * The history a sampler sees: every recorded configuration with its state and, when completed, its objective
 * = the mean of the objective metric (validation, as the sweep names it) over its seeds.
 */
export function searchHistory(plan: SweepPlan, recorded: readonly RecordedConfiguration[]): SearchHistory {
  const configurations: ConfigurationRecord[] = recorded.map((c) => {
    const state = configurationState(c.trials);
    const values = c.trials.filter((t) => t.status === 'completed' && t.objective !== null).map((t) => ({ seed: t.seed, value: t.objective! }));
    const objective = state === 'completed' ? values.reduce((s, v) => s + v.value, 0) / values.length : null;
    return { number: c.number, params: c.params, state, values, objective };
  });
  return { space: plan.search.space, baseKind: plan.search.baseKind, direction: plan.direction, configurations };
}

/**
 * The trials (one per seed) of configuration `n` of a sweep asked lazily, as they are recorded: conditional
 * settings that do not apply nulled, and each trial's key salted with `n`, so a sampler that proposes a
 * configuration twice gets it run twice rather than stalling.
 *
 * @example configurationTrials(plan, { regularization: 'l2', lambda: 0.01 }, 3).map((t) => t.seed) // plan.seeds
 */
export function configurationTrials(plan: SweepPlan, assignment: Assignment, n: number): PlannedTrial[] {
  return plan.trialsOf(applyConditions(assignment, plan.search.baseKind)).map((t) => ({ ...t, trialKey: stableHash({ trial: t.trialKey, configuration: n }) }));
}

/**
 * Ask the sweep's sampler for its next configuration and record it with its trials (`configurationTrials`),
 * atomically (`Storage.askConfiguration`): null once the budget is asked or the sampler has nothing more.
 *
 * @example
 * const asked = await askNextConfiguration(storage, sweep.id, plan); // { number: 11, trialIds: [...] }
 */
export async function askNextConfiguration(storage: Storage, sweepId: number, plan: SweepPlan): Promise<AskedConfiguration | null> {
  return storage.askConfiguration(sweepId, {
    budget: plan.search.budget,
    propose: (recorded, n) => {
      const assignment = plan.search.sampler.ask(searchHistory(plan, recorded), n);
      return assignment ? configurationTrials(plan, assignment, n) : null;
    },
  });
}
