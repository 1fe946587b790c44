import Table from 'cli-table3';
import { formatP, formatParam, isPercentMetric, metricLabel, wrap } from './compare-format.ts';
import {
  choicesNote, curveByGroup, curveParams, curveValue, type Formats, formatsFor, improvementCell, pairNote, seedsCell, seedsNeededCell,
  selectionNote, type Stats, statCells, tiesNote, usedText,
} from './compare-text.ts';
import type { Comparison } from './comparison.ts';

export { renderCompareMarkdown } from './compare-markdown.ts';

/** How `renderCompareTables` draws. */
export interface RenderOptions {
  /** ANSI colour in headers, borders and the verdict (default false) */
  color?: boolean;
  /** wrap notes and the verdict to this many columns (default 80) */
  width?: number;
}

/**
 * The comparison for a terminal: the groups at their chosen settings (per seed: which settings, how often),
 * the pairs (differences with their intervals and P(better); then the tests), the metric vs each tuned
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
  const procedure = c.tunedParams.length === 0 ? '' : c.select === 'pooled' ? ', pooled choice (descriptive)' : ', tuned per seed';

  out.push(note(`${metricLabel(c.metric)} by ${c.by} in sweep ${c.sweep.name} (version ${c.sweep.version})${procedure}: ${usedText(c)}`));
  // pooled: a column per tuned param with the one choice; per seed: the choices are listed under the table
  const params = c.select === 'pooled' ? c.tunedParams : [];
  // the widest table that fits: with the IQM, then without it, then the setting folded under the group's name
  let groupTable = '';
  for (const iqm of [true, false]) {
    const groups = new Table({ head: groupHead(c, params, iqm), style, colAligns: aligns(1 + params.length, iqm ? 6 : 5) });
    for (const g of c.groups) groups.push(groupRow(f, g, g.group, params.map((p) => formatParam(g.chosen[p] ?? null)), iqm));
    groupTable = groups.toString();
    if (tableWidth(groupTable) <= width) break;
  }
  if (tableWidth(groupTable) > width && params.length > 0) {
    const folded = new Table({ head: groupHead(c, [], true), style: { ...style, compact: false }, colAligns: aligns(1, 6) });
    for (const g of c.groups) folded.push(groupRow(f, g, [g.group, ...Object.entries(g.chosen).filter(([, v]) => v !== null).map(([k, v]) => ` ${k}=${formatParam(v)}`)].join('\n'), [], true));
    groupTable = folded.toString();
  }
  out.push(groupTable);
  if (c.select === 'per-seed' && c.tunedParams.length > 0) out.push(note(choicesNote(c)));
  const ties = tiesNote(c);
  if (ties) out.push(note(ties));
  out.push(note(selectionNote(c)), '');

  const pct = isPercentMetric(c.metric) ? '\npoints' : '';
  // long group names: first as they come (a long pair over two lines), then every pair over two lines, then
  // P(better) over two lines too; the first layout that fits the width
  const layouts = [{ wrapAll: false, splitP: false }, { wrapAll: true, splitP: false }, { wrapAll: true, splitP: true }];
  let diffs = '';
  let tests = '';
  for (const { wrapAll, splitP } of layouts) {
    const pairName = (p: Comparison['pairs'][number]) => (wrapAll || p.a.length + p.b.length > 24 ? `${p.a}\n vs ${p.b}` : `${p.a} vs ${p.b}`);
    const d = new Table({ head: ['pair', `diff${pct}`, '95% CI\n(t)', '95% CI\n(boot)', 'P(better)\n(95% CI)'], style, colAligns: aligns(1, 4) });
    for (const p of c.pairs) {
      const improvement = splitP ? improvementCell(p).replace(' (', '\n(') : improvementCell(p);
      d.push([pairName(p), f.diff(p.meanDiff), `${f.diff(p.ciLow)}..${f.diff(p.ciHigh)}`, `${f.diff(p.bootstrapLow)}..${f.diff(p.bootstrapHigh)}`, improvement]);
    }
    const t = new Table({ head: ['pair', 't-test\np', 'Wilcoxon\np', 'W/T/L', 'seeds', 'seeds for\n80% power'], style, colAligns: aligns(1, 5) });
    for (const p of c.pairs) {
      t.push([pairName(p), formatP(p.tTestPHolm), formatP(p.wilcoxonPHolm), `${p.wins}/${p.ties}/${p.losses}`, seedsCell(p), seedsNeededCell(p)]);
    }
    [diffs, tests] = [d.toString(), t.toString()];
    if (Math.max(tableWidth(diffs), tableWidth(tests)) <= width) break;
  }
  out.push(diffs, tests, note(pairNote(c)), '');

  const { sliced, note: everySetting } = curveParams(c);
  if (everySetting) out.push(note(everySetting), '');
  for (const param of sliced) {
    const mark = c.select === 'pooled' ? `* = chosen on ${metricLabel(c.selectionMetric)}` : `×k = chosen on ${metricLabel(c.selectionMetric)} for k seeds`;
    out.push(note(`${metricLabel(c.metric)} vs ${param}${c.tunedParams.length > 1 ? ' (other settings at their chosen values)' : ''}, mean over seeds; ${mark}`));
    const curve = new Table({ head: groupHead(c, [param], false), style, colAligns: aligns(2, 5) });
    for (const [group, points] of curveByGroup(c, param)) {
      points.forEach((pt, i) => curve.push(groupRow(f, pt, i === 0 ? group : '', [curveValue(c, pt, points, 'terminal')], false)));
    }
    out.push(curve.toString(), '');
  }

  const verdict = wrap(`verdict: ${c.verdict}`, width, '  ');
  out.push(color ? `\x1b[1m${verdict}\x1b[22m` : verdict);
  return out.join('\n');
}

/** `left` text columns, then `right` numeric ones */
function aligns(left: number, right: number): ('left' | 'right')[] {
  return [...Array<'left'>(left).fill('left'), ...Array<'right'>(right).fill('right')];
}

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

function groupHead(c: Comparison, params: readonly string[], iqm: boolean): string[] {
  const pct = isPercentMetric(c.metric) ? '\n%' : '';
  return [
    c.by, ...params.map(paramHead), `${metricLabel(c.selectionMetric, true)}${pct}`, `${metricLabel(c.metric, true)}${pct ? '\n% ' : '\n'}± 95% CI`,
    ...(iqm ? [`IQM${pct}`] : []), 'train\ngap', 'zeros', 'seeds',
  ];
}

function groupRow(f: Formats, s: Stats, label: string, params: string[], iqm: boolean): string[] {
  return [label, ...params, ...statCells(f, s, { range: false, iqm })];
}
