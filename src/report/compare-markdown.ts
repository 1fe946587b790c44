import { formatP, formatParam, isPercentMetric, metricLabel } from './compare-format.ts';
import {
  choicesText, curveByGroup, curveParams, curveValue, formatsFor, improvementCell, pairNote, seedsCell, seedsNeededCell, selectionNote, statCells, tiesNote, usedText,
} from './compare-text.ts';
import type { Comparison } from './comparison.ts';

/**
 * The comparison as markdown (for a README): the verdict, then the same tables as the terminal with
 * unadjusted and Holm-adjusted p-values side by side, and the notes. No colour, no line wrapping.
 *
 * @example
 * writeFileSync('RESULTS.md', renderCompareMarkdown(await loadComparison(store, 'l2-demo')));
 */
export function renderCompareMarkdown(c: Comparison): string {
  const pct = isPercentMetric(c.metric) ? ' (%)' : '';
  const f = formatsFor(c);
  const out: string[] = [];
  const stats = [`${metricLabel(c.selectionMetric)}${pct}`, `${metricLabel(c.metric)}${pct}`, '95% CI'];
  out.push(`### ${metricLabel(c.metric)} by ${c.by}: sweep ${c.sweep.name}, version ${c.sweep.version}`, '');
  out.push(`**Verdict:** ${c.verdict}`, '');
  const perSeed = c.select === 'per-seed' && c.tunedParams.length > 0;
  const settingHead = perSeed ? [`${c.tunedParams.join('/')} chosen per seed (× seeds)`] : c.tunedParams;
  out.push(markdownTable(
    [c.by, ...settingHead, ...stats, 'IQM', 'train gap', 'zero weights', 'seeds'],
    c.groups.map((g) => [
      g.group, ...(perSeed ? [choicesText(g.choices, c.tunedParams)] : c.tunedParams.map((p) => formatParam(g.chosen[p] ?? null))),
      ...statCells(f, g, { range: true, iqm: true }),
    ]),
  ));
  const ties = tiesNote(c);
  out.push('', ...(ties ? [ties, ''] : []), selectionNote(c), '');
  out.push(markdownTable(
    [
      'pair', `mean diff${isPercentMetric(c.metric) ? ' (points)' : ''}`, '95% CI', 'bootstrap 95% CI', 'P(better) (95% CI)',
      't-test p', 'Holm', 'Wilcoxon p', 'Holm', 'W/T/L', 'seeds', 'seeds for 80% power',
    ],
    c.pairs.map((p) => [
      `${p.a} vs ${p.b}`, f.diff(p.meanDiff), `${f.diff(p.ciLow)}..${f.diff(p.ciHigh)}`, `${f.diff(p.bootstrapLow)}..${f.diff(p.bootstrapHigh)}`, improvementCell(p),
      formatP(p.tTestP), formatP(p.tTestPHolm), formatP(p.wilcoxonP), formatP(p.wilcoxonPHolm), `${p.wins}/${p.ties}/${p.losses}`, seedsCell(p), seedsNeededCell(p),
    ]),
  ));
  out.push('', pairNote(c, true));
  const { sliced, note: everySetting } = curveParams(c);
  if (everySetting) out.push('', everySetting);
  for (const param of sliced) {
    const mark = c.select === 'pooled' ? `**bold** = chosen on ${metricLabel(c.selectionMetric)}` : `×k = chosen on ${metricLabel(c.selectionMetric)} for k seeds`;
    out.push('', `${metricLabel(c.metric)} vs ${param}, mean over seeds (${mark}):`, '');
    const rows: string[][] = [];
    for (const [group, points] of curveByGroup(c, param)) {
      for (const pt of points) rows.push([group, curveValue(c, pt, points, 'markdown'), ...statCells(f, pt, { range: true, iqm: false })]);
    }
    out.push(markdownTable([c.by, param, ...stats, 'train gap', 'zero weights', 'seeds'], rows));
  }
  out.push('', usedText(c));
  return out.join('\n');
}

function markdownTable(head: string[], rows: string[][]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(head), `|${head.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`, ...rows.map(line)].join('\n');
}
