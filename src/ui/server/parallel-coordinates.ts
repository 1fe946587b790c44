import { formatParam, formatValue, isPercentMetric } from '../../report/compare-format.ts';
import type { ParallelCoordinates } from '../api-types.ts';
import type { ParamValue } from '../../store/types.ts';
import type { SettingSummary } from './setting-summary.ts';

/** An axis of the chart: where each value of one param sits, from 0 (bottom) to 1 (top). */
interface Axis {
  /** the param's name */
  name: string;
  /** the axis title: the name, `(log)` added on a log axis */
  title: string;
  position: (v: ParamValue) => number;
  ticks: { at: number; label: string }[];
}


/**
 * Parallel coordinates of a sweep's settings: one axis per swept param that varies and one for the objective
 * (mean across seeds), one line per setting. Numbers spanning a factor of 10 or more sit on a log axis; a
 * param that does not apply (`lambda` of `none`) sits on its own tick `–` under the axis. Settings without a
 * completed seed are left out. Undefined when no setting has an objective. The front end draws it on a
 * canvas: 5,000 lines drawn by vega took seconds, on a canvas they take milliseconds.
 *
 * @example
 * parallelCoordinates(settings, 'validation_accuracy', 'maximize')?.lines.length; // settings with an objective
 */
export function parallelCoordinates(settings: readonly SettingSummary[], objectiveMetric: string, direction: 'minimize' | 'maximize'): ParallelCoordinates | undefined {
  const done = settings.filter((s) => s.objective !== null);
  if (done.length === 0) return undefined;
  const names = [...new Set(done.flatMap((s) => Object.keys(s.params)))].filter((p) => new Set(done.map((s) => JSON.stringify(s.params[p] ?? null))).size > 1);
  // categories (the regularization kind) on the left, then the numbers
  const numeric = (p: string) => done.every((s) => typeof (s.params[p] ?? 0) === 'number');
  names.sort((a, b) => Number(numeric(a)) - Number(numeric(b)));
  const axes = names.map((p) => axisOf(p, done.map((s) => s.params[p] ?? null)));
  const objectives = done.map((s) => s.objective!);
  // a proportion in percent, as the tables write it: `77.5%`
  axes.push(numberAxis(objectiveMetric, objectives, false, isPercentMetric(objectiveMetric) ? (v) => `${formatValue(v, objectiveMetric)}%` : undefined));
  // 4 decimals place a line within a 10,000th of the axis: a third of the bytes of full doubles
  const round = (v: number) => Math.round(1e4 * v) / 1e4;
  const lines = done.map((s) => axes.map((a, k) => round(a.position(k === axes.length - 1 ? s.objective! : s.params[a.name] ?? null))));
  return {
    axes: axes.map((a) => ({ title: a.title, ticks: a.ticks })),
    lines, objective: objectives, objectiveMetric, direction,
  };
}

const NULL_AT = -0.08;

function axisOf(name: string, values: ParamValue[]): Axis {
  const present = values.filter((v) => v !== null);
  if (present.length > 0 && present.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    return numberAxis(name, present as number[], values.some((v) => v === null));
  }
  const categories = [...new Set(values.map((v) => JSON.stringify(v)))].sort();
  const at = (v: ParamValue) => (categories.length === 1 ? 0.5 : categories.indexOf(JSON.stringify(v)) / (categories.length - 1));
  return { name, title: name, position: at, ticks: categories.map((c) => { const v = JSON.parse(c) as ParamValue; return { at: at(v), label: formatParam(v) }; }) };
}

function numberAxis(name: string, values: number[], hasNull: boolean, label = (v: number) => formatParam(Number(v.toPrecision(3)))): Axis {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) { if (v < min) min = v; if (v > max) max = v; }
  const log = min > 0 && max / min >= 10;
  const t = (v: number) => (log ? Math.log10(v) : v);
  const span = t(max) - t(min);
  const position = (v: ParamValue) => (typeof v !== 'number' ? NULL_AT : span === 0 ? 0.5 : (t(v) - t(min)) / span);
  const distinct = [...new Set(values)].sort((a, b) => a - b);
  const tickValues = distinct.length <= 12 ? distinct : [0, 0.25, 0.5, 0.75, 1].map((f) => (log ? 10 ** (t(min) + f * span) : min + f * span));
  const ticks = tickValues.map((v) => ({ at: position(v), label: label(v) }));
  if (hasNull) ticks.push({ at: NULL_AT, label: '– (n/a)' });
  return { name, title: log ? `${name} (log)` : name, position, ticks };
}
