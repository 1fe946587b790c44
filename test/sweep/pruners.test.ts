import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { type Storage, openStore } from '../../src/store/index.ts';
import { loadSweep } from '../../src/sweep/load-sweep.ts';
import { planSweep } from '../../src/sweep/plan.ts';
import { runSweep } from '../../src/sweep/runner.ts';
import { enqueueSweep } from '../../src/sweep/enqueue.ts';
import { serveQueue } from '../../src/sweep/serve-queue.ts';
import { AshaPruner } from '../../src/sweep/pruners/asha-pruner.ts';
import { MedianPruner, medianOf } from '../../src/sweep/pruners/median-pruner.ts';
import type { CurveValue, TrialRecord } from '../../src/store/types.ts';
import { createTestDatabase, describePostgres } from '../store/postgres-fixture.ts';
import { lossOf } from './fixtures/asha-byo.ts';
import { allowingLateStops, expectedAsha } from './fixtures/expected-asha.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'regsweep-prune-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function checkAshaRun(store: Storage) {
  const plan = planSweep(await loadSweep('test/sweep/fixtures/asha-byo.ts', root));
  expect(plan.prune).toEqual({ method: 'asha', minEpochs: 2, reductionFactor: 3, startupTrials: 2 });
  const summary = await runSweep(plan, { storage: store, concurrency: 1 });
  const expected = expectedAsha();
  // the case is not trivial: trials pruned at both rungs, and some go to the end
  expect(new Set(expected.map((e) => `${e.status}:${e.lastEpoch}`))).toEqual(new Set(['completed:12', 'pruned:3', 'pruned:7']));
  expect(summary.stopped).toBe(expected.filter((e) => e.status === 'pruned').length);
  // (a pruned trial's last epoch below may be a few reports late on a busy machine: allowingLateStops)
  const trials = await store.listTrials(summary.sweep.id);
  const params = await store.getParams(trials.map((t) => t.id));
  const metrics = await store.getMetrics(trials.map((t) => t.id));
  const got = [];
  for (const t of trials) {
    const curve = await store.getCurve(t.id);
    const x = params.get(t.id)!['extra.x'] as number;
    // the curve is kept, every epoch up to the one it stopped at; the metrics are the last reported
    expect(curve.map((p) => p.epoch)).toEqual(curve.map((_, i) => i + 1));
    expect(curve.at(-1)!.value).toBeCloseTo(lossOf(x, t.seed, curve.length), 12);
    expect(metrics.get(t.id)).toEqual({ validation_loss: curve.at(-1)!.value });
    if (t.status === 'pruned') expect(t.summary).toEqual({ stoppedEpoch: curve.length });
    got.push({ x, seed: t.seed, status: t.status, lastEpoch: curve.length });
  }
  expect(allowingLateStops(got)).toEqual(expected);
  expect(await store.countByStatus(summary.sweep.id)).toMatchObject({ queued: 0, running: 0, pruned: expected.filter((e) => e.status === 'pruned').length });
}

describe('ASHA prunes an own objective through ctx.report, seed by seed, decisions read from the store', () => {
  it('regsweep worker (serveQueue) builds the same pruner from the recorded sweep', async () => {
    const store = await openStore(path.join(tmp, 'asha-worker.db'));
    try {
      const plan = planSweep(await loadSweep('test/sweep/fixtures/asha-byo.ts', root));
      const { sweep } = await enqueueSweep(plan, { storage: store });
      // no decision given: the worker reads prune from the recorded spec
      const summary = await serveQueue({ storage: store, sweepId: sweep.id, concurrency: 1 });
      expect(summary.stopped).toBe(expectedAsha().filter((e) => e.status === 'pruned').length);
      const trials = await store.listTrials(sweep.id);
      const params = await store.getParams(trials.map((t) => t.id));
      const got = [];
      for (const t of trials) got.push({ x: params.get(t.id)!['extra.x'] as number, seed: t.seed, status: t.status, lastEpoch: (await store.getCurve(t.id)).length });
      expect(allowingLateStops(got)).toEqual(expectedAsha());
    } finally {
      await store.close();
    }
  });

  it('sqlite', async () => {
    const store = await openStore(path.join(tmp, 'asha.db'));
    try {
      await checkAshaRun(store);
    } finally {
      await store.close();
    }
  });
  describePostgres('PostgreSQL', () => {
    it('postgres', async () => {
      const database = await createTestDatabase();
      const store = await openStore(database.url);
      // a round trip to the server is slower than to a file: more time between reports for each decision
      process.env.REGSWEEP_TEST_REPORT_MS = '150';
      try {
        await checkAshaRun(store);
      } finally {
        delete process.env.REGSWEEP_TEST_REPORT_MS;
        await store.close();
        await database.drop();
      }
    });
  });
});

/** A store of fixed curve values: what a pruner reads. */
function fakeStore(values: CurveValue[], groups: Record<number, string> = {}) {
  return {
    curveValuesAt: async (_s: number, key: string, epoch: number) => (key === 'acc' ? values.filter((v) => (v as CurveValue & { epoch: number }).epoch === epoch) : []),
    getParams: async (ids: number[]) => new Map(ids.map((id) => [id, { regularization: groups[id] ?? 'l2' }])),
  };
}
const trial = (id: number, seed: number) => ({ id, sweepId: 1, seed }) as TrialRecord;
const at = (epoch: number, trialId: number, seed: number, value: number) => ({ epoch, trialId, seed, value, status: 'completed' as const });
const acc = (epoch: number, value: number) => [{ epoch, key: 'acc', value }, { epoch, key: 'loss', value: 1 - value }];

describe('median pruner', () => {
  const settings = { metric: 'acc', direction: 'maximize' as const, warmupEpochs: 10, startupTrials: 3 };

  it('prunes below the median of other configurations on the same seed and kind only', async () => {
    const values = [
      at(20, 1, 7, 0.6), at(20, 2, 7, 0.7), at(20, 3, 7, 0.8), // seed 7: median 0.7
      at(20, 4, 8, 0.1), at(20, 5, 8, 0.1), at(20, 6, 8, 0.1), // seed 8: all far below
      at(20, 9, 7, 0.99), // seed 7 but an L1 configuration
    ];
    const pruner = new MedianPruner(fakeStore(values, { 9: 'l1' }), settings);
    expect(await pruner.decide(trial(10, 7), acc(20, 0.65))).toBe('pruned');
    expect(await pruner.decide(trial(11, 7), acc(20, 0.7))).toBeUndefined(); // equal to the median: goes on
    expect(await pruner.decide(trial(12, 8), acc(20, 0.65))).toBeUndefined(); // better than seed 8's
    expect(await pruner.decide(trial(10, 7), acc(10, 0.0))).toBeUndefined(); // within the warm-up
    expect(await pruner.decide(trial(13, 9), acc(20, 0.0))).toBeUndefined(); // nobody on seed 9
  });

  it('waits for startupTrials others at the epoch', async () => {
    const pruner = new MedianPruner(fakeStore([at(20, 1, 7, 0.9), at(20, 2, 7, 0.9)]), settings);
    expect(await pruner.decide(trial(10, 7), acc(20, 0.1))).toBeUndefined();
  });

  it('median counts NaN (diverged) as the worst value', () => {
    expect(medianOf([0.5, Number.NaN, 0.9], 'maximize')).toBe(0.5);
    expect(medianOf([0.5, Number.NaN, 0.9], 'minimize')).toBe(0.9);
    expect(medianOf([1, 2, 3, 4], 'maximize')).toBe(2.5);
  });
});

describe('ASHA pruner', () => {
  const settings = { metric: 'acc', direction: 'maximize' as const, minEpochs: 10, reductionFactor: 3, startupTrials: 3 };

  it('rungs at minEpochs * eta^k, each crossed once', () => {
    const p = new AshaPruner(fakeStore([]), settings);
    expect([p.rungCrossed(0, 10), p.rungCrossed(10, 20), p.rungCrossed(20, 30), p.rungCrossed(80, 90), p.rungCrossed(5, 95)]).toEqual([10, undefined, 30, 90, 90]);
  });

  it('keeps the top max(1, floor(n / eta)) at a rung, ties included, only at rungs', async () => {
    // seed 7 at epoch 10: five others; with the trial n = 6, the best 2 go on
    const values = [0.9, 0.8, 0.5, 0.4, 0.3].map((v, i) => at(10, i + 1, 7, v));
    const p = new AshaPruner(fakeStore(values), settings);
    expect(await p.decide(trial(20, 7), acc(10, 0.85))).toBeUndefined(); // second best
    expect(await p.decide(trial(21, 7), acc(10, 0.8))).toBeUndefined(); // tied second: one better
    expect(await p.decide(trial(22, 7), acc(10, 0.79))).toBe('pruned'); // third
    const q = new AshaPruner(fakeStore(values), settings);
    expect(await q.decide(trial(22, 7), acc(20, 0.0))).toBeUndefined(); // 20 is not a rung
    expect(await q.decide(trial(23, 8), acc(10, 0.0))).toBeUndefined(); // alone on seed 8: n = 1 < 3
  });
});
