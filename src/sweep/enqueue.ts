import os from 'node:os';
import type { Storage } from '../store/storage.ts';
import type { SweepRecord } from '../store/types.ts';
import { gitCommit, packageVersion } from './code-version.ts';
import { askNextConfiguration } from './ask-configuration.ts';
import type { SweepPlan } from './plan.ts';

export interface EnqueueResult {
  sweep: SweepRecord;
  /** true if this call recorded a new sweep version */
  created: boolean;
  /** the version a changed sweep file superseded, else null */
  previousVersion: number | null;
  /** trials of the version in all */
  total: number;
  /** trials recorded by this call */
  added: number;
  /** failed, interrupted and stale running trials put back to queued by this call */
  requeued: number;
  /** trials now waiting for a worker (new, re-queued, or queued before) */
  queued: number;
  /** completed, diverged, pruned or raced out: never run again */
  alreadyDone: number;
  /** running under a worker whose heartbeat is fresh */
  running: number;
}

/**
 * Whether a search asked lazily has its whole budget asked when it is enqueued: a racing search whose sampler
 * does not learn from results (random).
 */
export function asksUpFront(plan: SweepPlan): boolean {
  return plan.search.adaptive && !plan.search.learns && plan.race !== null;
}

/**
 * Record a sweep version and all its trials (a grid's; none for a search asked lazily, except a racing random
 * search's whole budget, `asksUpFront`), and put back to `queued` the ones that failed, were
 * interrupted, or whose worker stopped heartbeating `graceMs` ago (or, on this host, died). Runs nothing:
 * workers (`runClaimLoop`) claim the queued trials, here or on other machines.
 *
 * @example
 * const { sweep, queued } = await enqueueSweep(planSweep(await loadSweep('experiments/l2-demo.ts')), { storage });
 */
export async function enqueueSweep(plan: SweepPlan, options: { storage: Storage; graceMs?: number }): Promise<EnqueueResult> {
  const { storage } = options;
  const { sweep, created, previousVersion } = await storage.upsertSweep({
    name: plan.name, filePath: plan.file, contentHash: plan.contentHash, spec: plan.spec,
    objectiveMetric: plan.metric, objectiveDirection: plan.direction,
    packageVersion: packageVersion(), gitCommit: gitCommit(), host: os.hostname(),
  });
  let added = await storage.addTrials(sweep.id, plan.trials);
  // A race orders the trials queued: it needs every configuration queued to run their first seeds before the
  // rest. A sampler that does not learn (random) proposes the same configurations whenever asked, so a racing
  // random search asks its whole budget now (each configuration atomically, as a worker would).
  if (asksUpFront(plan)) {
    for (let asked; (asked = await askNextConfiguration(storage, sweep.id, plan));) added += asked.trialIds.length;
  }
  const requeued = await storage.requeue(sweep.id, { staleBefore: new Date(Date.now() - (options.graceMs ?? 60_000)) });
  const all = await storage.listTrials(sweep.id);
  const count = (...statuses: string[]) => all.filter((t) => statuses.includes(t.status)).length;
  return {
    sweep, created, previousVersion, total: all.length, added, requeued,
    queued: count('queued'), alreadyDone: count('completed', 'diverged', 'pruned', 'raced-out'), running: count('running'),
  };
}
