import { existsSync } from 'node:fs';
import os from 'node:os';
import type { SweepRecord } from '../store/types.ts';
import type { SweepTarget } from './claim-loop.ts';
import { loadSweep } from './load-sweep.ts';
import { type SweepPlan, planSweep } from './plan.ts';
import { SweepConfigError } from './sweep-error.ts';

/**
 * The sweep file a recorded sweep version was enqueued from, checked on this machine: it must exist at
 * the recorded path (every worker loads it from there) and still define that version (its content hash),
 * so that no trial runs against an edited objective or data. The message says what to do when not.
 *
 * @example
 * const target = await loadRecordedSweep((await store.getSweep('l2-demo'))!); // { file, byo }
 */
export async function loadRecordedSweep(sweep: SweepRecord): Promise<SweepTarget> {
  const plan = await loadRecordedPlan(sweep);
  return { file: sweep.filePath, byo: plan.byo };
}

/**
 * The plan of a recorded sweep version from its file, checked as `loadRecordedSweep` does: what a worker
 * needs to ask the sweep's sampler for configurations.
 *
 * @example const plan = await loadRecordedPlan(sweep); plan.search.sampler.name // 'tpe'
 */
export async function loadRecordedPlan(sweep: SweepRecord): Promise<SweepPlan> {
  const where = `sweep ${sweep.name} version ${sweep.version}`;
  if (!existsSync(sweep.filePath)) {
    throw new SweepConfigError(sweep.filePath, [
      `not found on ${os.hostname()}. ${where} was enqueued from this path, and every worker loads the sweep file ` +
        'from there: put the project at the same path on this machine (a checkout, a copy or a symlink), ' +
        'or enqueue the sweep from a path that exists on every machine.',
    ]);
  }
  const plan = planSweep(await loadSweep(sweep.filePath));
  if (plan.contentHash !== sweep.contentHash) {
    throw new SweepConfigError(sweep.filePath, [
      `changed since ${where} was enqueued (its definition no longer matches the recorded one), so its trials ` +
        'cannot be run from it on this machine: restore the file as it was enqueued (the same commit everywhere), ' +
        'or enqueue it again to record the change as a new version.',
    ]);
  }
  return plan;
}
