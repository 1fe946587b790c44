import { View, parse, type Spec } from 'vega';
import type { ChartPayload } from '../api-types.ts';
import { h } from './dom.ts';
import { views } from './views.ts';

let queue: Promise<void> = Promise.resolve();

/** A figure with the chart's title, the chart rendered by vega and its caption. */
export function chartFigure(chart: ChartPayload): HTMLElement {
  const target = h('div', { class: 'chart' });
  const fig = h('figure', { id: chart.id, class: 'card' }, h('figcaption', { class: 'title' }, chart.title), target, h('p', { class: 'caption' }, chart.caption));
  // one chart at a time, in page order: the first is drawn first instead of all finishing together
  queue = queue.then(() => renderInto(chart.id, chart.spec, target, chart.renderer)).then(() => fig.setAttribute('data-rendered', ''), (e) => console.error(e));
  return fig;
}

/** Render a Vega spec into `el` and remember its view under `id` (replacing the old one). */
export async function renderInto(id: string, spec: unknown, el: HTMLElement, renderer: 'svg' | 'canvas' = 'svg'): Promise<View> {
  const view = new View(parse(spec as Spec), { renderer, container: el, hover: true });
  await view.runAsync();
  views.get(id)?.finalize();
  views.set(id, view);
  return view;
}

/**
 * Draw a chart whose spec leaves a named data set empty, with `rows` in it, replacing the chart drawn before.
 * Curves are a few hundred rows: drawing again is simpler than patching a faceted view's data in place.
 */
export async function renderWithData(id: string, spec: unknown, el: HTMLElement, data: string, rows: object[]): Promise<View> {
  const s = spec as { data?: { name: string; values?: object[] }[] };
  const filled = { ...s, data: (s.data ?? []).map((d) => (d.name === data ? { ...d, values: rows } : d)) };
  const container = h('div');
  const view = await renderInto(id, filled, container);
  el.replaceChildren(container);
  return view;
}
