import { decimalsFor, formatValue } from '../compare-format.ts';

/**
 * Numbers of one quantity that is not a compared metric (e.g. the weight mass per input), in their own
 * units: every value of the column to the same decimals, enough to show the largest with 3 significant
 * digits ({@link decimalsFor}); null, undefined and NaN print as an en dash.
 *
 * @example
 * const mass = columnFormat([4.21, 0.0384, 3]);
 * [mass(4.21), mass(0.0384), mass(3)]; // ['4.21', '0.04', '3.00']
 */
export function columnFormat(values: readonly (number | null | undefined)[]): (v: number | null | undefined) => string {
  const decimals = decimalsFor(values.filter((v): v is number => typeof v === 'number'));
  return (v) => (v === null || v === undefined || Number.isNaN(v) ? '–' : formatValue(v, QUANTITY, decimals));
}

/** Not a proportion: `formatValue` keeps its units. */
const QUANTITY = 'quantity';

/**
 * A share of weights exactly zero as the compare tables show it: percent with one decimal and its sign
 * (`41.0%`; compare-text's `statCells` writes a group's the same way); `–` when not recorded.
 *
 * @example
 * zeroShare(0.41); // '41.0%'
 */
export function zeroShare(fraction: number | null): string {
  return fraction === null ? '–' : `${formatValue(fraction, 'zero_fraction')}%`;
}
