import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { root, sql, startCli, waitFor } from './helpers.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'regsweep-live-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const exec = promisify(execFile);
const sweep = 'test/faults/fixtures/long-report.ts';

/** Curve points in the store of trials that are still running. */
function runningPoints(db: string): { id: number; n: number; last: number }[] {
  try {
    return sql<{ id: number; n: number; last: number }>(db,
      "select t.id, count(*) as n, max(m.epoch) as last from metric_history m join trials t on t.id = m.trial_id where t.status = 'running' group by t.id");
  } catch {
    return []; // not created yet
  }
}

describe('curve points while a trial runs', () => {
  it('reach the store during the trial, show up in `regsweep show`, survive kill -9, and a resumed run starts the trial afresh', async () => {
    const db = path.join(tmp, 'live.db');
    // the trial waits after epoch 10 for a file that never comes: it is mid-trial until killed
    process.env.REGSWEEP_TEST_GATE = path.join(tmp, 'never');
    const run = startCli(['run', sweep, '--db', db, '--concurrency', '1']);
    delete process.env.REGSWEEP_TEST_GATE;
    await waitFor(() => runningPoints(db).some((r) => r.last === 10), 60_000, 'the running trial\'s first 10 curve points in the store');
    const { id } = runningPoints(db)[0]!;

    const shown = await exec(process.execPath, ['bin/regsweep.mjs', 'show', String(id), '--db', db, '--json'], { cwd: root });
    const detail = JSON.parse(shown.stdout) as { trial: { status: string }; curve: { epoch: number; key: string; value: number }[] };
    expect(detail.trial.status).toBe('running');
    expect(detail.curve.map((p) => p.epoch)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const p of detail.curve) expect(p).toEqual({ epoch: p.epoch, key: 'score', value: p.epoch / 200 });
    const text = await exec(process.execPath, ['bin/regsweep.mjs', 'show', String(id), '--db', db], { cwd: root });
    expect(text.stdout).toContain('running');
    expect(text.stdout).not.toContain('(no learning curve recorded)');

    run.child.kill('SIGKILL');
    expect((await run.exit).signal).toBe('SIGKILL');
    const kept = sql<{ epoch: number }>(db, `select epoch from metric_history where trial_id = ${id} order by epoch`);
    expect(kept.map((p) => p.epoch)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(sql(db, `select status from trials where id = ${id}`)).toEqual([{ status: 'running' }]);

    const again = startCli(['run', sweep, '--db', db, '--concurrency', '1']);
    expect((await again.exit).code).toBe(0);
    expect(sql(db, `select status, attempts from trials where id = ${id}`)).toEqual([{ status: 'completed', attempts: 2 }]);
    const final = sql<{ epoch: number }>(db, `select epoch from metric_history where trial_id = ${id} order by epoch`);
    expect(final.map((p) => p.epoch)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  });
});
