import { defineCommand } from 'citty';
import type { LearningCurvePoint, ParamValue, SweepRecord, TrialRecord } from '../../store/index.ts';
import { SPLITS, type Split, parseMetricName } from '../../sweep/metric-names.ts';
import { recordedSearch } from '../../sweep/recorded-search.ts';
import { lineChart } from '../charts.ts';
import { paint, statusStyle, type Style, useColor } from '../color.ts';
import { handled, UsageError } from '../errors.ts';
import { fmt, formatDuration, formatTime } from '../format.ts';
import { withStore } from '../open-db.ts';
import { dbArgs } from '../options.ts';
import { boxTable } from '../tables.ts';

const SPLIT_COLORS: Record<Split, Style> = { train: 'blue', validation: 'yellow', test: 'magenta' };

/** Everything `show` prints about one trial. */
export interface TrialDetail {
  trial: TrialRecord;
  sweep: SweepRecord;
  params: Record<string, ParamValue>;
  metrics: Record<string, number>;
  curve: LearningCurvePoint[];
}

/** `{ a: { b: 1 } }` as `[['a.b', '1']]`; arrays stay JSON. */
function flatten(value: unknown, prefix = ''): [string, string][] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
  }
  return [[prefix, typeof value === 'number' ? fmt(value) : typeof value === 'string' ? value : JSON.stringify(value)]];
}

/** Words joined by two spaces, broken into lines of at most `width`, continuation lines indented by `indent`. */
function wrap(items: string[], width: number, indent: number): string {
  const lines: string[] = [];
  for (const item of items) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 2 + item.length <= width) lines[lines.length - 1] = `${last}  ${item}`;
    else lines.push(item);
  }
  return lines.join(`\n${' '.repeat(indent)}`);
}

function words(camel: string): string {
  return camel.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/**
 * A trial for the terminal: identity and timings, params and resolved config, final metrics per split,
 * the error if it failed, its summary (per-input feature mass as bars) and its learning curves.
 *
 * @example
 * console.log(renderTrial(detail, { color: false, allCurves: false }));
 */
export function renderTrial(d: TrialDetail, options: { color: boolean; allCurves: boolean }): string {
  const { trial, sweep, color } = { ...d, color: options.color };
  const out: string[] = [];
  const heading = (text: string) => { out.push('', paint(text, 'bold', color)); };
  const field = (label: string, value: string) => { out.push(`  ${label.padEnd(14)} ${value}`); };

  out.push(`${paint(`trial ${trial.id}`, 'bold', color)}  ${sweep.name} v${sweep.version}  ${paint(trial.status, statusStyle(trial.status), color)}`);
  field('trial key', trial.trialKey);
  field('seed', String(trial.seed));
  const search = recordedSearch(sweep.spec);
  field('sampler', trial.configNumber === undefined
    ? search.method
    : `${search.method}, configuration ${trial.configNumber}${search.budget === null ? '' : ` of ${search.budget}`}`);
  field('params', wrap(Object.entries(d.params).map(([k, v]) => `${k}=${v === null ? '-' : fmt(v)}`), 80 - 17, 17) || '-');
  field('objective', `${sweep.objectiveMetric} (${sweep.objectiveDirection}) = ${fmt(d.metrics[sweep.objectiveMetric]) || '-'}`);
  field('started', formatTime(trial.startedAt, true) || '-');
  field('finished', formatTime(trial.finishedAt, true) || '-');
  field('duration', formatDuration(trial.durationMs) || '-');
  field('attempts', `${trial.attempts}${trial.worker ? `  (worker ${trial.worker})` : ''}`);
  if (trial.error) {
    heading('error');
    out.push(...trial.error.split('\n').slice(0, 20).map((line) => `  ${paint(line, 'red', color)}`));
  }

  heading('config');
  const config = flatten(trial.config);
  const width = Math.max(...config.map(([k]) => k.length));
  out.push(...config.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`));

  heading('metrics');
  const byName = new Map<string, Record<string, number>>();
  const other: string[] = [];
  for (const [key, value] of Object.entries(d.metrics)) {
    const { split, base: name } = parseMetricName(key);
    if (split === null) other.push(`${key} ${fmt(value)}`);
    else byName.set(name, { ...byName.get(name), [split]: value });
  }
  if (byName.size > 0) {
    const rows = [...byName].map(([name, values]) => [name, ...SPLITS.map((s) => fmt(values[s]))]);
    out.push(boxTable(['', ...SPLITS], rows, { color }).split('\n').map((l) => `  ${l}`).join('\n'));
  }
  if (other.length > 0) out.push(`  ${other.join('  ')}`);
  if (byName.size === 0 && other.length === 0) out.push('  (none recorded)');

  if (trial.summary !== null && typeof trial.summary === 'object') {
    heading('summary');
    for (const [key, value] of Object.entries(trial.summary)) {
      if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'number')) {
        out.push(`  ${words(key)}:`);
        const entries = Object.entries(value as Record<string, number>);
        const max = Math.max(...entries.map(([, v]) => Math.abs(v)), Number.MIN_VALUE);
        const label = Math.max(...entries.map(([k]) => k.length));
        for (const [k, v] of entries) out.push(`    ${k.padEnd(label)}  ${'█'.repeat(Math.round((Math.abs(v) / max) * 40)).padEnd(40)}  ${fmt(v)}`);
      } else {
        field(words(key), value === null ? '-' : typeof value === 'boolean' ? (value ? 'yes' : 'no') : flatten(value)[0]![1]);
      }
    }
  }
  out.push(...curveCharts(d.curve, options));
  return out.join('\n');
}

/** One chart per metric name (accuracy, loss, ...) with a series per split, values aligned on epochs. */
function curveCharts(curve: LearningCurvePoint[], options: { color: boolean; allCurves: boolean }): string[] {
  if (curve.length === 0) return ['', '(no learning curve recorded)'];
  const groups = new Map<string, Map<string, LearningCurvePoint[]>>();
  for (const p of curve) {
    const { split, base: name } = parseMetricName(p.key);
    const group = groups.get(name) ?? new Map<string, LearningCurvePoint[]>();
    groups.set(name, group);
    const series = split ?? p.key;
    group.set(series, [...(group.get(series) ?? []), p]);
  }
  const preferred = ['accuracy', 'loss'].filter((n) => groups.has(n));
  const names = options.allCurves || preferred.length === 0 ? [...groups.keys()] : preferred;
  const out: string[] = [];
  for (const name of names) {
    const group = groups.get(name)!;
    const epochs = [...new Set([...group.values()].flatMap((ps) => ps.map((p) => p.epoch)))].sort((a, b) => a - b);
    const order = (label: string) => ((SPLITS as readonly string[]).indexOf(label) + SPLITS.length + 1) % (SPLITS.length + 1);
    const series = [...group].sort(([a], [b]) => order(a) - order(b)).map(([label, points]) => {
      const at = new Map(points.map((p) => [p.epoch, p.value]));
      let last = Number.NaN;
      // A missing epoch repeats the previous value; a NaN (diverged) ends the line.
      const values = epochs.map((e) => (last = at.has(e) ? at.get(e)! : last));
      const color = SPLIT_COLORS[label as Split] ?? 'cyan';
      return { label, values: Number.isNaN(values[0]!) ? values.slice(values.findIndex((v) => !Number.isNaN(v))) : values, color };
    });
    out.push('', paint(`${name} by epoch`, 'bold', options.color));
    out.push(lineChart(series, {
      color: options.color, height: 10, points: 60, xRange: [String(epochs[0]), String(epochs[epochs.length - 1])], xLabel: 'epoch',
    }));
  }
  const hidden = [...groups.keys()].filter((n) => !names.includes(n));
  if (hidden.length > 0) out.push('', `other curves: ${hidden.join(', ')} (--all-curves to draw them)`);
  return out;
}

export default defineCommand({
  meta: { name: 'show', description: 'Show one trial: config, metrics, timings, learning curves' },
  args: {
    trial: { type: 'positional', required: true, description: 'trial id, as listed by regsweep runs' },
    ...dbArgs,
    'all-curves': { type: 'boolean', description: 'draw every recorded curve, not only accuracy and loss' },
    json: { type: 'boolean', description: 'print the trial, its params, metrics and curve as JSON instead' },
  },
  run: handled(async ({ args }) => {
    const id = Number(args.trial);
    if (!Number.isInteger(id) || id < 1) throw new UsageError(`TRIAL must be a trial id (a positive integer), got "${args.trial}"`);
    const detail = await withStore(args, 'read', async (store): Promise<TrialDetail> => {
      const trial = await store.getTrial(id);
      if (!trial) throw new UsageError(`no trial with id ${id} in this database (regsweep runs lists them)`);
      const sweep = (await store.getSweepById(trial.sweepId))!;
      const [params, metrics] = [await store.getParams([id]), await store.getMetrics([id])];
      return { trial, sweep, params: params.get(id) ?? {}, metrics: metrics.get(id) ?? {}, curve: await store.getCurve(id) };
    });
    if (args.json) console.log(JSON.stringify({ ...detail, sweep: { ...detail.sweep, spec: undefined } }, null, 2));
    else console.log(renderTrial(detail, { color: useColor(), allCurves: args['all-curves'] ?? false }));
    return 0;
  }),
});
