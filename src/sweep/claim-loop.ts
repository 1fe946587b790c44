import pLimit from 'p-limit';
import type { Storage } from '../store/storage.ts';
import type { TrialRecord, TrialResult } from '../store/types.ts';
import type { TrialTask } from './execute-trial.ts';
import { WorkerPool } from './pool.ts';

/** What a worker thread needs to run the trials of one sweep: the file it loads, and whether the sweep brings its own objective. */
export interface SweepTarget {
  /** absolute path of the sweep file; worker threads load it themselves (functions do not cross threads) */
  file: string;
  byo: boolean;
}

/** What the claim loop tells its caller as it goes. */
export type ClaimLoopEvent =
  /** a trial ran and its result was recorded */
  | { type: 'trial'; trial: TrialRecord; result: TrialResult }
  /** a trial ran but was no longer ours to record: its heartbeat went stale and it was re-queued (and maybe re-run) meanwhile */
  | { type: 'lost'; trial: TrialRecord; result: TrialResult }
  /** stale running trials (a dead or hung worker's) were put back to `queued` */
  | { type: 'requeued'; count: number }
  | { type: 'stopping' };

export interface ClaimLoopOptions {
  storage: Storage;
  /** the `host:pid` name trials are claimed, heartbeated and recorded under */
  worker: string;
  /** claim only this sweep version's trials (default: any sweep's) */
  sweepId?: number;
  /** how to run a sweep's trials; asked once per sweep id met, may throw (the loop then stops and rethrows) */
  target: (sweepId: number) => Promise<SweepTarget>;
  /** worker threads, i.e. trials run at once */
  concurrency: number;
  /** extra attempts for a trial that fails (not for diverged ones), default 0 */
  retries?: number;
  /** a running trial whose heartbeat is older than this is stale and re-queued, default 60 s */
  graceMs?: number;
  /** how often running trials' heartbeats are refreshed, default min(5 s, grace / 4) */
  heartbeatMs?: number;
  /** how often an idle loop looks for new or re-queued trials, default min(1 s, heartbeat) */
  pollMs?: number;
  /** keep waiting for new trials when none is left, until `signal` aborts */
  follow?: boolean;
  /** abort to stop: no new trials are claimed, running ones are marked interrupted */
  signal?: AbortSignal;
  /** cap on a worker thread's heap, so a runaway trial fails instead of taking the process down (default 2048) */
  maxWorkerHeapMb?: number;
  onEvent?: (event: ClaimLoopEvent) => void;
}

export interface ClaimLoopSummary {
  /** trials run and recorded by this loop */
  ran: number;
  completed: number;
  failed: number;
  diverged: number;
  /** trials this loop was running when it stopped, marked interrupted */
  interrupted: number;
  /** trials run whose result was refused because another worker had taken them over */
  lost: number;
  /** stale trials this loop put back to queued */
  requeued: number;
  durationMs: number;
}

const workerEntry = new URL('./worker-entry.mjs', import.meta.url);

/**
 * Claim queued trials one at a time (`claimNext`, one atomic statement), run each on a pool of worker
 * threads, and record its result, until nothing is left to run (or, with `follow`, until `signal` aborts).
 * Used by `regsweep run` (one sweep) and `regsweep worker` (one sweep or all), on any number of processes
 * and hosts at once.
 *
 * - While its trials run, their heartbeats are refreshed; every `grace / 2` (and whenever it is idle) the
 *   loop re-queues running trials whose heartbeat is older than `grace`: a dead worker's trials go back
 *   to the queue and someone runs them.
 * - "Nothing left" means no queued trial and no running one in scope, whoever runs it: a loop waits for
 *   other workers' trials, because a dead worker's come back to the queue once they are stale.
 * - A result is recorded only if the trial is still running under this worker's name (`finishTrial`), so
 *   a trial taken over after a stale heartbeat is never recorded twice.
 * - On abort, or if `target` or the store throws, no new trial is claimed, worker threads are stopped and
 *   this loop's running trials are marked interrupted; the error is then rethrown.
 *
 * @example
 * const summary = await runClaimLoop({
 *   storage, worker: workerName(), sweepId: sweep.id, concurrency: 2,
 *   target: async () => ({ file: plan.file, byo: plan.byo }),
 * });
 */
export async function runClaimLoop(options: ClaimLoopOptions): Promise<ClaimLoopSummary> {
  const started = performance.now();
  const { storage, worker, sweepId, onEvent } = options;
  const concurrency = Math.max(1, options.concurrency);
  const retries = options.retries ?? 0;
  const graceMs = options.graceMs ?? 60_000;
  const heartbeatMs = options.heartbeatMs ?? Math.min(5_000, graceMs / 4);
  const pollMs = options.pollMs ?? Math.min(1_000, heartbeatMs);
  const requeueEveryMs = graceMs / 2;

  const summary: ClaimLoopSummary = { ran: 0, completed: 0, failed: 0, diverged: 0, interrupted: 0, lost: 0, requeued: 0, durationMs: 0 };
  const pool = new WorkerPool(workerEntry, { maxOldGenerationSizeMb: options.maxWorkerHeapMb ?? 2048 });
  // The pool starts a thread for every task it is given: p-limit keeps at most `concurrency` in flight
  // (retries included), whatever the claim loop does.
  const limit = pLimit(concurrency);
  const targets = new Map<number, Promise<SweepTarget>>();
  /** trials claimed by this loop and not yet recorded, by id */
  const running = new Map<number, TrialRecord>();
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  let failure: unknown;

  // The loop sleeps between polls; a trial finishing (a free slot) or a stop wakes it early, or makes its
  // next sleep return at once if it came while the loop was busy elsewhere.
  let notified = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    notified = true;
    wake?.();
  };
  const sleep = (ms: number) => new Promise<void>((resolve) => {
    const done = () => { clearTimeout(timer); wake = undefined; notified = false; resolve(); };
    const timer = setTimeout(done, notified ? 0 : ms);
    wake = done;
  });
  const halt = () => {
    if (stopping) return;
    stopping = true;
    void pool.close();
    notify();
  };
  const stop = () => {
    if (stopping) return;
    onEvent?.({ type: 'stopping' });
    halt();
  };
  const fail = (err: unknown) => {
    failure ??= err;
    halt();
  };

  const heartbeat = setInterval(() => {
    if (running.size > 0) storage.heartbeat([...running.keys()], worker).catch(() => {});
  }, heartbeatMs);
  heartbeat.unref();
  if (options.signal?.aborted) stop();
  options.signal?.addEventListener('abort', stop, { once: true });

  const targetOf = (id: number): Promise<SweepTarget> => {
    let t = targets.get(id);
    if (!t) {
      t = options.target(id);
      targets.set(id, t);
    }
    return t;
  };

  /** Run one claimed trial and record it. Leaves the trial in `running` (to be marked interrupted) if stopped. */
  const runOne = async (trial: TrialRecord): Promise<void> => {
    const target = await targetOf(trial.sweepId);
    // Only an objective of the sweep's own sees its params; the built-in trainer reads the config alone.
    const params = target.byo ? ((await storage.getParams([trial.id])).get(trial.id) ?? {}) : {};
    const task: TrialTask & { byo: boolean } = {
      sweepFile: target.file, trialId: trial.id, config: trial.config as TrialTask['config'], seed: trial.seed, params, byo: target.byo,
    };
    let result: TrialResult;
    for (let attempt = 0; ; attempt++) {
      if (stopping) return; // a closed pool would start a fresh thread
      const t0 = performance.now();
      try {
        const reply = await limit(() => pool.run(task));
        result = reply.ok ? reply.result : { status: 'failed', error: reply.error, metrics: {}, curve: [], durationMs: performance.now() - t0 };
      } catch (err) {
        if (stopping) return; // the pool was closed under it
        result = { status: 'failed', error: err instanceof Error ? err.message : String(err), metrics: {}, curve: [], durationMs: performance.now() - t0 };
      }
      if (result.status !== 'failed' || attempt >= retries || stopping) break;
    }
    const recorded = await storage.finishTrial(trial.id, worker, result);
    running.delete(trial.id);
    if (!recorded) {
      summary.lost++;
      onEvent?.({ type: 'lost', trial, result });
      return;
    }
    summary.ran++;
    if (result.status === 'completed') summary.completed++;
    else if (result.status === 'diverged') summary.diverged++;
    else summary.failed++;
    onEvent?.({ type: 'trial', trial: { ...trial, status: result.status }, result });
  };

  /**
   * Running trials in scope, by anyone: while there are some, one may yet come back to the queue. For one
   * sweep an indexed lookup, asked at every poll; for all, `listSweeps` (aggregates), at most every heartbeat.
   */
  let lastAsked = -Infinity;
  let othersWere = false;
  const othersRunning = async (): Promise<boolean> => {
    if (sweepId === undefined && performance.now() - lastAsked < heartbeatMs) return othersWere;
    othersWere = sweepId !== undefined
      ? (await storage.listTrials(sweepId, { status: ['running'] })).length > 0
      : (await storage.listSweeps()).some((s) => s.counts.running > 0);
    lastAsked = performance.now();
    return othersWere;
  };

  try {
    let lastRequeue = performance.now();
    while (!stopping) {
      if (running.size < concurrency) {
        const trial = await storage.claimNext(worker, { sweepId });
        if (trial) {
          // Our own trial, re-queued as stale (a very late heartbeat) and claimed again: the run under way records it.
          if (running.has(trial.id)) continue;
          running.set(trial.id, trial);
          if (stopping) break; // stopped while claiming: marked interrupted below
          const p: Promise<void> = runOne(trial).catch(fail).finally(() => {
            inFlight.delete(p);
            notify();
          });
          inFlight.add(p);
          continue;
        }
      }
      // Every thread busy, or nothing to claim just now.
      const idle = running.size === 0;
      if (idle || performance.now() - lastRequeue >= requeueEveryMs) {
        lastRequeue = performance.now();
        const n = await storage.requeueStale({ staleBefore: new Date(Date.now() - graceMs), sweepId });
        if (n > 0) {
          summary.requeued += n;
          onEvent?.({ type: 'requeued', count: n });
          continue;
        }
      }
      if (idle && !options.follow && !(await othersRunning())) break;
      if (!stopping) await sleep(pollMs);
    }
  } catch (err) {
    fail(err);
  }
  await Promise.all(inFlight);
  clearInterval(heartbeat);
  options.signal?.removeEventListener('abort', stop);
  if (running.size > 0) {
    summary.interrupted = running.size;
    try {
      await storage.interruptTrials([...running.keys()], worker);
    } catch (err) {
      failure ??= err;
    }
  }
  await pool.close();
  summary.durationMs = performance.now() - started;
  if (failure !== undefined) throw failure;
  return summary;
}
