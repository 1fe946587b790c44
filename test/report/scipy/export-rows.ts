/**
 * Write a sweep's trials as the rows `compareTrials` reads (id, seed, status, params, and the metrics a
 * comparison uses), for test/report/scipy/compare-sweep.py to recompute with scipy.
 *
 * npx tsx test/report/scipy/export-rows.ts /tmp/l1-vs-l2.db l1-vs-l2 > test/report/scipy/l1-vs-l2-rows.json
 * (the database from `node bin/regsweep.mjs run experiments/l1-vs-l2.ts --db /tmp/l1-vs-l2.db`)
 */
import { openStore } from '../../../src/store/open-store.ts';

const [path, name] = process.argv.slice(2);
const store = await openStore(path);
try {
  const sweep = await store.getSweep(name);
  if (!sweep) throw new Error(`no sweep ${name} in ${path}`);
  const trials = await store.listTrials(sweep.id);
  const ids = trials.map((t) => t.id);
  const [params, metrics] = await Promise.all([store.getParams(ids), store.getMetrics(ids)]);
  const keep = ['validation_accuracy', 'test_accuracy', 'train_accuracy', 'zero_fraction'];
  const rows = trials.map((t) => ({
    id: t.id, seed: t.seed, status: t.status, params: params.get(t.id) ?? {},
    metrics: Object.fromEntries(Object.entries(metrics.get(t.id) ?? {}).filter(([k]) => keep.includes(k))),
  }));
  console.log(`[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]`);
} finally {
  await store.close();
}
