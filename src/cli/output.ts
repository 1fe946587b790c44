import asciichart from 'asciichart';
import Table from 'cli-table3';
import { FilterError } from '../store/filter/index.ts';
import { TrialQueryError } from '../store/query-trials.ts';
import { UsageError, fmt } from './shared.ts';

/**
 * Colour only on a terminal, never when NO_COLOR is set and non-empty (https://no-color.org);
 * FORCE_COLOR=1 turns it on anyway (tests, `| less -R`).
 *
 * @example
 * const color = useColor(); // false under `regsweep runs | cat`
 */
export function useColor(stream: { isTTY?: boolean } = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0';
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

const CODES = { bold: 1, dim: 2, red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36 } as const;
export type Style = keyof typeof CODES;

/** Wrap `text` in an ANSI style when `color` is on. @example paint('failed', 'red', useColor()) */
export function paint(text: string, style: Style, color: boolean): string {
  return color && text !== '' ? `\x1b[${CODES[style]}m${text}\x1b[0m` : text;
}

/** The colour of a trial status in listings. @example paint(t.status, statusStyle(t.status), color) */
export function statusStyle(status: string): Style {
  switch (status) {
    case 'completed': return 'green';
    case 'failed': return 'red';
    case 'diverged': return 'yellow';
    case 'running': return 'cyan';
    default: return 'dim';
  }
}

/** The printable width of a string: ANSI codes removed, one column per code point. @example visibleWidth(paint('ok', 'red', true)) // 2 */
export function visibleWidth(text: string): number {
  return [...text.replace(/\x1b\[[0-9;]*m/g, '')].length;
}

export interface Column {
  head: string;
  align?: 'left' | 'right';
  /** Higher stays longer when the table must shrink to the terminal; 0 never drops. */
  priority?: number;
}

/**
 * A borderless listing (like `docker ps`): columns two spaces apart, a bold header when coloured.
 * With `width`, the lowest-priority columns are dropped until the table fits.
 *
 * @example
 * console.log(listTable([{ head: 'id', align: 'right' }, { head: 'status' }], [['1', 'completed']], { color: false }));
 * // id  status
 * //  1  completed
 */
export function listTable(columns: Column[], rows: string[][], options: { color: boolean; width?: number }): string {
  let keep = columns.map((_, i) => i);
  const widthOf = (i: number) => Math.max(visibleWidth(columns[i]!.head), ...rows.map((r) => visibleWidth(r[i] ?? '')));
  const total = () => keep.reduce((sum, i) => sum + widthOf(i), 0) + 2 * (keep.length - 1);
  while (options.width !== undefined && total() > options.width) {
    const droppable = keep.filter((i) => (columns[i]!.priority ?? 0) > 0);
    if (droppable.length === 0) break;
    const drop = droppable.reduce((a, b) => ((columns[b]!.priority ?? 0) > (columns[a]!.priority ?? 0) ? a : b));
    keep = keep.filter((i) => i !== drop);
  }
  const table = new Table({
    head: keep.map((i) => paint(columns[i]!.head, 'bold', options.color)),
    chars: {
      top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '',
      'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ',
    },
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
    colAligns: keep.map((i) => columns[i]!.align ?? 'left'),
  });
  for (const row of rows) table.push(keep.map((i) => row[i] ?? ''));
  return table.toString().split('\n').map((line) => line.trimEnd()).join('\n');
}

/**
 * A small boxed table (cli-table3), header coloured only when `color` is on.
 *
 * @example
 * console.log(boxTable(['', 'train', 'test'], [['accuracy', '1', '0.7']], { color: false }));
 */
export function boxTable(head: string[], rows: string[][], options: { color: boolean; align?: ('left' | 'right')[] }): string {
  const style = options.color ? { head: ['cyan'], border: ['grey'], compact: true } : { head: [], border: [], compact: true };
  const table = new Table({ head, style, colAligns: options.align ?? head.map((_, i) => (i === 0 ? 'left' : 'right')) });
  for (const row of rows) table.push(row);
  return table.toString();
}

// The trial CSV format is the library's (src/report/export-trials.ts); re-exported for the commands.
export { csvField, csvRow, trialCsvHeader, trialCsvRow, write } from '../report/export-trials.ts';

/**
 * Check a `--format` value. @example formatOption(args.format, ['table', 'json', 'csv']) // 'table' when unset
 */
export function formatOption<const F extends string>(value: string | undefined, formats: readonly F[]): F {
  if (value === undefined) return formats[0]!;
  if (!(formats as readonly string[]).includes(value)) throw new UsageError(`--format must be one of ${formats.join(', ')}, got "${value}"`);
  return value as F;
}

/** Check an integer option. @example intOption('limit', '20', 0) // 20 */
export function intOption(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer >= ${min}, got "${value}"`);
  return n;
}

/** `--version N` or `--version all`; unset is the latest. @example versionOption('all') // 'all' */
export function versionOption(value: string | undefined): number | 'all' | 'latest' {
  if (value === undefined || value === 'latest') return 'latest';
  if (value === 'all') return 'all';
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--version must be a version number (1, 2, ...) or "all", got "${value}"`);
  return n;
}

/** A duration in ms for a table: `392 ms`, `4.2 s`, `3m 05s`, `1h 02m`. @example formatDuration(4200) // '4.2 s' */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(Math.round(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/** An ISO timestamp as `2026-11-25 09:22` (UTC, as stored). @example formatTime('2026-11-25T09:22:32.901Z', true) // '2026-11-25 09:22:32' */
export function formatTime(iso: string | null | undefined, seconds = false): string {
  if (!iso) return '';
  return iso.replace('T', ' ').slice(0, seconds ? 19 : 16);
}


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

/**
 * Errors of the query layer as the CLI shows them: a bad filter with its caret, an unknown sweep, as
 * `UsageError` (exit code 2). Anything else is returned unchanged.
 *
 * @example
 * try { await queryTrials(store, q); } catch (e) { throw asUsageError(e); }
 */
export function asUsageError(error: unknown): unknown {
  if (error instanceof FilterError) {
    return new UsageError(`invalid ${error.subject}: ${error.message}\n${error.snippet()}`, { cause: error });
  }
  if (error instanceof TrialQueryError) return new UsageError(error.message, { cause: error });
  return error;
}
