import asciichart from 'asciichart';
import { CODES, type Style, paint } from './color.ts';
import { fmt } from './format.ts';

export interface ChartSeries {
  label: string;
  /** one value per x position; non-finite values end the series (a diverged run) */
  values: number[];
  color: Style;
}

const PLOT_SYMBOLS = { line: ['─', '╰', '╭', '╮', '╯', '│'], dots: ['·', '·', '·', '·', '·', '·'], plus: ['+', '+', '+', '+', '+', '+'] } as const;

/**
 * Several curves in one terminal chart (asciichart), `points` columns wide after the axis labels, with
 * a legend line. In colour every series is a line of its colour; without colour they are told apart by
 * their symbols (─, ·, +), drawn one over another.
 *
 * @example
 * console.log(lineChart([{ label: 'train', values: [0.2, 0.5, 0.9], color: 'blue' }], { color: false, height: 8 }));
 */
export function lineChart(
  series: ChartSeries[],
  options: { color: boolean; height?: number; points?: number; xRange?: [string, string]; xLabel?: string },
): string {
  const points = options.points ?? 60;
  const shown = series
    .map((s) => ({ ...s, values: downsample(untilNonFinite(s.values), points) }))
    .filter((s) => s.values.length > 0);
  if (shown.length === 0) return '';
  const all = shown.flatMap((s) => s.values);
  const config = {
    min: Math.min(...all), max: Math.max(...all), height: options.height ?? 10, format: (x: number) => fmt(x).padStart(9),
  };
  const symbolsFor = (kind: keyof typeof PLOT_SYMBOLS) =>
    ['┼', '┤', '╶', '╴', ...PLOT_SYMBOLS[kind]] as [string, string, string, string, string, string, string, string, string, string];
  let chart: string;
  let legend: string;
  if (options.color) {
    chart = asciichart.plot(shown.map((s) => s.values), { ...config, colors: shown.map((s) => `[${CODES[s.color]}m`) });
    legend = shown.map((s) => `${paint('──', s.color, true)} ${s.label}`).join('   ');
  } else {
    const kinds = ['line', 'dots', 'plus'] as const;
    const layers = shown.map((s, i) => asciichart.plot(s.values, { ...config, symbols: symbolsFor(kinds[i % 3]!) }).split('\n'));
    // Same min, max, height and labels, so the layers line up cell by cell; earlier series win.
    chart = layers[0]!.map((_, row) => {
      const cells = [...layers[0]![row]!];
      for (const layer of layers.slice(1)) {
        [...layer[row]!].forEach((ch, col) => { if (cells[col] === ' ' && ch !== ' ') cells[col] = ch; });
      }
      return cells.join('').trimEnd();
    }).join('\n');
    legend = shown.map((s, i) => `${PLOT_SYMBOLS[kinds[i % 3]!][0].repeat(2)} ${s.label}`).join('   ');
  }
  const lines = [chart];
  if (options.xRange) {
    const width = Math.max(...shown.map((s) => s.values.length));
    const [first, last] = options.xRange;
    const axis = `${first}${' '.repeat(Math.max(1, width - first.length - last.length))}${last}`;
    lines.push(`${' '.repeat(11)}${axis}${options.xLabel ? `  ${options.xLabel}` : ''}`);
  }
  lines.push(`${' '.repeat(11)}${legend}`);
  return lines.join('\n');
}

/** The values up to the first non-finite one. */
function untilNonFinite(values: number[]): number[] {
  const end = values.findIndex((v) => !Number.isFinite(v));
  return end < 0 ? values : values.slice(0, end);
}

/**
 * At most `n` values, evenly spaced, always keeping the first and the last.
 *
 * @example downsample([0, 1, 2, 3, 4], 3) // [0, 2, 4]
 */
export function downsample(values: number[], n: number): number[] {
  if (values.length <= n) return values;
  return Array.from({ length: n }, (_, k) => values[Math.round((k * (values.length - 1)) / (n - 1))]!);
}

