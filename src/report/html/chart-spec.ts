import type { TopLevelSpec } from 'vega-lite';

/**
 * One chart of the report: a Vega-Lite spec with its data inline, and the words around it.
 *
 * @example
 * const chart: ChartSpec = { id: 'gap-vs-lambda', title: 'Train − test gap vs lambda', caption: '...', spec };
 * const svg = await renderSvg(chart.spec);
 */
export interface ChartSpec {
  /** the HTML id of the chart's figure, stable across reports (e.g. `metric-vs-lambda`) */
  id: string;
  title: string;
  /** one or two sentences on what is drawn */
  caption: string;
  spec: TopLevelSpec;
}

/** A chart the report could not draw, and why (e.g. no weight mass recorded for an own objective). */
export interface OmittedChart {
  id: string;
  title: string;
  reason: string;
}
