import type { TopLevelSpec } from 'vega-lite';
import { importModule } from '../../import-module.ts';
import type { ChartPayload } from '../api-types.ts';

let compiler: Promise<typeof import('vega-lite').compile> | undefined;


/**
 * A Vega-Lite spec compiled to Vega on the server, so the front end ships vega alone (not the compiler).
 *
 * @example
 * await chartPayload('parallel-coordinates', 'Parallel coordinates', 'One line per setting.', spec, 'canvas');
 */
export async function chartPayload(id: string, title: string, caption: string, spec: TopLevelSpec, renderer: 'svg' | 'canvas' = 'svg'): Promise<ChartPayload> {
  return { id, title, caption, spec: await toVega(spec), renderer };
}

/** The spec compiled to Vega by vega-lite, imported on first use (by `ui`): an ES module only, which the command line's CommonJS build reaches by import(). */
export function toVega(spec: TopLevelSpec): Promise<unknown> {
  compiler ??= importModule<typeof import('vega-lite')>('vega-lite').then((m) => m.compile);
  return compiler.then((compile) => compile(spec).spec);
}
