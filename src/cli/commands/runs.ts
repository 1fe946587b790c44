import { defineCommand } from 'citty';
import type { TrialView } from '../../store/query-trials.ts';
import type { Storage } from '../../store/storage.ts';
import { epochsSaved, plannedEpochsKnown } from '../../sweep/epochs-saved.ts';
import { recordedSearch } from '../../sweep/recorded-search.ts';
import { paint, statusStyle, useColor } from '../color.ts';
import { trialCsvHeader, trialCsvRow } from '../../report/export-trials.ts';
import { asUsageError, handled } from '../errors.ts';
import { epochsSavedCell, fmt, formatDuration } from '../format.ts';
import { withStore } from '../open-db.ts';
import { dbArgs, formatOption, intOption, versionOption } from '../options.ts';
import { type Column, listTable } from '../tables.ts';

/** A trial's configuration as the sampler asked it: `tpe #7`. */
type ConfigurationLabels = Map<number, string>;

/**
 * Labels of the trials whose configurations were asked one at a time (random, tpe, own samplers): the sampler and the
 * configuration number, by trial id. Sweeps planned up front (grid) have none.
 */
async function configurationLabels(store: Storage, trials: TrialView[]): Promise<ConfigurationLabels> {
  const labels: ConfigurationLabels = new Map();
  for (const sweepId of new Set(trials.map((t) => t.sweepId))) {
    const sweep = await store.getSweepById(sweepId);
    const search = recordedSearch(sweep?.spec);
    if (!search.adaptive) continue;
    for (const t of await store.listTrials(sweepId)) if (t.configNumber !== undefined) labels.set(t.id, `${search.method} #${t.configNumber}`);
  }
  return labels;
}

/**
 * The training epochs each listed trial that was pruned or raced out saved (`epochsSaved`), by trial id; null
 * when its sweep has no planned epochs (an own objective without training.epochs). Other trials are absent.
 */
async function epochsSavedOf(store: Storage, trials: TrialView[]): Promise<Map<number, number | null>> {
  const ids = trials.filter((t) => t.status === 'pruned' || t.status === 'raced-out').map((t) => t.id);
  const saved = new Map<number, number | null>();
  if (ids.length === 0) return saved;
  const known = new Map<number, boolean>();
  for (const t of await store.stoppedTrials({ trialIds: ids })) {
    if (!known.has(t.sweepId)) known.set(t.sweepId, plannedEpochsKnown((await store.getSweepById(t.sweepId))?.spec));
    saved.set(t.id, epochsSaved(t, known.get(t.sweepId)));
  }
  return saved;
}

/** Rows a table shows when no --limit is given; json and csv print every match. */
const TABLE_LIMIT = 50;

/**
 * The default listing: id, sweep (when several), status, seed, the swept params, the objective,
 * test_accuracy, the sort key, the epochs saved (when some trial was pruned or raced out: `saved`) and the
 * duration. Columns are dropped, least useful first, to fit `width`.
 *
 * @example
 * console.log(trialsTable(trials, { color: false, width: 80 }));
 */
export function trialsTable(
  trials: TrialView[], options: { color: boolean; width?: number; sort?: string; configurations?: ConfigurationLabels; saved?: Map<number, number | null> },
): string {
  const configurations = options.configurations ?? new Map<number, string>();
  const saved = options.saved ?? new Map<number, number | null>();
  const asked = trials.some((t) => configurations.has(t.id));
  const color = options.color;
  const sweeps = new Set(trials.map((t) => `${t.sweep} v${t.sweepVersion}`));
  const versions = new Set(trials.map((t) => t.sweepVersion));
  const params = [...new Set(trials.flatMap((t) => Object.keys(t.params)))];
  const objectives = new Set(trials.map((t) => t.objective.metric));
  const objectiveHead = objectives.size === 1 ? [...objectives][0]! : 'objective';
  const extraMetrics = ['test_accuracy'];
  if (options.sort?.startsWith('metrics.')) extraMetrics.unshift(options.sort.slice('metrics.'.length));
  const metrics = [...new Set(extraMetrics)]
    .filter((m) => !(objectives.size === 1 && objectives.has(m)) && trials.some((t) => m in t.metrics));

  const columns: Column[] = [{ head: 'id', align: 'right' }];
  if (sweeps.size > 1) columns.push({ head: 'sweep', priority: 3 });
  columns.push({ head: 'status' }, { head: 'seed', align: 'right', priority: 2 });
  if (asked) columns.push({ head: 'configuration', priority: 2 });
  for (const p of params) columns.push({ head: p, align: trials.every((t) => typeof (t.params[p] ?? 0) === 'number') ? 'right' : 'left', priority: 5 });
  columns.push({ head: objectiveHead, align: 'right', priority: 6 });
  for (const m of metrics) columns.push({ head: m, align: 'right', priority: 4 });
  if (saved.size > 0) columns.push({ head: 'epochs saved', align: 'right', priority: 3 });
  columns.push({ head: 'duration', align: 'right', priority: 1 });

  const rows = trials.map((t) => {
    const row = [String(t.id)];
    if (sweeps.size > 1) row.push(versions.size > 1 ? `${t.sweep} v${t.sweepVersion}` : t.sweep);
    row.push(paint(t.status, statusStyle(t.status), color), String(t.seed));
    if (asked) row.push(configurations.get(t.id) ?? '');
    for (const p of params) row.push(p in t.params ? (t.params[p] === null ? '-' : fmt(t.params[p])) : '');
    row.push(fmt(t.objective.value ?? t.metrics[t.objective.metric]));
    for (const m of metrics) row.push(fmt(t.metrics[m]));
    if (saved.size > 0) row.push(saved.has(t.id) ? epochsSavedCell(saved.get(t.id)!) : '');
    row.push(formatDuration(t.durationMs));
    return row;
  });
  return listTable(columns, rows, { color, width: options.width });
}

export default defineCommand({
  meta: {
    name: 'runs',
    description: 'List trials, filtered (--where) and sorted (--sort)',
  },
  args: {
    sweep: { type: 'positional', required: false, description: 'sweep name (default: every sweep, latest version of each)' },
    ...dbArgs,
    where: {
      type: 'string', alias: 'w', valueHint: 'filter',
      description: "filter, e.g. \"params.regularization = 'l1' and metrics.test_accuracy > 0.9\" (syntax: README, Filter syntax)",
    },
    sort: { type: 'string', valueHint: 'key', description: 'sort by metrics.<name>, params.<name> or an attribute (default id); trials lacking it come last' },
    desc: { type: 'boolean', description: 'sort descending' },
    limit: { type: 'string', valueHint: 'n', description: `at most n trials (default ${TABLE_LIMIT} for a table, all for json and csv; 0 = all)` },
    version: { type: 'string', valueHint: 'n|all', description: 'sweep version (default: the latest of each sweep; "all" for every version)' },
    format: { type: 'string', valueHint: 'table|json|csv', description: 'table (default), json (one array of trials) or csv (a row per trial)' },
  },
  run: handled(async ({ args }) => {
    const format = formatOption(args.format, ['table', 'json', 'csv'] as const);
    const asked = intOption('limit', args.limit, 0);
    const limit = asked === 0 ? undefined : asked ?? (format === 'table' ? TABLE_LIMIT : undefined);
    const version = versionOption(args.version);
    return withStore(args, 'read', async (store) => {
      let trials: TrialView[];
      try {
        trials = await store.queryTrials({
          sweep: args.sweep, version, where: args.where, sort: args.sort, desc: args.desc,
          // one more than asked, to tell whether there are more
          limit: limit === undefined ? undefined : limit + 1,
        });
      } catch (error) {
        throw asUsageError(error);
      }
      const more = limit !== undefined && trials.length > limit;
      if (more) trials = trials.slice(0, limit);
      const configurations = format === 'csv' ? new Map<number, string>() : await configurationLabels(store, trials);
      const saved = format === 'csv' ? new Map<number, number | null>() : await epochsSavedOf(store, trials);
      if (format === 'json') {
        const withExtras = (t: TrialView) => ({
          ...t, ...(configurations.has(t.id) ? { configuration: configurations.get(t.id) } : {}), ...(saved.has(t.id) ? { epochsSaved: saved.get(t.id) } : {}),
        });
        console.log(trials.length === 0 ? '[]' : `[\n${trials.map((t) => JSON.stringify(withExtras(t))).join(',\n')}\n]`);
      } else if (format === 'csv') {
        const params = [...new Set(trials.flatMap((t) => Object.keys(t.params)))].sort();
        const metrics = [...new Set(trials.flatMap((t) => Object.keys(t.metrics)))].sort();
        process.stdout.write(trialCsvHeader(params, metrics) + trials.map((t) => trialCsvRow(t, params, metrics)).join(''));
      } else if (trials.length === 0) {
        console.log('no trials match');
      } else {
        const color = useColor();
        const width = process.stdout.isTTY ? process.stdout.columns : undefined;
        console.log(trialsTable(trials, { color, width, sort: args.sort?.trim(), configurations, saved }));
        if (more) console.log(paint(`(first ${limit} shown; --limit N for more, --limit 0 for all)`, 'dim', color));
      }
      return 0;
    });
  }),
});
