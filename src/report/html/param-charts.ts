import type { TopLevelSpec } from 'vega-lite';
import { parseMetricName } from '../../sweep/metric-names.ts';
import { isPercentMetric } from '../compare-format.ts';
import type { Comparison, CurvePoint, GroupSummary } from '../comparison.ts';
import { CHART_CONFIG, PANEL, PERCENT_AXIS, POINTS_LABEL, groupColors, logTicks } from './chart-theme.ts';
import type { ChartSpec } from './chart-spec.ts';

type Layer = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];
type PositionDef = NonNullable<NonNullable<Extract<Layer, { mark: unknown }>['encoding']>['x']>;
type XScale = 'log' | 'linear' | 'ordinal';

/** One row of a metric-vs-setting chart: a point on a group's curve, or a reference level of a group without the setting. */
export interface ParamRow {
  /** facet panel (the metric-vs-setting chart has one for the selection metric and one for the compared metric) */
  panel: string;
  group: string;
  /** the setting's value; null on a reference row */
  x: number | string | null;
  y: number;
  /** 95% CI, when known */
  lo: number | null;
  hi: number | null;
  /** a group that has no value of this setting (e.g. `none` has no lambda): drawn as a horizontal rule across the chart */
  reference: boolean;
  /** the value the group chose on the selection metric */
  chosen: boolean;
}

/**
 * The three charts of one tuned setting (e.g. `lambda`), each with one line per group that has the
 * setting and a horizontal reference rule (and CI band) for each group that does not:
 * selection and compared metric (95% CI band on the compared one), train - test gap, fraction of zero weights.
 * A chart whose numbers were not recorded is left out.
 *
 * @example
 * paramCharts(comparison, 'lambda').map((c) => c.id); // ['metric-vs-lambda', 'gap-vs-lambda', 'zero-fraction-vs-lambda']
 */
export function paramCharts(comparison: Comparison, param: string): ChartSpec[] {
  const points = comparison.curve.filter((p) => p.param === param);
  const xScale = xScaleOf(points.map((p) => p.value));
  const xValues = points.flatMap((p) => (typeof p.value === 'number' ? [p.value] : []));
  const onCurve = (p: CurvePoint) => p.value !== null && (xScale !== 'log' || (typeof p.value === 'number' && p.value > 0));
  const curveGroups = new Set(points.filter(onCurve).map((p) => p.group));
  const references = comparison.groups.filter((g) => !curveGroups.has(g.group));
  const slug = settingSlug(param);
  const scaleNote = xScale === 'log' ? ' (log scale)' : '';
  const groupsWord = references.map((g) => g.group).join(', ');
  const refNote = references.length ? ` Dashed rules: ${groupsWord}, which ${references.length === 1 ? 'has' : 'have'} no ${param}.` : '';
  // a random or TPE search: every setting of each group, the others varying from point to point (no curve to draw)
  const scatter = comparison.everySetting?.includes(param) ?? false;
  const eachAt = scatter
    ? `Each point is one setting, mean across its seeds${scaleNote}; the other settings differ from point to point (no two settings of this search differ in ${param} alone), so read a trend, not a curve.`
    : undefined;
  const chosenNote = comparison.select === 'pooled'
    ? ` Ringed points: the value each group chose on mean ${comparison.selectionMetric}.`
    : ` Ringed points: the value chosen on ${comparison.selectionMetric} for the most seeds (see the table for all choices).`;
  const charts: ChartSpec[] = [];

  const curveRows = (panel: string, y: (p: CurvePoint) => number | null, ci: boolean): ParamRow[] =>
    points.filter(onCurve).flatMap((p) => {
      const v = finite(y(p));
      if (v === null) return [];
      const g = comparison.groups.find((x) => x.group === p.group);
      return [{
        panel, group: p.group, x: p.value as number | string, y: v,
        lo: ci ? finite(p.ciLow) : null, hi: ci ? finite(p.ciHigh) : null,
        reference: false, chosen: p.chosen ?? (g !== undefined && g.chosen[param] === p.value),
      }];
    });
  const referenceRows = (panel: string, y: (g: GroupSummary) => number | null, ci: boolean): ParamRow[] =>
    references.flatMap((g) => {
      const v = finite(y(g));
      return v === null ? [] : [{ panel, group: g.group, x: null, y: v, lo: ci ? finite(g.ciLow) : null, hi: ci ? finite(g.ciHigh) : null, reference: true, chosen: false }];
    });

  // 1. selection metric and compared metric vs the setting, side by side on one y scale
  const percent = isPercentMetric(comparison.metric) && isPercentMetric(comparison.selectionMetric);
  const selectionPanel = `${comparison.selectionMetric} (selection)`;
  const metricPanel = scatter ? `${comparison.metric} (held out)` : `${comparison.metric} (held out, 95% CI)`;
  const metricRows = [
    ...curveRows(selectionPanel, (p) => p.selectionMean, false),
    ...referenceRows(selectionPanel, (g) => g.selectionMean, false),
    ...curveRows(metricPanel, (p) => p.mean, true),
    ...referenceRows(metricPanel, (g) => g.mean, true),
  ];
  if (metricRows.some((r) => !r.reference)) {
    charts.push({
      id: `metric-vs-${slug}`,
      title: `${comparison.selectionMetric} and ${comparison.metric} vs ${param}`,
      caption: `${eachAt ?? `Mean across seeds at each ${param}${scaleNote}; the shaded band is the 95% t-interval of ${comparison.metric}.`}${refNote}${chosenNote}`,
      spec: {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        description: `${comparison.metric} vs ${param} per ${comparison.by}`,
        config: CHART_CONFIG,
        data: { values: metricRows },
        facet: { column: { field: 'panel', type: 'nominal', sort: [selectionPanel, metricPanel], title: null } },
        spec: {
          width: PANEL.width, height: PANEL.height,
          layer: paramLayers(comparison, xScale, xValues, param, {
            yTitle: metricName(comparison.metric), domain: metricDomain(metricRows, comparison.metric), scatter,
            // in percent, as the tables show it (the two panels share the axis: both metrics must be proportions)
            yFormat: percent ? PERCENT_AXIS : undefined,
          }),
        },
        resolve: { scale: { y: 'shared' } },
      },
    });
  }

  // 2. train - test gap
  const gapRows = [...curveRows('gap', (p) => p.trainGap, false), ...referenceRows('gap', (g) => g.trainGap, false)];
  if (gapRows.some((r) => !r.reference)) {
    charts.push(layerChart(`gap-vs-${slug}`, `Train − ${comparison.metric} gap vs ${param}`,
      `${eachAt === undefined ? `Mean across seeds of (train metric − ${comparison.metric}): how much better the model does on the data it was trained on${scaleNote}.` : `${eachAt} The gap: how much better the model does on the data it was trained on.`}${refNote}${chosenNote}`,
      gapRows, paramLayers(comparison, xScale, xValues, param, {
        scatter,
        // a difference of proportions in percentage points, as the tables write differences
        yTitle: `train − ${metricName(comparison.metric)}${percent ? ' (points)' : ''}`, yLabelExpr: percent ? POINTS_LABEL : undefined,
      })));
  }

  // 3. fraction of weights exactly zero
  const zeroRows = [...curveRows('zero', (p) => p.zeroFraction, false), ...referenceRows('zero', (g) => g.zeroFraction, false)];
  if (zeroRows.some((r) => !r.reference)) {
    charts.push(layerChart(`zero-fraction-vs-${slug}`, `Fraction of zero weights vs ${param}`,
      `${eachAt === undefined ? `Mean across seeds of the fraction of weights exactly zero after training${scaleNote}.` : `${eachAt} Zero weights: the fraction exactly zero after training.`}${refNote}${chosenNote}`,
      zeroRows, paramLayers(comparison, xScale, xValues, param, {
        yTitle: 'zero weights', yFormat: PERCENT_AXIS, zero: true, scatter,
        // all zero (no L1, or no weight reached zero): show 0..100% rather than a degenerate axis
        domain: zeroRows.every((r) => r.y === 0) ? [0, 1] : undefined,
      })));
  }
  return charts;
}

function layerChart(id: string, title: string, caption: string, rows: ParamRow[], layer: Layer[]): ChartSpec {
  return {
    id, title, caption,
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      description: title,
      config: CHART_CONFIG,
      width: PANEL.width, height: PANEL.height,
      data: { values: rows },
      layer,
    },
  };
}

/** Layers shared by the metric, gap and zero-fraction charts; mark names (`points`, `reference_rule`, ...) let tests count marks. */
function paramLayers(comparison: Comparison, xScale: XScale, xValues: number[], param: string, y: { yTitle: string; yFormat?: string | undefined; yLabelExpr?: string | undefined; zero?: boolean; domain?: [number, number] | undefined; scatter?: boolean }): Layer[] {
  const colors = groupColors(comparison.groups.map((g) => g.group));
  const color = { field: 'group', type: 'nominal', title: comparison.by, scale: colors, sort: colors.domain } as const;
  const x: PositionDef = xScale === 'ordinal'
    ? { field: 'x', type: 'ordinal', title: param, sort: null }
    : {
        field: 'x', type: 'quantitative', title: xScale === 'log' ? `${param} (log scale)` : param,
        scale: xScale === 'log' ? { type: 'log', nice: false, padding: 12 } : { zero: false, nice: false, padding: 12 },
        axis: xScale === 'log' ? { format: '~e', values: logTicks(xValues) } : {},
      };
  const yScale = y.domain === undefined ? { zero: y.zero ?? false, nice: true } : { domain: y.domain, nice: true, zero: false };
  const yAxis = { ...(y.yFormat === undefined ? {} : { format: y.yFormat }), ...(y.yLabelExpr === undefined ? {} : { labelExpr: y.yLabelExpr }) };
  const yEnc = { field: 'y', type: 'quantitative', title: y.yTitle, scale: yScale, axis: yAxis } as const;
  const layers: Layer[] = [
    {
      name: 'reference_band',
      transform: [{ filter: 'datum.reference && isValid(datum.lo) && isValid(datum.hi)' }],
      mark: { type: 'rect', opacity: 0.12, clip: true },
      encoding: { y: { field: 'lo', type: 'quantitative', scale: yScale }, y2: { field: 'hi' }, color },
    },
    {
      name: 'reference_rule',
      transform: [{ filter: 'datum.reference' }],
      mark: { type: 'rule', strokeDash: [6, 4], strokeWidth: 1.5 },
      encoding: { y: yEnc, color },
    },
    {
      name: 'ci_band',
      transform: [{ filter: '!datum.reference && isValid(datum.lo) && isValid(datum.hi)' }],
      mark: { type: 'area', opacity: 0.18, clip: true },
      encoding: { x, y: { field: 'lo', type: 'quantitative', scale: yScale }, y2: { field: 'hi' }, color },
    },
    {
      name: 'line',
      transform: [{ filter: '!datum.reference' }],
      mark: { type: 'line', strokeWidth: 1.8 },
      encoding: { x, y: yEnc, color },
    },
    {
      name: 'points',
      transform: [{ filter: '!datum.reference' }],
      mark: { type: 'point', filled: true, size: 40, opacity: 1 },
      encoding: { x, y: yEnc, color },
    },
    {
      name: 'chosen',
      transform: [{ filter: 'datum.chosen' }],
      mark: { type: 'point', filled: false, size: 180, strokeWidth: 1.5 },
      encoding: { x, y: yEnc, color },
    },
  ];
  // points of unrelated settings: no line through them, and no band (one per point would bury them)
  return y.scatter ? layers.filter((l) => l.name !== 'line' && l.name !== 'ci_band') : layers;
}

/** A setting's name as it appears in chart ids: `model.hidden` -> `model-hidden`. */
export function settingSlug(param: string): string {
  return param.replace(/[^A-Za-z0-9_-]+/g, '-');
}

/** `log` for positive numbers spanning at least a factor 10, `linear` for other numbers, `ordinal` otherwise. */
function xScaleOf(values: unknown[]): XScale {
  const nums = values.filter((v) => v !== null);
  if (nums.length === 0 || !nums.every((v) => typeof v === 'number' && Number.isFinite(v))) return nums.length ? 'ordinal' : 'linear';
  const n = nums as number[];
  const min = Math.min(...n);
  const max = Math.max(...n);
  return min > 0 && max / min >= 10 ? 'log' : 'linear';
}

/**
 * The y range of the metric chart: the means and CI bounds, but never below 0 for a metric whose means
 * are all non-negative, nor above 1 for an accuracy. With few seeds a t-interval can reach far past what
 * the metric can be (0.78 ± 1.6 with 2 seeds); the band is then clipped at the chart's edge rather
 * than squashing the curves into a sliver.
 */
export function metricDomain(rows: readonly ParamRow[], metric: string): [number, number] {
  const ys = rows.map((r) => r.y);
  const all = rows.flatMap((r) => [r.y, ...(r.lo === null ? [] : [r.lo]), ...(r.hi === null ? [] : [r.hi])]);
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (ys.every((v) => v >= 0)) lo = Math.max(lo, 0);
  if (/accuracy/i.test(metric) && ys.every((v) => v <= 1)) hi = Math.min(hi, 1);
  if (hi - lo < 1e-9) {
    const pad = Math.max(Math.abs(hi) * 0.05, 0.01);
    return [lo - pad, hi + pad];
  }
  return [lo, hi];
}

/** `test_accuracy` -> `accuracy`. */
function metricName(metric: string): string {
  return parseMetricName(metric).base;
}

function finite(v: number | null): number | null {
  return v !== null && Number.isFinite(v) ? v : null;
}
