import { DEFAULT_METRIC } from '../../report/compare.ts';
import { groupName, settingText } from '../../report/compare-format.ts';
import { tiesNote } from '../../report/compare-text.ts';
import type { Comparison } from '../../report/comparison.ts';
import { groupColors } from '../../report/html/chart-theme.ts';
import { learningCurveKeys } from '../../report/html/load-report-data.ts';
import { paramCharts } from '../../report/html/param-charts.ts';
import { curveTable, groupsTable, pairsTable } from '../../report/html/report-tables.ts';
import { type SweepColumns, TRIAL_STATUSES, type TrialStatus } from '../../store/index.ts';
import { displayPath } from '../../text/display-path.ts';
import type { ChartPayload, CurveSet, SweepResponse } from '../api-types.ts';
import { compareColumns, comparedMetricKeys } from './columns-comparison.ts';
import { curveChart } from './curve-chart.ts';
import { NotFoundError } from './http-errors.ts';
import { parallelCoordinates } from './parallel-coordinates.ts';
import { type SettingSummary, settingSummaries } from './setting-summary.ts';
import { sweepRow } from './sweep-rows.ts';
import type { UiStore } from './ui-store.ts';
import { chartPayload, toVega } from './vega.ts';

/** What to compare, as `regsweep compare --by --metric` takes it. */
export interface SweepViewOptions {
  by?: string;
  metric?: string;
}

/** Settings of the learning-curve chart beyond the chosen ones: those with trials running. */
const MAX_RUNNING_SETS = 4;

/**
 * Everything the sweep page shows, built from one read of the sweep's trials as columns (`sweepColumns`: the
 * few metric keys used, a configuration's params once): the comparison exactly as `compare` computes it, the
 * report's tables and metric-vs-setting charts, the parallel coordinates of its settings and which trials the
 * learning curves draw.
 *
 * @throws NotFoundError for an unknown sweep id.
 *
 * @example
 * const view = await sweepView(store, 3, {});
 * view.comparison?.verdict; // 'l2 (lambda=0.00139) beats none on test accuracy by +4.0 points ...'
 */
export async function sweepView(store: UiStore, sweepId: number, options: SweepViewOptions): Promise<SweepResponse> {
  const sweep = await store.getSweepById(sweepId);
  if (!sweep) throw new NotFoundError(`no sweep with id ${sweepId}`);
  const columns = await store.sweepColumns(sweepId, [...comparedMetricKeys(options.metric), sweep.objectiveMetric]);
  const counts = Object.fromEntries(TRIAL_STATUSES.map((s) => [s, 0])) as Record<TrialStatus, number>;
  for (const s of columns.statuses) counts[s]++;
  const settings = settingSummaries(columns, sweep.objectiveMetric);
  // listSweeps would give the best value too, but reads every sweep's trials: here it comes from the columns read
  const objective = columns.metrics.get(sweep.objectiveMetric)!;
  let best: number | null = null;
  for (let i = 0; i < objective.length; i++) {
    const v = objective[i]!;
    if (columns.statuses[i] === 'completed' && Number.isFinite(v) && (best === null || (sweep.objectiveDirection === 'maximize' ? v > best : v < best))) best = v;
  }
  const summary = { sweep, counts, best, lastActivity: null };

  const { comparison, error: comparisonError } = await compareColumns(store, sweep, columns, { version: sweep.version, by: options.by, metric: options.metric });
  const charts: ChartPayload[] = [];
  if (comparison) charts.push(...await comparisonCharts(comparison));
  const parallel = parallelCoordinates(settings, sweep.objectiveMetric, sweep.objectiveDirection) ?? null;

  const curveSets = chooseCurveSets(comparison, settings, columns);
  const curveKeys = learningCurveKeys(comparison?.metric ?? (/^(train|validation|test)_/.test(sweep.objectiveMetric) ? sweep.objectiveMetric : DEFAULT_METRIC));
  const groups = comparison?.groups.map((g) => g.group) ?? [];
  const palette = groupColors([...groups, ...curveSets.filter((s) => s.role === 'running').map((s) => s.label)]);
  const colors = {
    domain: curveSets.map((s) => s.label),
    range: curveSets.map((s, i) => STOPPED_COLORS[s.role] ?? (s.role === 'chosen' ? palette.range[i] : palette.range[palette.domain.indexOf(s.label)]) ?? '#999999'),
  };
  return {
    sweep: { ...sweepRow(summary), filePath: displayPath(sweep.filePath), gitCommit: sweep.gitCommit, host: sweep.host },
    comparison, comparisonError,
    tables: comparison ? { groups: groupsTable(comparison), pairs: pairsTable(comparison), curve: curveTable(comparison) } : null,
    tiesNote: comparison ? tiesNote(comparison) : '',
    charts, parallel, settings: settings.length, seeds: new Set(columns.seeds).size, curveSets, curveKeys,
    curveSpec: await toVega(curveChart(curveKeys, colors, true)),
    refreshInMs: null,
  };
}

/** The report's metric-vs-setting charts (95% CI band, chosen value ringed); for the first setting also its gap and zero-weight charts. */
function comparisonCharts(comparison: Comparison): Promise<ChartPayload[]> {
  const params = [...new Set([...comparison.tunedParams, ...comparison.curve.map((p) => p.param)])]
    .sort((a, b) => Number(b === 'lambda') - Number(a === 'lambda'));
  return Promise.all(params.flatMap((param, i) => paramCharts(comparison, param)
    .filter((c) => i === 0 || c.id.startsWith('metric-vs-'))
    .map(async (c) => ({ ...await chartPayload(c.id, c.title, c.caption, c.spec), folded: i > 0 }))));
}

/** Trials drawn of each status stopped on purpose: the most recent, each a line of its own ending in a cross. */
const MAX_STOPPED_SHOWN = 8;

/** Stopped trials in the learning curves: colours in neither the groups' nor the running settings' palette. */
const STOPPED_COLORS: Partial<Record<CurveSet['role'], string>> = { pruned: '#7b4173', 'raced-out': '#bcbd22' };

/**
 * The trials whose learning curves are drawn: for each group, the trials the comparison used (each seed's
 * at the setting chosen for it), then settings with trials running; without a comparison, the running
 * settings and the best three. Then the last few pruned and raced-out trials that have a curve, each on its
 * own, so that where they were stopped shows.
 */
function chooseCurveSets(comparison: Comparison | null, settings: SettingSummary[], columns: SweepColumns): CurveSet[] {
  const row = new Map(columns.ids.map((id, i) => [id, i]));
  const sets: CurveSet[] = [];
  const used = new Set<number>();
  for (const g of comparison?.groups ?? []) {
    const indexes = new Set(g.perSeed.map((s) => columns.paramSetOf[row.get(s.trialId)!]!));
    // one setting for every seed: its running seeds count too
    if (indexes.size === 1) used.add([...indexes][0]!);
    const label = g.choices.length > 1 ? `${g.group} (setting chosen per seed)` : groupName(g);
    sets.push({ label, role: 'chosen', trialIds: g.perSeed.map((s) => s.trialId) });
  }
  const running = settings.filter((s) => s.running > 0 && !used.has(s.index)).slice(0, MAX_RUNNING_SETS);
  for (const s of running) {
    used.add(s.index);
    sets.push({ label: `${settingText(s.params) || 'default'} (running)`, role: 'running', trialIds: s.trialIds });
  }
  if (!comparison) {
    const best = settings.filter((s) => s.objective !== null && !used.has(s.index)).sort((a, b) => b.objective! - a.objective!).slice(0, 3);
    for (const s of best) sets.push({ label: settingText(s.params) || 'default', role: 'chosen', trialIds: s.trialIds });
  }
  for (const [status, label] of [['pruned', 'pruned'], ['raced-out', 'raced out']] as const) {
    const ids = columns.ids.filter((_, i) => columns.statuses[i] === status);
    // a trial raced out while queued never ran: nothing to draw
    const shown = columns.ids.filter((_, i) => columns.statuses[i] === status && columns.curvePoints[i]! > 0).slice(-MAX_STOPPED_SHOWN);
    if (shown.length) sets.push({ label: shown.length < ids.length ? `${label} (${shown.length} of ${ids.length})` : label, role: status, trialIds: shown, of: ids.length });
  }
  return sets;
}
