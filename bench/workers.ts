// npm run bench:workers — JSON lines, on PostgreSQL ($REGSWEEP_BENCH_PG, else $REGSWEEP_TEST_PG; its user
// must be allowed to create databases, each measurement gets a fresh one):
// - `claim-record-per-trial`: one `regsweep worker` process on 1000 trials whose objective does no work
//   (bench/fixtures/noop.ts: 10 params, 12 metrics, 50 curve points each): the time per trial in steady
//   state, i.e. claim + fetch params + hand to a worker thread + record, one after another.
// - `worker-throughput`: trials per second of real trials (bench/fixtures/real-queue.ts) with 1, 2 and 4
//   worker processes of one thread each; it should grow up to the number of cores.
//   `cpuYardstickSpeedup` is the yardstick for `speedup`: how much faster min(processes, cores) copies of a
//   fixed CPU-bound loop finish together than one after another, measured just before each run. The
//   machines are shared: another job on a core caps both figures alike.
// Each figure is the median of $BENCH_REPS (default 3) runs.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { openStore } from '../src/store/index.ts';
import { enqueueSweep } from '../src/sweep/enqueue.ts';
import { loadSweep } from '../src/sweep/load-sweep.ts';
import { planSweep } from '../src/sweep/plan.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const adminUrl = process.env.REGSWEEP_BENCH_PG || process.env.REGSWEEP_TEST_PG;
const reps = Number(process.env.BENCH_REPS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, digits = 3) => Number(x.toFixed(digits));

async function admin<T>(fn: (c: pg.Client) => Promise<T>, url = adminUrl!): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function databaseUrl(name: string): string {
  const u = new URL(adminUrl!);
  u.pathname = `/${name}`;
  return u.toString();
}

function worker(url: string, threads: number): Promise<void> {
  const child = spawn(process.execPath, ['bin/regsweep.mjs', 'worker', '--db', url, '--concurrency', String(threads), '--quiet'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
  return new Promise((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited ${code}: ${err}`)))));
}

interface Timing { trials: number; firstStarted: number; firstFinished: number; lastFinished: number; objectiveMs: number; workers: number; wallSeconds: number }

/** Enqueue a fixture in a fresh database, run `processes` workers on it, and read the timings the trials recorded. */
async function measure(fixture: string, processes: number, threads: number): Promise<Timing> {
  const name = `regsweep_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await admin((c) => c.query(`create database ${name}`));
  const url = databaseUrl(name);
  try {
    const store = await openStore(url);
    try {
      await enqueueSweep(planSweep(await loadSweep(path.join(here, 'fixtures', `${fixture}.ts`))), { storage: store });
    } finally {
      await store.close();
    }
    const t0 = performance.now();
    await Promise.all(Array.from({ length: processes }, () => worker(url, threads)));
    const wallSeconds = (performance.now() - t0) / 1000;
    const { rows } = await admin((c) => c.query(`
      select count(*)::int as trials, count(distinct worker)::int as workers, avg(duration_ms)::float8 as objective_ms,
        min(started_at) as first_started, min(finished_at) as first_finished, max(finished_at) as last_finished
      from trials where status = 'completed'`), url);
    const r = rows[0] as { trials: number; workers: number; objective_ms: number; first_started: string; first_finished: string; last_finished: string };
    return {
      trials: r.trials, workers: r.workers, objectiveMs: r.objective_ms, wallSeconds,
      firstStarted: Date.parse(r.first_started), firstFinished: Date.parse(r.first_finished), lastFinished: Date.parse(r.last_finished),
    };
  } finally {
    await admin((c) => c.query(`drop database if exists ${name} with (force)`));
  }
}

/** Seconds for `copies` threads to each run the same fixed CPU-bound loop (about 1 s alone) at once. */
async function busyLoops(copies: number): Promise<number> {
  const code = 'let x = 0; for (let i = 0; i < 3e8; i++) x = (x + i * 7) % 1000003; require("node:worker_threads").parentPort.postMessage(x);';
  const t0 = performance.now();
  await Promise.all(Array.from({ length: copies }, () => new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true });
    w.once('message', resolve);
    w.once('error', reject);
  })));
  return (performance.now() - t0) / 1000;
}

if (!adminUrl) {
  console.log(JSON.stringify({ case: 'workers', skipped: 'no PostgreSQL: set REGSWEEP_BENCH_PG (or REGSWEEP_TEST_PG) to a URL whose user may create databases' }));
} else {
  for (const threads of [1, 2]) {
    const perTrial: number[] = [], objective: number[] = [];
    let trials = 0;
    for (let r = 0; r < reps; r++) {
      const t = await measure('noop', 1, threads);
      // Steady state: from the first recorded trial to the last, so the worker's start-up is left out.
      perTrial.push((t.lastFinished - t.firstFinished) / (t.trials - 1));
      objective.push(t.objectiveMs);
      trials = t.trials;
    }
    console.log(JSON.stringify({
      case: 'claim-record-per-trial', backend: 'postgres', processes: 1, threads, trials, params: 10, metrics: 12, curvePoints: 50,
      msPerTrial: round(median(perTrial)), objectiveMs: round(median(objective)), runsMsPerTrial: perTrial.map((v) => round(v)), targetMs: 5,
      loadAverage1m: round(os.loadavg()[0]!, 2),
    }));
  }
  // Interleaved (1, 2, 4, 1, 2, 4, ...) so that a change in the machine's load touches every count alike.
  const counts = [1, 2, 4];
  const runs = new Map(counts.map((n) => [n, { rates: [] as number[], walls: [] as number[], trialMs: [] as number[], workers: [] as number[], cpu: [] as number[] }]));
  for (let r = 0; r < reps; r++) {
    for (const processes of counts) {
      const m = runs.get(processes)!;
      // What the machine can give `processes` CPU-bound jobs at this moment, just before they run.
      const copies = Math.min(processes, os.availableParallelism());
      m.cpu.push((copies * (await busyLoops(1))) / (await busyLoops(copies)));
      const t = await measure('real-queue', processes, 1);
      if (t.trials !== 48) throw new Error(`real-queue: ${t.trials} of 48 trials completed`);
      m.rates.push(t.trials / ((t.lastFinished - t.firstStarted) / 1000));
      m.walls.push(t.wallSeconds);
      m.trialMs.push(t.objectiveMs);
      m.workers.push(t.workers);
    }
  }
  const base = median(runs.get(1)!.rates);
  for (const processes of counts) {
    const m = runs.get(processes)!;
    const rate = median(m.rates);
    console.log(JSON.stringify({
      case: 'worker-throughput', backend: 'postgres', processes, threadsPerProcess: 1, cores: os.availableParallelism(), trials: 48,
      trialMs: round(median(m.trialMs), 1), workersThatRan: Math.min(...m.workers), trialsPerSecond: round(rate, 2), speedup: round(rate / base, 2),
      wallSeconds: round(median(m.walls), 2), runsTrialsPerSecond: m.rates.map((v) => round(v, 2)), cpuYardstickSpeedup: round(median(m.cpu), 2),
      runsCpuYardstickSpeedup: m.cpu.map((v) => round(v, 2)), loadAverage1m: round(os.loadavg()[0]!, 2),
    }));
  }
}
