/**
 * The HTML report: one self-contained file (no scripts, no network) with the comparison tables and
 * charts rendered at report time to static SVG by Vega-Lite and vega's headless view.
 *
 * @example
 * import { loadReportData, renderReport } from './html/index.ts';
 * const data = await loadReportData(storage, comparison);
 * await writeFile('report.html', await renderReport(comparison, data));
 */
export { renderReport, type RenderReportOptions } from './render-report.ts';
export {
  loadReportData, learningCurveKeys,
  type ReportData, type ReportStorage, type LearningCurveMean, type FeatureMassMean,
} from './load-report-data.ts';
export { buildCharts } from './charts.ts';
export type { ChartSpec, OmittedChart } from './chart-spec.ts';
export { renderSvg } from './render-svg.ts';
export { reportPage, type ReportPageInput, type RenderedChart } from './report-page.ts';
