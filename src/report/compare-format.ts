import type { ParamValue } from '../store/types.ts';
import type { GroupSummary } from './comparison.ts';

/**
 * How the numbers of a comparison read, in the terminal, in markdown and in the verdict. Accuracies and
 * fractions are shown in percent and their differences in percentage points; other metrics in their units.
 */

/**
 * Whether a metric is a proportion shown in percent (accuracies, fractions).
 *
 * @example
 * isPercentMetric('test_accuracy'); // true
 */
export function isPercentMetric(metric: string): boolean {
  return PERCENT_METRIC.test(metric);
}

/** The metric names {@link isPercentMetric} holds for; also tested in charts (`test(/accuracy|fraction/, datum.key)`). */
export const PERCENT_METRIC = /accuracy|fraction/;

/**
 * A metric name in words, or abbreviated for a narrow table header.
 *
 * @example
 * metricLabel('validation_accuracy'); // 'validation accuracy'
 * metricLabel('validation_accuracy', true); // 'val acc'
 */
export function metricLabel(metric: string, short = false): string {
  const words = metric.replace(/_/g, ' ');
  return short ? words.replace(/\bvalidation\b/, 'val').replace(/\baccuracy\b/, 'acc') : words;
}

/** 3 significant digits; tiny numbers in exponent form; ±∞ and n/a for the degenerate cases. */
export function sig3(v: number): string {
  if (Number.isNaN(v)) return 'n/a';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '-∞';
  if (v !== 0 && Math.abs(v) < 1e-3) return v.toExponential(2).replace(/\.?0+e/, 'e');
  return String(Number(v.toPrecision(3)));
}

/**
 * Decimals that show the largest magnitude among `values` with 3 significant digits (0 to 6), so a column
 * of one metric lines up. Non-finite values are ignored; 3 when nothing is left or everything is 0.
 *
 * @example
 * decimalsFor([2.56, 0.842, -0.0948]); // 2
 */
export function decimalsFor(values: readonly number[]): number {
  const max = Math.max(0, ...values.filter(Number.isFinite).map(Math.abs));
  if (max === 0) return 3;
  return Math.min(6, Math.max(0, 2 - Math.floor(Math.log10(max))));
}

/**
 * A metric value: percent with one decimal for proportions; else `decimals` places if given (see
 * {@link decimalsFor}), or 3 significant digits.
 *
 * @example
 * formatValue(0.7425, 'test_accuracy'); // '74.3'
 * formatValue(0.87401, 'test_loss'); // '0.874'
 * formatValue(0.87401, 'test_loss', 2); // '0.87'
 */
export function formatValue(v: number, metric: string, decimals?: number): string {
  if (!Number.isFinite(v)) return sig3(v);
  if (isPercentMetric(metric)) return (v * 100).toFixed(1);
  return decimals === undefined ? sig3(v) : v.toFixed(decimals);
}

/**
 * A difference with its sign: percentage points for proportions, else the metric's units.
 *
 * @example
 * formatDiff(0.021, 'test_accuracy'); // '+2.1'
 * formatDiff(-0.0523, 'test_loss'); // '-0.0523'
 */
export function formatDiff(v: number, metric: string, decimals?: number): string {
  if (Number.isNaN(v)) return 'n/a';
  const sign = v > 0 ? '+' : v < 0 ? '-' : '';
  return sign + formatValue(Math.abs(v), metric, decimals);
}

/**
 * A p-value as tables show it: `<0.001`, three decimals below 0.1, two above.
 *
 * @example
 * [formatP(0.0004), formatP(0.0041), formatP(0.3127)]; // ['<0.001', '0.004', '0.31']
 */
export function formatP(p: number): string {
  if (Number.isNaN(p)) return 'n/a';
  if (p < 0.001) return '<0.001';
  return p < 0.1 ? p.toFixed(3) : p.toFixed(2);
}

/** `p=0.004`, `p<0.001`. */
export function pEquals(p: number): string {
  const s = formatP(p);
  return s.startsWith('<') ? `p${s}` : `p=${s}`;
}

/**
 * A param value: 3 significant digits (`0.00139`, `1e-4`); `–` for null (not applicable).
 *
 * @example
 * formatParam(0.0013894954943731374); // '0.00139'
 */
export function formatParam(v: ParamValue): string {
  if (v === null) return '–';
  return typeof v === 'number' ? sig3(v) : String(v);
}

/**
 * A chosen setting in words, params that do not apply left out; '' when nothing was tuned.
 *
 * @example
 * settingText({ lambda: 0.001, momentum: null }); // 'lambda=0.001'
 */
export function settingText(setting: Record<string, ParamValue>): string {
  return Object.entries(setting).filter(([, v]) => v !== null).map(([k, v]) => `${k}=${formatParam(v)}`).join(', ');
}

/** A group with its chosen setting: `l2 (lambda=0.001)`, or just `none`. */
export function groupName(g: Pick<GroupSummary, 'group' | 'chosen'>): string {
  const s = settingText(g.chosen);
  return s ? `${g.group} (${s})` : g.group;
}

/** `10 seeds`, `9 seeds (1 missing)`. */
export function seedsText(n: number, missing = 0): string {
  return `${n} seed${n === 1 ? '' : 's'}${missing ? ` (${missing} missing)` : ''}`;
}

/** Break text into lines of at most `width` characters at spaces; continuation lines get `indent`. */
export function wrap(text: string, width = 80, indent = ''): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (candidate.length > width && line) {
      lines.push(line);
      line = indent + word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines.join('\n');
}
