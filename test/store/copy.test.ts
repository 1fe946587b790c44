import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CopyError, copyStore, openStore, type CopyCounts, type OpenedStore } from '../../src/store/index.ts';
import { repoRoot, tempDir } from './helpers.ts';
import { createTestDatabase, describePostgres } from './postgres-fixture.ts';
import { newSweep, newTrials, result } from './storage-suite.ts';

/** A source with every kind of row: versions, all statuses, NaN and infinities, typed params, long curves. */
async function populate(store: OpenedStore): Promise<CopyCounts> {
  const me = 'copy-host:1';
  const { sweep: v1 } = await store.upsertSweep(newSweep());
  const { sweep: v2 } = await store.upsertSweep(newSweep({ contentHash: 'hash-2', spec: { changed: true } }));
  const { sweep: acc } = await store.upsertSweep(newSweep({ name: 'acc', objectiveMetric: 'test_accuracy', objectiveDirection: 'maximize', gitCommit: null }));
  await store.upsertSweep(newSweep({ name: 'empty' }));
  await store.addTrials(v1.id, newTrials(30));
  await store.addTrials(v2.id, newTrials(12, 100));
  await store.addTrials(acc.id, newTrials(7, 200));

  const [t0, t1, t2, t3, t4, t5, ...rest] = await store.listTrials(v1.id);
  await store.claimTrial(t0!.id, me);
  await store.finishTrial(t0!.id, me, result({
    curve: Array.from({ length: 120 }, (_, epoch) => ({ epoch, key: 'train_loss', value: 1 / (epoch + 1) })),
  }));
  await store.claimTrial(t1!.id, me);
  await store.finishTrial(t1!.id, me, result({
    status: 'diverged',
    metrics: { train_loss: Number.NaN, validation_loss: Number.POSITIVE_INFINITY, neg: Number.NEGATIVE_INFINITY },
    curve: [{ epoch: 0, key: 'train_loss', value: 3 }, { epoch: 1, key: 'train_loss', value: Number.NaN }],
    summary: undefined,
  }));
  await store.claimTrial(t2!.id, me);
  await store.finishTrial(t2!.id, me, result({ status: 'failed', error: 'out of memory', metrics: {}, curve: [] }));
  await store.claimTrial(t3!.id, 'far-away-host:42'); // still running
  await store.claimTrial(t4!.id, me);
  await store.interruptTrials([t4!.id], me);
  // A retried trial: attempts 2.
  await store.claimTrial(t5!.id, me);
  await store.finishTrial(t5!.id, me, result({ status: 'failed', error: 'flaky' }));
  await store.requeue(v1.id, { staleBefore: new Date(0), statuses: ['failed'] });
  await store.claimTrial(t5!.id, me);
  await store.finishTrial(t5!.id, me, result({ metrics: { validation_loss: 0.25, test_accuracy: 0.95, extra: -1e-300 } }));
  for (const [i, t] of rest.slice(0, 10).entries()) {
    await store.claimTrial(t.id, me);
    await store.finishTrial(t.id, me, result({ metrics: { validation_loss: 0.3 + i / 100, test_accuracy: 0.8 }, durationMs: 1000 + i }));
  }
  for (const t of (await store.listTrials(acc.id)).slice(0, 4)) {
    await store.claimTrial(t.id, me);
    await store.finishTrial(t.id, me, result({ metrics: { test_accuracy: t.seed / 1000 } }));
  }
  let metrics = 0;
  let curvePoints = 0;
  for (const id of [v1.id, v2.id, acc.id]) {
    const ids = (await store.listTrials(id)).map((t) => t.id);
    for (const m of (await store.getMetrics(ids)).values()) metrics += Object.keys(m).length;
    for (const t of ids) curvePoints += (await store.getCurve(t)).length;
  }
  // Params: 5 per trial (newTrials).
  return { sweeps: 4, trials: 49, params: 49 * 5, metrics, curvePoints };
}

/** Everything a store holds, with ids dropped: sweeps by name and version, trials by key, in order. */
async function snapshot(store: OpenedStore) {
  const out = [];
  for (const summary of await store.listSweeps()) {
    const { id, ...sweep } = summary.sweep;
    const trials = await store.listTrials(id);
    expect(trials.every((t) => t.sweepId === id)).toBe(true);
    const ids = trials.map((t) => t.id);
    const [metrics, params] = [await store.getMetrics(ids), await store.getParams(ids)];
    const rows = [];
    for (const { id: trialId, sweepId: _, ...trial } of trials) {
      rows.push({ ...trial, metrics: metrics.get(trialId), params: params.get(trialId), curve: await store.getCurve(trialId) });
    }
    out.push({ ...summary, sweep, trials: rows });
  }
  return out;
}

function cli(...args: string[]) {
  return spawnSync(process.execPath, ['bin/regsweep.mjs', ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

let dir: string;
let remove: () => void;
const open: OpenedStore[] = [];
beforeEach(() => ({ dir, remove } = tempDir('regsweep-copy-')));
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
  remove();
});
async function sqlite(name: string, options: { migrate?: boolean } = {}): Promise<OpenedStore> {
  const store = await openStore(join(dir, name), options);
  open.push(store);
  return store;
}

describe('copying a database', () => {
  it('copies every sweep, trial, param, metric and curve point, in batches, keeping everything but ids', async () => {
    const source = await sqlite('source.db');
    const expected = await populate(source);
    const target = await sqlite('target.db');
    await target.upsertSweep(newSweep({ name: 'already-there' })); // ids in the target are shifted

    const steps: CopyCounts[] = [];
    const counts = await copyStore(source, target, { batchSize: 50, onProgress: (done) => steps.push(done) });
    expect(counts).toEqual(expected);
    expect(steps.at(-1)).toEqual(expected);
    // Read 50 rows at a time, except a trial with more rows than that (one trial's curve is never split).
    for (const [a, b] of steps.slice(1).map((s, i) => [steps[i]!, s] as const)) {
      expect(b.curvePoints - a.curvePoints).toBeLessThanOrEqual(120);
      expect(b.params - a.params).toBeLessThanOrEqual(50);
      expect(b.trials - a.trials).toBeLessThanOrEqual(50);
    }

    const copied = (await snapshot(target)).filter((s) => s.sweep.name !== 'already-there');
    expect(copied).toEqual(await snapshot(source));
    expect((await target.getSweep('l1-vs-l2', 1))!.id).not.toBe((await source.getSweep('l1-vs-l2', 1))!.id);
  });

  it('copies the configuration numbers of configurations asked one at a time (tpe)', async () => {
    const source = await sqlite('source.db');
    const { sweep } = await source.upsertSweep(newSweep({ name: 'tpe' }));
    for (let i = 0; i < 3; i++) {
      await source.askConfiguration(sweep.id, {
        budget: 5, propose: (_, n) => [1, 2].map((seed) => ({ trialKey: `c${n}-${seed}`, config: { n }, seed, params: { n } })),
      });
    }
    const target = await sqlite('target.db');
    expect(await copyStore(source, target)).toMatchObject({ sweeps: 1, trials: 6, params: 6 });
    const copied = (await target.getSweep('tpe'))!;
    expect((await target.listTrials(copied.id)).map((t) => [t.configNumber, t.seed])).toEqual([[1, 1], [1, 2], [2, 1], [2, 2], [3, 1], [3, 2]]);
    expect(await target.countConfigurations()).toEqual(new Map([[copied.id, 3]]));
    // and asking goes on from there
    expect((await target.askConfiguration(copied.id, { budget: 5, propose: (_, n) => [{ trialKey: `c${n}`, config: {}, seed: 1, params: {} }] }))!.number).toBe(4);
  });

  it('refuses a target that already holds a sweep version being copied, and leaves it unchanged', async () => {
    const source = await sqlite('source.db');
    await populate(source);
    const target = await sqlite('target.db');
    const { sweep } = await target.upsertSweep(newSweep({ name: 'acc' }));
    await target.addTrials(sweep.id, newTrials(3));
    const before = await snapshot(target);

    const error = await copyStore(source, target, { targetLabel: 'target.db' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CopyError);
    expect((error as CopyError).code).toBe('sweep-exists');
    expect((error as CopyError).message).toBe(
      'target.db already holds sweep acc version 1; nothing was copied. Copy into a new database, or one without these sweeps.',
    );
    expect(await snapshot(target)).toEqual(before);
  });

  it('refuses a source without regsweep tables', async () => {
    const source = await sqlite('empty.db', { migrate: false });
    const target = await sqlite('target.db');
    await expect(copyStore(source, target)).rejects.toThrow(
      'the source is not a regsweep database (it has no schema record); nothing was copied.',
    );
  });

  it('is a command: `regsweep db copy --from --to` prints the counts, and refuses a second copy into the same target', async () => {
    const source = await sqlite('source.db');
    const expected = await populate(source);
    const from = join(dir, 'source.db');
    const to = join(dir, 'copy.db');
    const first = cli('db', 'copy', '--from', from, '--to', to);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toBe(
      `copied 4 sweep versions, 49 trials, 245 params, ${expected.metrics} metrics and ${expected.curvePoints} curve points from ${from} to ${to}\n`,
    );
    expect(await snapshot(await sqlite('copy.db'))).toEqual(await snapshot(source));

    const again = cli('db', 'copy', '--from', from, '--to', to);
    expect(again.status).toBe(2);
    expect(again.stderr).toBe(
      `regsweep: ${to} already holds sweep l1-vs-l2 version 1 and 3 more of the versions being copied; nothing was copied. ` +
        'Copy into a new database, or one without these sweeps.\n',
    );
    const missing = cli('db', 'copy', '--from', join(dir, 'nope.db'), '--to', to);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(`regsweep: --from ${join(dir, 'nope.db')}: no such file\n`);
  });
});

describePostgres('copying between SQLite and PostgreSQL', () => {
  it('round-trips SQLite -> PostgreSQL -> SQLite with identical sweeps, trials, params, metrics and curves', async () => {
    const database = await createTestDatabase();
    try {
      const source = await sqlite('source.db');
      const expected = await populate(source);
      const middle = await openStore(database.url);
      open.push(middle);
      expect(await copyStore(source, middle, { batchSize: 40 })).toEqual(expected);
      const back = await sqlite('back.db');
      expect(await copyStore(middle, back, { batchSize: 40 })).toEqual(expected);

      const original = await snapshot(source);
      expect(await snapshot(middle)).toEqual(original);
      expect(await snapshot(back)).toEqual(original);
    } finally {
      for (const store of open.splice(0)) await store.close();
      await database.drop();
    }
  });

  it('copies with the command, naming the PostgreSQL target without its password', async () => {
    const database = await createTestDatabase();
    try {
      const source = await sqlite('source.db');
      const expected = await populate(source);
      const url = new URL(database.url);
      url.password = 'not-checked-s3cret'; // the test server trusts this user
      const result = cli('db', 'copy', '--from', join(dir, 'source.db'), '--to', url.toString());
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe(
        `copied 4 sweep versions, 49 trials, 245 params, ${expected.metrics} metrics and ${expected.curvePoints} curve points ` +
          `from ${join(dir, 'source.db')} to ${url.toString().replace(':not-checked-s3cret@', ':***@')}\n`,
      );
      const migrated = cli('db', 'migrate', '--db', url.toString());
      expect(migrated.stdout).toMatch(/^postgres:\/\/postgres:\*\*\*@.*: schema is up to date \(\d{4}-[a-z-]+\)\n$/);
    } finally {
      await database.drop();
    }
  });
});
