import os from 'node:os';
import pLimit from 'p-limit';
import type { Storage } from '../store/storage.ts';
import type { SweepRecord, TrialRecord, TrialResult } from '../store/types.ts';
import type { TrialTask } from './execute-trial.ts';
import { gitCommit, packageVersion } from './code-version.ts';
import type { SweepPlan } from './plan.ts';
import { WorkerPool } from './pool.ts';

/** What the runner tells its caller (the CLI's progress display) as it goes. */
export type RunEvent =
  | { type: 'sweep'; sweep: SweepRecord; created: boolean; previousVersion: number | null }
  | { type: 'start'; total: number; toRun: number; alreadyDone: number; requeued: number }
  | { type: 'trial'; trial: TrialRecord; result: TrialResult; objective: number | null; best: number | null }
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
}

export interface RunSummary {
  sweep: SweepRecord;
  total: number;
  ran: number;
  completed: number;
  failed: number;
  diverged: number;
  interrupted: number;
  best: number | null;
  durationMs: number;
}

const workerEntry = new URL('./worker-entry.mjs', import.meta.url);

/**
 * Record a sweep and its trials, then run every trial that is queued, failed, interrupted or stale on a
 * pool of worker threads. The calling thread is the only database writer; each result is written with
 * its curve in one transaction. Safe to run twice at once on one database: trials are claimed atomically.
 *
 * @example
 * const summary = await runSweep(planSweep(await loadSweep('experiments/l2-demo.ts')), { storage });
 */
export async function runSweep(plan: SweepPlan, options: RunOptions): Promise<RunSummary> {
  const started = performance.now();
  const { storage, onEvent } = options;
  const concurrency = Math.max(1, options.concurrency ?? os.availableParallelism());
  const retries = options.retries ?? 0;
  const worker = options.worker ?? `${os.hostname()}:${process.pid}`;
  const maximize = plan.direction === 'maximize';

  const { sweep, created, previousVersion } = await storage.upsertSweep({
    name: plan.name, filePath: plan.file, contentHash: plan.contentHash, spec: plan.spec,
    objectiveMetric: plan.metric, objectiveDirection: plan.direction,
    packageVersion: packageVersion(), gitCommit: gitCommit(), host: os.hostname(),
  });
  onEvent?.({ type: 'sweep', sweep, created, previousVersion });
  await storage.addTrials(sweep.id, plan.trials);
  const requeued = await storage.requeue(sweep.id, { staleBefore: new Date(Date.now() - (options.graceMs ?? 60_000)) });
  const all = await storage.listTrials(sweep.id);
  const queued = all.filter((t) => t.status === 'queued');
  const alreadyDone = all.filter((t) => t.status === 'completed' || t.status === 'diverged').length;
  onEvent?.({ type: 'start', total: all.length, toRun: queued.length, alreadyDone, requeued });

  const summary: RunSummary = { sweep, total: all.length, ran: 0, completed: 0, failed: 0, diverged: 0, interrupted: 0, best: null, durationMs: 0 };
  const pool = new WorkerPool(workerEntry, { maxOldGenerationSizeMb: options.maxWorkerHeapMb ?? 2048 });
  const limit = pLimit(concurrency);
  const running = new Set<number>();
  let stopping = false;
  const heartbeat = setInterval(() => {
    if (running.size > 0) storage.heartbeat([...running], worker).catch(() => {});
  }, options.heartbeatMs ?? 5_000);
  heartbeat.unref();
  const stop = () => {
    if (stopping) return;
    stopping = true;
    onEvent?.({ type: 'stopping' });
    void pool.close();
  };
  if (options.signal?.aborted) stop();
  options.signal?.addEventListener('abort', stop, { once: true });

  const paramsByKey = new Map(plan.trials.map((p) => [p.trialKey, p.params]));
  const runOne = async (t: TrialRecord): Promise<void> => {
    if (stopping) return;
    const claimed = await storage.claimTrial(t.id, worker);
    if (!claimed) return; // another process got it
    running.add(t.id);
    const task: TrialTask & { byo: boolean } = {
      sweepFile: plan.file, trialId: t.id, config: t.config as TrialTask['config'], seed: t.seed,
      params: paramsByKey.get(t.trialKey) ?? {}, byo: plan.byo,
    };
    let result: TrialResult;
    for (let attempt = 0; ; attempt++) {
      const t0 = performance.now();
      try {
        const reply = await pool.run(task);
        result = reply.ok ? reply.result : { status: 'failed', error: reply.error, metrics: {}, curve: [], durationMs: performance.now() - t0 };
      } catch (err) {
        if (stopping) return; // the pool was closed under it: marked interrupted below
        result = { status: 'failed', error: err instanceof Error ? err.message : String(err), metrics: {}, curve: [], durationMs: performance.now() - t0 };
      }
      if (result.status !== 'failed' || attempt >= retries || stopping) break;
    }
    await storage.finishTrial(t.id, worker, result);
    running.delete(t.id);
    summary.ran++;
    if (result.status === 'completed') summary.completed++;
    else if (result.status === 'diverged') summary.diverged++;
    else summary.failed++;
    const objective = result.metrics[plan.metric] ?? null;
    if (objective !== null && (summary.best === null || (maximize ? objective > summary.best : objective < summary.best))) summary.best = objective;
    onEvent?.({ type: 'trial', trial: { ...claimed, status: result.status }, result, objective, best: summary.best });
  };

  try {
    await Promise.all(queued.map((t) => limit(() => runOne(t))));
  } finally {
    clearInterval(heartbeat);
    options.signal?.removeEventListener('abort', stop);
    if (running.size > 0) {
      summary.interrupted = running.size;
      await storage.interruptTrials([...running], worker);
    }
    await pool.close();
  }
  summary.durationMs = performance.now() - started;
  return summary;
}
