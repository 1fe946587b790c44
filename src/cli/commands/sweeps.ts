import { defineCommand } from 'citty';
import { TRIAL_STATUSES, type SweepSummary, type TrialStatus } from '../../store/index.ts';
import { formatOption, formatTime, listTable, paint, statusStyle, useColor } from '../output.ts';
import { dbArgs, fmt, handled, withStore } from '../shared.ts';

/** Finished trials first, then what is still to do. */
const STATUS_ORDER: readonly TrialStatus[] = ['completed', 'failed', 'diverged', 'interrupted', 'running', 'queued'];

/**
 * One line per sweep version: trials by status, objective, best value, when it ran.
 *
 * @example
 * console.log(sweepsTable(await store.listSweeps(), { color: false }));
 * // sweep    version  trials  status        objective                  best  created           last activity
 * // l2-demo        1      90  90 completed  validation_accuracy (max)  0.9   2026-11-25 09:22  2026-11-25 09:22
 */
export function sweepsTable(summaries: SweepSummary[], options: { color: boolean; width?: number }): string {
  const rows = summaries.map(({ sweep, counts, best, lastActivity }) => {
    const total = TRIAL_STATUSES.reduce((sum, s) => sum + counts[s], 0);
    const status = STATUS_ORDER.filter((s) => counts[s] > 0)
      .map((s) => paint(`${counts[s]} ${s}`, statusStyle(s), options.color)).join(', ');
    const direction = sweep.objectiveDirection === 'maximize' ? 'max' : 'min';
    return [
      sweep.name, String(sweep.version), String(total), status || '-', `${sweep.objectiveMetric} (${direction})`, fmt(best),
      formatTime(sweep.createdAt), formatTime(lastActivity),
    ];
  });
  return listTable([
    { head: 'sweep' },
    { head: 'version', align: 'right' },
    { head: 'trials', align: 'right' },
    { head: 'status' },
    { head: 'objective', priority: 3 },
    { head: 'best', align: 'right', priority: 4 },
    { head: 'created', priority: 1 },
    { head: 'last activity', priority: 2 },
  ], rows, options);
}

export default defineCommand({
  meta: { name: 'sweeps', description: 'List sweeps: versions, trials by status, best, when run' },
  args: {
    ...dbArgs,
    format: { type: 'string', valueHint: 'table|json', description: 'table (default) or json' },
  },
  run: handled(async ({ args }) => {
    const format = formatOption(args.format, ['table', 'json'] as const);
    const summaries = await withStore(args, (store) => store.listSweeps());
    if (format === 'json') {
      const out = summaries.map(({ sweep, counts, best, lastActivity }) => ({
        name: sweep.name,
        version: sweep.version,
        id: sweep.id,
        filePath: sweep.filePath,
        objectiveMetric: sweep.objectiveMetric,
        objectiveDirection: sweep.objectiveDirection,
        best,
        counts,
        trials: TRIAL_STATUSES.reduce((sum, s) => sum + counts[s], 0),
        createdAt: sweep.createdAt,
        lastActivity,
        gitCommit: sweep.gitCommit,
        packageVersion: sweep.packageVersion,
        host: sweep.host,
      }));
      console.log(JSON.stringify(out, null, 2));
    } else if (summaries.length === 0) {
      console.log('no sweeps yet: record one with regsweep run experiments/<name>.ts');
    } else {
      const color = useColor();
      console.log(sweepsTable(summaries, { color, width: process.stdout.isTTY ? process.stdout.columns : undefined }));
    }
    return 0;
  }),
});
