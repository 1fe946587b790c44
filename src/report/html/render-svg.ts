import type { Loader } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { importModule } from '../../import-module.ts';

/**
 * Render a Vega-Lite spec to a static SVG string, headless (`renderer: 'none'`, no DOM, no canvas).
 * Chart data must be inline: the loader refuses every URL, so rendering never touches the network.
 * Vega reports a failed data load or a broken expression only to its log and draws an empty chart;
 * here either rejects instead, so a report never silently ships a blank chart.
 *
 * @example
 * const svg = await renderSvg({ data: { values: [{ a: 1, b: 2 }] }, mark: 'point',
 *   encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' } } });
 * svg.startsWith('<svg'); // true
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  // Loaded here, by the commands that draw charts (`report`): vega and vega-lite are ES modules only,
  // which the command line's CommonJS build reaches by import(), not require().
  const [{ View, Warn, loader, logger, parse }, { compile }] = await Promise.all([
    importModule<typeof import('vega')>('vega'), importModule<typeof import('vega-lite')>('vega-lite'),
  ]);
  const errors: string[] = [];
  const log = logger(Warn, undefined, (method, level, args) => {
    const text = args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
    // a failed data load is only a warning to vega, which then draws the chart empty; other warnings
    // (e.g. "Infinite extent" for a layer with no rows in one panel) are expected and dropped, as vega does by default
    if (method === 'error' || text.startsWith('Loading failed')) errors.push(`${level} ${text}`);
  });
  const { spec: vgSpec } = compile(spec, { logger: log });
  const view = new View(parse(vgSpec), { renderer: 'none', loader: offlineLoader(loader()), logger: log });
  try {
    const svg = await view.toSVG();
    if (errors.length) throw new Error(errors.join('; '));
    return svg;
  } finally {
    view.finalize();
  }
}

function offlineLoader(base: Loader): Loader {
  return Object.assign(base, {
    sanitize: async (uri: string): Promise<never> => {
      throw new Error(`the report is rendered offline: chart data must be inline, but a chart asked to load ${uri}`);
    },
  });
}
