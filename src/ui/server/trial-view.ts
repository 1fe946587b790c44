import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG } from '../../report/html/chart-theme.ts';
import type { TrialResponse } from '../api-types.ts';
import { curveChart } from './curve-chart.ts';
import { NotFoundError } from './http-errors.ts';
import type { UiStore } from './ui-store.ts';
import { chartPayload, toVega } from './vega.ts';

const SPLITS = ['train', 'validation', 'test'] as const;
const SPLIT_COLORS = { domain: [...SPLITS, 'model'], range: ['#9c9c9c', '#4c78a8', '#e45756', '#59a14f'] };

/**
 * One trial: its config, params, final metrics by split, weight mass per input (`summary.featureMass`) and
 * the spec of its curves (which the front end fills from the curves endpoint, as for a sweep).
 *
 * @throws NotFoundError for an unknown id.
 */
export async function trialView(store: UiStore, id: number): Promise<TrialResponse> {
  const trial = await store.getTrial(id);
  if (!trial) throw new NotFoundError(`no trial with id ${id}`);
  const sweep = await store.getSweepById(trial.sweepId);
  if (!sweep) throw new NotFoundError(`trial ${id} belongs to sweep ${trial.sweepId}, which is not in the database`);
  const [params, metrics] = [(await store.getParams([id])).get(id) ?? {}, (await store.getMetrics([id])).get(id) ?? {}];

  const metricsBySplit: TrialResponse['metricsBySplit'] = {};
  for (const [key, value] of Object.entries(metrics).sort(([a], [b]) => a.localeCompare(b))) {
    const split = SPLITS.find((s) => key.startsWith(`${s}_`));
    const bucket = (metricsBySplit[split ?? 'other'] ??= {});
    bucket[split ? key.slice(split.length + 1) : key] = Number.isFinite(value) ? value : null;
  }

  const { featureMass: rawMass, ...rest } = (isRecord(trial.summary) ? trial.summary : {}) as Record<string, unknown>;
  const masses = isRecord(rawMass) ? Object.entries(rawMass).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1])) : [];
  const total = masses.reduce((a, [, m]) => a + m, 0);
  const featureMass = masses.map(([input, mass]) => ({ input, mass, share: total > 0 ? mass / total : 0 }));

  const objective = sweep.objectiveMetric;
  const curveKeys = [...new Set([objective.replace(/^(train|validation|test)_/, ''), 'accuracy', 'loss'])];
  return {
    trial: {
      id: trial.id, sweepId: trial.sweepId, trialKey: trial.trialKey, status: trial.status, seed: trial.seed, error: trial.error,
      attempts: trial.attempts, worker: trial.worker, startedAt: trial.startedAt, finishedAt: trial.finishedAt, durationMs: trial.durationMs,
    },
    sweep: { id: sweep.id, name: sweep.name, version: sweep.version, objectiveMetric: objective },
    config: trial.config, params, metricsBySplit, featureMass,
    featureMassChart: featureMass.length ? await chartPayload('feature-mass', 'Weight mass per input', 'Sum of |w| of each input\'s first-layer weights, as a share of the total; an input L1 pruned has no bar.', featureMassSpec(featureMass)) : null,
    curveKeys,
    // one panel per metric (accuracy, loss, ...), one line per split
    curveSpec: await toVega(curveChart(curveKeys, SPLIT_COLORS, false)),
    summary: Object.keys(rest).length ? rest : null,
  };
}

function featureMassSpec(rows: TrialResponse['featureMass']): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    width: Math.max(320, rows.length * 28), height: 180,
    data: { values: rows },
    mark: { type: 'bar', color: '#4c78a8' },
    name: 'bars',
    encoding: {
      // a bar is 28 px: names longer than 4 characters are slanted so that they do not run into each other
      x: { field: 'input', type: 'nominal', sort: rows.map((r) => r.input), title: 'input', axis: { labelAngle: rows.length > 20 ? -90 : rows.some((r) => r.input.length > 4) ? -45 : 0 } },
      y: { field: 'share', type: 'quantitative', title: 'share of weight mass', axis: { format: '.0%' } },
      tooltip: [{ field: 'input' }, { field: 'mass', format: '.4g', title: 'sum |w|' }, { field: 'share', format: '.1%' }],
    },
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
