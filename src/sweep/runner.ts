import os from 'node:os';
import { workerName } from '../store/local-workers.ts';
import type { Storage } from '../store/storage.ts';
import type { StoppedTrial, SweepRecord, TrialRecord, TrialResult } from '../store/types.ts';
import { runClaimLoop } from './claim-loop.ts';
import { asksUpFront, enqueueSweep } from './enqueue.ts';
import { AskingNextTrial } from './asking-next-trial.ts';
import type { NextTrial } from './next-trial.ts';
import type { SweepPlan } from './plan.ts';
import type { StopDecision } from './stop-decision.ts';
import { type PolicyStore, stopPolicyOf } from './stop-policy.ts';

/** What the runner tells its caller (the CLI's progress display) as it goes. */
export type RunEvent =
  | { type: 'sweep'; sweep: SweepRecord; created: boolean; previousVersion: number | null }
  | { type: 'start'; total: number; toRun: number; alreadyDone: number; requeued: number }
  | { type: 'trial'; trial: TrialRecord; result: TrialResult; objective: number | null; best: number | null }
  /** queued trials this run's race recorded `raced-out`: they end without running, so no `trial` event tells them */
  | { type: 'raced-out'; trials: StoppedTrial[] }
  | { type: 'warning'; message: string }
  | { type: 'stopping' };

export interface RunOptions {
  storage: Storage;
  /** worker threads, default one per core */
  concurrency?: number;
  /** extra attempts for a trial that fails (not for diverged ones), default 0 */
  retries?: number;
  /** a running trial whose heartbeat is older than this is stale and re-run, default 60 s */
  graceMs?: number;
  heartbeatMs?: number;
  /** abort to stop: no new trials start, running ones are marked interrupted */
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  /** identity recorded on claimed trials, default `host:pid` */
  worker?: string;
  /** cap on a worker thread's heap, so a runaway trial fails instead of taking the process down (default 2048) */
  maxWorkerHeapMb?: number;
  /** which trial to run next (default: the sweep's race order if it races, else the oldest queued one) */
  next?: NextTrial;
  /** whether a running trial goes on after each evaluation (default: the sweep's pruner and race, if any; else always) */
  stopDecision?: StopDecision;
  /** how often, at most, a running trial's curve points are written, default 1 s */
  curveWriteMs?: number;
}

export interface RunSummary {
  sweep: SweepRecord;
  total: number;
  ran: number;
  completed: number;
  failed: number;
  diverged: number;
  interrupted: number;
  /** trials stopped on a decision: pruned or raced out while running */
  stopped: number;
  /** queued trials this run's race recorded `raced-out`, which never ran */
  racedOutBeforeRun: number;
  best: number | null;
  durationMs: number;
}

/**
 * Run a sweep here: record it and its trials as queued (`enqueueSweep`: failed, interrupted and stale
 * trials are queued again), then claim and run its queued trials on a pool of worker threads until none is
 * left (`runClaimLoop`, restricted to this sweep). The same on SQLite and PostgreSQL, and safe to run
 * twice at once or next to `regsweep worker` processes on one database: each claim is atomic, and each
 * process runs only what it claimed.
 *
 * @example
 * const summary = await runSweep(planSweep(await loadSweep('experiments/l2-demo.ts')), { storage });
 */
export async function runSweep(plan: SweepPlan, options: RunOptions): Promise<RunSummary> {
  const started = performance.now();
  const { storage, onEvent } = options;
  const maximize = plan.direction === 'maximize';

  const queue = await enqueueSweep(plan, { storage, graceMs: options.graceMs });
  const { sweep } = queue;
  onEvent?.({ type: 'sweep', sweep, created: queue.created, previousVersion: queue.previousVersion });
  // A search asked lazily (random, tpe) records its configurations as it goes: the ones not asked yet are still
  // to run. A version recorded with its trials planned up front (more trials than its asked configurations
  // have) is never asked (`Storage.askConfiguration`).
  const asked = plan.search.adaptive ? (await storage.countConfigurations()).get(sweep.id) ?? 0 : 0;
  const lazy = plan.search.adaptive && !asksUpFront(plan);
  const plannedUpFront = queue.total > asked * plan.seeds.length;
  const notAsked = lazy && !plannedUpFront ? Math.max(0, plan.search.budget - asked) * plan.seeds.length : 0;
  const total = queue.total + notAsked;
  onEvent?.({ type: 'start', total, toRun: queue.queued + notAsked, alreadyDone: queue.alreadyDone, requeued: queue.requeued });

  // built from the recorded version, as every `regsweep worker` builds it
  let racedOutBeforeRun = 0;
  const policy = stopPolicyOf(tellingRaceOut(storage, (e) => {
    racedOutBeforeRun += e.trials.length;
    onEvent?.(e);
  }), sweep);
  let best: number | null = null;
  const loop = await runClaimLoop({
    storage,
    worker: options.worker ?? workerName(),
    sweepId: sweep.id,
    // The plan in hand is this sweep's definition, whatever path the recorded version names.
    target: async () => ({ file: plan.file, byo: plan.byo }),
    concurrency: options.concurrency ?? os.availableParallelism(),
    retries: options.retries,
    graceMs: options.graceMs,
    heartbeatMs: options.heartbeatMs,
    signal: options.signal,
    maxWorkerHeapMb: options.maxWorkerHeapMb,
    // A lazy search asks its sampler for a configuration when nothing is queued (it takes precedence over
    // a race's order: racing orders the trials already queued; a racing random search was asked whole when
    // enqueued, `asksUpFront`); the pruner and race come from the recorded version.
    next: options.next ?? (lazy ? new AskingNextTrial(storage, sweep.id, async () => [{ sweepId: sweep.id, plan }]) : policy.next),
    stopDecision: options.stopDecision ?? policy.stopDecision,
    curveWriteMs: options.curveWriteMs,
    onEvent: (e) => {
      if (e.type === 'stopping' || e.type === 'warning') onEvent?.(e);
      if (e.type !== 'trial') return;
      const objective = e.result.metrics[plan.metric] ?? null;
      if (objective !== null && (best === null || (maximize ? objective > best : objective < best))) best = objective;
      onEvent?.({ type: 'trial', trial: e.trial, result: e.result, objective, best });
    },
  });
  return {
    sweep, total, ran: loop.ran, completed: loop.completed, failed: loop.failed, diverged: loop.diverged,
    interrupted: loop.interrupted, stopped: loop.stopped, racedOutBeforeRun, best, durationMs: performance.now() - started,
  };
}

/**
 * The store as a sweep's race uses it, telling `onEvent` of the queued trials it records `raced-out` (they never
 * run, so the claim loop never reports them), read back with their planned epochs. Of trials raced out by this
 * and another process at the same instant (both calls name them; each counts what it changed), the first of
 * those now raced out are told, as many as this call changed.
 */
function tellingRaceOut(storage: Storage, onEvent: (e: Extract<RunEvent, { type: 'raced-out' }>) => void): PolicyStore {
  return {
    curveValuesAt: (sweepId, key, epoch) => storage.curveValuesAt(sweepId, key, epoch),
    getParams: (ids) => storage.getParams(ids),
    getMetrics: (ids) => storage.getMetrics(ids),
    trialOutcomes: (sweepId) => storage.trialOutcomes(sweepId),
    claimTrial: (id, worker) => storage.claimTrial(id, worker),
    claimNext: (worker, options) => storage.claimNext(worker, options),
    async raceOut(sweepId, trialIds) {
      const n = await storage.raceOut(sweepId, trialIds);
      if (n > 0) {
        const unrun = (await storage.stoppedTrials({ trialIds })).filter((t) => t.status === 'raced-out' && t.stoppedEpoch === null);
        onEvent({ type: 'raced-out', trials: unrun.slice(0, n) });
      }
      return n;
    },
  };
}
