import type { Comparison } from '../comparison.ts';
import type { ChartSpec, OmittedChart } from './chart-spec.ts';
import { featureMassChart } from './feature-mass-chart.ts';
import { learningCurveChart } from './learning-curve-chart.ts';
import type { ReportData } from './load-report-data.ts';
import { paramCharts, settingSlug } from './param-charts.ts';

/**
 * Every chart of the report, in page order: per tuned setting (e.g. `lambda`) the metric, the
 * train - test gap and the fraction of zero weights vs the setting; the weight mass per input of the
 * chosen models; their learning curves. A chart the data cannot fill is listed in `omitted` with the reason.
 *
 * @example
 * const { charts, omitted } = buildCharts(comparison, await loadReportData(storage, comparison));
 * charts.map((c) => c.id); // ['metric-vs-lambda', 'gap-vs-lambda', 'zero-fraction-vs-lambda', 'feature-mass', 'learning-curves']
 */
export function buildCharts(comparison: Comparison, data: ReportData): { charts: ChartSpec[]; omitted: OmittedChart[] } {
  const charts: ChartSpec[] = [];
  const omitted: OmittedChart[] = [];
  const params = [...new Set([...comparison.tunedParams, ...comparison.curve.map((p) => p.param)])];
  if (params.length === 0) {
    omitted.push({ id: 'metric-vs-setting', title: 'Metric vs tuned setting', reason: `no setting besides ${comparison.by} was swept, so there is no curve to draw` });
  }
  for (const param of params) {
    const drawn = paramCharts(comparison, param);
    const slug = settingSlug(param);
    charts.push(...drawn);
    if (drawn.length === 0) omitted.push({ id: `metric-vs-${slug}`, title: `Metric vs ${param}`, reason: `no group has a recorded curve over ${param}` });
    else if (!drawn.some((c) => c.id.startsWith('gap-'))) omitted.push({ id: `gap-vs-${slug}`, title: `Train − test gap vs ${param}`, reason: 'no train metric was recorded' });
    if (drawn.length > 0 && !drawn.some((c) => c.id.startsWith('zero-fraction-'))) omitted.push({ id: `zero-fraction-vs-${slug}`, title: `Fraction of zero weights vs ${param}`, reason: 'zero_fraction was not recorded' });
  }
  const mass = featureMassChart(comparison, data);
  if (mass) charts.push(mass);
  else omitted.push({ id: 'feature-mass', title: 'Weight mass per input feature', reason: 'the trials recorded no per-input weight mass (an own objective, not the built-in MLP)' });
  const curves = learningCurveChart(comparison, data);
  if (curves) charts.push(curves);
  else omitted.push({ id: 'learning-curves', title: 'Learning curves', reason: `the chosen trials recorded no ${data.curveKeys.join(', ')} curves` });
  return { charts, omitted };
}
