import type { Comparison } from '../comparison.ts';
import { CHART_CONFIG, PANEL, groupColors } from './chart-theme.ts';
import type { ChartSpec } from './chart-spec.ts';
import type { ReportData } from './load-report-data.ts';
import { formatChosen } from './report-tables.ts';

const MAX_WIDTH = 900;

/** One bar: a group's share of its input-weight mass that leaves one input. */
export interface FeatureMassRow {
  group: string;
  input: string;
  /** mass of this input / total input mass of the group's chosen model, mean across seeds */
  share: number;
  /** the absolute mass (sum of |w| of the input's first-layer weights), mean across seeds */
  mass: number;
}

/**
 * Bars of weight mass per input feature for each group's chosen model, grouped by input, so the inputs
 * L1 pruned stand out as missing bars. Each group's bars are its share of its own total, which puts a
 * heavily shrunk L1 model and an unregularized one on one axis. Undefined when no mass was recorded
 * (an own objective).
 *
 * @example
 * featureMassChart(comparison, data)?.id; // 'feature-mass'
 */
export function featureMassChart(comparison: Comparison, data: ReportData): ChartSpec | undefined {
  const rows = featureMassRows(data);
  if (rows.length === 0) return undefined;
  const groups = comparison.groups.map((g) => g.group).filter((g) => rows.some((r) => r.group === g));
  const colors = groupColors(comparison.groups.map((g) => g.group));
  // wide enough for every input's label upright, up to a page width; past that the labels turn
  const longest = Math.max(...data.inputs.map((name) => name.length));
  const step = Math.max(groups.length * 10 + 14, longest * 7 + 12);
  const width = Math.max(PANEL.width, data.inputs.length * step);
  const many = width > MAX_WIDTH;
  const chosen = comparison.groups
    .filter((g) => groups.includes(g.group))
    .map((g) => {
      const setting = formatChosen(g.chosen);
      return setting === '–' ? g.group : `${g.group} (${setting})`;
    });
  return {
    id: 'feature-mass',
    title: 'Weight mass per input feature, chosen models',
    caption: `Share of each model's first-layer weight mass (sum of |w|) that leaves each input, mean across seeds: ${chosen.join('; ')}. An input whose bar is missing was pruned.`,
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      description: 'weight mass per input feature for each group',
      config: CHART_CONFIG,
      width: Math.min(MAX_WIDTH, width),
      height: PANEL.height,
      data: { values: rows },
      mark: { type: 'bar' },
      name: 'bars',
      encoding: {
        x: { field: 'input', type: 'nominal', sort: data.inputs, title: 'input', axis: { labelAngle: many ? -90 : 0 }, scale: { paddingInner: 0.25 } },
        xOffset: { field: 'group', type: 'nominal', sort: groups },
        y: { field: 'share', type: 'quantitative', title: 'share of weight mass', axis: { format: '.0%' } },
        color: { field: 'group', type: 'nominal', title: comparison.by, scale: colors, sort: colors.domain },
      },
    },
  };
}

/** Per group, each input's mean mass and its share of the group's total. */
export function featureMassRows(data: ReportData): FeatureMassRow[] {
  const totals = new Map<string, number>();
  for (const m of data.featureMass) totals.set(m.group, (totals.get(m.group) ?? 0) + m.mean);
  return data.featureMass.map((m) => {
    const total = totals.get(m.group) ?? 0;
    return { group: m.group, input: m.input, share: total > 0 ? m.mean / total : 0, mass: m.mean };
  });
}
