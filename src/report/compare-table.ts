import Table from 'cli-table3';
import {
  decimalsFor, formatDiff, formatP, formatParam, formatValue, isPercentMetric, metricLabel, wrap,
} from './compare-format.ts';
import type { Comparison, CurvePoint, GroupSummary, PairComparison } from './comparison.ts';
import { ALPHA } from './verdict.ts';

/** How `renderCompareTables` draws. */
export interface RenderOptions {
  /** ANSI colour in headers, borders and the verdict (default false) */
  color?: boolean;
  /** wrap notes and the verdict to this many columns (default 80) */
  width?: number;
}

/**
 * The comparison for a terminal: the groups at their chosen settings, the pairs, the metric vs each tuned
 * param, the exclusions and the verdict. Narrow enough for 80 columns.
 *
 * @example
 * console.log(renderCompareTables(c, { color: process.stdout.isTTY && !process.env.NO_COLOR }));
 */
export function renderCompareTables(c: Comparison, options: RenderOptions = {}): string {
  const color = options.color ?? false;
  const width = options.width ?? 80;
  const style = color ? { head: ['cyan'], border: ['grey'], compact: true } : { head: [], border: [], compact: true };
  const note = (text: string) => wrap(text, width);
  const f = formatsFor(c);
  const out: string[] = [];

  out.push(note(`${metricLabel(c.metric)} by ${c.by} in sweep ${c.sweep.name} (version ${c.sweep.version}): ${usedText(c)}`));
  const groups = new Table({ head: groupHead(c), style, colAligns: aligns(1 + c.tunedParams.length, 5) });
  for (const g of c.groups) groups.push(groupRow(f, g, g.group, c.tunedParams.map((p) => formatParam(g.chosen[p] ?? null))));
  let groupTable = groups.toString();
  if (tableWidth(groupTable) > width && c.tunedParams.length > 0) {
    // too wide with a column per tuned param: list the chosen setting under the group's name instead
    const folded = new Table({ head: groupHead(c, []), style: { ...style, compact: false }, colAligns: aligns(1, 5) });
    for (const g of c.groups) folded.push(groupRow(f, g, [g.group, ...Object.entries(g.chosen).filter(([, v]) => v !== null).map(([k, v]) => ` ${k}=${formatParam(v)}`)].join('\n'), []));
    groupTable = folded.toString();
  }
  out.push(groupTable, note(selectionNote(c)), '');

  const pairs = new Table({ head: ['pair', `diff${isPercentMetric(c.metric) ? ', points' : ''}\n(95% CI)`, 't-test\np', 'Wilcoxon\np', 'W/T/L', 'seeds'], style, colAligns: aligns(1, 5) });
  for (const p of c.pairs) {
    pairs.push([
      p.a.length + p.b.length > 24 ? `${p.a}\n vs ${p.b}` : `${p.a} vs ${p.b}`, `${f.diff(p.meanDiff)} (${f.diff(p.ciLow)}..${f.diff(p.ciHigh)})`,
      formatP(p.tTestPHolm), formatP(p.wilcoxonPHolm), `${p.wins}/${p.ties}/${p.losses}`, seedsCell(p),
    ]);
  }
  out.push(pairs.toString(), note(pairNote(c)), '');

  for (const param of c.tunedParams) {
    out.push(note(`${metricLabel(c.metric)} vs ${param}${c.tunedParams.length > 1 ? ' (other settings at their chosen values)' : ''}; * = chosen on ${metricLabel(c.selectionMetric)}`));
    const curve = new Table({ head: groupHead(c, [param]), style, colAligns: aligns(2, 5) });
    for (const [group, points] of curveByGroup(c, param)) {
      const mark = (pt: CurvePoint) => (pt.chosen && points.length > 1 ? ' *' : '');
      points.forEach((pt, i) => curve.push(groupRow(f, pt, i === 0 ? group : '', [`${formatParam(pt.value)}${mark(pt)}`])));
    }
    out.push(curve.toString(), '');
  }

  const verdict = wrap(`verdict: ${c.verdict}`, width, '  ');
  out.push(color ? `\x1b[1m${verdict}\x1b[22m` : verdict);
  return out.join('\n');
}

/**
 * The comparison as markdown (for a README): the verdict, then the same tables with unadjusted and
 * Holm-adjusted p-values side by side, and the notes. No colour, no line wrapping.
 *
 * @example
 * writeFileSync('RESULTS.md', renderCompareMarkdown(await loadComparison(store, 'l2-demo')));
 */
export function renderCompareMarkdown(c: Comparison): string {
  const pct = isPercentMetric(c.metric) ? ' (%)' : '';
  const f = formatsFor(c);
  const out: string[] = [];
  out.push(`### ${metricLabel(c.metric)} by ${c.by}: sweep ${c.sweep.name}, version ${c.sweep.version}`, '');
  out.push(`**Verdict:** ${c.verdict}`, '');
  out.push(markdownTable(
    [c.by, ...c.tunedParams, `${metricLabel(c.selectionMetric)}${pct}`, `${metricLabel(c.metric)}${pct}`, '95% CI', 'train gap', 'zero weights', 'seeds'],
    c.groups.map((g) => [g.group, ...c.tunedParams.map((p) => formatParam(g.chosen[p] ?? null)), ...statCells(f, g, true)]),
  ));
  out.push('', selectionNote(c), '');
  out.push(markdownTable(
    ['pair', `mean diff${isPercentMetric(c.metric) ? ' (points)' : ''}`, '95% CI', 't-test p', 'Holm', 'Wilcoxon p', 'Holm', 'W/T/L', 'seeds'],
    c.pairs.map((p) => [
      `${p.a} vs ${p.b}`, f.diff(p.meanDiff), `${f.diff(p.ciLow)}..${f.diff(p.ciHigh)}`,
      formatP(p.tTestP), formatP(p.tTestPHolm), formatP(p.wilcoxonP), formatP(p.wilcoxonPHolm), `${p.wins}/${p.ties}/${p.losses}`, seedsCell(p),
    ]),
  ));
  out.push('', pairNote(c, true));
  for (const param of c.tunedParams) {
    out.push('', `${metricLabel(c.metric)} vs ${param} (**bold** = chosen on ${metricLabel(c.selectionMetric)}):`, '');
    const rows: string[][] = [];
    for (const [group, points] of curveByGroup(c, param)) {
      for (const pt of points) {
        const value = formatParam(pt.value);
        rows.push([group, pt.chosen && points.length > 1 ? `**${value}**` : value, ...statCells(f, pt, true)]);
      }
    }
    out.push(markdownTable([c.by, param, `${metricLabel(c.selectionMetric)}${pct}`, `${metricLabel(c.metric)}${pct}`, '95% CI', 'train gap', 'zero weights', 'seeds'], rows));
  }
  out.push('', usedText(c));
  return out.join('\n');
}

/** `left` text columns, then `right` numeric ones */
function aligns(left: number, right: number): ('left' | 'right')[] {
  return [...Array<'left'>(left).fill('left'), ...Array<'right'>(right).fill('right')];
}

type Stats = Pick<GroupSummary, 'selectionMean' | 'mean' | 'ciLow' | 'ciHigh' | 'trainGap' | 'zeroFraction' | 'n'>;

/** Columns a table takes on screen, colour codes aside. */
function tableWidth(table: string): number {
  return Math.max(...table.replace(/\x1b\[[0-9;]*m/g, '').split('\n').map((l) => l.length));
}

/** A long param name over two lines at a word boundary (`learningRate` -> `learning` / `Rate`), for narrow headers. */
function paramHead(name: string): string {
  if (name.length <= 8) return name;
  const at = [...name.matchAll(/[._-]|(?<=[a-z0-9])(?=[A-Z])/g)].map((m) => m.index).filter((i) => i > 0 && i < name.length - 1);
  if (at.length === 0) return name;
  const cut = at.reduce((x, y) => (Math.abs(y - name.length / 2) < Math.abs(x - name.length / 2) ? y : x));
  return `${name.slice(0, cut)}\n${name.slice(/[._-]/.test(name[cut]) ? cut + 1 : cut)}`;
}

function groupHead(c: Comparison, params = c.tunedParams): string[] {
  const pct = isPercentMetric(c.metric) ? '\n%' : '';
  return [c.by, ...params.map(paramHead), `${metricLabel(c.selectionMetric, true)}${pct}`, `${metricLabel(c.metric, true)}${pct ? '\n% ' : '\n'}± 95% CI`, 'train\ngap', 'zeros', 'seeds'];
}

function groupRow(f: Formats, s: Stats, label: string, params: string[]): string[] {
  return [label, ...params, ...statCells(f, s, false)];
}

/** How the numbers of one comparison read: values and gaps to one precision, differences to another. */
interface Formats { value(v: number): string; selection(v: number): string; gap(v: number): string; diff(v: number): string }

function formatsFor(c: Comparison): Formats {
  const values = decimalsFor([...c.groups, ...c.curve].flatMap((s) => [s.mean, s.selectionMean]));
  const diffs = decimalsFor(c.pairs.flatMap((p) => [p.meanDiff, p.ciLow, p.ciHigh]));
  return {
    value: (v) => formatValue(v, c.metric, values),
    selection: (v) => formatValue(v, c.selectionMetric, values),
    gap: (v) => formatDiff(v, c.metric, values),
    diff: (v) => formatDiff(v, c.metric, diffs),
  };
}

/** selection mean, metric (± CI, or mean and range), train gap, zero fraction, seeds */
function statCells(f: Formats, s: Stats, range: boolean): string[] {
  const ci = range ? [f.value(s.mean), `${f.value(s.ciLow)}..${f.value(s.ciHigh)}`] : [`${f.value(s.mean)} ± ${f.value(s.ciHigh - s.mean)}`];
  return [
    f.selection(s.selectionMean), ...ci,
    s.trainGap === null ? '–' : f.gap(s.trainGap),
    s.zeroFraction === null ? '–' : `${formatValue(s.zeroFraction, 'zero_fraction')}%`,
    String(s.n),
  ];
}

function seedsCell(p: PairComparison): string {
  return p.missing ? `${p.n} (${p.missing} missing)` : String(p.n);
}

function curveByGroup(c: Comparison, param: string): Map<string, CurvePoint[]> {
  const out = new Map<string, CurvePoint[]>();
  for (const pt of c.curve) {
    if (pt.param !== param) continue;
    const list = out.get(pt.group) ?? [];
    out.set(pt.group, list);
    list.push(pt);
  }
  return out;
}

function usedText(c: Comparison): string {
  const excluded = Object.entries(c.excluded ?? {});
  const total = excluded.reduce((s, [, n]) => s + n, 0);
  const used = `${c.used ?? c.groups.reduce((s, g) => s + g.n, 0)} completed trials counted`;
  return total === 0 ? `${used}, none excluded.` : `${used}; ${total} excluded (${excluded.map(([why, n]) => `${n} ${why}`).join(', ')}).`;
}

function selectionNote(c: Comparison): string {
  const test = metricLabel(c.metric);
  if (c.tunedParams.length === 0) return `Nothing tuned within a ${c.by}: each is one setting; ${test} is the mean ± 95% t-interval over seeds.`;
  return `${c.tunedParams.join(', ')} chosen per ${c.by} on ${metricLabel(c.selectionMetric)} (best mean over seeds), never on the test split; ${test} reported at that choice, mean ± 95% t-interval over seeds. Train gap: train - ${test}; zeros: share of weights exactly 0.`;
}

function pairNote(c: Comparison, markdown = false): string {
  const m = c.pairs.length;
  const adjust = m > 1 ? `Holm-adjusted over the ${m} pairs${markdown ? '' : ' (unadjusted: --format json or markdown)'}` : 'one pair, so no adjustment';
  return `diff = first - second, paired by seed; W/T/L: seeds the first wins/ties/loses. p: two-sided paired t-test and Wilcoxon signed-rank, ${adjust}. The verdict uses the t-test p at ${ALPHA}.`;
}

function markdownTable(head: string[], rows: string[][]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(head), `|${head.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`, ...rows.map(line)].join('\n');
}
