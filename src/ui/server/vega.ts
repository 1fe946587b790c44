import { type TopLevelSpec, compile } from 'vega-lite';
import type { ChartPayload } from '../api-types.ts';

/**
 * A Vega-Lite spec compiled to Vega on the server, so the front end ships vega alone (not the compiler).
 *
 * @example
 * chartPayload('parallel-coordinates', 'Parallel coordinates', 'One line per setting.', spec, 'canvas');
 */
export function chartPayload(id: string, title: string, caption: string, spec: TopLevelSpec, renderer: 'svg' | 'canvas' = 'svg'): ChartPayload {
  return { id, title, caption, spec: toVega(spec), renderer };
}

export function toVega(spec: TopLevelSpec): unknown {
  return compile(spec).spec;
}
