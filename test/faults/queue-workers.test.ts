// `regsweep enqueue` + `regsweep worker` processes on one SQLite file; what a worker says when it cannot
// run a sweep's trials on its machine.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { enqueueSweep } from '../../src/sweep/enqueue.ts';
import { loadSweep } from '../../src/sweep/load-sweep.ts';
import { planSweep } from '../../src/sweep/plan.ts';
import { root, sql, startCli, statuses, waitFor } from './helpers.ts';

const slow = 'test/sweep/fixtures/queue-slow.ts'; // 60 trials of ~100 ms
const tmp = mkdtempSync(path.join(os.tmpdir(), 'regsweep-queue-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Row { id: number; status: string; attempts: number; worker: string | null }

describe('regsweep enqueue and worker on SQLite', () => {
  it('a waiting --follow worker and a second worker share the queue; Ctrl-C interrupts the first; enqueue re-queues what it left', async () => {
    const db = path.join(tmp, 'queue.db');
    const a = startCli(['worker', '--db', db, '--concurrency', '1', '--follow']);
    await waitFor(() => a.output().includes('waits for new trials'), 30_000, 'worker a to start');
    const enqueue = startCli(['enqueue', slow, '--db', db]);
    expect((await enqueue.exit).code).toBe(0);
    // the waiting worker may already have claimed the first trial when enqueue counts
    expect(enqueue.output()).toMatch(/60 trials: (60 queued \(60 new, 0 failed, interrupted or stale re-queued\), 0 already done|59 queued \(60 new, 0 failed, interrupted or stale re-queued\), 0 already done, 1 running)\n/);
    expect(enqueue.output()).toContain(`regsweep worker --sweep queue-slow --db ${db}`);
    const b = startCli(['worker', '--db', db, '--concurrency', '1', '--sweep', 'queue-slow']);

    const nameOf = (w: typeof a) => `${os.hostname()}:${w.child.pid}`;
    const by = (w: typeof a, status: string) => sql<{ n: number }>(db, `select count(*) as n from trials where worker = '${nameOf(w)}' and status = '${status}'`)[0]!.n;
    // Signal a in the middle of a trial (started 20-60 ms ago), not between two.
    const midTrial = () => sql<{ started_at: string }>(db, `select started_at from trials where worker = '${nameOf(a)}' and status = 'running'`)
      .some((r) => Date.now() - Date.parse(r.started_at) >= 20 && Date.now() - Date.parse(r.started_at) <= 60);
    await waitFor(() => by(a, 'completed') >= 2 && by(b, 'completed') >= 1 && midTrial(), 30_000, 'both workers to be running trials');
    a.child.kill('SIGINT');
    expect((await a.exit).code).toBe(130);
    expect(a.output()).toMatch(/stopping: no new trials; marking running trials interrupted\.\.\.\ndone in [\d.]+s: ran \d+ trials \(\d+ completed, 0 diverged, 0 failed\), 1 interrupted; stopped\n$/);
    expect((await b.exit).code).toBe(0);
    expect(b.output()).toMatch(/nothing left to run\n$/);

    const rows = sql<Row>(db, 'select id, status, attempts, worker from trials order by id');
    expect(rows).toHaveLength(60);
    expect(rows.every((r) => r.attempts === 1)).toBe(true);
    expect(statuses(db)).toEqual({ completed: 59, interrupted: 1 });
    expect(new Set(rows.map((r) => r.worker))).toEqual(new Set([nameOf(a), nameOf(b)]));
    expect(sql<{ n: number }>(db, "select count(*) as n from metric_history join trials on trials.id = trial_id where status = 'completed'")[0]!.n).toBe(590);
    // The interrupted trial keeps the points it reported before Ctrl-C: epochs 1, 2, ... with no gap.
    const kept = sql<{ epoch: number }>(db, "select epoch from metric_history join trials on trials.id = trial_id where status = 'interrupted' order by epoch");
    expect(kept.map((p) => p.epoch)).toEqual(kept.map((_, i) => i + 1));

    const again = startCli(['enqueue', slow, '--db', db]);
    expect((await again.exit).code).toBe(0);
    expect(again.output()).toContain('sweep queue-slow: version 1 (unchanged)');
    expect(again.output()).toContain('60 trials: 1 queued (0 new, 1 failed, interrupted or stale re-queued), 59 already done');
  });

  it('a worker refuses, before claiming anything, a sweep file that is missing or changed on its machine', async () => {
    const source = readFileSync(path.join(root, slow), 'utf8').replace("'regsweep'", JSON.stringify(path.join(root, 'src/index.ts')));
    const cases = await Promise.all(['missing', 'changed'].map(async (kind) => {
      const file = path.join(tmp, `${kind}.ts`);
      const db = path.join(tmp, `${kind}.db`);
      writeFileSync(file, source);
      const store = await openStore(db);
      try {
        await enqueueSweep(planSweep(await loadSweep(file)), { storage: store });
      } finally {
        await store.close();
      }
      if (kind === 'missing') rmSync(file);
      else writeFileSync(file, source.replace('seeds: 2', 'seeds: 3'));
      const worker = startCli(['worker', '--db', db]);
      return { kind, file, db, worker, exit: await worker.exit };
    }));
    for (const { kind, file, db, worker, exit } of cases) {
      expect(exit.code, worker.output()).toBe(2);
      expect(statuses(db)).toEqual({ queued: 60 });
      const message = kind === 'missing'
        ? `not found on ${os.hostname()}. sweep queue-slow version 1 was enqueued from this path, and every worker loads the sweep file from there: ` +
          'put the project at the same path on this machine (a checkout, a copy or a symlink), or enqueue the sweep from a path that exists on every machine.'
        : 'changed since sweep queue-slow version 1 was enqueued (its definition no longer matches the recorded one), so its trials cannot be run from it ' +
          'on this machine: restore the file as it was enqueued (the same commit everywhere), or enqueue it again to record the change as a new version.';
      expect(worker.output()).toContain(`regsweep: ${file}: ${message}\n`);
    }
  });
});
