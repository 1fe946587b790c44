// A small store whose every value is written out below, so a filter's result can be worked out by hand.
import { join } from 'node:path';
import { openKyselyStore, type NewSweep, type KyselyStorage, type ParamValue, type TrialResult } from '../../src/store/index.ts';
import { tempDir } from './helpers.ts';
import { createTestDatabase } from './postgres-fixture.ts';

export interface FixtureTrial {
  key: string;
  sweep: 'alpha' | 'alpha2' | 'beta';
  seed: number;
  params: Record<string, ParamValue>;
  status: 'completed' | 'diverged' | 'failed' | 'queued';
  metrics?: Record<string, number>;
  durationMs?: number;
  error?: string;
}

const acc = (test: number, validation: number) => ({ test_accuracy: test, validation_accuracy: validation });

/**
 * alpha v1: a1..a8; alpha v2 (the latest alpha): b1, b2; beta: c1, c2. Ids follow this order (1..12).
 * a4 lacks `my-param`; a5 diverged (NaN metrics); a6 failed with no metrics; a7 is still queued.
 */
export const TRIALS: FixtureTrial[] = [
  { key: 'a1', sweep: 'alpha', seed: 1, params: { regularization: 'none', lambda: null, hidden: 8, flag: true, 'my-param': 'x-1' }, status: 'completed', metrics: acc(0.9, 0.85), durationMs: 100 },
  { key: 'a2', sweep: 'alpha', seed: 2, params: { regularization: 'l1', lambda: 0.001, hidden: 8, flag: false, 'my-param': 'x-2' }, status: 'completed', metrics: acc(0.8, 0.82), durationMs: 200 },
  { key: 'a3', sweep: 'alpha', seed: 3, params: { regularization: 'l1', lambda: 0.01, hidden: 16, flag: true, 'my-param': "it's" }, status: 'completed', metrics: acc(0.95, 0.9), durationMs: 300 },
  { key: 'a4', sweep: 'alpha', seed: 4, params: { regularization: 'l2', lambda: 0.001, hidden: 16, flag: false }, status: 'completed', metrics: acc(0.7, 0.75), durationMs: 400 },
  { key: 'a5', sweep: 'alpha', seed: 5, params: { regularization: 'l2', lambda: 0.1, hidden: 32, flag: true, 'my-param': 'X-5' }, status: 'diverged', metrics: acc(Number.NaN, Number.NaN), durationMs: 500 },
  { key: 'a6', sweep: 'alpha', seed: 6, params: { regularization: 'l2', lambda: 0.01, hidden: 32, flag: false, 'my-param': 'y' }, status: 'failed', metrics: {}, durationMs: 50, error: 'boom' },
  { key: 'a7', sweep: 'alpha', seed: 7, params: { regularization: 'none', lambda: null, hidden: 8, flag: true, 'my-param': 'x-7' }, status: 'queued' },
  { key: 'a8', sweep: 'alpha', seed: 8, params: { regularization: 'l1', lambda: 1, hidden: 64, flag: false, 'my-param': 'z' }, status: 'completed', metrics: acc(0.6, 0.65), durationMs: 800 },
  { key: 'b1', sweep: 'alpha2', seed: 1, params: { regularization: 'l2', lambda: 0.05, hidden: 8 }, status: 'completed', metrics: acc(0.85, 0.8), durationMs: 150 },
  { key: 'b2', sweep: 'alpha2', seed: 2, params: { regularization: 'none', lambda: null, hidden: 8 }, status: 'completed', metrics: acc(0.88, 0.84), durationMs: 250 },
  { key: 'c1', sweep: 'beta', seed: 1, params: { dropout: 0.5 }, status: 'completed', metrics: { f1: 0.7, test_accuracy: 0.5 }, durationMs: 1000 },
  { key: 'c2', sweep: 'beta', seed: 2, params: { dropout: 0.2 }, status: 'completed', metrics: { f1: 0.9 }, durationMs: 2000 },
];

function sweepInput(name: string, hash: string, objective: string): NewSweep {
  return {
    name, filePath: `experiments/${name}.ts`, contentHash: hash, spec: { name }, objectiveMetric: objective,
    objectiveDirection: 'maximize', packageVersion: '0.1.0', gitCommit: null, host: 'test',
  };
}

export interface QueryFixture {
  store: KyselyStorage;
  /** the file path or PostgreSQL URL, as `--db` takes it */
  path: string;
  /** trial id by key */
  id: Record<string, number>;
  /** trial key by id */
  key: Record<number, string>;
  cleanup(): Promise<void>;
}

/**
 * A fresh store holding `TRIALS`, each with a short learning curve if it finished: an SQLite file, or a
 * database of its own on the PostgreSQL test server (REGSWEEP_TEST_PG).
 */
export async function createQueryFixture(backend: 'sqlite' | 'postgres' = 'sqlite'): Promise<QueryFixture> {
  let path: string;
  let remove: () => Promise<void> | void;
  if (backend === 'postgres') {
    const database = await createTestDatabase('regsweep_query');
    [path, remove] = [database.url, database.drop];
  } else {
    const temp = tempDir('regsweep-query-');
    [path, remove] = [join(temp.dir, 'fixture.db'), temp.remove];
  }
  const store = await openKyselyStore(path);
  const sweeps = {
    alpha: (await store.upsertSweep(sweepInput('alpha', 'h1', 'validation_accuracy'))).sweep,
    alpha2: (await store.upsertSweep(sweepInput('alpha', 'h2', 'validation_accuracy'))).sweep,
    beta: (await store.upsertSweep(sweepInput('beta', 'h3', 'f1'))).sweep,
  };
  const id: Record<string, number> = {};
  for (const name of ['alpha', 'alpha2', 'beta'] as const) {
    const trials = TRIALS.filter((t) => t.sweep === name);
    await store.addTrials(sweeps[name].id, trials.map((t) => ({ trialKey: t.key, config: { key: t.key, ...t.params }, seed: t.seed, params: t.params })));
    for (const row of await store.listTrials(sweeps[name].id)) id[row.trialKey] = row.id;
  }
  for (const t of TRIALS) {
    if (t.status === 'queued') continue;
    await store.claimTrial(id[t.key]!, 'fixture');
    const metrics = t.metrics ?? {};
    const result: TrialResult = {
      status: t.status, error: t.error ?? null, metrics, durationMs: t.durationMs ?? 0, summary: { featureMass: { x1: 1, x2: 2 } },
      curve: Object.entries(metrics).flatMap(([key, value]) => [0, 10, 20].map((epoch) => ({ epoch, key, value: value * (epoch + 10) / 30 }))),
    };
    await store.finishTrial(id[t.key]!, 'fixture', result);
  }
  const key = Object.fromEntries(Object.entries(id).map(([k, v]) => [v, k]));
  return { store, path, id, key, cleanup: async () => { await store.close(); await remove(); } };
}

/** Row counts of every table, to show a filter changed nothing. */
export async function rowCounts(store: KyselyStorage): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ['sweeps', 'trials', 'params', 'metrics', 'metric_history'] as const) {
    const row = await store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}
