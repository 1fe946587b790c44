/**
 * The database `bench/query.ts` queries: 100,000 finished trials in 11 sweep versions, 11 final metrics
 * each and 5,000,000 curve points (10 evaluations x 5 keys per trial), shaped like what `regsweep run`
 * records. The schema comes from the real migrations (`openStore`); the rows go in through
 * better-sqlite3 prepared statements in big transactions (about 20 s, instead of hours through
 * `finishTrial`). The file is kept under os.tmpdir(), named by a hash of the migrations and of this
 * file's FIXTURE_VERSION, so it is rebuilt only when either changes (or on `--rebuild`).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { Rng } from '../src/nn/index.ts';
import { openStore } from '../src/store/index.ts';
import { logGrid } from '../src/sweep/distributions.ts';

/** Bump when the generated rows change, so cached files are rebuilt. */
const FIXTURE_VERSION = 2; // 2: trials carry updated_at, revision and curve_points

/** The sweep `compare` and `report` are timed on: half of all trials. */
export const BIG_SWEEP = 'scale-big';

/** One sweep version to generate: its grid is the Cartesian product of `space`, times 10 seeds. */
interface SweepShape {
  name: string;
  version: number;
  lambdas: number[];
  learningRates: number[];
  hidden: number[];
  batchSizes: number[] | null;
}

const SEEDS = 10;
const EVAL_EPOCHS = Array.from({ length: 10 }, (_, i) => 20 * (i + 1));
const CURVE_KEYS = ['test_accuracy', 'train_loss', 'validation_accuracy', 'validation_loss', 'zero_fraction'] as const;
const INPUTS = [...Array.from({ length: 10 }, (_, i) => `x${i + 1}`), ...Array.from({ length: 5 }, (_, i) => `noise${i + 1}`)];

/**
 * 100,000 trials: `scale-big` (25 regularization settings x 4 learning rates x 5 widths x 10 batch sizes
 * x 10 seeds = 50,000) and nine sweeps of 5,000 (the same without batch size), one of which, `scale-s2`,
 * has a second version of 5,000: so the default scope (latest version of each sweep) is a list of sweep
 * ids, not every trial.
 */
export function sweepShapes(): SweepShape[] {
  const small = (name: string, version: number): SweepShape => ({
    name, version, lambdas: logGrid(1e-5, 1e-1, 12), learningRates: [0.003, 0.01, 0.03, 0.1], hidden: [16, 32, 64, 128, 256], batchSizes: null,
  });
  return [
    { ...small(BIG_SWEEP, 1), batchSizes: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] },
    ...Array.from({ length: 9 }, (_, i) => small(`scale-s${i + 1}`, 1)),
    { ...small('scale-s2', 2), learningRates: [0.01, 0.03, 0.1, 0.3] },
  ];
}

export interface QueryFixture {
  path: string;
  built: boolean;
  buildSeconds: number | null;
  trials: number;
  curvePoints: number;
  bytes: number;
}

/**
 * The path of the benchmark database, building it first if it is missing (or `rebuild`).
 *
 * @example
 * const { path } = await ensureQueryFixture({ rebuild: false });
 */
export async function ensureQueryFixture(options: { rebuild: boolean; dir?: string }): Promise<QueryFixture> {
  const file = path.join(options.dir ?? os.tmpdir(), `regsweep-bench-query-${fixtureHash()}.db`);
  let buildSeconds: number | null = null;
  if (options.rebuild || !existsSync(file) || !hasExactlyOurMigrations(file)) {
    const t0 = performance.now();
    await build(file);
    buildSeconds = (performance.now() - t0) / 1000;
  }
  const handle = new BetterSqlite3(file, { readonly: true });
  try {
    const count = (sql: string) => (handle.prepare(sql).get() as { n: number }).n;
    return {
      path: file, built: buildSeconds !== null, buildSeconds,
      trials: count('select count(*) as n from trials'),
      curvePoints: count('select count(*) as n from metric_history'),
      bytes: statSync(file).size,
    };
  } finally {
    handle.close();
  }
}

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

/** Hash of every migration's source and FIXTURE_VERSION: a schema change gets a new file. */
function fixtureHash(): string {
  const hash = createHash('sha256').update(`fixture ${FIXTURE_VERSION}\n`);
  for (const name of readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.ts')).sort()) hash.update(name).update(readFileSync(path.join(MIGRATIONS_DIR, name)));
  return hash.digest('hex').slice(0, 12);
}

/** False if a newer checkout opened the cached file and migrated it further (this code would refuse it). */
function hasExactlyOurMigrations(file: string): boolean {
  const ours = readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{4}-.*\.ts$/.test(f)).map((f) => f.slice(0, -3)).sort();
  const handle = new BetterSqlite3(file, { readonly: true });
  try {
    const recorded = handle.prepare('select name from kysely_migration order by name').pluck().all();
    return JSON.stringify(recorded) === JSON.stringify(ours);
  } catch {
    return false;
  } finally {
    handle.close();
  }
}

function removeDb(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
}

async function build(file: string): Promise<void> {
  const building = `${file}.building`;
  removeDb(building);
  await (await openStore(building)).close();
  const handle = new BetterSqlite3(building);
  try {
    // A throwaway file: no journal, no syncs, a big page cache while the indexes grow.
    handle.pragma('journal_mode = OFF');
    handle.pragma('synchronous = OFF');
    handle.pragma('cache_size = -1000000');
    insertAll(handle);
    handle.pragma('journal_mode = WAL');
  } finally {
    handle.close();
  }
  removeDb(file);
  renameSync(building, file);
}

function insertAll(handle: BetterSqlite3.Database): void {
  const insertSweep = handle.prepare(`insert into sweeps (id, name, version, file_path, content_hash, spec, objective_metric,
    objective_direction, package_version, git_commit, host, created_at) values (?, ?, ?, ?, ?, ?, 'validation_accuracy', 'maximize', '0.1.0', null, 'bench', ?)`);
  const insertTrial = handle.prepare(`insert into trials (id, sweep_id, trial_key, config, seed, status, error, attempts, worker,
    heartbeat_at, started_at, finished_at, duration_ms, summary, updated_at, revision, curve_points)
    values (?, ?, ?, ?, ?, ?, ?, 1, 'bench:1', ?, ?, ?, ?, ?, ?, 2, ?)`);
  const insertParam = handle.prepare('insert into params (trial_id, name, value_num, value_text, value_type) values (?, ?, ?, ?, ?)');
  const metricRows = (n: number) => handle.prepare(`insert into metrics (trial_id, key, value) values ${Array(n).fill('(?, ?, ?)').join(', ')}`);
  const insertMetrics = new Map<number, BetterSqlite3.Statement>();
  const insertCurve = handle.prepare(`insert into metric_history (trial_id, key, epoch, value) values ${
    Array(EVAL_EPOCHS.length * CURVE_KEYS.length).fill('(?, ?, ?, ?)').join(', ')}`);

  const rng = new Rng(20240917);
  let trialId = 0;
  let sweepId = 0;
  const t0 = Date.parse('2024-09-01T00:00:00Z');
  for (const shape of sweepShapes()) {
    sweepId++;
    const created = new Date(t0 + sweepId * 86_400_000).toISOString();
    const spec = { search: { space: { regularization: ['none', 'l1', 'l2'], lambda: shape.lambdas, learningRate: shape.learningRates, hidden: shape.hidden } }, seeds: SEEDS };
    insertSweep.run(sweepId, shape.name, shape.version, `experiments/${shape.name}.ts`, hex(rng, 64), JSON.stringify(spec), created);
    // one shared offset per seed: what makes pairing by seed worth it
    const seedEffect = Array.from({ length: SEEDS + 1 }, () => 0.015 * rng.normal());
    const write = handle.transaction((settings: Setting[]) => {
      for (const setting of settings) {
        for (let seed = 1; seed <= SEEDS; seed++) {
          trialId++;
          const trial = simulate(rng, trialId, setting, seedEffect[seed]!);
          const finished = new Date(Date.parse(created) + trialId * 1000).toISOString();
          const started = new Date(Date.parse(finished) - trial.durationMs).toISOString();
          const config = {
            model: { hidden: [setting.hidden], activation: 'tanh', init: 'uniform', initScale: 0.01 },
            training: { epochs: 200, learningRate: setting.learningRate, batchSize: setting.batchSize ?? 1, evalEvery: 20 },
            regularization: { kind: setting.regularization, lambda: setting.lambda ?? 0 },
            extra: {}, data: { kind: 'synthetic', inputs: 10, hidden: 15, classes: 4, train: 200, validation: 100, test: 40, normalize: 'zscore', seed }, seed,
          };
          insertTrial.run(trialId, sweepId, hex(rng, 16), JSON.stringify(config), seed, trial.status, trial.error,
            finished, started, finished, trial.durationMs, trial.summary === null ? null : JSON.stringify(trial.summary),
            finished, EVAL_EPOCHS.length * CURVE_KEYS.length);
          insertParam.run(trialId, 'regularization', null, setting.regularization, 'string');
          if (setting.lambda === null) insertParam.run(trialId, 'lambda', null, null, 'null');
          else insertParam.run(trialId, 'lambda', setting.lambda, null, 'number');
          insertParam.run(trialId, 'learningRate', setting.learningRate, null, 'number');
          insertParam.run(trialId, 'hidden', setting.hidden, null, 'number');
          if (setting.batchSize !== null) insertParam.run(trialId, 'batchSize', setting.batchSize, null, 'number');
          const metrics = Object.entries(trial.metrics);
          if (metrics.length > 0) {
            let stmt = insertMetrics.get(metrics.length);
            if (!stmt) insertMetrics.set(metrics.length, (stmt = metricRows(metrics.length)));
            stmt.run(metrics.flatMap(([key, value]) => [trialId, key, value]));
          }
          if (trial.curve) insertCurve.run(trial.curve);
        }
      }
    });
    const settings = settingsOf(shape);
    for (let i = 0; i < settings.length; i += 500) write(settings.slice(i, i + 500));
  }
}

interface Setting {
  regularization: 'none' | 'l1' | 'l2';
  lambda: number | null;
  learningRate: number;
  hidden: number;
  batchSize: number | null;
}

/** The grid in the order `planSweep` expands it: regularization settings (none has no lambda) outermost. */
function settingsOf(shape: SweepShape): Setting[] {
  const kinds: [Setting['regularization'], number | null][] = [
    ['none', null], ...shape.lambdas.map((l) => ['l1', l] as [Setting['regularization'], number]), ...shape.lambdas.map((l) => ['l2', l] as [Setting['regularization'], number]),
  ];
  const out: Setting[] = [];
  for (const [regularization, lambda] of kinds) {
    for (const learningRate of shape.learningRates) {
      for (const hidden of shape.hidden) {
        for (const batchSize of shape.batchSizes ?? [null]) out.push({ regularization, lambda, learningRate, hidden, batchSize });
      }
    }
  }
  return out;
}

interface SimulatedTrial {
  status: 'completed' | 'failed' | 'diverged';
  error: string | null;
  durationMs: number;
  /** null for NaN, as the store writes it */
  metrics: Record<string, number | null>;
  /** flat (trial_id, key, epoch, value) x 50, or null for a failed trial */
  curve: (number | string | null)[] | null;
  summary: unknown;
}

/**
 * Plausible numbers: accuracy peaks at a moderate lambda (L2 a little above L1), falls for large lambda
 * and far-off learning rates, with a per-seed offset shared by every setting and a little noise.
 */
function simulate(rng: Rng, trialId: number, s: Setting, seedEffect: number): SimulatedTrial {
  const durationMs = 800 + 400 * rng.next() + s.hidden * 4;
  if (rng.next() < 0.005) {
    return { status: 'failed', error: 'Error: worker exited with code 134', durationMs, metrics: {}, curve: null, summary: null };
  }
  const logLambda = s.lambda === null ? -Infinity : Math.log10(s.lambda);
  let quality = 0.865 + 0.004 * (Math.log2(s.hidden) - 4) - 0.02 * (Math.log10(s.learningRate) + 1.7) ** 2
    - (s.batchSize === null ? 0 : 0.002 * Math.log2(s.batchSize));
  if (s.regularization === 'l2') quality += 0.04 * Math.exp(-((logLambda + 3) ** 2) / 1.5) - 0.08 * Math.max(0, logLambda + 2);
  if (s.regularization === 'l1') quality += 0.03 * Math.exp(-((logLambda + 3.5) ** 2) / 1.5) - 0.1 * Math.max(0, logLambda + 2.3);
  const diverged = s.learningRate >= 0.1 && rng.next() < 0.05;
  const test = diverged ? 0.25 : clamp(quality + seedEffect + 0.012 * rng.normal(), 0.25, 1);
  const validation = diverged ? 0.25 : clamp(test + 0.01 * rng.normal(), 0.25, 1);
  const strength = s.lambda === null ? 0 : Math.min(1, s.lambda * 30);
  const train = diverged ? 0.25 : clamp(test + 0.07 * (1 - strength) + 0.005 * rng.normal(), 0.25, 1);
  const loss = (acc: number) => (diverged ? null : -1.3 * Math.log(acc) + 0.02 * rng.next());
  const zeroFraction = s.regularization === 'l1' ? 1 - Math.exp(-(s.lambda ?? 0) * 60) : 0;
  const weightL2 = 6 / (1 + (s.lambda ?? 0) * 80) + 0.2 * rng.next();
  const weightL1 = weightL2 * (14 - 10 * zeroFraction);
  const penalty = s.regularization === 'l2' ? (s.lambda ?? 0) * weightL2 ** 2 : s.regularization === 'l1' ? (s.lambda ?? 0) * weightL1 : 0;
  const metrics: Record<string, number | null> = {
    epochs: 200, penalty, test_accuracy: test, test_loss: loss(test), train_accuracy: train, train_loss: loss(train),
    validation_accuracy: validation, validation_loss: loss(validation), weight_l1: weightL1, weight_l2: weightL2, zero_fraction: zeroFraction,
  };
  const curve: (number | string | null)[] = [];
  for (const key of CURVE_KEYS) {
    const final = metrics[key] ?? null;
    for (const epoch of EVAL_EPOCHS) {
      const progress = 1 - Math.exp(-epoch / 50);
      const start = key.endsWith('accuracy') ? 0.25 : key === 'zero_fraction' ? 0 : 1.8;
      curve.push(trialId, key, epoch, final === null ? null : start + (final - start) * progress + 0.003 * rng.normal());
    }
  }
  const featureMass = Object.fromEntries(INPUTS.map((name) => [name, (name.startsWith('x') ? 1.5 : 0.4) * (1 - 0.8 * strength) * (0.8 + 0.4 * rng.next())]));
  return {
    status: diverged ? 'diverged' : 'completed', error: diverged ? 'diverged at epoch 40' : null, durationMs, metrics, curve,
    summary: { divergedEpoch: diverged ? 40 : null, bestEpoch: 20 * (5 + rng.int(6)), stoppedEarly: false, featureMass },
  };
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

function hex(rng: Rng, length: number): string {
  let s = '';
  while (s.length < length) s += rng.nextUint32().toString(16).padStart(8, '0');
  return s.slice(0, length);
}
