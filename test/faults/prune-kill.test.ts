import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectedAsha } from '../sweep/fixtures/expected-asha.ts';
import { sql, startCli, waitFor } from './helpers.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'regsweep-prune-kill-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const sweep = 'test/sweep/fixtures/asha-byo.ts';

interface Row { id: number; status: string; attempts: number; last: number | null }
function trials(db: string): Row[] {
  try {
    return sql<Row>(db, 'select t.id, t.status, t.attempts, (select max(epoch) from metric_history m where m.trial_id = t.id) as last from trials t order by t.id');
  } catch {
    return []; // not created yet
  }
}

describe('kill -9 during a pruning decision', () => {
  it('leaves the store consistent, and the resumed run prunes as an uninterrupted one would', async () => {
    const db = path.join(tmp, 'kill.db');
    // trial 5 (x = 2, seed 1) is asked about at rung 2 (and pruned at rung 6); it waits after reporting epoch 2 for a file that never comes
    process.env.REGSWEEP_TEST_GATE = path.join(tmp, 'never');
    const run = startCli(['run', sweep, '--db', db, '--concurrency', '1']);
    delete process.env.REGSWEEP_TEST_GATE;
    // its rung value is in the store: the runner writes it before asking the pruner, which is asked now
    await waitFor(() => trials(db).some((t) => t.id === 5 && t.status === 'running' && t.last === 2), 60_000, 'trial 5 at its rung in the store');
    run.child.kill('SIGKILL');
    expect((await run.exit).signal).toBe('SIGKILL');

    const expected = expectedAsha();
    const after = trials(db);
    // the four trials before it ended as they should; it is running with the curve it reported; the rest queued
    const ends = (rows: Row[]) => rows.map((t, i) => ({ x: expected[i]!.x, seed: expected[i]!.seed, status: t.status, lastEpoch: t.last ?? 0 }));
    expect(ends(after.slice(0, 4))).toEqual(expected.slice(0, 4));
    expect(after[4]).toEqual({ id: 5, status: 'running', attempts: 1, last: 2 });
    expect(after.slice(5).map((t) => [t.status, t.last])).toEqual(Array(7).fill(['queued', null]));
    expect(sql(db, "select count(*) as n from metrics where trial_id = 5")).toEqual([{ n: 0 }]);

    const again = startCli(['run', sweep, '--db', db, '--concurrency', '1']);
    const { code } = await again.exit;
    expect(code, again.output()).toBe(0);
    const final = trials(db);
    expect(ends(final)).toEqual(expected);
    expect(final[4]!.attempts).toBe(2); // run again from its start: its first attempt's points were replaced
    expect(sql(db, 'select count(*) as n from metric_history where trial_id = 5')).toEqual([{ n: final[4]!.last }]);
  }, 180_000);
});
