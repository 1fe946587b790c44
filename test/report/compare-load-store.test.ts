// loadComparison on a real store, which lists the trials through `db` (id, seed and status only), gives the
// comparison it gives through the Storage methods alone; on SQLite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ComparisonSource, loadComparison } from '../../src/report/load-comparison.ts';
import { openStore, type OpenedStore } from '../../src/store/index.ts';
import { tempDir } from '../store/helpers.ts';
import { createTestDatabase, describePostgres } from '../store/postgres-fixture.ts';
import { POOLED, mainRows } from './compare-fixture.ts';

/** Record the hand-made rows as sweep `hand`, in id order, through the store's write path. */
async function recordMainRows(store: OpenedStore): Promise<void> {
  const { sweep } = await store.upsertSweep({
    name: 'hand', filePath: 'hand.ts', contentHash: 'h', spec: {}, objectiveMetric: 'validation_accuracy',
    objectiveDirection: 'maximize', packageVersion: '0.1.0', gitCommit: null, host: 'test',
  });
  const rows = [...mainRows].sort((a, b) => a.id - b.id);
  await store.addTrials(sweep.id, rows.map((r) => ({ trialKey: `t${r.id}`, config: { row: r.id }, seed: r.seed, params: r.params })));
  const ids = new Map((await store.listTrials(sweep.id)).map((t) => [t.trialKey, t.id]));
  for (const r of rows) {
    const id = ids.get(`t${r.id}`)!;
    await store.claimTrial(id, 'test');
    await store.finishTrial(id, 'test', { status: r.status as 'completed' | 'diverged' | 'failed', metrics: r.metrics, curve: [], durationMs: 1 });
  }
}

function suite(open: () => Promise<{ path: string; remove: () => Promise<void> | void }>): void {
  let store: OpenedStore;
  let remove: () => Promise<void> | void;
  beforeAll(async () => {
    const target = await open();
    remove = target.remove;
    store = await openStore(target.path);
    await recordMainRows(store);
  });
  afterAll(async () => {
    await store.close();
    await remove();
  });

  it('gives the comparison the Storage methods alone give', async () => {
    const storageOnly: ComparisonSource = {
      getSweep: (name, version) => store.getSweep(name, version),
      listSweeps: () => store.listSweeps(),
      trialOutcomes: (sweepId) => store.trialOutcomes(sweepId),
      getMetrics: (ids) => store.getMetrics(ids),
      getParams: (ids) => store.getParams(ids),
      stoppedTrials: (scope) => store.stoppedTrials(scope),
    };
    const c = await loadComparison(store, 'hand', POOLED);
    expect(c).toEqual(await loadComparison(storageOnly, 'hand', POOLED));
    expect(c.groups.map((g) => [g.group, g.chosen, g.n])).toEqual([['none', { lambda: null }, 5], ['l1', { lambda: 0.001 }, 5], ['l2', { lambda: 0.01 }, 4]]);
    expect(c.excluded).toEqual({ diverged: 1, failed: 1, 'missing test_accuracy': 1 });
    expect(c.stopped).toEqual({ pruned: 0, racedOut: 0, epochsSaved: 0 });
  });
}

describe('loadComparison on an SQLite store', () => suite(async () => {
  const temp = tempDir('regsweep-compare-');
  return { path: `${temp.dir}/compare.db`, remove: temp.remove };
}));

describePostgres('loadComparison on a PostgreSQL store', () => suite(async () => {
  const database = await createTestDatabase('regsweep_compare');
  return { path: database.url, remove: database.drop };
}));
