import { CompareError, DEFAULT_METRIC } from '../../report/compare.ts';
import { groupName, settingText } from '../../report/compare-format.ts';
import type { Comparison } from '../../report/comparison.ts';
import { groupColors } from '../../report/html/chart-theme.ts';
import { learningCurveKeys } from '../../report/html/load-report-data.ts';
import { paramCharts } from '../../report/html/param-charts.ts';
import { curveTable, groupsTable, pairsTable } from '../../report/html/report-tables.ts';
import { type ComparisonSource, loadComparison } from '../../report/load-comparison.ts';
import type { ChartPayload, CurveSet, SweepResponse } from '../api-types.ts';
import { curveChart } from './curve-chart.ts';
import { NotFoundError } from './http-errors.ts';
import { parallelCoordinates } from './parallel-coordinates.ts';
import { type SettingSummary, type SweepTrial, settingKey, settingSummaries } from './setting-summary.ts';
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
 * Everything the sweep page shows, built from the store in one pass over the sweep's trials: the comparison
 * exactly as `compare` computes it (`loadComparison`), the report's tables and metric-vs-setting charts, the
 * parallel coordinates of its settings and which settings the learning curves draw.
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
  const [counts, trials] = await Promise.all([store.countByStatus(sweepId), sweepTrials(store, sweepId)]);
  // listSweeps would give the best value too, but reads every sweep's trials: here it comes from the ones read
  const objectives = trials.flatMap((t) => (t.status === 'completed' && Number.isFinite(t.metrics[sweep.objectiveMetric]) ? [t.metrics[sweep.objectiveMetric]!] : []));
  const best = objectives.length === 0 ? null : objectives.reduce((a, b) => ((sweep.objectiveDirection === 'maximize' ? b > a : b < a) ? b : a));
  const summary = { sweep, counts, best, lastActivity: null };

  let comparison: Comparison | null = null;
  let comparisonError: string | null = null;
  try {
    comparison = await loadComparison(comparisonSource(store, sweepId, trials), sweep.name, { version: sweep.version, by: options.by, metric: options.metric });
  } catch (error) {
    if (!(error instanceof CompareError)) throw error;
    comparisonError = error.message;
  }

  const settings = settingSummaries(trials, sweep.objectiveMetric);
  const charts: ChartPayload[] = [];
  if (comparison) charts.push(...comparisonCharts(comparison));
  const parallel = parallelCoordinates(settings, sweep.objectiveMetric, sweep.objectiveDirection) ?? null;

  const curveSets = chooseCurveSets(comparison, settings, trials);
  const curveKeys = learningCurveKeys(comparison?.metric ?? (/^(train|validation|test)_/.test(sweep.objectiveMetric) ? sweep.objectiveMetric : DEFAULT_METRIC));
  const groups = comparison?.groups.map((g) => g.group) ?? [];
  const palette = groupColors([...groups, ...curveSets.filter((s) => s.role === 'running').map((s) => s.label)]);
  const colors = {
    domain: curveSets.map((s) => s.label),
    range: curveSets.map((s, i) => (s.role === 'chosen' ? palette.range[i] : palette.range[palette.domain.indexOf(s.label)]) ?? '#999999'),
  };
  return {
    sweep: { ...sweepRow(summary), filePath: sweep.filePath, gitCommit: sweep.gitCommit, host: sweep.host },
    comparison, comparisonError,
    tables: comparison ? { groups: groupsTable(comparison), pairs: pairsTable(comparison), curve: curveTable(comparison) } : null,
    charts, parallel, settings: settings.length, curveSets, curveKeys,
    curveSpec: toVega(curveChart(curveKeys, colors, true)),
  };
}

/** Trials whose params and metrics are read at once: the rows of a read and their parsed objects are transient. */
const READ_CHUNK = 5000;

/**
 * The sweep's trials with their params and final metrics (ids, seeds and statuses only, no configs), read
 * READ_CHUNK at a time, which keeps the peak RSS of a 50,000-trial sweep some 20 MB lower than one read.
 */
async function sweepTrials(store: UiStore, sweepId: number): Promise<SweepTrial[]> {
  const outcomes = await store.trialOutcomes(sweepId);
  const trials: SweepTrial[] = [];
  for (let i = 0; i < outcomes.length; i += READ_CHUNK) {
    const chunk = outcomes.slice(i, i + READ_CHUNK);
    const ids = chunk.map((t) => t.id);
    const params = await store.getParams(ids);
    const metrics = await store.getMetrics(ids);
    for (const t of chunk) trials.push({ ...t, params: params.get(t.id) ?? {}, metrics: metrics.get(t.id) ?? {} });
  }
  return trials;
}

/** The store as `loadComparison` reads it, answering for this sweep from the trials already read: 50,000 trials are read once. */
function comparisonSource(store: UiStore, sweepId: number, trials: SweepTrial[]): ComparisonSource {
  const byId = new Map(trials.map((t) => [t.id, t]));
  return {
    getSweep: (name, version) => store.getSweep(name, version),
    listSweeps: () => store.listSweeps(),
    trialOutcomes: async (id) => (id === sweepId ? trials : store.trialOutcomes(id)),
    getParams: async (ids) => new Map(ids.map((id) => [id, byId.get(id)?.params ?? {}])),
    getMetrics: async (ids) => new Map(ids.map((id) => [id, byId.get(id)?.metrics ?? {}])),
  };
}

/** The report's metric-vs-setting charts (95% CI band, chosen value ringed); for the first setting also its gap and zero-weight charts. */
function comparisonCharts(comparison: Comparison): ChartPayload[] {
  const params = [...new Set([...comparison.tunedParams, ...comparison.curve.map((p) => p.param)])]
    .sort((a, b) => Number(b === 'lambda') - Number(a === 'lambda'));
  return params.flatMap((param, i) => paramCharts(comparison, param)
    .filter((c) => i === 0 || c.id.startsWith('metric-vs-'))
    .map((c) => ({ ...chartPayload(c.id, c.title, c.caption, c.spec), folded: i > 0 })));
}

/**
 * The trials whose learning curves are drawn: for each group, the trials the comparison used (each seed's
 * at the setting chosen for it), then settings with trials running; without a comparison, the running
 * settings and the best three.
 */
function chooseCurveSets(comparison: Comparison | null, settings: SettingSummary[], trials: SweepTrial[]): CurveSet[] {
  const byTrial = new Map(trials.map((t) => [t.id, t]));
  const sets: CurveSet[] = [];
  const used = new Set<string>();
  for (const g of comparison?.groups ?? []) {
    const keys = new Set(g.perSeed.map((s) => settingKey(byTrial.get(s.trialId)?.params ?? {})));
    // one setting for every seed: its running seeds count too
    if (keys.size === 1) used.add([...keys][0]!);
    const label = g.choices.length > 1 ? `${g.group} (setting chosen per seed)` : groupName(g);
    sets.push({ label, role: 'chosen', trialIds: g.perSeed.map((s) => s.trialId) });
  }
  const running = settings.filter((s) => s.running > 0 && !used.has(s.key)).slice(0, MAX_RUNNING_SETS);
  for (const s of running) {
    used.add(s.key);
    sets.push({ label: `${settingText(s.params) || 'default'} (running)`, role: 'running', trialIds: s.trialIds });
  }
  if (!comparison) {
    const best = settings.filter((s) => s.objective !== null && !used.has(s.key)).sort((a, b) => b.objective! - a.objective!).slice(0, 3);
    for (const s of best) sets.push({ label: settingText(s.params) || 'default', role: 'chosen', trialIds: s.trialIds });
  }
  return sets;
}
