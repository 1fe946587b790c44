// The Storage contract, written once and run against every backend (see storage.test.ts).
import { hostname } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CHANGE_FEED_OVERLAP_MS, StoreError, TRIAL_STATUSES, openStore, workerName,
  type NewSweep, type NewTrial, type OpenedStore, type RecordedConfiguration, type TrialResult, type TrialStatus,
} from '../../src/store/index.ts';
import { epochsSaved } from '../../src/sweep/epochs-saved.ts';
import { collect, deadPid, spawnTs, storeWorkerScript, waitForLine } from './helpers.ts';

/** A fresh, empty, migrated store; `location` is what `openStore` takes to reach it from another process. */
export interface StorageFixture {
  store: OpenedStore;
  location: string;
  cleanup(): Promise<void>;
}

export function newSweep(overrides: Partial<NewSweep> = {}): NewSweep {
  return {
    name: 'l1-vs-l2',
    filePath: 'experiments/l1-vs-l2.ts',
    contentHash: 'hash-1',
    spec: { space: { lambda: [0, 0.01, 0.1] }, objective: { metric: 'validation_loss' } },
    objectiveMetric: 'validation_loss',
    objectiveDirection: 'minimize',
    packageVersion: '0.1.0',
    gitCommit: 'abc123',
    host: 'test-host',
    ...overrides,
  };
}

export function newTrials(n: number, offset = 0): NewTrial[] {
  return Array.from({ length: n }, (_, k) => {
    const i = k + offset;
    return {
      trialKey: `key-${i}`,
      config: { lambda: i / 100, penalty: i % 2 ? 'l1' : 'l2', nested: { layers: [8, 4] } },
      seed: 1000 + i,
      params: { lambda: i / 100, penalty: i % 2 ? 'l1' : 'l2', bias: i % 3 === 0, 'model.hidden': 8 * (i + 1), dropout: null },
    };
  });
}

export function result(overrides: Partial<TrialResult> = {}): TrialResult {
  return {
    status: 'completed',
    metrics: { validation_loss: 0.5, test_accuracy: 0.9 },
    curve: [
      { epoch: 0, key: 'train_loss', value: 1 },
      { epoch: 1, key: 'train_loss', value: 0.5 },
      { epoch: 0, key: 'validation_loss', value: 1.2 },
      { epoch: 1, key: 'validation_loss', value: 0.6 },
    ],
    summary: { bestEpoch: 1 },
    durationMs: 42,
    ...overrides,
  };
}

export function describeStorage(name: string, factory: () => Promise<StorageFixture>): void {
  describe(`Storage contract: ${name}`, () => {
    let fixture: StorageFixture;
    let store: OpenedStore;
    const me = workerName();

    beforeEach(async () => {
      fixture = await factory();
      store = fixture.store;
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    /** Heartbeats sent by a store whose clock is ten minutes behind: the trials look stale to everyone else. */
    async function heartbeatTenMinutesAgo(ids: number[], worker: string) {
      const late = await openStore(fixture.location, { clock: () => new Date(Date.now() - 600_000) });
      try {
        await late.heartbeat(ids, worker);
      } finally {
        await late.close();
      }
    }

    async function sweepWithTrials(n: number) {
      const { sweep } = await store.upsertSweep(newSweep());
      await store.addTrials(sweep.id, newTrials(n));
      const trials = await store.listTrials(sweep.id);
      return { sweep, trials };
    }

    describe('sweeps', () => {
      it('records a first version, returns it again for the same hash, and a new version for a changed hash', async () => {
        const first = await store.upsertSweep(newSweep());
        expect(first).toMatchObject({ created: true, previousVersion: null });
        expect(first.sweep).toMatchObject({ name: 'l1-vs-l2', version: 1, contentHash: 'hash-1', objectiveDirection: 'minimize', gitCommit: 'abc123' });
        expect(first.sweep.spec).toEqual(newSweep().spec);
        expect(new Date(first.sweep.createdAt).toISOString()).toBe(first.sweep.createdAt);

        const again = await store.upsertSweep(newSweep());
        expect(again).toMatchObject({ created: false, previousVersion: null });
        expect(again.sweep).toEqual(first.sweep);

        const changed = await store.upsertSweep(newSweep({ contentHash: 'hash-2' }));
        expect(changed).toMatchObject({ created: true, previousVersion: 1 });
        expect(changed.sweep.version).toBe(2);

        const other = await store.upsertSweep(newSweep({ name: 'other' }));
        expect(other.sweep.version).toBe(1);

        expect((await store.getSweep('l1-vs-l2'))?.version).toBe(2);
        expect((await store.getSweep('l1-vs-l2', 1))?.contentHash).toBe('hash-1');
        expect(await store.getSweep('l1-vs-l2', 3)).toBeUndefined();
        expect(await store.getSweep('missing')).toBeUndefined();
        expect(await store.getSweepById(changed.sweep.id)).toEqual(changed.sweep);
        expect(await store.getSweepById(999_999)).toBeUndefined();
      });

      it('lists every version with counts by status, the best objective per direction, and last activity', async () => {
        const { sweep: min } = await store.upsertSweep(newSweep());
        const { sweep: max } = await store.upsertSweep(newSweep({ name: 'acc', objectiveMetric: 'test_accuracy', objectiveDirection: 'maximize' }));
        const { sweep: empty } = await store.upsertSweep(newSweep({ name: 'empty' }));
        for (const sweep of [min, max]) {
          await store.addTrials(sweep.id, newTrials(4));
          const trials = await store.listTrials(sweep.id);
          const values = [0.3, 0.1, 0.7];
          for (const [i, t] of trials.slice(0, 3).entries()) {
            await store.claimTrial(t.id, me);
            await store.finishTrial(t.id, me, result({ metrics: { validation_loss: values[i]!, test_accuracy: values[i]! } }));
          }
          // A failed trial's metric never counts as best.
          await store.claimTrial(trials[3]!.id, me);
          await store.finishTrial(trials[3]!.id, me, result({ status: 'failed', error: 'boom', metrics: { validation_loss: 0.01, test_accuracy: 0.99 } }));
        }
        const summaries = await store.listSweeps();
        expect(summaries.map((s) => s.sweep.name)).toEqual(['acc', 'empty', 'l1-vs-l2']);
        const byName = new Map(summaries.map((s) => [s.sweep.name, s]));
        expect(byName.get('l1-vs-l2')!.counts).toEqual({ queued: 0, running: 0, completed: 3, failed: 1, diverged: 0, interrupted: 0, pruned: 0, 'raced-out': 0 });
        expect(byName.get('l1-vs-l2')!.best).toBeCloseTo(0.1, 12);
        expect(byName.get('acc')!.best).toBeCloseTo(0.7, 12);
        expect(byName.get('empty')!).toMatchObject({ best: null, lastActivity: null });
        expect(byName.get('empty')!.sweep.id).toBe(empty.id);
        const finished = (await store.listTrials(min.id)).map((t) => t.finishedAt!).sort();
        expect(byName.get('l1-vs-l2')!.lastActivity).toBe(finished.at(-1));
      });
    });

    describe('trials', () => {
      it('adds trials as queued, idempotently by trial key', async () => {
        const { sweep } = await store.upsertSweep(newSweep());
        expect(await store.addTrials(sweep.id, newTrials(5))).toBe(5);
        expect(await store.addTrials(sweep.id, newTrials(5))).toBe(0);
        expect(await store.addTrials(sweep.id, newTrials(7))).toBe(2);
        expect(await store.addTrials(sweep.id, [...newTrials(1, 20), ...newTrials(1, 20)])).toBe(1);
        expect(await store.addTrials(sweep.id, [])).toBe(0);
        const trials = await store.listTrials(sweep.id);
        expect(trials).toHaveLength(8);
        expect(trials.every((t) => t.status === 'queued' && t.attempts === 0 && t.worker === null)).toBe(true);
        expect(trials[0]).toMatchObject({ sweepId: sweep.id, trialKey: 'key-0', seed: 1000, config: newTrials(1)[0]!.config, summary: null });
        // The same key in another sweep version is another trial.
        const { sweep: v2 } = await store.upsertSweep(newSweep({ contentHash: 'hash-2' }));
        expect(await store.addTrials(v2.id, newTrials(5))).toBe(5);
        // Params were written once per trial, not again for the skipped duplicates.
        const params = await store.getParams(trials.map((t) => t.id));
        expect(Object.keys(params.get(trials[0]!.id)!)).toHaveLength(5);
      });

      it('claims a queued trial once: a second claim gets undefined', async () => {
        const { trials } = await sweepWithTrials(2);
        const id = trials[0]!.id;
        const claimed = await store.claimTrial(id, me);
        expect(claimed).toMatchObject({ id, status: 'running', worker: me, attempts: 1 });
        expect(claimed!.startedAt).toBe(claimed!.heartbeatAt);
        expect(await store.claimTrial(id, me)).toBeUndefined();
        expect(await store.claimTrial(id, 'someone-else:1')).toBeUndefined();
        expect(await store.claimTrial(999_999, me)).toBeUndefined();
        expect((await store.getTrial(id))!.worker).toBe(me);
      });

      it('claims the next queued trial in id order, of one sweep or of any, until none is left', async () => {
        const { sweep: a } = await store.upsertSweep(newSweep({ name: 'a' }));
        const { sweep: b } = await store.upsertSweep(newSweep({ name: 'b' }));
        await store.addTrials(a.id, newTrials(2));
        await store.addTrials(b.id, newTrials(2));
        const [a0, a1] = (await store.listTrials(a.id)).map((t) => t.id) as [number, number];
        const [b0, b1] = (await store.listTrials(b.id)).map((t) => t.id) as [number, number];
        await store.claimTrial(a0, 'other:1'); // not queued any more: skipped

        const first = await store.claimNext(me, { sweepId: b.id });
        expect(first).toMatchObject({ id: b0, sweepId: b.id, status: 'running', worker: me, attempts: 1, trialKey: 'key-0' });
        expect(first!.startedAt).toBe(first!.heartbeatAt);
        expect(first!.config).toEqual(newTrials(1)[0]!.config);
        expect((await store.claimNext(me))!.id).toBe(a1);
        expect((await store.claimNext(me, { sweepId: a.id }))).toBeUndefined();
        expect((await store.claimNext(me))!.id).toBe(b1);
        expect(await store.claimNext(me)).toBeUndefined();
        expect(await store.claimNext(me, { sweepId: 999_999 })).toBeUndefined();

        // A requeued trial is claimed again, with its attempts counted.
        await store.finishTrial(b1, me, result({ status: 'failed', error: 'boom' }));
        await store.requeue(b.id, { staleBefore: new Date(0) });
        expect(await store.claimNext(me, { sweepId: b.id })).toMatchObject({ id: b1, attempts: 2, error: null });
      });

      it('finishes a running trial with metrics and curve, and refuses a second finish or a wrong worker', async () => {
        const { trials } = await sweepWithTrials(3);
        const [a, b, c] = trials.map((t) => t.id) as [number, number, number];
        await store.claimTrial(a, me);
        await store.claimTrial(b, me);

        expect(await store.finishTrial(b, 'intruder:1', result())).toBe(false);
        expect(await store.finishTrial(c, me, result())).toBe(false); // still queued
        expect(await store.getMetrics([b, c])).toEqual(new Map([[b, {}], [c, {}]]));
        expect(await store.getCurve(b)).toEqual([]);
        expect((await store.getTrial(b))!.status).toBe('running');

        expect(await store.finishTrial(a, me, result())).toBe(true);
        const done = (await store.getTrial(a))!;
        expect(done).toMatchObject({ status: 'completed', error: null, durationMs: 42, summary: { bestEpoch: 1 }, worker: me });
        expect(done.finishedAt).not.toBeNull();
        expect((await store.getMetrics([a])).get(a)).toEqual({ validation_loss: 0.5, test_accuracy: 0.9 });
        expect(await store.getCurve(a)).toEqual([
          { epoch: 0, key: 'train_loss', value: 1 },
          { epoch: 1, key: 'train_loss', value: 0.5 },
          { epoch: 0, key: 'validation_loss', value: 1.2 },
          { epoch: 1, key: 'validation_loss', value: 0.6 },
        ]);

        expect(await store.finishTrial(a, me, result({ status: 'failed', metrics: { validation_loss: 9 } }))).toBe(false);
        expect((await store.getTrial(a))!.status).toBe('completed');
        expect((await store.getMetrics([a])).get(a)).toEqual({ validation_loss: 0.5, test_accuracy: 0.9 });
      });

      it('keeps NaN and infinities of a diverged run', async () => {
        const { trials } = await sweepWithTrials(1);
        const id = trials[0]!.id;
        await store.claimTrial(id, me);
        await store.finishTrial(id, me, result({
          status: 'diverged',
          metrics: { train_loss: Number.NaN, validation_loss: Number.POSITIVE_INFINITY, zero_fraction: 0 },
          curve: [{ epoch: 0, key: 'train_loss', value: 3 }, { epoch: 1, key: 'train_loss', value: Number.NaN }],
          summary: undefined,
        }));
        expect((await store.getMetrics([id])).get(id)).toEqual({ train_loss: Number.NaN, validation_loss: Number.POSITIVE_INFINITY, zero_fraction: 0 });
        expect((await store.getCurve(id)).map((p) => p.value)).toEqual([3, Number.NaN]);
        expect((await store.getTrial(id))!.summary).toBeNull();
      });

      it('writes many metrics and curve points in chunks', async () => {
        const { trials } = await sweepWithTrials(1);
        const id = trials[0]!.id;
        const metrics = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`m_${String(i).padStart(4, '0')}`, i]));
        const curve = Array.from({ length: 20_000 }, (_, i) => ({ epoch: i, key: 'train_loss', value: 1 / (i + 1) }));
        await store.claimTrial(id, me);
        expect(await store.finishTrial(id, me, result({ metrics, curve }))).toBe(true);
        expect((await store.getMetrics([id])).get(id)).toEqual(metrics);
        expect(await store.getCurve(id)).toEqual(curve);
      });

      it('replaces an earlier attempt\'s metrics and curve when a retried trial finishes', async () => {
        const { sweep, trials } = await sweepWithTrials(1);
        const id = trials[0]!.id;
        await store.claimTrial(id, me);
        await store.finishTrial(id, me, result({ status: 'failed', error: 'nan at epoch 2', metrics: { validation_loss: 9, partial: 1 } }));
        expect(await store.requeue(sweep.id, { staleBefore: new Date(0) })).toBe(1);
        expect(await store.claimTrial(id, me)).toMatchObject({ attempts: 2, error: null });
        await store.finishTrial(id, me, result({ curve: [{ epoch: 0, key: 'train_loss', value: 7 }] }));
        expect((await store.getMetrics([id])).get(id)).toEqual({ validation_loss: 0.5, test_accuracy: 0.9 });
        expect(await store.getCurve(id)).toEqual([{ epoch: 0, key: 'train_loss', value: 7 }]);
        expect(await store.getTrial(id)).toMatchObject({ status: 'completed', attempts: 2, error: null });
      });

      it('refreshes heartbeats only for running trials of the given worker', async () => {
        const { trials } = await sweepWithTrials(3);
        const [a, b] = trials.map((t) => t.id) as [number, number];
        const claimedA = (await store.claimTrial(a, me))!;
        const claimedB = (await store.claimTrial(b, 'other:1'))!;
        await new Promise((r) => setTimeout(r, 5));
        await store.heartbeat([a, b], me);
        expect((await store.getTrial(a))!.heartbeatAt! > claimedA.heartbeatAt!).toBe(true);
        expect((await store.getTrial(b))!.heartbeatAt).toBe(claimedB.heartbeatAt);
        await store.heartbeat([], me);
      });

      it('marks a worker\'s running trials interrupted', async () => {
        const { trials } = await sweepWithTrials(3);
        const [a, b, c] = trials.map((t) => t.id) as [number, number, number];
        await store.claimTrial(a, me);
        await store.claimTrial(b, 'other:1');
        await store.interruptTrials([a, b, c], me);
        expect((await store.listTrials(trials[0]!.sweepId)).map((t) => t.status)).toEqual(['interrupted', 'running', 'queued']);
        expect(await store.listTrials(trials[0]!.sweepId, { status: ['interrupted', 'queued'] })).toHaveLength(2);
        expect(await store.listTrials(trials[0]!.sweepId, { status: [] })).toEqual([]);
      });
    });

    describe('requeue', () => {
      it('requeues failed and interrupted trials, clearing error and worker, but not completed or diverged ones', async () => {
        const { sweep, trials } = await sweepWithTrials(5);
        const ids = trials.map((t) => t.id);
        const ends: TrialResult['status'][] = ['failed', 'completed', 'diverged'];
        for (const [i, status] of ends.entries()) {
          await store.claimTrial(ids[i]!, me);
          await store.finishTrial(ids[i]!, me, result({ status, error: status === 'failed' ? 'out of memory' : null }));
        }
        await store.claimTrial(ids[3]!, me);
        await store.interruptTrials([ids[3]!], me);

        expect(await store.requeue(sweep.id, { staleBefore: new Date(0) })).toBe(2);
        const after = await store.listTrials(sweep.id);
        expect(after.map((t) => t.status)).toEqual(['queued', 'completed', 'diverged', 'queued', 'queued']);
        for (const t of [after[0]!, after[3]!]) {
          expect(t).toMatchObject({ error: null, worker: null, finishedAt: null, durationMs: null, attempts: 1 });
        }
        // Only the statuses asked for.
        expect(await store.requeue(sweep.id, { staleBefore: new Date(0), statuses: ['diverged'] })).toBe(1);
        expect((await store.getTrial(ids[2]!))!.status).toBe('queued');
      });

      it('requeues running trials whose heartbeat is stale, and leaves fresh ones', async () => {
        const { sweep, trials } = await sweepWithTrials(2);
        const [a, b] = trials.map((t) => t.id) as [number, number];
        await store.claimTrial(a, 'far-away-host:123');
        await store.claimTrial(b, 'far-away-host:456');
        expect(await store.requeue(sweep.id, { staleBefore: new Date(Date.now() - 60_000) })).toBe(0);
        // a's worker went quiet ten minutes ago (its last heartbeat, by a clock ten minutes behind); b's beat just now.
        await heartbeatTenMinutesAgo([a], 'far-away-host:123');
        expect(await store.requeue(sweep.id, { staleBefore: new Date(Date.now() - 60_000) })).toBe(1);
        expect(await store.getTrial(a)).toMatchObject({ status: 'queued', worker: null, heartbeatAt: null });
        expect((await store.getTrial(b))!.status).toBe('running');
      });

      it('requeues running trials of a dead process on this host at once, but not of a live one', async () => {
        const { sweep, trials } = await sweepWithTrials(3);
        const [a, b, c] = trials.map((t) => t.id) as [number, number, number];
        const pid = await deadPid();
        await store.claimTrial(a, `${hostname()}:${pid}`);
        await store.claimTrial(b, me); // this process: alive
        await store.claimTrial(c, `another-host:${pid}`); // same pid number, other host: heartbeat decides
        expect(await store.requeue(sweep.id, { staleBefore: new Date(0) })).toBe(1);
        expect((await store.listTrials(sweep.id)).map((t) => t.status)).toEqual(['queued', 'running', 'running']);
      });
    });

    describe('requeueStale', () => {
      it('requeues stale running trials of every sweep, or of one, and leaves failed and interrupted ones', async () => {
        const { sweep: a } = await store.upsertSweep(newSweep({ name: 'a' }));
        const { sweep: b } = await store.upsertSweep(newSweep({ name: 'b' }));
        await store.addTrials(a.id, newTrials(3));
        await store.addTrials(b.id, newTrials(2));
        const [a0, a1, a2] = (await store.listTrials(a.id)).map((t) => t.id) as [number, number, number];
        const [b0, b1] = (await store.listTrials(b.id)).map((t) => t.id) as [number, number];
        for (const id of [a0, a1, a2, b0, b1]) await store.claimTrial(id, 'far-away-host:7');
        await store.finishTrial(a1, 'far-away-host:7', result({ status: 'failed', error: 'boom' }));
        await store.interruptTrials([a2], 'far-away-host:7');
        await heartbeatTenMinutesAgo([a0, b0], 'far-away-host:7');
        const staleBefore = new Date(Date.now() - 60_000);

        expect(await store.requeueStale({ staleBefore, sweepId: b.id })).toBe(1);
        expect((await store.getTrial(a0))!.status).toBe('running');
        expect(await store.getTrial(b0)).toMatchObject({ status: 'queued', worker: null, heartbeatAt: null });
        expect(await store.requeueStale({ staleBefore })).toBe(1);
        expect((await store.listTrials(a.id)).map((t) => t.status)).toEqual(['queued', 'failed', 'interrupted']);
        expect((await store.getTrial(b1))!.status).toBe('running');
        expect(await store.requeueStale({ staleBefore })).toBe(0);
      });
    });

    describe('params', () => {
      it('round-trips numbers, strings, booleans and null with their types', async () => {
        const { sweep } = await store.upsertSweep(newSweep());
        const params = { lambda: 0.001, 'model.hidden': 16, penalty: 'l1', bias: false, useBias: true, dropout: null, neg: -2.5e-12, empty: '' };
        await store.addTrials(sweep.id, [{ trialKey: 't', config: {}, seed: 1, params }]);
        const [trial] = await store.listTrials(sweep.id);
        const got = (await store.getParams([trial!.id, 424_242])).get(trial!.id);
        expect(got).toStrictEqual(params);
        expect((await store.getParams([424_242])).get(424_242)).toEqual({});
        expect(typeof got!.bias).toBe('boolean');
      });

      it('answers numeric range and text queries on params (queryTrials, countTrials)', async () => {
        const { sweep } = await store.upsertSweep(newSweep());
        await store.addTrials(sweep.id, newTrials(20)); // lambda = i / 100
        const rows = await store.queryTrials({ sweep: sweep.name, where: 'params.lambda >= 0.05 and params.lambda < 0.08', sort: 'params.lambda' });
        expect(rows.map((r) => r.trialKey)).toEqual(['key-5', 'key-6', 'key-7']);
        expect(await store.countTrials({ sweep: sweep.name, where: "params.penalty = 'l1'" })).toBe(10);
      });

      it('reads params and metrics of many trials at once', async () => {
        const { sweep } = await store.upsertSweep(newSweep());
        await store.addTrials(sweep.id, newTrials(1500));
        const trials = await store.listTrials(sweep.id);
        const params = await store.getParams(trials.map((t) => t.id));
        expect(params.size).toBe(1500);
        expect(params.get(trials[1499]!.id)!.lambda).toBe(14.99);
      });
    });

    describe('configurations asked one at a time', () => {
      /** Two trials (seeds 1 and 2) per configuration, the number as a param; records what propose saw. */
      const seen: Array<{ n: number; configs: RecordedConfiguration[] }> = [];
      const propose = (configs: RecordedConfiguration[], n: number): NewTrial[] => {
        seen.push({ n, configs });
        return [1, 2].map((seed) => ({ trialKey: `c${n}-s${seed}`, config: { n, seed }, seed, params: { n, kind: n % 2 ? 'l1' : 'l2', lambda: n % 2 ? null : n / 10 } }));
      };
      beforeEach(() => {
        seen.length = 0;
      });

      it('numbers configurations 1, 2, 3 and refuses past the budget; each inserts its trials, queued and numbered', async () => {
        const { sweep } = await store.upsertSweep(newSweep());
        const asked = [];
        for (let i = 0; i < 4; i++) asked.push(await store.askConfiguration(sweep.id, { budget: 3, propose }));
        expect(asked.map((a) => a?.number ?? null)).toEqual([1, 2, 3, null]);
        expect(seen.map((s) => s.n)).toEqual([1, 2, 3]);
        const trials = await store.listTrials(sweep.id);
        expect(trials.map((t) => [t.configNumber, t.seed, t.status])).toEqual([[1, 1, 'queued'], [1, 2, 'queued'], [2, 1, 'queued'], [2, 2, 'queued'], [3, 1, 'queued'], [3, 2, 'queued']]);
        expect(asked[1]!.trialIds).toEqual([trials[2]!.id, trials[3]!.id]);
        expect((await store.getTrial(trials[5]!.id))!.configNumber).toBe(3);
        expect(await store.countConfigurations()).toEqual(new Map([[sweep.id, 3]]));
        expect((await store.getParams([trials[2]!.id])).get(trials[2]!.id)).toEqual({ n: 2, kind: 'l2', lambda: 0.2 });
      });

      it('propose sees every configuration before it: params, and per seed the status and the objective metric', async () => {
        const { sweep } = await store.upsertSweep(newSweep());
        await store.askConfiguration(sweep.id, { budget: 10, propose });
        await store.askConfiguration(sweep.id, { budget: 10, propose });
        const [a1, a2, b1] = await store.listTrials(sweep.id);
        for (const t of [a1!, a2!, b1!]) await store.claimTrial(t.id, me);
        await store.finishTrial(a1!.id, me, result({ metrics: { validation_loss: 0.25 } }));
        await store.finishTrial(a2!.id, me, result({ status: 'diverged', metrics: {} }));
        await store.askConfiguration(sweep.id, { budget: 10, propose });
        expect(seen[2]!.n).toBe(3);
        expect(seen[2]!.configs).toEqual([
          { number: 1, params: { n: 1, kind: 'l1', lambda: null }, trials: [{ seed: 1, status: 'completed', objective: 0.25 }, { seed: 2, status: 'diverged', objective: null }] },
          { number: 2, params: { n: 2, kind: 'l2', lambda: 0.2 }, trials: [{ seed: 1, status: 'running', objective: null }, { seed: 2, status: 'queued', objective: null }] },
        ]);
      });

      it('a proposal that throws records nothing; one that returns null records nothing and returns null', async () => {
        const { sweep } = await store.upsertSweep(newSweep());
        const error = await store.askConfiguration(sweep.id, { budget: 5, propose: () => { throw new Error('sampler broke'); } }).catch((e: unknown) => e);
        expect((error as Error).message).toBe('sampler broke');
        expect(await store.askConfiguration(sweep.id, { budget: 5, propose: () => null })).toBeNull();
        expect(await store.listTrials(sweep.id)).toEqual([]);
        expect((await store.askConfiguration(sweep.id, { budget: 5, propose }))!.number).toBe(1);
      });

      it('versions and sweeps count their own configurations; trials added up front have no number', async () => {
        const { sweep: v1 } = await store.upsertSweep(newSweep());
        const { sweep: v2 } = await store.upsertSweep(newSweep({ contentHash: 'hash-2' }));
        await store.askConfiguration(v1.id, { budget: 2, propose });
        expect((await store.askConfiguration(v2.id, { budget: 2, propose }))!.number).toBe(1);
        await store.addTrials(v2.id, newTrials(1));
        expect((await store.listTrials(v2.id)).map((t) => t.configNumber)).toEqual([1, 1, undefined]);
        expect(await store.countConfigurations()).toEqual(new Map([[v1.id, 1], [v2.id, 1]]));
      });

      it('a version whose trials were planned up front is not asked: null, propose not called, nothing recorded', async () => {
        // a random search recorded before random configurations were asked lazily: its trials have no number
        const { sweep } = await store.upsertSweep(newSweep());
        await store.addTrials(sweep.id, newTrials(2));
        expect(await store.askConfiguration(sweep.id, { budget: 5, propose })).toBeNull();
        expect(seen).toEqual([]);
        expect((await store.listTrials(sweep.id)).map((t) => t.configNumber)).toEqual([undefined, undefined]);
        expect(await store.countConfigurations()).toEqual(new Map());
      });

      it('4 askers at once on one store share one budget: numbers 1..30, each once', async () => {
        // On PostgreSQL each ask takes its own pooled connection; on SQLite they queue for the one connection.
        const { sweep } = await store.upsertSweep(newSweep());
        const numbers = await Promise.all(Array.from({ length: 4 }, async () => {
          const mine: number[] = [];
          for (let a; (a = await store.askConfiguration(sweep.id, { budget: 30, propose }));) mine.push(a.number);
          return mine;
        }));
        expect(numbers.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
        expect(await store.listTrials(sweep.id)).toHaveLength(60);
      });

      it('two processes asking at once share one budget: no number asked twice, none past the budget', async () => {
        const { sweep } = await store.upsertSweep(newSweep());
        const children = [0, 1].map(() => spawnTs(storeWorkerScript, ['ask', fixture.location, String(sweep.id), '40']));
        const results = children.map(collect);
        await Promise.all(children.map((c) => waitForLine(c, 'ready')));
        for (const child of children) child.stdin!.write('go\n');
        const outcomes = await Promise.all(results);
        for (const o of outcomes) expect(o.code, o.stderr).toBe(0);
        const numbers = outcomes.map((o) => (JSON.parse(o.stdout.trim().split('\n').at(-1)!) as { numbers: number[] }).numbers);
        expect(numbers.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
        const trials = await store.listTrials(sweep.id);
        expect(trials).toHaveLength(80);
        expect(new Set(trials.map((t) => `${t.configNumber}/${t.seed}`)).size).toBe(80);
      });
    });

    describe('several connections', () => {
      it('8 connections claiming 200 trials with claimNext at once claim each trial exactly once', async () => {
        const { sweep } = await sweepWithTrials(200);
        const claimers = await Promise.all(Array.from({ length: 8 }, () => openStore(fixture.location)));
        try {
          const claimed = await Promise.all(claimers.map(async (claimer, i) => {
            const ids: number[] = [];
            for (let t; (t = await claimer.claimNext(`claimer-${i}:1`, { sweepId: sweep.id }));) {
              expect(t.worker).toBe(`claimer-${i}:1`);
              ids.push(t.id);
            }
            return ids;
          }));
          const all = claimed.flat();
          expect(all).toHaveLength(200);
          expect(new Set(all).size).toBe(200);
          const after = await store.listTrials(sweep.id);
          expect(after.every((t) => t.status === 'running' && t.attempts === 1)).toBe(true);
          for (const [i, ids] of claimed.entries()) {
            for (const id of ids) expect(after.find((t) => t.id === id)!.worker).toBe(`claimer-${i}:1`);
          }
        } finally {
          await Promise.all(claimers.map((c) => c.close()));
        }
      });
    });

    describe('several processes', () => {
      // Processes, not connections of this one: better-sqlite3 blocks the thread while it waits for the
      // lock, so two of its connections in one process would wait for each other.
      it('processes recording the same new sweep at once get one version, created once, and its trials once', async () => {
        const children = Array.from({ length: 4 }, () => spawnTs(storeWorkerScript, ['upsert', fixture.location]));
        const results = children.map(collect);
        await Promise.all(children.map((c) => waitForLine(c, 'ready')));
        for (const child of children) child.stdin!.write('go\n');
        const outcomes = await Promise.all(results);
        for (const o of outcomes) expect(o.code, o.stderr).toBe(0);
        const reports = outcomes.map((o) => JSON.parse(o.stdout.trim().split('\n').at(-1)!) as { sweepId: number; created: boolean; added: number });
        expect(new Set(reports.map((r) => r.sweepId)).size).toBe(1);
        expect(reports.filter((r) => r.created)).toHaveLength(1);
        expect(reports.reduce((n, r) => n + r.added, 0)).toBe(50);
        expect(await store.listTrials(reports[0]!.sweepId)).toHaveLength(50);
        expect((await store.listSweeps()).map((s) => [s.sweep.name, s.sweep.version])).toEqual([['raced', 1]]);
      });

      it('two processes claiming and finishing the same sweep finish every trial exactly once', async () => {
        const { sweep, trials } = await sweepWithTrials(300);
        const children = [0, 1].map(() => spawnTs(storeWorkerScript, ['claim', fixture.location, String(sweep.id)]));
        const results = children.map(collect);
        await Promise.all(children.map((c) => waitForLine(c, 'ready')));
        for (const child of children) child.stdin!.write('go\n');
        const outcomes = await Promise.all(results);
        for (const o of outcomes) {
          expect(o.stderr).not.toMatch(/SQLITE_BUSY|locked/i);
          expect(o.code, o.stderr).toBe(0);
        }
        const reports = outcomes.map((o) => JSON.parse(o.stdout.trim().split('\n').at(-1)!) as { worker: string; finished: number[]; lost: number });
        const finished = reports.flatMap((r) => r.finished);
        expect(finished).toHaveLength(trials.length);
        expect(new Set(finished)).toEqual(new Set(trials.map((t) => t.id)));
        // Both really worked (not one after the other finished everything).
        expect(reports.every((r) => r.finished.length > 0)).toBe(true);

        const after = await store.listTrials(sweep.id);
        expect(after.every((t) => t.status === 'completed' && t.attempts === 1)).toBe(true);
        const owners = new Set(after.map((t) => t.worker));
        expect(owners).toEqual(new Set(reports.map((r) => r.worker)));
        const metrics = await store.getMetrics(after.map((t) => t.id));
        for (const t of after) expect(metrics.get(t.id)!.validation_loss).toBeCloseTo(t.seed / 1000, 12);
      });
    });

    describe('reads for views and reports', () => {
      it('lists outcomes, counts by status and running, and reads many curves at once', async () => {
        const { sweep, trials } = await sweepWithTrials(4);
        const [a, b, c] = trials.map((t) => t.id) as [number, number, number];
        await store.claimTrial(a, me);
        await store.claimTrial(b, me);
        await store.claimTrial(c, me);
        await store.finishTrial(a, me, result());
        await store.finishTrial(b, me, result({ status: 'diverged', curve: [{ epoch: 3, key: 'train_loss', value: Number.NaN }] }));
        const zero = Object.fromEntries(TRIAL_STATUSES.map((st) => [st, 0])) as Record<TrialStatus, number>;
        expect(await store.countByStatus(sweep.id)).toEqual({ ...zero, completed: 1, diverged: 1, running: 1, queued: 1 });
        expect(await store.countRunning(sweep.id)).toBe(1);
        expect(await store.countRunning()).toBe(1);
        expect(await store.countRunning(sweep.id + 1000)).toBe(0);
        expect(await store.trialOutcomes(sweep.id)).toEqual(trials.map((t, i) => ({
          id: t.id, seed: t.seed, status: ['completed', 'diverged', 'running', 'queued'][i],
        })));
        const curves = await store.getCurves([b, a, 424_242]);
        expect([...curves.keys()]).toEqual([b, a, 424_242]);
        expect(curves.get(a)).toEqual([...result().curve].sort((x, y) => x.key.localeCompare(y.key) || x.epoch - y.epoch));
        expect(curves.get(b)![0]!.value).toBeNaN();
        expect(curves.get(424_242)).toEqual([]);
      });

      it('reads a sweep as columns: params once per configuration, metric keys as arrays in trial order', async () => {
        const { sweep } = await store.upsertSweep(newSweep());
        const { sweep: other } = await store.upsertSweep(newSweep({ name: 'other' }));
        const configs = [{ kind: 'l2', lambda: 0.001, wide: true }, { kind: 'none', lambda: null, wide: false }, { kind: 'l1', lambda: 1e-5, wide: true }];
        // seeds 1 and 2 of each configuration, interleaved (ids: c0s1 c1s1 c2s1 c0s2 ...), and one trial without params
        const trials: NewTrial[] = [1, 2].flatMap((seed) => configs.map((params, c) => ({ trialKey: `c${c}-s${seed}`, config: {}, seed, params })));
        trials.push({ trialKey: 'bare', config: {}, seed: 3, params: {} });
        await store.addTrials(sweep.id, trials);
        await store.addTrials(other.id, [{ trialKey: 'x', config: {}, seed: 1, params: { kind: 'l2', lambda: 0.001, wide: true } }]);
        const ids = (await store.listTrials(sweep.id)).map((t) => t.id);
        const values = [0.5, Number.NaN, Number.POSITIVE_INFINITY, 0.25];
        for (const [i, id] of ids.slice(0, 4).entries()) {
          await store.claimTrial(id, me);
          await store.finishTrial(id, me, result({ status: i === 1 ? 'pruned' : 'completed', metrics: { validation_loss: values[i]!, ...(i === 0 ? { test_accuracy: 0.75 } : {}) } }));
        }
        await store.claimTrial(ids[4]!, me);

        const columns = await store.sweepColumns(sweep.id, ['validation_loss', 'test_accuracy', 'validation_loss', 'no_such_key']);
        expect(columns.ids).toEqual(ids);
        expect(columns.seeds).toEqual([1, 1, 1, 2, 2, 2, 3]);
        expect(columns.statuses).toEqual(['completed', 'pruned', 'completed', 'completed', 'running', 'queued', 'queued']);
        // result() finishes a trial with 4 curve points; the running and queued trials have none yet
        expect(columns.curvePoints).toEqual([4, 4, 4, 4, 0, 0, 0]);
        expect(columns.paramSets).toEqual([...configs, {}]);
        expect([...columns.paramSetOf]).toEqual([0, 1, 2, 0, 1, 2, 3]);
        // one object per configuration, whichever seed
        expect(columns.paramSets[columns.paramSetOf[3]!]).toBe(columns.paramSets[columns.paramSetOf[0]!]);
        expect([...columns.metrics.keys()]).toEqual(['validation_loss', 'test_accuracy', 'no_such_key']);
        expect([...columns.metrics.get('validation_loss')!]).toEqual([...values, Number.NaN, Number.NaN, Number.NaN]);
        expect([...columns.metrics.get('test_accuracy')!]).toEqual([0.75, ...Array(6).fill(Number.NaN)]);
        expect([...columns.metrics.get('no_such_key')!]).toEqual(Array(7).fill(Number.NaN));

        const empty = (await store.upsertSweep(newSweep({ name: 'empty' }))).sweep;
        expect(await store.sweepColumns(empty.id, ['validation_loss'])).toEqual({
          ids: [], seeds: [], statuses: [], curvePoints: [], paramSets: [], paramSetOf: new Int32Array(0), metrics: new Map([['validation_loss', new Float64Array(0)]]),
        });
      });

      it('queries trials with a filter, counts them, names their fields and pages through them', async () => {
        const { sweep, trials } = await sweepWithTrials(7);
        for (const t of trials) {
          await store.claimTrial(t.id, me);
          await store.finishTrial(t.id, me, result({ metrics: { validation_loss: t.seed / 1000, test_accuracy: 0.5 } }));
        }
        const l2 = await store.queryTrials({ sweep: sweep.name, where: "params.penalty = 'l2'", sort: 'metrics.validation_loss', desc: true, limit: 2 });
        expect(l2.map((t) => t.trialKey)).toEqual(['key-6', 'key-4']);
        expect(l2[0]!.objective).toEqual({ metric: 'validation_loss', direction: 'minimize', value: 1.006 });
        expect(await store.countTrials({ sweep: sweep.name, where: "params.penalty = 'l2'" })).toBe(4);
        expect(await store.trialFieldNames({ sweep: sweep.name })).toEqual({
          params: ['bias', 'dropout', 'lambda', 'model.hidden', 'penalty'], metrics: ['test_accuracy', 'validation_loss'],
        });
        const batches: number[][] = [];
        for await (const batch of store.trialBatches({ sweep: sweep.name }, 3)) batches.push(batch.map((t) => t.id));
        const ids = trials.map((t) => t.id);
        expect(batches).toEqual([ids.slice(0, 3), ids.slice(3, 6), ids.slice(6)]);
      });
    });

    describe('curve points while a trial runs', () => {
      it('appends points only from the worker that owns the running trial, and keeps them when it finishes', async () => {
        const { trials } = await sweepWithTrials(1);
        const id = trials[0]!.id;
        const p = (epoch: number, value: number) => ({ epoch, key: 'validation_loss', value });
        expect(await store.appendCurve(id, me, [p(1, 0.9)])).toBe(false); // queued: nobody owns it
        await store.claimTrial(id, me);
        expect(await store.appendCurve(id, me, [p(1, 0.9), p(2, 0.8)])).toBe(true);
        expect(await store.appendCurve(id, 'someone-else:1', [p(3, 0.1)])).toBe(false);
        expect(await store.getCurve(id)).toEqual([p(1, 0.9), p(2, 0.8)]);
        expect(await store.finishTrial(id, me, result({ curve: [p(3, 0.7)] }))).toBe(true);
        expect(await store.getCurve(id)).toEqual([p(1, 0.9), p(2, 0.8), p(3, 0.7)]);
        expect(await store.appendCurve(id, me, [p(4, 0.6)])).toBe(false); // finished
        expect(await store.getCurve(id)).toHaveLength(3);
      });

      it('starts a retry under the same claim, and a trial claimed again, with an empty curve', async () => {
        const { sweep, trials } = await sweepWithTrials(1);
        const id = trials[0]!.id;
        const p = (epoch: number, value: number) => ({ epoch, key: 'validation_loss', value });
        await store.claimTrial(id, me);
        await store.appendCurve(id, me, [p(1, 0.9), p(2, 0.8)]);
        expect(await store.appendCurve(id, me, [p(1, 0.5)], { restart: true })).toBe(true);
        expect(await store.getCurve(id)).toEqual([p(1, 0.5)]);
        await store.interruptTrials([id], me);
        expect(await store.requeue(sweep.id, { staleBefore: new Date(0) })).toBe(1);
        expect(await store.getCurve(id)).toEqual([p(1, 0.5)]); // kept until the trial runs again
        expect((await store.claimNext(me, { sweepId: sweep.id }))!.attempts).toBe(2);
        expect(await store.getCurve(id)).toEqual([]);
      });
    });

    describe('pruning and racing', () => {
      it('reads one key at one epoch across the sweep\'s trials, running or ended, with seeds and statuses', async () => {
        const { sweep, trials } = await sweepWithTrials(4);
        const [a, b, c, d] = trials.map((t) => t.id) as [number, number, number, number];
        const p = (epoch: number, key: string, value: number) => ({ epoch, key, value });
        for (const id of [a, b, c]) await store.claimTrial(id, me);
        await store.appendCurve(a, me, [p(10, 'validation_loss', 0.7), p(10, 'train_loss', 0.1), p(20, 'validation_loss', 0.5)]);
        await store.appendCurve(b, me, [p(10, 'validation_loss', Number.NaN)]);
        await store.finishTrial(c, me, result({ status: 'pruned', curve: [p(10, 'validation_loss', 0.9)], summary: { stoppedEpoch: 10 } }));
        // another sweep's trial at the same key and epoch is not read
        const other = await store.upsertSweep(newSweep({ name: 'other' }));
        await store.addTrials(other.sweep.id, newTrials(1, 50));
        const o = (await store.claimNext(me, { sweepId: other.sweep.id }))!;
        await store.appendCurve(o.id, me, [p(10, 'validation_loss', 0.1)]);

        const at10 = await store.curveValuesAt(sweep.id, 'validation_loss', 10);
        expect(at10.map(({ value, ...rest }) => rest)).toEqual([
          { trialId: a, seed: 1000, status: 'running' },
          { trialId: b, seed: 1001, status: 'running' },
          { trialId: c, seed: 1002, status: 'pruned' },
        ]);
        expect(at10.map((v) => v.value)).toEqual([0.7, Number.NaN, 0.9]);
        expect(await store.curveValuesAt(sweep.id, 'validation_loss', 20)).toEqual([{ trialId: a, seed: 1000, status: 'running', value: 0.5 }]);
        expect(await store.curveValuesAt(sweep.id, 'validation_loss', 30)).toEqual([]);
        expect(await store.curveValuesAt(sweep.id, 'test_loss', 10)).toEqual([]);
        expect(d).toBeGreaterThan(c);
      });

      it('records queued trials raced-out at once, leaves claimed and ended ones alone, and never re-queues them', async () => {
        const { sweep, trials } = await sweepWithTrials(5);
        const [a, b, c, d, e] = trials.map((t) => t.id) as [number, number, number, number, number];
        await store.claimTrial(b, me);
        await store.claimTrial(c, me);
        await store.finishTrial(c, me, result());
        const other = await store.upsertSweep(newSweep({ name: 'other' }));
        await store.addTrials(other.sweep.id, newTrials(1, 50));
        const [o] = await store.listTrials(other.sweep.id);

        // b is running (its owner stops it), c completed, o another sweep's: only a and d change
        expect(await store.raceOut(sweep.id, [a, b, c, d, o!.id])).toBe(2);
        expect((await store.listTrials(sweep.id)).map((t) => [t.id, t.status])).toEqual([
          [a, 'raced-out'], [b, 'running'], [c, 'completed'], [d, 'raced-out'], [e, 'queued'],
        ]);
        expect((await store.getTrial(a))!.finishedAt).not.toBeNull();
        expect((await store.getTrial(o!.id))!.status).toBe('queued');
        expect(await store.raceOut(sweep.id, [a, d])).toBe(0);
        expect(await store.raceOut(sweep.id, [])).toBe(0);
        // the change feed sees them; a resume re-queues failed and interrupted trials, not raced-out ones
        expect(await store.requeue(sweep.id, { staleBefore: new Date(0) })).toBe(0);
        expect((await store.claimNext(me, { sweepId: sweep.id }))!.id).toBe(e);
        expect(await store.claimNext(me, { sweepId: sweep.id })).toBeUndefined();
        const counts = await store.countByStatus(sweep.id);
        expect(counts).toMatchObject({ 'raced-out': 2, running: 2, completed: 1, queued: 0 });
      });

      it('reads the stopped trials with their planned epochs and the epoch they stopped at, by sweep or by id', async () => {
        const { sweep } = await store.upsertSweep(newSweep());
        const planned = (epochs: unknown, i: number): NewTrial => ({ trialKey: `e-${i}`, config: { training: { epochs, lr: 0.1 }, seed: i }, seed: i, params: { i } });
        // planned 40, 60, 40, 40, 40; the last two: epochs not a number, and none at all
        await store.addTrials(sweep.id, [planned(40, 1), planned(60, 2), planned(40, 3), planned(40, 4), planned(40, 5), planned('40', 6), { ...planned(0, 7), config: { seed: 7 } }]);
        const [a, b, c, d, e, f, g] = (await store.listTrials(sweep.id)).map((t) => t.id) as [number, number, number, number, number, number, number];
        const other = await store.upsertSweep(newSweep({ name: 'other' }));
        await store.addTrials(other.sweep.id, [planned(30, 50)]);
        const [o] = await store.listTrials(other.sweep.id);
        const stop = async (id: number, status: 'pruned' | 'raced-out' | 'completed', stoppedEpoch?: number) => {
          await store.claimTrial(id, me);
          await store.finishTrial(id, me, result({ status, summary: stoppedEpoch === undefined ? null : { stoppedEpoch, bestEpoch: 1 } }));
        };
        await stop(a, 'pruned', 10); // a: pruned at its 10th epoch of 40
        await stop(b, 'raced-out', 25); // b: raced out while it ran, at 25 of 60
        expect(await store.raceOut(sweep.id, [c, f, g])).toBe(3); // c, f, g: raced out before they ran
        await stop(d, 'completed'); // d: ran to its end; e: still queued
        await stop(o!.id, 'pruned', 3);

        const row = (id: number, status: string, plannedEpochs: number | null, stoppedEpoch: number | null, sweepId = sweep.id) => ({ id, sweepId, status, plannedEpochs, stoppedEpoch });
        const expected = [row(a, 'pruned', 40, 10), row(b, 'raced-out', 60, 25), row(c, 'raced-out', 40, null), row(f, 'raced-out', null, null), row(g, 'raced-out', null, null)];
        const ofSweep = await store.stoppedTrials({ sweepId: sweep.id });
        expect(ofSweep).toEqual(expected);
        // epochs saved, by hand: 40 - 10, 60 - 25, all 40 of c; unknown for f and g
        expect(ofSweep.map((t) => epochsSaved(t))).toEqual([30, 35, 40, null, null]);
        expect(await store.stoppedTrials()).toEqual([...expected, row(o!.id, 'pruned', 30, 3, other.sweep.id)]);
        // by id: completed (d) and queued (e) trials are not stopped ones
        expect(await store.stoppedTrials({ trialIds: [o!.id, d, e, c, a] })).toEqual([row(a, 'pruned', 40, 10), row(c, 'raced-out', 40, null), row(o!.id, 'pruned', 30, 3, other.sweep.id)]);
        expect(await store.stoppedTrials({ trialIds: [] })).toEqual([]);
        expect(await store.stoppedTrials({ sweepId: sweep.id, trialIds: [o!.id, a] })).toEqual([row(a, 'pruned', 40, 10)]);
      });

      it('a pruned trial keeps its curve and metrics and is not re-queued', async () => {
        const { sweep, trials } = await sweepWithTrials(1);
        const id = trials[0]!.id;
        const p = (epoch: number, value: number) => ({ epoch, key: 'validation_loss', value });
        await store.claimTrial(id, me);
        await store.appendCurve(id, me, [p(10, 0.9)]);
        expect(await store.finishTrial(id, me, result({ status: 'pruned', metrics: { validation_loss: 0.8 }, curve: [p(20, 0.8)], summary: { stoppedEpoch: 20 } }))).toBe(true);
        expect(await store.getTrial(id)).toMatchObject({ status: 'pruned', summary: { stoppedEpoch: 20 } });
        expect(await store.getCurve(id)).toEqual([p(10, 0.9), p(20, 0.8)]);
        expect((await store.getMetrics([id])).get(id)).toEqual({ validation_loss: 0.8 });
        expect(await store.requeue(sweep.id, { staleBefore: new Date(Date.now() + 60_000) })).toBe(0);
      });
    });

    describe('changesSince', () => {
      it('reports nothing without a cursor, then new sweeps and every change of a trial with its revision and curve size', async () => {
        const first = await store.changesSince();
        expect(first).toMatchObject({ sweeps: [], trials: [] });
        const { sweep, trials } = await sweepWithTrials(2);
        const [a, b] = trials.map((t) => t.id) as [number, number];
        const added = await store.changesSince(first.cursor);
        expect(added.sweeps.map((s) => s.id)).toEqual([sweep.id]);
        expect(added.trials.map((t) => [t.id, t.status, t.revision, t.curvePoints])).toEqual([[a, 'queued', 0, 0], [b, 'queued', 0, 0]]);

        await store.claimTrial(a, me);
        await store.appendCurve(a, me, [{ epoch: 1, key: 'train_loss', value: 1 }, { epoch: 1, key: 'validation_loss', value: 2 }]);
        const running = await store.changesSince(added.cursor);
        expect(running.sweeps).toEqual([]);
        const byId = new Map(running.trials.map((t) => [t.id, t]));
        expect(byId.get(a)).toMatchObject({ sweepId: sweep.id, status: 'running', revision: 2, curvePoints: 2 });
        // b did not change after the last cursor; within the overlap it may be reported again, unchanged.
        if (byId.has(b)) expect(byId.get(b)).toMatchObject({ status: 'queued', revision: 0 });
        await store.finishTrial(a, me, result());
        const done = await store.changesSince(running.cursor);
        expect(done.trials.find((t) => t.id === a)).toMatchObject({ status: 'completed', revision: 3, curvePoints: 6 });
        expect(Date.parse(done.trials.find((t) => t.id === a)!.updatedAt)).toBeGreaterThan(Date.now() - 60_000);
      });

      it('looks back no more than the overlap: a change older than that is not reported again', async () => {
        const { trials } = await sweepWithTrials(1);
        const at = (await store.changesSince()).cursor;
        const old = `${new Date(Date.now() + CHANGE_FEED_OVERLAP_MS + 60_000).toISOString()}~0`;
        expect((await store.changesSince(at)).trials.map((t) => t.id)).toEqual([trials[0]!.id]);
        expect((await store.changesSince(old)).trials).toEqual([]);
      });

      it('refuses a cursor it did not make, in words', async () => {
        const error = await store.changesSince('yesterday').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StoreError);
        expect((error as StoreError).message).toBe(
          'not a change-feed cursor: "yesterday"; pass the cursor the last changesSince call returned, or none',
        );
      });
    });
  });
}
