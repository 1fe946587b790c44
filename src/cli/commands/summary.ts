import Table from 'cli-table3';
import { mean, tInterval } from '../../report/stats/index.ts';
import { fmt, withStore } from '../shared.ts';

/** A short per-regularization summary: lambda chosen on validation, test accuracy across seeds. */
export async function printSummary(args: { db?: string }, sweepName: string): Promise<void> {
  await withStore(args, async (store) => {
    const sweep = await store.getSweep(sweepName);
    if (!sweep) return;
    const trials = (await store.listTrials(sweep.id)).filter((t) => t.status === 'completed');
    const ids = trials.map((t) => t.id);
    const [metrics, params] = [await store.getMetrics(ids), await store.getParams(ids)];
    const groups = new Map<string, Map<string, { val: number[]; test: number[] }>>();
    for (const t of trials) {
      const p = params.get(t.id) ?? {};
      const m = metrics.get(t.id) ?? {};
      const kind = String(p.regularization ?? 'none');
      const lambda = String(p.lambda ?? '-');
      const byLambda = groups.get(kind) ?? new Map();
      groups.set(kind, byLambda);
      const g = byLambda.get(lambda) ?? { val: [], test: [] };
      byLambda.set(lambda, g);
      if (m.validation_accuracy !== undefined) g.val.push(m.validation_accuracy);
      if (m.test_accuracy !== undefined) g.test.push(m.test_accuracy);
    }
    const table = new Table({ head: ['regularization', 'lambda (chosen on validation)', 'validation acc', 'test acc (95% CI)', 'seeds'] });
    for (const [kind, byLambda] of groups) {
      const [lambda, g] = [...byLambda].reduce((a, b) => (mean(b[1].val) > mean(a[1].val) ? b : a));
      const ci = tInterval(g.test);
      table.push([kind, lambda, fmt(mean(g.val)), `${fmt(ci.mean)} (${fmt(ci.low)}..${fmt(ci.high)})`, g.test.length]);
    }
    console.log(table.toString());
  });
}
