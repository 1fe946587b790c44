import { parentPort } from 'node:worker_threads';
import type { LearningCurvePoint, StoppedStatus } from '../store/types.ts';
import type { ObjectiveFn } from './define-sweep.ts';
import { type TrialChannel, runBuiltinTrial, runObjectiveTrial } from './execute-trial.ts';
import { loadSweep } from './load-sweep.ts';
import { type PoolTask, type WorkerMessage, STOP_CODES } from './pool.ts';

// A worker thread: receives plain tasks, loads the sweep file itself when the sweep brings its own objective
// (functions do not cross threads), sends curve points as they come, and answers with a TrialResult or an
// error. A trial runs synchronously, so a request to stop cannot arrive as a message: the main thread writes
// it into the task's shared `stop` cell, which the trial reads at each evaluation.

const objectives = new Map<string, Promise<ObjectiveFn | undefined>>();

function objectiveOf(file: string): Promise<ObjectiveFn | undefined> {
  let p = objectives.get(file);
  if (!p) {
    p = loadSweep(file).then((s) => s.config.objective);
    objectives.set(file, p);
  }
  return p;
}

function channelOf(stop: Int32Array): TrialChannel {
  return {
    report: (points: LearningCurvePoint[]) => {
      if (points.length > 0) parentPort!.postMessage({ type: 'progress', points } satisfies WorkerMessage);
    },
    stopRequested: (): StoppedStatus | undefined => STOP_CODES[Atomics.load(stop, 0)],
  };
}

parentPort!.on('message', async ({ task, stop }: PoolTask) => {
  let reply: WorkerMessage;
  try {
    const objective = task.byo ? await objectiveOf(task.sweepFile) : undefined;
    const channel = channelOf(stop);
    const result = objective ? await runObjectiveTrial(task, objective, channel) : runBuiltinTrial(task, channel);
    reply = { type: 'done', ok: true, result };
  } catch (err) {
    reply = { type: 'done', ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  parentPort!.postMessage(reply);
});
