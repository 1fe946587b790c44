// `regsweep enqueue` + `regsweep worker` processes sharing one PostgreSQL database, as on many machines;
// and `regsweep db copy` carrying a laptop study to the server and back.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { loadSweep } from '../../src/sweep/load-sweep.ts';
import { planSweep } from '../../src/sweep/plan.ts';
import { enqueueSweep } from '../../src/sweep/enqueue.ts';
import { runSweep } from '../../src/sweep/runner.ts';
import { createTestDatabase, describePostgres, withConnection } from '../store/postgres-fixture.ts';
import { root, startCli, waitFor } from './helpers.ts';

const quick = 'test/sweep/fixtures/queue-quick.ts'; // 200 trials of ~10 ms
const holdSweep = 'test/faults/fixtures/queue-hold.ts'; // 60 trials of ~100 ms; holds a worker's second trial on request
const tmp = mkdtempSync(path.join(os.tmpdir(), 'regsweep-queue-pg-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface TrialRow { id: number; status: string; attempts: number; worker: string | null; seed: number; started_at: string | null; x: number; score: number | null }

async function query<T>(url: string, text: string): Promise<T[]> {
  return withConnection(url, async (c) => (await c.query(text)).rows as T[]);
}

function trialRows(url: string): Promise<TrialRow[]> {
  return query<TrialRow>(url, `
    select t.id::int, t.status, t.attempts::int, t.worker, t.seed::int, t.started_at, p.value_num::float8 as x, m.value::float8 as score
    from trials t
    left join params p on p.trial_id = t.id and p.name = 'extra.x'
    left join metrics m on m.trial_id = t.id and m.key = 'score'
    order by t.id`);
}

async function count(url: string, table: string): Promise<number> {
  return (await query<{ n: number }>(url, `select count(*)::int as n from ${table}`))[0]!.n;
}

async function until(cond: () => Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function withDatabase(fn: (url: string) => Promise<void>): Promise<void> {
  const database = await createTestDatabase('regsweep_queue');
  try {
    await fn(database.url);
  } finally {
    await database.drop();
  }
}

async function enqueue(file: string, url: string): Promise<string> {
  const run = startCli(['enqueue', file, '--db', url]);
  const { code } = await run.exit;
  expect(code, run.output()).toBe(0);
  return run.output();
}

/** The trial count in a worker's last line: `done in 1.2s: ran 52 trials (...)`. */
function ranBy(output: string): number {
  return Number(/done in [\d.]+s: ran (\d+) trials?/.exec(output)?.[1] ?? NaN);
}

describePostgres('regsweep worker processes on one PostgreSQL database', () => {
  it('four workers finish a 200-trial sweep: every trial run and recorded once, the work shared', async () => {
    await withDatabase(async (url) => {
      expect(await enqueue(quick, url)).toContain('200 trials: 200 queued (200 new, 0 failed, interrupted or stale re-queued), 0 already done');
      const workers = Array.from({ length: 4 }, () => startCli(['worker', '--db', url, '--concurrency', '1']));
      const exits = await Promise.all(workers.map((w) => w.exit));
      expect(exits.map((e) => e.code), workers.map((w) => w.output()).join('\n')).toEqual([0, 0, 0, 0]);

      const rows = await trialRows(url);
      expect(rows).toHaveLength(200);
      for (const r of rows) {
        expect(r).toMatchObject({ status: 'completed', attempts: 1 });
        expect(r.score).toBeCloseTo(r.x * 3 + r.seed / 10, 12); // by hand from the fixture
      }
      expect(await count(url, 'metrics')).toBe(200);
      expect(await count(url, 'metric_history')).toBe(600);
      expect(workers.map((w) => ranBy(w.output())).reduce((a, b) => a + b)).toBe(200);
      const names = new Set(rows.map((r) => r.worker));
      expect(names.size).toBeGreaterThan(1);
      for (const name of names) expect(workers.some((w) => name === `${os.hostname()}:${w.child.pid}`)).toBe(true);
    });
  });

  it('a worker killed (kill -9) and one hung (SIGSTOP): their trials return to the queue, the others finish the sweep, a late result is refused', async () => {
    await withDatabase(async (url) => {
      const store = await openStore(url);
      try {
        await enqueueSweep(planSweep(await loadSweep(holdSweep, root)), { storage: store });
      } finally {
        await store.close();
      }
      // a and b each hold their second trial half-way and say so with a marker file (the fixture); c does not.
      const hold = mkdtempSync(path.join(tmp, 'hold-'));
      const worker = (env: Record<string, string>) => startCli(['worker', '--db', url, '--concurrency', '1', '--grace', '3s'], env);
      const [a, b, c] = [worker({ REGSWEEP_HOLD_DIR: hold }), worker({ REGSWEEP_HOLD_DIR: hold }), worker({})];
      const nameOf = (w: typeof a) => `${os.hostname()}:${w!.child.pid}`;
      const held = (w: typeof a) => existsSync(path.join(hold, `${w!.child.pid}.held`));
      const heldTrial = async (w: typeof a) => {
        const [x, seed] = readFileSync(path.join(hold, `${w!.child.pid}.held`), 'utf8').trim().split(' ').map(Number);
        return (await trialRows(url)).find((r) => r.x === x && r.seed === seed)!.id;
      };

      // A worker records a trial's result while its next trial runs: the state to reach is "one recorded, the
      // next held half-way".
      const recordedOne = (w: typeof a) => until(async () => (await trialRows(url)).some((r) => r.worker === nameOf(w) && r.status === 'completed'), `a trial of worker ${w!.child.pid} to be recorded`, 60_000);
      // a has finished one trial and is in the middle of its second: kill it there.
      await waitFor(() => held(a), 60_000, 'worker a to be mid-trial');
      await recordedOne(a);
      a!.child.kill('SIGKILL');
      expect((await a!.exit).signal).toBe('SIGKILL');
      // The held trial, by the x and seed its marker names: by now another worker may already have put it back
      // in the queue (a's process is gone), so it is not looked up as "running under a".
      const orphaned = [await heldTrial(a)];

      // Stop b in the middle of a trial (not inside a transaction): its heartbeat stops, its process lives on.
      await waitFor(() => held(b), 60_000, 'worker b to be mid-trial');
      await recordedOne(b);
      b!.child.kill('SIGSTOP');
      const hung = await heldTrial(b);
      await until(async () => ![null, nameOf(b)].includes((await trialRows(url)).find((t) => t.id === hung)!.worker), 'the hung trial to be taken over');
      writeFileSync(path.join(hold, `${b!.child.pid}.go`), '');
      b!.child.kill('SIGCONT');

      const [bExit, cExit] = await Promise.all([b!.exit, c!.exit]);
      expect([bExit.code, cExit.code], `${b!.output()}\n${c!.output()}`).toEqual([0, 0]);
      expect(b!.output()).toContain(`trial ${hung}: taken over by another worker (this one missed its heartbeats); result not recorded`);
      expect(b!.output()).toMatch(/, 1 taken over by other workers; nothing left to run/);
      expect(`${b!.output()}${c!.output()}`).toMatch(/re-queued 1 trial of workers that are gone \(no heartbeat for 3\.0 s, or process ended\)/);

      const rows = await trialRows(url);
      expect(rows).toHaveLength(60);
      for (const r of rows) {
        expect(r.status).toBe('completed');
        expect(r.score).toBe(r.x * 10 + r.seed);
        // a trial is claimed once more for each worker that lost it (the orphaned one may be the one b hung on)
        const lost = (orphaned.includes(r.id) ? 1 : 0) + (r.id === hung ? 1 : 0);
        expect(r.attempts, `trial ${r.id}`).toBe(1 + lost);
        if (orphaned.includes(r.id)) expect(r.worker).not.toBe(nameOf(a));
        if (r.id === hung) expect(r.worker).not.toBe(nameOf(b));
      }
      expect(await count(url, 'metrics')).toBe(60);
      expect(await count(url, 'metric_history')).toBe(600);
    });
  });
});

/** A JSON value with every `id`, `sweepId` and `trialId` dropped: ids differ between databases. */
function withoutIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !['id', 'sweepId', 'trialId'].includes(k)).map(([k, v]) => [k, withoutIds(v)]));
}

describePostgres('regsweep db copy', () => {
  it('SQLite -> PostgreSQL -> SQLite: the same runs and the same comparison, ids aside', async () => {
    const laptop = path.join(tmp, 'laptop.db');
    const store = await openStore(laptop);
    try {
      for (const file of ['test/sweep/fixtures/small-grid.ts', 'test/sweep/fixtures/byo.ts']) {
        await runSweep(planSweep(await loadSweep(file, root)), { storage: store, concurrency: 2 });
      }
    } finally {
      await store.close();
    }
    await withDatabase(async (url) => {
      const back = path.join(tmp, 'back.db');
      const views = async (db: string) => {
        const runs = startCli(['runs', '--db', db, '--format', 'json']);
        const compare = startCli(['compare', 'small-grid', '--db', db, '--format', 'json']);
        for (const p of [runs, compare]) expect((await p.exit).code, p.output()).toBe(0);
        return { runs: withoutIds(JSON.parse(runs.output())), compare: withoutIds(JSON.parse(compare.output())) };
      };
      const cli = async (...args: string[]) => {
        const p = startCli(args);
        expect((await p.exit).code, p.output()).toBe(0);
      };
      const [original] = await Promise.all([views(laptop), cli('db', 'copy', '--from', laptop, '--to', url)]);
      await cli('db', 'copy', '--from', url, '--to', back);
      const copiedBack = await views(back);

      expect((original.runs as unknown[]).length).toBe(22); // 10 small-grid + 12 byo trials
      expect(copiedBack).toEqual(original);
    });
  }, 150_000); // two sweeps, two copies and two comparisons: over a minute when the machine is shared
});
