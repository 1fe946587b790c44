import { Worker } from 'node:worker_threads';
import type { LearningCurvePoint, StoppedStatus, TrialResult } from '../store/types.ts';
import type { TrialTask } from './execute-trial.ts';

/** A worker's answer to one task. */
export type WorkerReply = { ok: true; result: TrialResult } | { ok: false; error: string };

/** What a worker thread posts: curve points while a task runs, then its answer; `ready` once a warm-up is done. */
export type WorkerMessage = { type: 'progress'; points: LearningCurvePoint[] } | ({ type: 'done' } & WorkerReply) | { type: 'ready' };

/** What the pool posts to a worker thread: a task to run, or a warm-up (load the sweep file, answer `ready`). */
export type PoolMessage = PoolTask | { warm: true; sweepFile?: string };

/** What the pool posts to a worker thread: the trial, and the shared cell a request to stop is written into. */
export interface PoolTask {
  task: TrialTask & { byo: boolean };
  /** two Int32s over a SharedArrayBuffer: a stop code and the last epoch decided about (see `StopCell`) */
  stop: Int32Array;
  /**
   * How often, at most, the worker thread posts curve points: 0 posts every evaluation (a stop decision
   * wants each); more batches them (posting a message per evaluation of a fast trial costs more than its
   * bookkeeping). Points not yet posted come with the result.
   */
  postEveryMs: number;
  /** epochs at which the trial waits for the decision about it before going on (`StopDecision.waitsAt`) */
  waitAt: readonly number[];
}

/** The statuses a stop request can carry, by the code written into a task's stop cell (0: go on). */
export const STOP_CODES: readonly (StoppedStatus | undefined)[] = [undefined, 'pruned', 'raced-out'];

/**
 * A request to stop one running task, shared with its worker thread: the trial runs synchronously there, so
 * it reads this cell at each evaluation instead of waiting for a message. Slot 0 holds the stop code (0: go
 * on, else an index into `STOP_CODES`), slot 1 the latest epoch a decision was made about, which a trial
 * waiting at a rung (`PoolTask.waitAt`) sleeps on.
 *
 * @example
 * const cell = new StopCell();
 * const reply = pool.run({ task, stop: cell.shared, postEveryMs: 0, waitAt: [] }, onProgress);
 * cell.request('pruned'); // the trial stops at its next evaluation and answers with status 'pruned'
 */
export class StopCell {
  readonly shared = new Int32Array(new SharedArrayBuffer(8));

  request(status: StoppedStatus): void {
    Atomics.store(this.shared, 0, STOP_CODES.indexOf(status));
    Atomics.notify(this.shared, 1); // a trial waiting for a decision wakes to it
  }

  get requested(): StoppedStatus | undefined {
    return STOP_CODES[Atomics.load(this.shared, 0)];
  }

  /** The decision about the trial's evaluation at `epoch` (and those before) is made: a trial waiting there goes on. */
  decided(epoch: number): void {
    if (epoch <= Atomics.load(this.shared, 1)) return;
    Atomics.store(this.shared, 1, epoch);
    Atomics.notify(this.shared, 1);
  }

  /** A new attempt of the trial: its epochs start over. */
  startOver(): void {
    Atomics.store(this.shared, 1, 0);
  }
}

/**
 * In a worker thread: sleep until the decision about the evaluation at `epoch` is made or a stop is requested,
 * at most `timeoutMs` (a decision that never comes must not hang the trial).
 */
export function waitForDecision(stop: Int32Array, epoch: number, timeoutMs = 60_000): void {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const decidedUpTo = Atomics.load(stop, 1);
    if (Atomics.load(stop, 0) !== 0 || decidedUpTo >= epoch) return;
    const left = deadline - performance.now();
    if (left <= 0) return;
    Atomics.wait(stop, 1, decidedUpTo, Math.min(left, 1_000));
  }
}

/** The worker running a task died (uncaught error, process.exit, out of memory). */
export class WorkerCrashError extends Error {
  override name = 'WorkerCrashError';
}

/**
 * A small pool of worker threads, each running one task at a time. A worker that dies fails the task it
 * was running and is replaced by a fresh one on the next task. Callers bound what is in flight (p-limit).
 *
 * @example
 * const pool = new WorkerPool(new URL('./worker-entry.mjs', import.meta.url));
 * const reply = await pool.run({ task, stop: new StopCell().shared, postEveryMs: 0, waitAt: [] }, (points) => buffer.add(points));
 * await pool.close();
 */
export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();

  constructor(private readonly entry: URL, private readonly options: { maxOldGenerationSizeMb?: number } = {}) {}

  private spawn(): Worker {
    const w = new Worker(this.entry, {
      resourceLimits: this.options.maxOldGenerationSizeMb ? { maxOldGenerationSizeMb: this.options.maxOldGenerationSizeMb } : undefined,
    });
    this.all.add(w);
    w.on('error', () => {}); // reported through the task's own listeners
    w.on('exit', () => this.discard(w));
    return w;
  }

  private discard(w: Worker): void {
    this.all.delete(w);
    const i = this.idle.indexOf(w);
    if (i >= 0) this.idle.splice(i, 1);
  }

  /**
   * Start threads until there are `count`, and wait until each has loaded its code and, given `sweepFile`,
   * the sweep's own objective, so a trial claimed next starts at once instead of after the thread's start-up
   * (about 0.1 s, and the TypeScript loader and sweep file another 0.5 s or more). A sweep file that fails to
   * load is not an error here: its trials fail with that error when they run.
   */
  async warm(count: number, sweepFile?: string): Promise<void> {
    const fresh: Worker[] = [];
    while (this.all.size < count) fresh.push(this.spawn());
    await Promise.all(fresh.map((w) => new Promise<void>((resolve) => {
      const onMessage = (message: WorkerMessage) => {
        if (message.type !== 'ready') return;
        done();
        this.idle.push(w);
      };
      const done = () => {
        w.off('message', onMessage);
        w.off('exit', done);
        resolve();
      };
      w.on('message', onMessage);
      w.on('exit', done); // died while starting: discarded, and the next task starts a fresh one
      w.postMessage({ warm: true, sweepFile } satisfies PoolMessage);
    })));
  }

  /**
   * Run one task on an idle worker (or a new one); `onProgress` gets its curve points as they come.
   * Rejects with WorkerCrashError if the worker dies.
   */
  run(task: PoolTask, onProgress?: (points: LearningCurvePoint[]) => void): Promise<WorkerReply> {
    const w = this.idle.pop() ?? this.spawn();
    return new Promise<WorkerReply>((resolve, reject) => {
      const cleanup = () => {
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
      };
      const onMessage = (message: WorkerMessage) => {
        if (message.type === 'progress') {
          onProgress?.(message.points);
          return;
        }
        if (message.type !== 'done') return;
        cleanup();
        this.idle.push(w);
        const { type: _, ...reply } = message;
        resolve(reply);
      };
      const onError = (err: Error) => {
        cleanup();
        this.discard(w);
        void w.terminate();
        reject(new WorkerCrashError(`worker crashed: ${err.message}`, { cause: err }));
      };
      const onExit = (code: number) => {
        cleanup();
        this.discard(w);
        reject(new WorkerCrashError(`worker exited with code ${code}`));
      };
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
      w.postMessage(task satisfies PoolMessage);
    });
  }

  /** Stop every worker, busy or idle. Tasks in flight reject. */
  async close(): Promise<void> {
    await Promise.all([...this.all].map((w) => w.terminate()));
    this.all.clear();
    this.idle.length = 0;
  }
}
