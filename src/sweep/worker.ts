import { parentPort } from 'node:worker_threads';
import type { ObjectiveFn } from './define-sweep.ts';
import { type TrialTask, runBuiltinTrial, runObjectiveTrial } from './execute-trial.ts';
import { loadSweep } from './load-sweep.ts';
import type { WorkerReply } from './pool.ts';

// A worker thread: receives plain TrialTasks, loads the sweep file itself when the sweep brings its own
// objective (functions do not cross threads), and answers with a TrialResult or an error.

const objectives = new Map<string, Promise<ObjectiveFn | undefined>>();

function objectiveOf(file: string): Promise<ObjectiveFn | undefined> {
  let p = objectives.get(file);
  if (!p) {
    p = loadSweep(file).then((s) => s.config.objective);
    objectives.set(file, p);
  }
  return p;
}

parentPort!.on('message', async (task: TrialTask & { byo: boolean }) => {
  let reply: WorkerReply;
  try {
    const objective = task.byo ? await objectiveOf(task.sweepFile) : undefined;
    const result = objective ? await runObjectiveTrial(task, objective) : runBuiltinTrial(task);
    reply = { ok: true, result };
  } catch (err) {
    reply = { ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  parentPort!.postMessage(reply);
});
