import { parentPort } from 'node:worker_threads';
import type { LearningCurvePoint, StoppedStatus } from '../store/types.ts';
import type { ObjectiveFn } from './define-sweep.ts';
import { type TrialChannel, runBuiltinTrial, runObjectiveTrial } from './execute-trial.ts';
import { loadSweep } from './load-sweep.ts';
import { type PoolMessage, type WorkerMessage, STOP_CODES, waitForDecision } from './pool.ts';

// A worker thread: receives plain tasks, loads the sweep file itself when the sweep brings its own objective
// (functions do not cross threads), sends curve points as they come, and answers with a TrialResult or an
// error. A trial runs synchronously, so a request to stop cannot arrive as a message: the main thread writes
// it into the task's shared `stop` cell, which the trial reads at each evaluation.

const objectives = new Map<string, Promise<ObjectiveFn | undefined>>();

let registered = import.meta.url.endsWith('.ts'); // running the sources: worker-entry.mjs registered tsx

/**
 * Import a sweep file with tsx registered for the whole thread (not `tsImport`'s separate copy of every module):
 * its `import ... from 'regsweep'` reaches the library this thread has loaded already (the build, through
 * package.json's "exports"), so a thread loads the library once, and a sweep file costs about its own size.
 */
async function importShared(href: string): Promise<unknown> {
  if (!registered) {
    const { register } = await import('tsx/esm/api');
    register();
    registered = true;
  }
  return import(href);
}

function objectiveOf(file: string): Promise<ObjectiveFn | undefined> {
  let p = objectives.get(file);
  if (!p) {
    p = loadSweep(file, process.cwd(), { importModule: importShared }).then((s) => s.config.objective);
    objectives.set(file, p);
  }
  return p;
}

/**
 * Points go to the main thread at most every `postEveryMs` (and, for an objective that awaits, also when that
 * much time passed since without a report); those not yet posted at the end come back with the result.
 */
function channelOf(stop: Int32Array, postEveryMs: number, waitAt: readonly number[]): TrialChannel & { close(): void } {
  let pending: LearningCurvePoint[] = [];
  let nextWait = 0; // index into waitAt of the next epoch to wait at
  let lastPost = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const post = () => {
    clearTimeout(timer);
    timer = undefined;
    lastPost = performance.now();
    if (pending.length === 0) return;
    parentPort!.postMessage({ type: 'progress', points: pending } satisfies WorkerMessage);
    pending = [];
  };
  return {
    report: (points: LearningCurvePoint[]) => {
      let epoch = 0;
      for (const p of points) {
        pending.push(p);
        if (p.epoch > epoch) epoch = p.epoch;
      }
      const waits = nextWait < waitAt.length && epoch >= waitAt[nextWait]!;
      if (waits || performance.now() - lastPost >= postEveryMs) post();
      else timer ??= setTimeout(post, postEveryMs);
      if (!waits) return false;
      while (nextWait < waitAt.length && waitAt[nextWait]! <= epoch) nextWait++;
      waitForDecision(stop, epoch);
      return true;
    },
    stopRequested: (): StoppedStatus | undefined => STOP_CODES[Atomics.load(stop, 0)],
    kept: () => {
      clearTimeout(timer);
      timer = undefined;
      const rest = pending;
      pending = [];
      return rest;
    },
    close: () => clearTimeout(timer),
  };
}

parentPort!.on('message', async (message: PoolMessage) => {
  if ('warm' in message) {
    // a file that fails to load fails each of its trials, with the error, when they run
    if (message.sweepFile) await objectiveOf(message.sweepFile).catch(() => undefined);
    parentPort!.postMessage({ type: 'ready' } satisfies WorkerMessage);
    return;
  }
  const { task, stop, postEveryMs, waitAt } = message;
  let reply: WorkerMessage;
  const channel = channelOf(stop, postEveryMs, waitAt);
  try {
    const objective = task.byo ? await objectiveOf(task.sweepFile) : undefined;
    const result = objective ? await runObjectiveTrial(task, objective, channel) : runBuiltinTrial(task, channel);
    reply = { type: 'done', ok: true, result };
  } catch (err) {
    // a failed trial keeps the points it reported
    const points = channel.kept!();
    if (points.length > 0) parentPort!.postMessage({ type: 'progress', points } satisfies WorkerMessage);
    reply = { type: 'done', ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  channel.close();
  parentPort!.postMessage(reply);
});
