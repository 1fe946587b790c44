import { defineCommand } from 'citty';
import { TRIAL_STATUSES, type SweepSummary, type TrialStatus } from '../../store/types.ts';
import { type StopTally, stopTallies } from '../../sweep/epochs-saved.ts';
import { recordedSearch } from '../../sweep/recorded-search.ts';
import { paint, statusStyle, useColor } from '../color.ts';
import { handled } from '../errors.ts';
import { epochsSavedCell, fmt, formatTime } from '../format.ts';
import { withStore } from '../open-db.ts';
import { dbArgs, formatOption } from '../options.ts';
import { listTable } from '../tables.ts';

/** Finished trials first, then what is still to do. */
const STATUS_ORDER: readonly TrialStatus[] = ['completed', 'pruned', 'raced-out', 'failed', 'diverged', 'interrupted', 'running', 'queued'];

/**
 * One line per sweep version: trials by status, objective, best value, when it ran; and, when some sweep pruned
 * or raced out trials, the training epochs that saved (`stops`, from `stopTallies`).
 *
 * @example
 * console.log(sweepsTable(await store.listSweeps(), { color: false }));
 * // sweep    version  trials  status        objective                  best  created           last activity
 * // l2-demo        1      90  90 completed  validation_accuracy (max)  0.9   2026-11-25 09:22  2026-11-25 09:22
 */
export function sweepsTable(
  summaries: SweepSummary[], options: { color: boolean; width?: number; configurations?: Map<number, number>; stops?: Map<number, StopTally> },
): string {
  // A column of configurations asked / budget, when some sweep asks its configurations one at a time (tpe).
  const adaptive = summaries.some((s) => recordedSearch(s.sweep.spec).adaptive);
  const stopped = (s: SweepSummary) => s.counts.pruned + s.counts['raced-out'] > 0;
  const saved = summaries.some(stopped);
  const rows = summaries.map((summary) => {
    const { sweep, counts, best, lastActivity } = summary;
    const total = TRIAL_STATUSES.reduce((sum, s) => sum + counts[s], 0);
    const status = STATUS_ORDER.filter((s) => counts[s] > 0)
      .map((s) => paint(`${counts[s]} ${s}`, statusStyle(s), options.color)).join(', ');
    const direction = sweep.objectiveDirection === 'maximize' ? 'max' : 'min';
    const search = recordedSearch(sweep.spec);
    const configs = search.adaptive ? [`${options.configurations?.get(sweep.id) ?? 0}/${search.budget} ${search.method}`] : adaptive ? [search.method] : [];
    const tally = options.stops?.get(sweep.id);
    const savedCell = saved ? [tally && stopped(summary) ? epochsSavedCell(tally.epochsSaved) : ''] : [];
    return [
      sweep.name, String(sweep.version), String(total), ...configs, status || '-', ...savedCell, `${sweep.objectiveMetric} (${direction})`, fmt(best),
      formatTime(sweep.createdAt), formatTime(lastActivity),
    ];
  });
  return listTable([
    { head: 'sweep' },
    { head: 'version', align: 'right' },
    { head: 'trials', align: 'right' },
    ...(adaptive ? [{ head: 'configs', align: 'right' as const }] : []),
    { head: 'status' },
    ...(saved ? [{ head: 'epochs saved', align: 'right' as const, priority: 5 }] : []),
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
    const { summaries, configurations, stopped } = await withStore(args, 'read', async (store) => ({
      summaries: await store.listSweeps(), configurations: await store.countConfigurations(), stopped: await store.stoppedTrials(),
    }));
    const stops = stopTallies(stopped, summaries.map((s) => s.sweep));
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
        epochsSaved: stops.get(sweep.id)!.epochsSaved,
        search: { ...recordedSearch(sweep.spec), configurationsAsked: configurations.get(sweep.id) ?? null },
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
      console.log(sweepsTable(summaries, { color, width: process.stdout.isTTY ? process.stdout.columns : undefined, configurations, stops }));
    }
    return 0;
  }),
});
