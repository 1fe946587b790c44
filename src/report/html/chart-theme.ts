import type { Config } from 'vega-lite';

/** Colours for the usual regularization groups, so `l1` is the same colour in every report. */
const KNOWN_GROUP_COLORS: Record<string, string> = {
  none: '#6b6b6b',
  l1: '#d6604d',
  l2: '#4c78a8',
  elasticnet: '#59a14f',
  l1l2: '#59a14f',
};

const FALLBACK_COLORS = ['#f28e2b', '#b07aa1', '#76b7b2', '#edc948', '#9c755f', '#ff9da7', '#bab0ac', '#e15759'];

/**
 * One colour per group, the same in every chart of a report: the usual names get fixed colours, the
 * rest take the next free colour of a Tableau-like palette in the order given.
 *
 * @example
 * groupColors(['none', 'l1', 'l2']); // { domain: ['none', 'l1', 'l2'], range: ['#6b6b6b', '#d6604d', '#4c78a8'] }
 */
export function groupColors(groups: readonly string[]): { domain: string[]; range: string[] } {
  const used = new Set<string>();
  const range: string[] = [];
  for (const g of groups) {
    const known = KNOWN_GROUP_COLORS[g.toLowerCase()];
    const colour = known !== undefined && !used.has(known) ? known : FALLBACK_COLORS.find((c) => !used.has(c)) ?? '#999999';
    used.add(colour);
    range.push(colour);
  }
  return { domain: [...groups], range };
}

/** The look shared by every chart: readable fonts, light grid, no outer frame. */
export const CHART_CONFIG: Config = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', gridColor: '#e6e6e6', domainColor: '#888', tickColor: '#888' },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', orient: 'right', symbolOpacity: 1, symbolStrokeWidth: 2, labelLimit: 280 },
  header: { labelFontSize: 12, titleFontSize: 12 },
  title: { fontSize: 13, fontWeight: 'normal', anchor: 'start' },
};

/** Panel sizes in pixels. */
export const PANEL = { width: 320, height: 220 } as const;

/**
 * The labelled ticks of a log axis: the powers of ten inside the values' range, with 2x and 5x between
 * them when fewer than three powers fit, plus the range's ends when that still leaves fewer than two.
 * Vega's default labels every 2..9 multiple, which crowds the axis.
 *
 * @example
 * logTicks([0.0001, 0.00027, 0.1]); // [0.0001, 0.001, 0.01, 0.1]
 * logTicks([0.004, 0.6]);           // [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5]
 */
export function logTicks(values: readonly number[]): number[] {
  const min = Math.min(...values);
  const max = Math.max(...values);
  const inside = (v: number) => v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9);
  const ticks = (multiples: number[]) => {
    const out: number[] = [];
    for (let k = Math.floor(Math.log10(min)); k <= Math.ceil(Math.log10(max)); k++) {
      for (const m of multiples) if (inside(Number(`${m}e${k}`))) out.push(Number(`${m}e${k}`));
    }
    return out;
  };
  const powers = ticks([1]);
  if (powers.length >= 3) return powers;
  const more = ticks([1, 2, 5]);
  return more.length >= 2 ? more : [...new Set([min, ...more, max])];
}

/** A proportion's axis labels in percent: 0.775 -> `77.5%`, 0.77 -> `77%` (d3-format, trailing zeros trimmed). */
export const PERCENT_AXIS = '.1~%';
/** A difference of proportions' axis labels in percentage points: 0.035 -> `+3.5`. */
export const POINTS_LABEL = "datum.value === 0 ? '0' : format(datum.value * 100, '+.1~f')";
