/**
 * Speed and memory of the read side at scale, one JSON object per line (see bench/README.md).
 *
 *   npm run bench:query                          # build the database if needed, every case, 5 repetitions
 *   npm run bench:query -- --rebuild --repetitions 9 --case compare --no-cli
 *
 * The database (bench/query-fixture.ts: 100,000 trials, ~5,000,000 curve points) is built once and kept
 * under os.tmpdir(), keyed by a hash of the migrations. Each case runs in this process against one open
 * store: a warm-up, then `repetitions` timed runs (`ms` is their median), then one more run with the heap
 * collected first and heap used sampled every 5 ms (`peakHeapUsedMB`, and `heldMB`: that peak minus the heap
 * before the run; this process's RSS is left out, as it holds the page cache of every case and of the build).
 * Then the same command runs once as a real `regsweep` process (`mode: "cli"`), with bench/memory-sampler.mjs
 * preloaded (`peakHeapUsedMB`, `peakRssMB`): its wall time includes starting Node and loading TypeScript,
 * which the `startup` line (`regsweep --version`) measures alone.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { trialsTable } from '../src/cli/commands/runs.ts';
import { renderCompareTables } from '../src/report/compare-table.ts';
import { loadReportData, renderReport } from '../src/report/html/index.ts';
import { loadComparison } from '../src/report/load-comparison.ts';
import { openStore, type OpenedStore } from '../src/store/index.ts';
import { BIG_SWEEP, ensureQueryFixture } from './query-fixture.ts';

const WHERE = 'params.lambda < 0.01 and metrics.test_accuracy > 0.9';

interface Case {
  name: string;
  /** the CLI arguments after `regsweep` (without --db); null: a library call with no command of its own */
  cli: string[] | null;
  targetMs: number;
  /** runs the case on an open store; returns how many trials or rows it produced */
  run(store: OpenedStore, scratch: string): Promise<number>;
}

/** A change-feed cursor taken once, before the timed polls: nothing changes in the database after it. */
let cursor: string | undefined;

const CASES: Case[] = [
  {
    // what a live view does every second while nothing is running
    name: 'change-feed-poll-idle',
    cli: null,
    targetMs: 20,
    async run(store) {
      cursor ??= (await store.changesSince()).cursor;
      const changes = await store.changesSince(cursor);
      return changes.trials.length + changes.sweeps.length;
    },
  },
  {
    name: 'runs-where-table',
    cli: ['runs', '--where', WHERE],
    targetMs: 200,
    async run(store) {
      // as `runs` does: one more than the page, to tell whether there are more
      const trials = await store.queryTrials({ where: WHERE, limit: 51 });
      trialsTable(trials.slice(0, 50), { color: false });
      return Math.min(trials.length, 50);
    },
  },
  {
    name: 'runs-where-sorted-table',
    cli: ['runs', '--where', WHERE, '--sort', 'metrics.test_accuracy', '--desc'],
    targetMs: 200,
    async run(store) {
      const trials = await store.queryTrials({ where: WHERE, sort: 'metrics.test_accuracy', desc: true, limit: 51 });
      trialsTable(trials.slice(0, 50), { color: false, sort: 'metrics.test_accuracy' });
      return Math.min(trials.length, 50);
    },
  },
  {
    name: 'runs-where-json',
    cli: ['runs', '--where', WHERE, '--format', 'json'],
    targetMs: 200,
    async run(store) {
      const trials = await store.queryTrials({ where: WHERE });
      const json = trials.length === 0 ? '[]' : `[\n${trials.map((t) => JSON.stringify(t)).join(',\n')}\n]`;
      if (json.length === 0) throw new Error('unreachable');
      return trials.length;
    },
  },
  {
    name: 'compare',
    cli: ['compare', BIG_SWEEP],
    targetMs: 2000,
    async run(store) {
      const comparison = await loadComparison(store, BIG_SWEEP);
      renderCompareTables(comparison, { color: false, width: 100 });
      return comparison.used ?? 0;
    },
  },
  {
    name: 'report',
    cli: ['report', BIG_SWEEP, '--out', '<scratch>/report.html'],
    targetMs: Number.POSITIVE_INFINITY,
    async run(store, scratch) {
      const comparison = await loadComparison(store, BIG_SWEEP);
      const html = await renderReport(comparison, await loadReportData(store, comparison), { generator: 'bench' });
      writeFileSync(path.join(scratch, 'report.html'), html);
      return comparison.used ?? 0;
    },
  },
];

const { values: args } = parseArgs({
  options: {
    rebuild: { type: 'boolean', default: false },
    repetitions: { type: 'string', default: '5' },
    case: { type: 'string', multiple: true },
    'no-cli': { type: 'boolean', default: false },
  },
});
const repetitions = Number(args.repetitions);
if (!(Number.isInteger(repetitions) && repetitions >= 1)) throw new RangeError(`--repetitions must be a positive integer, got ${args.repetitions}`);
for (const name of args.case ?? []) {
  if (!CASES.some((c) => c.name === name)) throw new RangeError(`unknown --case ${name}; cases: ${CASES.map((c) => c.name).join(', ')}`);
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const repo = fileURLToPath(new URL('..', import.meta.url));
const MB = 1024 * 1024;
const round = (x: number, digits = 1) => Number(x.toFixed(digits));
const emit = (line: object) => console.log(JSON.stringify(line));

const fixture = await ensureQueryFixture({ rebuild: args.rebuild });
emit({
  fixture: fixture.path, trials: fixture.trials, curvePoints: fixture.curvePoints, sizeMB: round(fixture.bytes / MB),
  built: fixture.built, buildSeconds: fixture.buildSeconds === null ? null : round(fixture.buildSeconds),
});

const scratch = mkdtempSync(path.join(os.tmpdir(), 'regsweep-bench-query-'));
if (!args['no-cli']) emit({ case: 'startup', ...runCli(['--version'], null, scratch) });
const store = await openStore(fixture.path);
try {
  for (const c of CASES.filter((c) => !args.case || args.case.includes(c.name))) {
    await c.run(store, scratch); // warm-up: page cache, JIT
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < repetitions; i++) {
      const t0 = performance.now();
      rows = await c.run(store, scratch);
      times.push(performance.now() - t0);
    }
    const memory = await sampledHeap(() => c.run(store, scratch));
    const ms = median(times);
    emit({
      case: c.name, mode: 'in-process', command: c.cli === null ? null : `regsweep ${c.cli.join(' ')}`, rows,
      ms: round(ms), msMin: round(Math.min(...times)), msMax: round(Math.max(...times)), repetitions,
      targetMs: Number.isFinite(c.targetMs) ? c.targetMs : null, withinTarget: Number.isFinite(c.targetMs) ? ms <= c.targetMs : null,
      ...memory,
    });
    if (!args['no-cli'] && c.cli !== null) emit({ case: c.name, ...runCli(c.cli.map((a) => a.replace('<scratch>', scratch)), fixture.path, scratch) });
  }
} finally {
  await store.close();
  rmSync(scratch, { recursive: true, force: true });
}

/** One run with the heap collected first and heap used read every 5 ms (and at the end). */
async function sampledHeap(run: () => Promise<unknown>) {
  gc();
  const before = process.memoryUsage().heapUsed;
  let peakHeapUsed = before;
  const sample = () => {
    peakHeapUsed = Math.max(peakHeapUsed, process.memoryUsage().heapUsed);
  };
  const timer = setInterval(sample, 5);
  try {
    await run();
    sample();
  } finally {
    clearInterval(timer);
  }
  return { peakHeapUsedMB: round(peakHeapUsed / MB), heldMB: round((peakHeapUsed - before) / MB) };
}

/** The command as a real process, end to end, with bench/memory-sampler.mjs preloaded. */
function runCli(cliArgs: string[], db: string | null, dir: string) {
  const memoryFile = path.join(dir, 'memory.json');
  rmSync(memoryFile, { force: true });
  const t0 = performance.now();
  const child = spawnSync(process.execPath, ['--import', './bench/memory-sampler.mjs', 'bin/regsweep.mjs', ...cliArgs, ...(db === null ? [] : ['--db', db])], {
    cwd: repo, env: { ...process.env, NO_COLOR: '1', REGSWEEP_BENCH_MEMORY_OUT: memoryFile }, maxBuffer: 1024 * MB,
  });
  const ms = performance.now() - t0;
  if (child.status !== 0) throw new Error(`regsweep ${cliArgs.join(' ')} exited with ${child.status}: ${child.stderr}`);
  const memory = JSON.parse(readFileSync(memoryFile, 'utf8')) as { peakHeapUsed: number; peakRss: number };
  return {
    mode: 'cli', command: `regsweep ${cliArgs.join(' ')}`, ms: round(ms), stdoutBytes: child.stdout.length,
    peakHeapUsedMB: round(memory.peakHeapUsed / MB), peakRssMB: round(memory.peakRss / MB),
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
