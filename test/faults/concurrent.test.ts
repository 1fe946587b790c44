import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sql, startCli } from './helpers.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'regsweep-concurrent-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('several processes on one database', () => {
  it('three runs of different sweeps and a reader at the same time: all finish, all trials recorded, no SQLITE_BUSY', async () => {
    const db = path.join(tmp, 'shared.db');
    const runs = ['test/faults/fixtures/slow.ts', 'test/sweep/fixtures/small-grid.ts', 'test/sweep/fixtures/byo.ts']
      .map((file) => startCli(['run', file, '--db', db, '--concurrency', '1']));
    // a reader polling the same database while the sweeps write
    const readerOutputs: string[] = [];
    let done = false;
    const allDone = Promise.all(runs.map((r) => r.exit)).finally(() => { done = true; });
    const reader = (async () => {
      while (!done) {
        const r = startCli(['runs', '--db', db, '--format', 'json', '--where', "status = 'completed'"]);
        const { code } = await r.exit;
        readerOutputs.push(`${code}\n${r.output()}`);
      }
    })();
    const exits = await allDone;
    await reader;
    expect(exits.map((e) => e.code)).toEqual([0, 0, 1]); // byo has 3 trials that throw by design
    const all = runs.map((r) => r.output()).join('\n') + readerOutputs.join('\n');
    expect(all).not.toMatch(/SQLITE_BUSY|database is locked/i);
    expect(readerOutputs.filter((o) => o.startsWith('0\n')).length).toBeGreaterThan(0);
    for (const out of readerOutputs) {
      const [code, ...rest] = out.split('\n');
      // the reader may start before the database exists; otherwise it reads a JSON array
      if (code === '0') expect(Array.isArray(JSON.parse(rest.join('\n')))).toBe(true);
    }
    const counts = sql<{ name: string; status: string; n: number }>(db,
      'select s.name, t.status, count(*) as n from trials t join sweeps s on s.id = t.sweep_id group by s.name, t.status order by s.name, t.status');
    expect(counts).toEqual([
      { name: 'byo-quadratic', status: 'completed', n: 9 },
      { name: 'byo-quadratic', status: 'failed', n: 3 },
      { name: 'slow', status: 'completed', n: 24 },
      { name: 'small-grid', status: 'completed', n: 10 },
    ]);
    expect(sql<{ n: number }>(db, 'select count(*) as n from trials where attempts <> 1')[0]!.n).toBe(0);
  });
});
