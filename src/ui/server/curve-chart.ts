import type { TopLevelSpec } from 'vega-lite';
import { PERCENT_METRIC } from '../../report/compare-format.ts';
import { CHART_CONFIG } from '../../report/html/chart-theme.ts';

/** The name of the data set the front end fills with `CurveRow`s (see api-types.ts). */
export const CURVE_DATA = 'curves';

/**
 * Learning curves, one panel per key (`validation_accuracy`, `test_accuracy`, `train_loss`), one line per set
 * (a setting's mean across seeds, or one trial) with a shaded band from the lowest to the highest seed. Trials
 * stopped on purpose (rows whose `line` is not their set's) are thin dashed lines of their own, each ending in a
 * cross at the epoch it was stopped (`stop`). The rows are not in the spec: the front end inserts them into the
 * `curves` data set, and adds points as running trials report them.
 *
 * @example
 * curveChart(['validation_accuracy', 'train_loss'], { domain: ['l2 · lambda=0.001', 'pruned'], range: ['#4c78a8', '#8c8c8c'] }, true);
 */
export function curveChart(keys: string[], colors: { domain: string[]; range: string[] }, band: boolean): TopLevelSpec {
  // padded: a trial stopped at the first evaluation has its cross on the left edge
  const x = { field: 'epoch', type: 'quantitative', title: 'epoch', scale: { nice: false, padding: 8 } } as const;
  const y = { field: 'mean', type: 'quantitative', title: null, scale: { zero: false } } as const;
  const color = { field: 'set', type: 'nominal', title: null, scale: colors, legend: { orient: 'bottom', direction: 'vertical', labelLimit: 520 } } as const;
  const ownLine = 'datum.line !== datum.set';
  // accuracies in percent, as the tables and the other charts show them: the panel's values times 100, its title with (%)
  const percent = `test(${PERCENT_METRIC}, datum.key)`;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'learning curves',
    config: { ...CHART_CONFIG, legend: { ...CHART_CONFIG.legend, orient: 'bottom' } },
    data: { name: CURVE_DATA },
    transform: ['mean', 'lo', 'hi'].map((f) => ({ calculate: `${percent} ? datum.${f} * 100 : datum.${f}`, as: f })),
    // three panels a row: a trial's fourth metric goes below instead of off the page
    facet: { field: 'key', type: 'nominal', sort: keys, title: null, header: { labelFontSize: 12, labelExpr: `test(${PERCENT_METRIC}, datum.value) ? datum.value + ' (%)' : datum.value` } },
    columns: 3,
    spec: {
      width: 300, height: 200,
      layer: [
        ...(band ? [{
          name: 'band',
          transform: [{ filter: `!(${ownLine})` }],
          mark: { type: 'area', opacity: 0.1 },
          encoding: { x, y: { field: 'lo', type: 'quantitative', title: null, scale: { zero: false } }, y2: { field: 'hi' }, color },
        } as const] : []),
        {
          name: 'mean',
          transform: [{ filter: `!(${ownLine})` }],
          mark: { type: 'line', strokeWidth: 1.8 },
          encoding: { x, y, color, detail: { field: 'line' } },
        },
        {
          name: 'stopped',
          transform: [{ filter: ownLine }],
          mark: { type: 'line', strokeWidth: 1, strokeDash: [4, 2], opacity: 0.8 },
          encoding: { x, y, color, detail: { field: 'line' } },
        },
        {
          name: 'stop',
          transform: [{ filter: 'datum.stop' }],
          // an ×: vega's `cross` is a +
          mark: { type: 'point', shape: 'M-1,-1L1,1M-1,1L1,-1', size: 60, filled: false, strokeWidth: 2, opacity: 1 },
          encoding: { x, y, color, tooltip: [{ field: 'line', title: 'stopped' }, { field: 'epoch' }, { field: 'mean', title: 'value', format: '.4~g' }] },
        },
      ],
    },
    // an x axis under each panel: with one shared below each column, an empty slot of the last row would get one
    resolve: { scale: { y: 'independent' }, axis: { x: 'independent' } },
  } as TopLevelSpec;
}
