import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { type OpenedStore, openStore } from '../../src/store/index.ts';
import { loadSweep } from '../../src/sweep/load-sweep.ts';
import { planSweep } from '../../src/sweep/plan.ts';
import { type RunOptions, runSweep } from '../../src/sweep/runner.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'regsweep-runner-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let dbCount = 0;
const exec = promisify(execFile);

async function withDb<T>(fn: (store: OpenedStore, file: string) => Promise<T>): Promise<T> {
  const file = path.join(tmp, `t${dbCount++}.db`);
  const store = await openStore(file);
  try {
    return await fn(store, file);
  } finally {
    await store.close();
  }
}

async function run(fixture: string, store: OpenedStore, options: Partial<RunOptions> = {}) {
  const plan = planSweep(await loadSweep(`test/sweep/fixtures/${fixture}.ts`, root));
  return { plan, summary: await runSweep(plan, { storage: store, concurrency: 2, ...options }) };
}

async function metricsByKey(store: OpenedStore, sweepId: number) {
  const trials = await store.listTrials(sweepId);
  const metrics = await store.getMetrics(trials.map((t) => t.id));
  return new Map(trials.map((t) => [t.trialKey, metrics.get(t.id)]));
}

describe('runner', () => {
  it('runs a bring-your-own objective in the workers, records its curves, and records a throwing trial as failed', async () => {
    await withDb(async (store) => {
      const { summary } = await run('byo', store);
      expect(summary).toMatchObject({ total: 12, ran: 12, completed: 9, failed: 3 });
      const trials = await store.listTrials(summary.sweep.id);
      const params = await store.getParams(trials.map((t) => t.id));
      const metrics = await store.getMetrics(trials.map((t) => t.id));
      for (const t of trials) {
        const x = params.get(t.id)!['extra.x'] as number;
        if (x === 3) {
          expect(t.status).toBe('failed');
          expect(t.error).toContain('x = 3 is not allowed');
          continue;
        }
        expect(t.status).toBe('completed');
        const loss = (x - 1) ** 2 + t.seed / 100 + 1 / 5; // by hand from the fixture
        expect(metrics.get(t.id)).toEqual({ validation_loss: loss, test_loss: loss + 0.5 });
        expect((await store.getCurve(t.id)).map((p) => p.epoch)).toEqual([1, 2, 3, 4, 5]);
      }
      expect(summary.best).toBeCloseTo(0 + 0.01 + 0.2, 12); // x = 1, seed 1
    });
  });

  it('claims a trial only once its worker threads have loaded the sweep file, and starts no more threads than trials queued', async () => {
    await withDb(async (store) => {
      const loaded = path.join(tmp, 'slow-load-times.txt');
      process.env.REGSWEEP_TEST_LOADED = loaded;
      try {
        const { summary } = await run('slow-load', store, { concurrency: 4 });
        expect(summary).toMatchObject({ total: 2, completed: 2 });
        const loadedAt = readFileSync(loaded, 'utf8').trim().split('\n').map(Number);
        expect(loadedAt).toHaveLength(2); // 2 trials queued: 2 threads of the 4 allowed, each loading the file once
        // none was claimed (and stamped as started) before both threads were ready to run it
        for (const t of await store.listTrials(summary.sweep.id)) expect(Date.parse(t.startedAt!)).toBeGreaterThanOrEqual(Math.max(...loadedAt));
      } finally {
        delete process.env.REGSWEEP_TEST_LOADED;
      }
    });
  });

  it('records trials whose worker dies as failed, replaces the worker and finishes the sweep', async () => {
    await withDb(async (store) => {
      const { summary } = await run('crash', store);
      expect(summary).toMatchObject({ total: 8, completed: 4, failed: 4 });
      const failed = (await store.listTrials(summary.sweep.id)).filter((t) => t.status === 'failed').map((t) => t.error).sort();
      expect(failed).toEqual([
        'worker crashed: uncaught in worker', 'worker crashed: uncaught in worker',
        'worker exited with code 3', 'worker exited with code 3',
      ]);
    });
  });

  it('--retries: a failed attempt is tried again and only the final outcome is recorded', async () => {
    await withDb(async (store) => {
      const loaded = await loadSweep('test/sweep/fixtures/flaky.ts', root);
      const dir = mkdtempSync(path.join(tmp, 'flaky-'));
      loaded.config.extra = { ...loaded.config.extra, dir };
      const without = await runSweep(planSweep(loaded), { storage: store, concurrency: 2 });
      expect(without).toMatchObject({ completed: 0, failed: 3 });
      const dir2 = mkdtempSync(path.join(tmp, 'flaky-'));
      loaded.config.extra = { ...loaded.config.extra, dir: dir2 };
      const withRetries = await runSweep(planSweep(loaded), { storage: store, concurrency: 2, retries: 1 });
      expect(withRetries).toMatchObject({ completed: 3, failed: 0 });
    });
  });

  it('records a diverged trial as diverged, with the epoch', async () => {
    await withDb(async (store) => {
      const { summary } = await run('diverge', store);
      expect(summary).toMatchObject({ completed: 2, diverged: 2, failed: 0 });
      const diverged = (await store.listTrials(summary.sweep.id)).filter((t) => t.status === 'diverged');
      for (const t of diverged) expect(t.error).toMatch(/^diverged at epoch \d+$/);
    });
  });

  it('gives identical metrics per trial in parallel and sequentially', async () => {
    const seq = await withDb(async (store) => metricsByKey(store, (await run('small-grid', store, { concurrency: 1 })).summary.sweep.id));
    const par = await withDb(async (store) => metricsByKey(store, (await run('small-grid', store, { concurrency: 2 })).summary.sweep.id));
    expect(seq.size).toBe(10);
    expect(par).toEqual(seq);
  });

  it('resumes an interrupted sweep, running only the trials not done', async () => {
    await withDb(async (store) => {
      const controller = new AbortController();
      let seen = 0;
      const first = await run('small-grid', store, {
        concurrency: 2, signal: controller.signal,
        onEvent: (e) => { if (e.type === 'trial' && ++seen === 3) controller.abort(); },
      });
      const after = await store.listTrials(first.summary.sweep.id);
      const done = after.filter((t) => t.status === 'completed');
      expect(done.length).toBeGreaterThanOrEqual(3);
      expect(done.length).toBeLessThan(10);
      expect(after.filter((t) => t.status === 'running')).toEqual([]);
      expect(first.summary.interrupted).toBe(after.filter((t) => t.status === 'interrupted').length);
      const finishedAt = new Map(done.map((t) => [t.id, t.finishedAt]));

      const second = await run('small-grid', store);
      expect(second.summary.ran).toBe(10 - done.length);
      const final = await store.listTrials(second.summary.sweep.id);
      expect(final.every((t) => t.status === 'completed')).toBe(true);
      for (const t of final) if (finishedAt.has(t.id)) expect(t.finishedAt).toBe(finishedAt.get(t.id)); // untouched
      expect(second.summary.sweep.version).toBe(first.summary.sweep.version);
    });
  });

  it('two CLI runs of one sweep on one database finish with every trial run exactly once', async () => {
    const db = path.join(tmp, 'concurrent.db');
    const args = ['bin/regsweep.mjs', 'run', 'test/sweep/fixtures/small-grid.ts', '--db', db, '--concurrency', '1'];
    const [a, b] = await Promise.all([exec(process.execPath, args, { cwd: root }), exec(process.execPath, args, { cwd: root })]);
    expect(`${a.stderr}${b.stderr}`).not.toMatch(/BUSY|locked/i);
    const store = await openStore(db);
    try {
      const sweep = (await store.getSweep('small-grid'))!;
      expect(sweep.version).toBe(1);
      const trials = await store.listTrials(sweep.id);
      expect(trials).toHaveLength(10);
      expect(trials.every((t) => t.status === 'completed' && t.attempts === 1)).toBe(true);
      // the two processes shared the work: each ran some (and together all) of them
      const ran = (out: string) => Number(/(\d+) completed/.exec(out)![1]);
      expect(ran(a.stdout) + ran(b.stdout)).toBe(10);
    } finally {
      await store.close();
    }
  });

  it('records a changed sweep file as a new version and says so', async () => {
    const file = path.join(tmp, 'versioned.ts');
    const db = path.join(tmp, 'versioned.db');
    const src = readFileSync(path.join(root, 'test/sweep/fixtures/small-grid.ts'), 'utf8').replace("'regsweep'", JSON.stringify(path.join(root, 'src/index.ts')));
    writeFileSync(file, src.replace('seeds: 2', 'seeds: 1'));
    const first = await exec(process.execPath, ['bin/regsweep.mjs', 'run', file, '--db', db, '--quiet'], { cwd: root });
    expect(first.stdout).toContain(`sweep small-grid: new, recorded as version 1 in ${db}`);
    writeFileSync(file, src.replace('seeds: 2', 'seeds: 1').replace('epochs: 30', 'epochs: 20'));
    const second = await exec(process.execPath, ['bin/regsweep.mjs', 'run', file, '--db', db, '--quiet'], { cwd: root });
    expect(second.stdout).toContain('sweep small-grid changed since version 1: recorded as version 2');
    expect(second.stdout).toContain('5 trials: 5 to run, 0 already done');
  });
});
