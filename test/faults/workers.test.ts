import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { loadSweep } from '../../src/sweep/load-sweep.ts';
import { planSweep } from '../../src/sweep/plan.ts';
import { runSweep } from '../../src/sweep/runner.ts';
import { root } from './helpers.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'regsweep-workers-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a worker thread that dies', () => {
  it('out of memory: that trial fails, the pool replaces the worker, the sweep completes', async () => {
    const store = await openStore(path.join(tmp, 'oom.db'));
    try {
      const plan = planSweep(await loadSweep('test/faults/fixtures/oom.ts', root));
      const summary = await runSweep(plan, { storage: store, concurrency: 2, maxWorkerHeapMb: 64 });
      expect(summary).toMatchObject({ total: 4, completed: 3, failed: 1 });
      const failed = (await store.listTrials(summary.sweep.id)).filter((t) => t.status === 'failed');
      expect(failed.map((t) => t.error)).toEqual(['worker crashed: Worker terminated due to reaching memory limit: JS heap out of memory']);
    } finally {
      await store.close();
    }
  });
});
