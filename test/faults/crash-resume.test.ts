import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sql, startCli, statuses, waitFor } from './helpers.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'regsweep-faults-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const sweep = 'test/faults/fixtures/slow.ts';

interface Row { id: number; status: string; attempts: number; finished_at: string | null }

describe('a killed or interrupted sweep', () => {
  it('kill -9 mid-sweep: the database is intact, finished trials keep their curves, the rest re-run once', async () => {
    const db = path.join(tmp, 'kill9.db');
    const run = startCli(['run', sweep, '--db', db, '--concurrency', '2']);
    await waitFor(() => (statuses(db).completed ?? 0) >= 4 && (statuses(db).running ?? 0) > 0, 30_000, 'some trials completed');
    run.child.kill('SIGKILL');
    expect((await run.exit).signal).toBe('SIGKILL');

    expect(sql<{ integrity_check: string }>(db, 'pragma integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    const before = sql<Row>(db, 'select id, status, attempts, finished_at from trials order by id');
    const done = before.filter((t) => t.status === 'completed');
    const orphaned = before.filter((t) => t.status === 'running');
    expect(orphaned.length).toBeGreaterThan(0);
    for (const t of done) {
      expect(sql<{ n: number }>(db, `select count(*) as n from metric_history where trial_id = ${t.id}`)[0]!.n).toBe(10);
    }

    const again = startCli(['run', sweep, '--db', db, '--concurrency', '2']);
    const { code } = await again.exit;
    expect(code).toBe(0);
    expect(again.output()).toContain(`${orphaned.length} failed, interrupted or stale re-queued`);
    const after = sql<Row>(db, 'select id, status, attempts, finished_at from trials order by id');
    expect(after).toHaveLength(24);
    expect(after.every((t) => t.status === 'completed')).toBe(true);
    for (const t of done) expect(after.find((a) => a.id === t.id)).toEqual(t); // untouched, not re-run
    for (const t of orphaned) expect(after.find((a) => a.id === t.id)!.attempts).toBe(2); // run again, once
    expect(sql<{ n: number }>(db, 'select count(*) as n from metric_history')[0]!.n).toBe(24 * 10);
  });

  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${signal}: running trials are marked interrupted, exit code ${code}, and a second run completes the sweep`, async () => {
      const db = path.join(tmp, `${signal}.db`);
      const run = startCli(['run', sweep, '--db', db, '--concurrency', '2']);
      await waitFor(() => (statuses(db).completed ?? 0) >= 2 && (statuses(db).running ?? 0) > 0, 30_000, 'trials running');
      run.child.kill(signal);
      expect((await run.exit).code).toBe(code);
      const s = statuses(db);
      expect(s.running).toBeUndefined();
      expect(s.interrupted).toBeGreaterThan(0);
      expect(sql<{ integrity_check: string }>(db, 'pragma integrity_check')).toEqual([{ integrity_check: 'ok' }]);

      const again = startCli(['run', sweep, '--db', db, '--concurrency', '2']);
      expect((await again.exit).code).toBe(0);
      expect(statuses(db)).toEqual({ completed: 24 });
    });
  }
});
