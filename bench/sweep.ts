// npm run bench:sweep — JSON lines: per-trial bookkeeping cost of the runner and store, and the
// speed-up of 2 worker threads over 1 on real trials. Each figure is the median of several runs.
//
// The two goals are timed on `regsweep run` itself (the compiled build users run, `npm run build`), from
// the first trial's start to the last one's end as recorded in the store, so start-up is not counted. The
// price of a live curve write is timed in this process on the sources (it needs runner options that the
// command line does not offer).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../src/store/index.ts';
import { loadSweep } from '../src/sweep/load-sweep.ts';
import { planSweep } from '../src/sweep/plan.ts';
import { type RunOptions, runSweep } from '../src/sweep/runner.ts';
import type { StopDecision } from '../src/sweep/stop-decision.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'regsweep-bench-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * A decision that never stops a trial but, unlike having none, makes every evaluation's points go to the
 * main thread at once; with `curveWriteMs: 0` each is written to the store on its own: the most writes a
 * trial can cause.
 */
const everyEvaluation: StopDecision = { decide: () => undefined };

const cli = path.join(here, '..', 'bin', 'regsweep.mjs');

/** `regsweep run` of a sweep file on a fresh database; the seconds from the first trial's start to the last one's end, as recorded. */
async function timeCli(fixture: string, concurrency: number): Promise<{ seconds: number; trials: number }> {
  const db = path.join(tmp, `${fixture}-cli-${concurrency}-${Math.random().toString(36).slice(2)}.db`);
  const run = spawnSync(process.execPath, [cli, 'run', path.join(here, 'fixtures', `${fixture}.ts`), '--db', db, '--concurrency', String(concurrency), '--quiet'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`regsweep run ${fixture}: exit ${run.status}: ${run.stderr}`);
  const store = await openStore(db);
  try {
    const { sweep } = (await store.listSweeps())[0]!;
    const trials = await store.listTrials(sweep.id);
    const failed = trials.filter((t) => t.status !== 'completed').length;
    if (failed > 0) throw new Error(`${fixture}: ${failed} trials not completed`);
    const first = Math.min(...trials.map((t) => Date.parse(t.startedAt!)));
    const last = Math.max(...trials.map((t) => Date.parse(t.finishedAt!)));
    return { seconds: (last - first) / 1000, trials: trials.length };
  } finally {
    await store.close();
  }
}

/** Run a sweep file in this process on a fresh database; return the seconds from the first trial scheduled to the last recorded. */
async function timeSweep(fixture: string, concurrency: number, live: Partial<RunOptions> = {}): Promise<{ seconds: number; trials: number }> {
  const db = path.join(tmp, `${fixture}-${concurrency}-${Math.random().toString(36).slice(2)}.db`);
  const store = await openStore(db);
  try {
    const plan = planSweep(await loadSweep(path.join(here, 'fixtures', `${fixture}.ts`)));
    let t0 = 0;
    const summary = await runSweep(plan, { storage: store, concurrency, ...live, onEvent: (e) => { if (e.type === 'start') t0 = performance.now(); } });
    if (summary.completed !== plan.trials.length) throw new Error(`${fixture}: ${summary.failed} trials failed`);
    return { seconds: (performance.now() - t0) / 1000, trials: plan.trials.length };
  } finally {
    await store.close();
  }
}

const reps = Number(process.env.BENCH_REPS ?? 3);
try {
  for (const concurrency of [1, 2]) {
    const runs: number[] = [];
    let trials = 0;
    for (let r = 0; r < reps; r++) {
      const t = await timeCli('noop', concurrency);
      runs.push((t.seconds * 1000) / t.trials);
      trials = t.trials;
    }
    console.log(JSON.stringify({
      case: 'bookkeeping-per-trial', via: 'regsweep run', concurrency, trials, params: 10, metrics: 12, curvePoints: 50,
      msPerTrial: Number(median(runs).toFixed(3)), runsMsPerTrial: runs.map((v) => Number(v.toFixed(3))), targetMs: 2,
    }));
  }
  {
    // Every evaluation written while the trial runs (50 writes a trial): the worst case, to price one write.
    const runs: number[] = [];
    let trials = 0;
    for (let r = 0; r < reps; r++) {
      const t = await timeSweep('noop', 1, { stopDecision: everyEvaluation, curveWriteMs: 0 });
      runs.push((t.seconds * 1000) / t.trials);
      trials = t.trials;
    }
    console.log(JSON.stringify({
      case: 'bookkeeping-per-trial-every-point-written-live', via: 'runSweep (sources)', concurrency: 1, trials, curvePoints: 50, liveWrites: 50,
      msPerTrial: Number(median(runs).toFixed(3)), runsMsPerTrial: runs.map((v) => Number(v.toFixed(3))),
    }));
  }
  const one: number[] = [], two: number[] = [];
  let trials = 0;
  for (let r = 0; r < reps; r++) {
    const a = await timeCli('real', 1);
    const b = await timeCli('real', 2);
    one.push(a.seconds);
    two.push(b.seconds);
    trials = a.trials;
  }
  console.log(JSON.stringify({
    case: 'speedup-2-workers', via: 'regsweep run', trials, cores: os.availableParallelism(),
    seconds1: Number(median(one).toFixed(3)), seconds2: Number(median(two).toFixed(3)),
    speedup: Number((median(one) / median(two)).toFixed(3)), target: 1.8,
  }));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
