import { defineCommand } from 'citty';
import { storeLabel } from '../../store/open-store.ts';
import { enqueueSweep } from '../../sweep/enqueue.ts';
import { checkData } from '../../sweep/check-data.ts';
import { loadSweep } from '../../sweep/load-sweep.ts';
import { planSweep } from '../../sweep/plan.ts';
import { sweepVersionLine } from './run.ts';
import { handled } from '../errors.ts';
import { withStore } from '../open-db.ts';
import { dbArgs, dbPath, durationOption } from '../options.ts';

export default defineCommand({
  meta: {
    name: 'enqueue',
    description: 'Queue a sweep file for regsweep worker processes; runs nothing',
  },
  args: {
    file: { type: 'positional', description: 'sweep file, e.g. experiments/l2-demo.ts; workers load it from this absolute path', required: true },
    ...dbArgs,
    grace: {
      type: 'string',
      description: 're-queue running trials whose heartbeat is older than this: their worker is gone (default 60s)',
      valueHint: 'duration',
    },
  },
  run: handled(async ({ args }) => {
    const graceMs = durationOption('grace', args.grace);
    const loaded = await loadSweep(args.file);
    const plan = planSweep(loaded);
    checkData(plan, loaded.displayPath); // before the database is opened: a data problem records nothing
    const db = storeLabel(dbPath(args));
    return withStore(args, 'write', async (storage) => {
      const q = await enqueueSweep(plan, { storage, graceMs });
      console.log(sweepVersionLine(plan.name, q, db));
      const parts = [
        `${q.total} trials: ${q.queued} queued (${q.added} new, ${q.requeued} failed, interrupted or stale re-queued)`,
        `${q.alreadyDone} already done`,
      ];
      if (q.running > 0) parts.push(`${q.running} running`);
      console.log(parts.join(', '));
      // A search asked lazily (random, tpe) records its configurations as workers ask for them.
      const asked = plan.search.adaptive ? (await storage.countConfigurations()).get(q.sweep.id) ?? 0 : 0;
      if (plan.search.adaptive) console.log(`${plan.search.method}: ${asked} of ${plan.search.budget} configurations asked; workers ask for the rest (x ${plan.seeds.length} seeds) as they need work`);
      if (q.queued > 0 || (plan.search.adaptive && asked < plan.search.budget)) {
        console.log(`run them on each machine (${plan.file} must exist there): regsweep worker --sweep ${plan.name} --db ${db}`);
      } else {
        console.log('nothing to run');
      }
      return 0;
    });
  }),
});
