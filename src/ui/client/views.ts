import type { View } from 'vega';

/**
 * The vega views on the page, by chart id (for tests, and to replace a chart drawn again). Apart from
 * charts.ts so that pages without charts do not load vega: the router only needs to drop them.
 */
export const views = new Map<string, View>();
(globalThis as { __regsweepViews?: Map<string, View> }).__regsweepViews = views;

export function dropViews(): void {
  for (const v of views.values()) v.finalize();
  views.clear();
}

/** vega and the chart helpers, loaded on the first page that draws a chart (a chunk of its own). */
export const loadCharts = () => import('./charts.ts');
