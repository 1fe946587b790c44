import type { Comparison } from '../comparison.ts';
import { buildCharts } from './charts.ts';
import type { ReportData } from './load-report-data.ts';
import { type RenderedChart, reportPage } from './report-page.ts';
import { renderSvg } from './render-svg.ts';

export interface RenderReportOptions {
  /** default: now */
  generatedAt?: Date;
  /** shown in the footer, e.g. `regsweep 0.1.0`; default `regsweep` */
  generator?: string;
}

/**
 * Build the charts, render each to static SVG and lay out the page: the whole report as one HTML string.
 *
 * @example
 * const comparison = await loadComparison(storage, 'l2-demo', {});
 * const html = await renderReport(comparison, await loadReportData(storage, comparison));
 * await writeFile('report.html', html);
 */
export async function renderReport(comparison: Comparison, data: ReportData, options: RenderReportOptions = {}): Promise<string> {
  const { charts, omitted } = buildCharts(comparison, data);
  const rendered: RenderedChart[] = [];
  for (const chart of charts) {
    try {
      rendered.push({ id: chart.id, title: chart.title, caption: chart.caption, svg: await renderSvg(chart.spec) });
    } catch (err) {
      throw new Error(`could not render the chart "${chart.id}": ${(err as Error).message}`, { cause: err });
    }
  }
  return reportPage({
    comparison, data, charts: rendered, omitted,
    generatedAt: options.generatedAt ?? new Date(),
    generator: options.generator ?? 'regsweep',
  });
}
