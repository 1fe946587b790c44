import type { TopLevelSpec } from 'vega-lite';
import { parseMetricName } from '../../sweep/metric-names.ts';
import { isPercentMetric } from '../compare-format.ts';
import type { Comparison } from '../comparison.ts';
import { CHART_CONFIG, PANEL, PERCENT_AXIS, groupColors, logTicks } from './chart-theme.ts';
import type { ChartSpec } from './chart-spec.ts';
import type { ReportData } from './load-report-data.ts';

type Panel = Extract<TopLevelSpec, { hconcat: unknown }>['hconcat'][number];

/**
 * Learning curves of each group's chosen setting, mean across seeds: the compared metric on validation
 * and test vs epoch (left), the training loss vs epoch (right, log scale when it spans a wide range).
 * Undefined when no curve was recorded.
 *
 * @example
 * learningCurveChart(comparison, data)?.id; // 'learning-curves'
 */
export function learningCurveChart(comparison: Comparison, data: ReportData): ChartSpec | undefined {
  const colors = groupColors(comparison.groups.map((g) => g.group));
  const color = { field: 'group', type: 'nominal', title: comparison.by, scale: colors, sort: colors.domain } as const;
  const x = { field: 'epoch', type: 'quantitative', title: 'epoch', scale: { nice: false } } as const;
  const metricKeys = data.curveKeys.filter((k) => k !== 'train_loss');
  const metricRows = data.learningCurves.filter((p) => metricKeys.includes(p.key));
  const lossRows = data.learningCurves.filter((p) => p.key === 'train_loss');
  const panels: Panel[] = [];
  if (metricRows.length > 0) {
    panels.push({
      width: PANEL.width, height: PANEL.height,
      title: metricKeys.join(' and '),
      data: { values: metricRows },
      mark: { type: 'line', strokeWidth: 1.8 },
      name: 'metric_lines',
      encoding: {
        x, color,
        y: {
          field: 'mean', type: 'quantitative', title: parseMetricName(comparison.metric).base, scale: { zero: false },
          axis: isPercentMetric(comparison.metric) ? { format: PERCENT_AXIS } : {},
        },
        strokeDash: { field: 'key', type: 'nominal', title: 'split', sort: metricKeys, scale: { domain: metricKeys, range: [[5, 3], [1, 0]] } },
        detail: { field: 'key' },
      },
    });
  }
  if (lossRows.length > 0) {
    const values = lossRows.map((r) => r.mean);
    const log = values.every((v) => v > 0) && Math.max(...values) / Math.min(...values) >= 20;
    panels.push({
      width: PANEL.width, height: PANEL.height,
      title: `train_loss${log ? ' (log scale)' : ''}`,
      data: { values: lossRows },
      mark: { type: 'line', strokeWidth: 1.8 },
      name: 'loss_lines',
      encoding: {
        x, color,
        y: { field: 'mean', type: 'quantitative', title: 'training loss', scale: log ? { type: 'log', nice: false } : { zero: false }, axis: log ? { format: '~g', values: logTicks(values) } : {} },
      },
    });
  }
  if (panels.length === 0) return undefined;
  const seeds = [...new Set(comparison.groups.map((g) => g.n))].join('/');
  return {
    id: 'learning-curves',
    title: 'Learning curves of the chosen settings',
    caption: `Mean across seeds (${seeds} per group) at each recorded epoch, for the setting each ${comparison.by} chose on ${comparison.selectionMetric}.`,
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      description: 'learning curves of the chosen setting of each group',
      config: CHART_CONFIG,
      hconcat: panels,
    },
  };
}
