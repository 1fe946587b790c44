import { Worker } from 'node:worker_threads';
import type { TrialResult } from '../store/types.ts';

/** A worker's answer to one task. */
export type WorkerReply = { ok: true; result: TrialResult } | { ok: false; error: string };

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
 * const reply = await pool.run(task);
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

  /** Run one task on an idle worker (or a new one). Rejects with WorkerCrashError if the worker dies. */
  run(task: unknown): Promise<WorkerReply> {
    const w = this.idle.pop() ?? this.spawn();
    return new Promise<WorkerReply>((resolve, reject) => {
      const cleanup = () => {
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
      };
      const onMessage = (reply: WorkerReply) => {
        cleanup();
        this.idle.push(w);
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
      w.postMessage(task);
    });
  }

  /** Stop every worker, busy or idle. Tasks in flight reject. */
  async close(): Promise<void> {
    await Promise.all([...this.all].map((w) => w.terminate()));
    this.all.clear();
    this.idle.length = 0;
  }
}
