import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG } from '../../report/html/chart-theme.ts';

/** The name of the data set the front end fills with `CurveRow`s (see api-types.ts). */
export const CURVE_DATA = 'curves';

/**
 * Learning curves, one panel per key (`validation_accuracy`, `test_accuracy`, `train_loss`), one line per set
 * (a setting's mean across seeds, or one trial) with a shaded band from the lowest to the highest seed. The
 * rows are not in the spec: the front end inserts them into the `curves` data set, and adds points as running
 * trials report them.
 *
 * @example
 * curveChart(['validation_accuracy', 'train_loss'], { domain: ['l2 · lambda=0.001'], range: ['#4c78a8'] });
 */
export function curveChart(keys: string[], colors: { domain: string[]; range: string[] }, band: boolean): TopLevelSpec {
  const x = { field: 'epoch', type: 'quantitative', title: 'epoch', scale: { nice: false } } as const;
  const color = { field: 'set', type: 'nominal', title: null, scale: colors, legend: { orient: 'bottom', direction: 'vertical', labelLimit: 520 } } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'learning curves',
    config: { ...CHART_CONFIG, legend: { ...CHART_CONFIG.legend, orient: 'bottom' } },
    data: { name: CURVE_DATA },
    facet: { column: { field: 'key', type: 'nominal', sort: keys, title: null, header: { labelFontSize: 12 } } },
    spec: {
      width: 300, height: 200,
      layer: [
        ...(band ? [{
          name: 'band',
          mark: { type: 'area', opacity: 0.15 },
          encoding: { x, y: { field: 'lo', type: 'quantitative', title: null, scale: { zero: false } }, y2: { field: 'hi' }, color },
        } as const] : []),
        {
          name: 'mean',
          mark: { type: 'line', strokeWidth: 1.8 },
          encoding: { x, y: { field: 'mean', type: 'quantitative', title: null, scale: { zero: false } }, color },
        },
      ],
    },
    resolve: { scale: { y: 'independent' } },
  } as TopLevelSpec;
}
