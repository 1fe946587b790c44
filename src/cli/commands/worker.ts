import os from 'node:os';
import { defineCommand } from 'citty';
import { storeLabel } from '../../store/open-store.ts';
import { workerName } from '../../store/local-workers.ts';
import type { ClaimLoopSummary } from '../../sweep/claim-loop.ts';
import { serveQueue } from '../../sweep/serve-queue.ts';
import { stopOnSignals } from '../stop-signal.ts';
import { handled, UsageError } from '../errors.ts';
import { formatDuration } from '../format.ts';
import { withStore } from '../open-db.ts';
import { dbArgs, dbPath, durationOption, intOption } from '../options.ts';

const DEFAULT_GRACE_MS = 60_000;
/** Without a terminal bar, a progress line at most this often. */
const PROGRESS_EVERY_MS = 15_000;

function counts(s: Pick<ClaimLoopSummary, 'ran' | 'completed' | 'diverged' | 'failed'>): string {
  return `${s.ran} trial${s.ran === 1 ? '' : 's'} (${s.completed} completed, ${s.diverged} diverged, ${s.failed} failed)`;
}

export default defineCommand({
  meta: {
    name: 'worker',
    description: 'Run queued trials until none is left; one per machine',
  },
  args: {
    ...dbArgs,
    sweep: { type: 'string', description: 'only this sweep\'s trials (its latest version); default: every sweep\'s', valueHint: 'name' },
    concurrency: { type: 'string', description: `worker threads (default: one per core, ${os.availableParallelism()} here)`, valueHint: 'n' },
    follow: { type: 'boolean', description: 'when nothing is left, keep waiting for new trials (until Ctrl-C)' },
    grace: {
      type: 'string',
      description: 'a running trial whose heartbeat is older than this is re-queued and run again: its worker is gone (default 60s)',
      valueHint: 'duration',
    },
    retries: { type: 'string', description: 'extra attempts for a failed trial (default 0)', valueHint: 'n' },
    quiet: { type: 'boolean', description: 'only the first and last lines' },
  },
  run: handled(async ({ args }) => {
    const concurrency = intOption('concurrency', args.concurrency, 1) ?? os.availableParallelism();
    const retries = intOption('retries', args.retries, 0);
    const graceMs = durationOption('grace', args.grace) ?? DEFAULT_GRACE_MS;
    const db = storeLabel(dbPath(args));
    const worker = workerName();
    const say = (line: string) => { if (!args.quiet) console.log(line); };
    const stop = stopOnSignals();
    try {
      return await withStore(args, 'write', async (storage) => {
        let sweepId: number | undefined;
        let scope = 'every sweep';
        if (args.sweep !== undefined) {
          const sweep = await storage.getSweep(args.sweep);
          if (!sweep) throw new UsageError(`no sweep named ${args.sweep} in ${db}: record it first with regsweep enqueue <file> --db ${db}`);
          sweepId = sweep.id;
          scope = `sweep ${sweep.name} version ${sweep.version}`;
        }
        console.log(`worker ${worker}: ${concurrency} thread${concurrency === 1 ? '' : 's'}, ${scope}, ${db}; ` +
          (args.follow ? 'waits for new trials (Ctrl-C to stop)' : 'stops when nothing is left'));

        let lastLine = performance.now();
        const tally = { ran: 0, completed: 0, diverged: 0, failed: 0, pruned: 0, 'raced-out': 0 };
        const summary = await serveQueue({
          storage, worker, sweepId, concurrency, retries, graceMs, follow: args.follow, signal: stop.signal,
          onEvent: (e) => {
            if (e.type === 'sweep') say(`  ${e.sweep.name} version ${e.sweep.version}: ${e.target.file}`);
            else if (e.type === 'requeued') say(`  re-queued ${e.count} trial${e.count === 1 ? '' : 's'} of workers that are gone (no heartbeat for ${formatDuration(graceMs)}, or process ended)`);
            else if (e.type === 'lost') say(`  trial ${e.trial.id}: taken over by another worker (this one missed its heartbeats); result not recorded`);
            else if (e.type === 'stopping') console.log('  stopping: no new trials; marking running trials interrupted...');
            else if (e.type === 'warning') say(`  warning: ${e.message}`);
            else {
              tally.ran++;
              tally[e.result.status]++;
              if (performance.now() - lastLine >= PROGRESS_EVERY_MS) {
                lastLine = performance.now();
                say(`  ran ${counts(tally)}`);
              }
            }
          },
        });
        const s = summary;
        const extra = [s.interrupted ? `${s.interrupted} interrupted` : '', s.lost ? `${s.lost} taken over by other workers` : ''].filter(Boolean);
        const end = stop.exitCode() ? 'stopped' : args.follow ? 'stopped' : 'nothing left to run';
        console.log(`done in ${(s.durationMs / 1000).toFixed(1)}s: ran ${counts(s)}${extra.length ? `, ${extra.join(', ')}` : ''}; ${end}`);
        if (s.failed > 0) console.log(`failed trials: regsweep runs --db ${db} --where "status = 'failed'"`);
        return stop.exitCode();
      });
    } finally {
      stop.dispose();
    }
  }),
});
