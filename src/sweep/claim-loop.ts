import pLimit, { type LimitFunction } from 'p-limit';
import type { Storage } from '../store/storage.ts';
import type { LearningCurvePoint, TrialRecord, TrialResult } from '../store/types.ts';
import { CurveBuffer } from './curve-buffer.ts';
import type { TrialTask } from './execute-trial.ts';
import { failedResult, resultOf } from './failed-result.ts';
import { Heartbeat } from './heartbeat.ts';
import { type NextTrial, OldestQueued } from './next-trial.ts';
import { StopCell, WorkerPool } from './pool.ts';
import { type StopDecision, neverStop } from './stop-decision.ts';
import { Waker } from './waker.ts';

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
  /** something went wrong that the loop survives (a heartbeat or curve write that failed and will be retried) */
  | { type: 'warning'; message: string }
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
  /** which trial to run next (default: the oldest queued one in scope, `OldestQueued`) */
  next?: NextTrial;
  /** whether a running trial goes on after each evaluation (default: always, `neverStop`) */
  stopDecision?: StopDecision;
  /** how often, at most, a running trial's curve points are written, default 1 s */
  curveWriteMs?: number;
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
  /** trials stopped on a decision (`pruned`, `raced-out`) */
  stopped: number;
  /** trials run whose result was refused because another worker had taken them over */
  lost: number;
  /** stale trials this loop put back to queued */
  requeued: number;
  durationMs: number;
}

const workerEntry = new URL('./worker-entry.mjs', import.meta.url);

/** Without a stop decision, worker threads post curve points at most this often (with one, every evaluation). */
const POST_EVERY_MS = 200;

/**
 * Claim queued trials one at a time, run each on a pool of worker threads, and record its result, until
 * nothing is left to run (or, with `follow`, until `signal` aborts). Used by `regsweep run` (one sweep) and
 * `regsweep worker` (one sweep or all), on any number of processes and hosts at once.
 *
 * - Which trial runs next is `next`'s to say (by default the oldest queued one, `claimNext`: one atomic
 *   statement); whether a running trial goes on after each evaluation is `stopDecision`'s. A trial told to
 *   stop ends at its next evaluation and is recorded in the status the decision gave, its curve kept.
 * - A running trial's curve points reach the store while it runs, at most once a second (`CurveBuffer`);
 *   the rest go with its result. While its trials run, their heartbeats are refreshed (`Heartbeat`); every
 *   `grace / 2` (and whenever it is idle) the loop re-queues running trials whose heartbeat is older than
 *   `grace`: a dead worker's trials go back to the queue and someone runs them.
 * - "Nothing left" means no queued trial and no running one in scope, whoever runs it: a loop waits for
 *   other workers' trials, because a dead worker's come back to the queue once they are stale.
 * - A result is recorded only if the trial is still running under this worker's name (`finishTrial`), so a
 *   trial taken over after a stale heartbeat is never recorded twice.
 * - On abort, or if `target` or the store throws, no new trial is claimed, worker threads are stopped and
 *   this loop's running trials are marked interrupted; the error is then rethrown.
 *
 * @example
 * const summary = await runClaimLoop({
 *   storage, worker: workerName(), sweepId: sweep.id, concurrency: 2,
 *   target: async () => ({ file: plan.file, byo: plan.byo }),
 * });
 */
export function runClaimLoop(options: ClaimLoopOptions): Promise<ClaimLoopSummary> {
  return new ClaimLoop(options).run();
}

/** A trial this loop claimed and has not recorded yet. */
interface Running {
  trial: TrialRecord;
  curve: CurveBuffer;
  stop: StopCell;
  /** the points of its latest evaluation */
  latest: LearningCurvePoint[];
  /** a decision about it is being asked; `askAgain`: an evaluation came meanwhile */
  deciding: boolean;
  askAgain: boolean;
}

class ClaimLoop {
  private readonly started = performance.now();
  private readonly storage: Storage;
  private readonly worker: string;
  private readonly concurrency: number;
  private readonly graceMs: number;
  private readonly heartbeatMs: number;
  private readonly pollMs: number;
  private readonly next: NextTrial;
  private readonly decision: StopDecision;
  private readonly summary: ClaimLoopSummary = {
    ran: 0, completed: 0, failed: 0, diverged: 0, stopped: 0, interrupted: 0, lost: 0, requeued: 0, durationMs: 0,
  };
  private readonly pool: WorkerPool;
  /** The pool starts a thread for every task it is given: at most `concurrency` in flight, retries included. */
  private readonly limit: LimitFunction;
  private readonly heartbeat: Heartbeat;
  private readonly waker = new Waker();
  private readonly targets = new Map<number, Promise<SweepTarget>>();
  private readonly running = new Map<number, Running>();
  private readonly inFlight = new Set<Promise<void>>();
  /** Trials whose run ended (on a now free thread) and whose result the loop records next. */
  private readonly finished: { run: Running; result: TrialResult }[] = [];
  /** Threads given a trial and not yet free again. */
  private busy = 0;
  private stopping = false;
  private failure: unknown;
  private lastRequeue = performance.now();
  private othersAsked = -Infinity;
  private othersWere = false;

  constructor(private readonly options: ClaimLoopOptions) {
    this.storage = options.storage;
    this.worker = options.worker;
    this.concurrency = Math.max(1, options.concurrency);
    this.graceMs = options.graceMs ?? 60_000;
    this.heartbeatMs = options.heartbeatMs ?? Math.min(5_000, this.graceMs / 4);
    this.pollMs = options.pollMs ?? Math.min(1_000, this.heartbeatMs);
    this.next = options.next ?? new OldestQueued(this.storage, options.sweepId);
    this.decision = options.stopDecision ?? neverStop;
    this.pool = new WorkerPool(workerEntry, { maxOldGenerationSizeMb: options.maxWorkerHeapMb ?? 2048 });
    this.limit = pLimit(this.concurrency);
    this.heartbeat = new Heartbeat(this.storage, this.worker, this.heartbeatMs, () => [...this.running.keys()],
      (error) => this.warn(`heartbeat failed (retried at the next beat): ${messageOf(error)}`));
  }

  async run(): Promise<ClaimLoopSummary> {
    const { signal } = this.options;
    const onAbort = () => this.stop();
    if (signal?.aborted) this.stop();
    signal?.addEventListener('abort', onAbort, { once: true });
    this.heartbeat.start();
    try {
      await this.warmUp();
      // The policy: fill free threads with the next trial, then record the results that came in (so a
      // thread runs its next trial while the last one is written); when there is nothing to claim, put stale
      // trials back; end when nothing is queued or running anywhere in scope (unless following); else wait
      // for a thread to finish.
      while (!this.stopping) {
        if (this.busy < this.concurrency && (await this.claimAndStart())) continue;
        if (await this.recordFinished()) continue;
        if (await this.requeueStaleIfDue()) continue;
        if (this.running.size === 0 && !this.options.follow && !(await this.othersRunning())) break;
        if (!this.stopping) await this.waker.sleep(this.pollMs);
      }
    } catch (error) {
      this.fail(error);
    }
    await Promise.all(this.inFlight);
    try {
      await this.recordFinished(); // results that came in while stopping are kept
    } catch (error) {
      this.failure ??= error;
    }
    this.heartbeat.stop();
    signal?.removeEventListener('abort', onAbort);
    await this.interruptRunning();
    await this.pool.close();
    this.summary.durationMs = performance.now() - this.started;
    if (this.failure !== undefined) throw this.failure;
    return this.summary;
  }

  /**
   * With one sweep in scope, start worker threads and load its file before claiming anything: a claimed trial
   * then starts at once, instead of being held (running, under this worker's name) while its thread starts.
   * As many threads as there are queued trials, up to `concurrency`, and at least one (a lazily asked search
   * has none queued); any others start when a trial first needs them.
   */
  private async warmUp(): Promise<void> {
    const { sweepId } = this.options;
    if (sweepId === undefined || this.stopping) return;
    const target = await this.targetOf(sweepId);
    const { queued } = await this.storage.countByStatus(sweepId);
    await this.pool.warm(Math.max(1, Math.min(this.concurrency, queued)), target.byo ? target.file : undefined);
  }

  /** Claim the next trial and start it; false when there is none to claim just now. */
  private async claimAndStart(): Promise<boolean> {
    const trial = await this.next.claim(this.worker);
    if (!trial) return false;
    // Our own trial, re-queued as stale (a very late heartbeat) and claimed again: the run under way records it.
    if (this.running.has(trial.id)) return true;
    const curve = new CurveBuffer(this.storage, trial.id, this.worker,
      (error) => this.warn(`trial ${trial.id}: curve points not written yet (kept for the next write): ${messageOf(error)}`),
      this.options.curveWriteMs);
    this.running.set(trial.id, { trial, curve, stop: new StopCell(), latest: [], deciding: false, askAgain: false });
    if (this.stopping) return true; // stopped while claiming: marked interrupted at the end
    this.busy++;
    const p: Promise<void> = this.runToFinish(trial.id).catch((error) => this.fail(error)).finally(() => {
      this.busy--;
      this.inFlight.delete(p);
      this.waker.wake();
    });
    this.inFlight.add(p);
    return true;
  }

  /**
   * Run one claimed trial (with retries) and hand its result to the loop to record. Leaves it running (to be
   * marked interrupted) if stopped.
   */
  private async runToFinish(id: number): Promise<void> {
    const run = this.running.get(id)!;
    const result = await this.runWithRetries(run);
    if (result !== undefined) this.finished.push({ run, result });
  }

  /** Record the results that came in, oldest first; false when there were none. */
  private async recordFinished(): Promise<boolean> {
    if (this.finished.length === 0) return false;
    while (this.finished.length > 0) {
      const { run, result } = this.finished.shift()!;
      const id = run.trial.id;
      // the buffer's points, then those the worker thread had not posted yet
      const recorded = await this.storage.finishTrial(id, this.worker, { ...result, curve: [...(await run.curve.rest()), ...result.curve] });
      this.running.delete(id);
      if (!recorded) {
        this.summary.lost++;
        this.options.onEvent?.({ type: 'lost', trial: run.trial, result });
        continue;
      }
      this.count(result);
      this.options.onEvent?.({ type: 'trial', trial: { ...run.trial, status: result.status }, result });
    }
    return true;
  }

  /** The trial's result, run again on failure up to `retries` times; undefined if the loop stopped meanwhile. */
  private async runWithRetries(run: Running): Promise<TrialResult | undefined> {
    const task = await this.taskOf(run.trial);
    for (let attempt = 0; ; attempt++) {
      if (this.stopping) return undefined; // a closed pool would start a fresh thread
      if (attempt > 0) {
        run.curve.startOver();
        run.stop.startOver();
      }
      const t0 = performance.now();
      let result: TrialResult;
      try {
        const postEveryMs = this.decision === neverStop ? POST_EVERY_MS : 0;
        const waitAt = (await this.decision.waitsAt?.(run.trial)) ?? [];
        const reply = await this.limit(() => this.pool.run({ task, stop: run.stop.shared, postEveryMs, waitAt }, (points) => this.progress(run, points)));
        result = resultOf(reply, t0);
      } catch (error) {
        if (this.stopping) return undefined; // the pool was closed under it
        result = failedResult(error, t0);
      }
      if (result.status !== 'failed' || attempt >= (this.options.retries ?? 0) || this.stopping) return result;
    }
  }

  /** Curve points of a running trial: buffer them, and ask whether it goes on. */
  private progress(run: Running, points: LearningCurvePoint[]): void {
    run.curve.add(points);
    if (this.decision === neverStop || run.stop.requested) return;
    run.latest = points;
    if (run.deciding) {
      run.askAgain = true;
      return;
    }
    run.deciding = true;
    void this.decide(run).finally(() => { run.deciding = false; });
  }

  /** Ask the decision about the trial's latest evaluation, and again while new ones came meanwhile. */
  private async decide(run: Running): Promise<void> {
    let epoch = 0;
    try {
      for (;;) {
        run.askAgain = false;
        const points = run.latest;
        epoch = Math.max(epoch, ...points.map((p) => p.epoch));
        if (this.decision.readsStore) await run.curve.flush();
        const status = await this.decision.decide(run.trial, points);
        if (status) {
          run.stop.request(status);
          return;
        }
        run.stop.decided(epoch); // a trial waiting at a rung goes on
        if (!run.askAgain) return;
      }
    } catch (error) {
      run.stop.decided(epoch);
      this.warn(`trial ${run.trial.id}: could not decide whether it goes on (it does): ${messageOf(error)}`);
    }
  }

  private async taskOf(trial: TrialRecord): Promise<TrialTask & { byo: boolean }> {
    const target = await this.targetOf(trial.sweepId);
    // Only an objective of the sweep's own sees its params; the built-in trainer reads the config alone.
    const params = target.byo ? ((await this.storage.getParams([trial.id])).get(trial.id) ?? {}) : {};
    return { sweepFile: target.file, trialId: trial.id, config: trial.config as TrialTask['config'], seed: trial.seed, params, byo: target.byo };
  }

  private targetOf(sweepId: number): Promise<SweepTarget> {
    let t = this.targets.get(sweepId);
    if (!t) {
      t = this.options.target(sweepId);
      this.targets.set(sweepId, t);
    }
    return t;
  }

  /** Every `grace / 2`, and whenever idle, put stale running trials (of dead or hung workers) back in the queue. */
  private async requeueStaleIfDue(): Promise<boolean> {
    if (this.running.size > 0 && performance.now() - this.lastRequeue < this.graceMs / 2) return false;
    this.lastRequeue = performance.now();
    const n = await this.storage.requeueStale({ staleBefore: new Date(Date.now() - this.graceMs), sweepId: this.options.sweepId });
    if (n === 0) return false;
    this.summary.requeued += n;
    this.options.onEvent?.({ type: 'requeued', count: n });
    return true;
  }

  /**
   * Running trials in scope, by anyone: while there are some, one may yet come back to the queue. One
   * indexed count, asked at every poll for one sweep and at most every heartbeat for all.
   */
  private async othersRunning(): Promise<boolean> {
    const { sweepId } = this.options;
    if (sweepId === undefined && performance.now() - this.othersAsked < this.heartbeatMs) return this.othersWere;
    this.othersWere = (await this.storage.countRunning(sweepId)) > 0;
    this.othersAsked = performance.now();
    return this.othersWere;
  }

  private async interruptRunning(): Promise<void> {
    if (this.running.size === 0) return;
    this.summary.interrupted = this.running.size;
    try {
      // interrupted trials keep the curve points they reported
      await Promise.all([...this.running.values()].map((run) => run.curve.flush()));
      await this.storage.interruptTrials([...this.running.keys()], this.worker);
    } catch (error) {
      this.failure ??= error;
    }
  }

  private count(result: TrialResult): void {
    this.summary.ran++;
    if (result.status === 'completed') this.summary.completed++;
    else if (result.status === 'diverged') this.summary.diverged++;
    else if (result.status === 'failed') this.summary.failed++;
    else this.summary.stopped++;
  }

  private warn(message: string): void {
    this.options.onEvent?.({ type: 'warning', message });
  }

  /** Stop on request: no new trials, running ones interrupted. */
  private stop(): void {
    if (this.stopping) return;
    this.options.onEvent?.({ type: 'stopping' });
    this.halt();
  }

  private fail(error: unknown): void {
    this.failure ??= error;
    this.halt();
  }

  private halt(): void {
    if (this.stopping) return;
    this.stopping = true;
    void this.pool.close();
    this.waker.wake();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
