import { sameMean } from '../compare.ts';
import { formatP, formatParam, isPercentMetric } from '../compare-format.ts';
import { type Formats, formatsFor, improvementCell, seedsCell, seedsNeededCell, type Stats, statCells } from '../compare-text.ts';
import type { Comparison, GroupSummary } from '../comparison.ts';
import { columnFormat, zeroShare } from './column-format.ts';
import { escapeHtml } from './html-text.ts';
import type { ReportData } from './load-report-data.ts';

/**
 * The comparison's tables for the HTML report and the dashboard. Numbers read as in `regsweep compare`
 * (compare-text's `formatsFor`): a proportion in percent with one decimal, its differences in signed
 * percentage points, other metrics in their units to one number of decimals per comparison; the headers
 * say the unit.
 */

/** A cell: text (escaped here) with an optional class, e.g. `num` for right-aligned numbers. */
type Cell = string | { text: string; cls?: string };

function table(head: Cell[], rows: Cell[][], options: { caption?: string; rowClass?: (i: number) => string | undefined } = {}): string {
  const cell = (tag: 'td' | 'th', c: Cell) => {
    const { text, cls } = typeof c === 'string' ? { text: c, cls: undefined } : c;
    // lines break where written, as in the terminal's tables (a header's text still reads `mean diff (points)`)
    const html = text.split('\n').map(escapeHtml).join(' <br>');
    return `<${tag}${cls ? ` class="${cls}"` : ''}>${html}</${tag}>`;
  };
  const caption = options.caption ? `<caption>${escapeHtml(options.caption)}</caption>` : '';
  const body = rows.map((r, i) => {
    const cls = options.rowClass?.(i);
    return `<tr${cls ? ` class="${cls}"` : ''}>${r.map((c) => cell('td', c)).join('')}</tr>`;
  });
  return `<table class="compare">${caption}<thead><tr>${head.map((h) => cell('th', h)).join('')}</tr></thead><tbody>\n${body.join('\n')}\n</tbody></table>`;
}

/** A right-aligned cell: a number, or its header. */
const num = (text: string): Cell => ({ text, cls: 'num' });

/**
 * Headers with units, the unit on a line of its own: `test_accuracy %` for a proportion's values, `95% CI (%)`
 * beside them, `train gap (points)` for its differences; other metrics' headers as given (in their units).
 */
function units(metric: string) {
  const pct = isPercentMetric(metric);
  return {
    value: (head: string) => num(pct ? `${head}\n%` : head),
    interval: (head: string) => num(pct ? `${head}\n(%)` : head),
    diff: (head: string) => num(pct ? `${head}\n(points)` : head),
  };
}

/** The headers of `statCells(f, s, { range: true, iqm })`, in its order. */
function statHeads(c: Comparison, iqm: boolean): Cell[] {
  const u = units(c.metric);
  return [
    units(c.selectionMetric).value(c.selectionMetric), u.value(c.metric), u.interval('95% CI'), ...(iqm ? [u.value('IQM')] : []), u.diff('train gap'),
    num('zero\nweights'), num('seeds'),
  ];
}

/** Selection mean, metric, its 95% CI, IQM if asked, train gap, zero weights (%) and seeds, as `regsweep compare --format markdown` writes them. */
function statRow(f: Formats, s: Stats, iqm: boolean): Cell[] {
  return statCells(f, s, { range: true, iqm }).map(num);
}

/** `{ lambda: 0.001 }` -> `lambda = 0.001`; `{}` and `{ lambda: null }` (a group without the setting) -> an en dash. */
export function formatChosen(chosen: GroupSummary['chosen']): string {
  const parts = Object.entries(chosen).filter(([, v]) => v !== null).map(([k, v]) => `${k} = ${formatParam(v)}`);
  return parts.length ? parts.join(', ') : '–';
}

/**
 * The per-seed choices of a group, one a line: `lambda = 0.0373 (4)` / `lambda = 0.0139 (3)` (on one line the
 * cell of 10 seeds of two params is thousands of pixels wide); one setting as `formatChosen`.
 */
export function formatChoices(g: Pick<GroupSummary, 'choices'>): string {
  if (g.choices.length === 1) return formatChosen(g.choices[0].setting);
  return g.choices.map((ch) => `${formatChosen(ch.setting)} (${ch.seeds})`).join('\n');
}

/** The best groups on the compared metric (by mean; several when tied, as `compare` ranks them), for highlighting. */
function bestGroups(c: Comparison): Set<string> {
  const means = c.groups.map((g) => g.mean).filter((m) => Number.isFinite(m));
  const best = c.higherIsBetter ? Math.max(...means) : Math.min(...means);
  return new Set(c.groups.filter((g) => sameMean(g.mean, best)).map((g) => g.group));
}

/**
 * The groups table: per group the setting chosen on the selection metric and, there, the compared
 * metric with its 95% CI and IQM, the train - test gap, the share of zero weights and the seeds. The best
 * group (or groups, when tied) is marked.
 *
 * @example
 * groupsTable(comparison); // '<table>...<td>l2</td><td>lambda = 0.001</td><td class="num">78.3</td>...'
 */
export function groupsTable(c: Comparison): string {
  const best = bestGroups(c);
  const f = formatsFor(c);
  const chosenHead = c.select === 'pooled' ? `chosen on mean\n${c.selectionMetric} (pooled)` : `chosen per seed on\n${c.selectionMetric} (seeds)`;
  return table(
    [c.by, chosenHead, ...statHeads(c, true)],
    c.groups.map((g) => [g.group, c.select === 'pooled' ? formatChosen(g.chosen) : formatChoices(g), ...statRow(f, g, true)]),
    { rowClass: (i) => (best.has(c.groups[i]?.group ?? '') ? 'best' : undefined) },
  );
}

/**
 * The pairs table: for each pair of groups, paired by seed, the mean difference of the compared metric
 * with its 95% t-interval and paired-bootstrap interval, P(a better) with its bootstrap interval, t-test and
 * Wilcoxon p-values (Holm-adjusted over all pairs), seed-by-seed wins/ties/losses and the seeds a
 * difference of this size needs for 80% power.
 */
export function pairsTable(c: Comparison): string {
  const f = formatsFor(c);
  const u = units(c.metric);
  const interval = (lo: number, hi: number) => num(`${f.diff(lo)}..${f.diff(hi)}`);
  return table(
    [
      'pair (a − b)', num('paired\nseeds'), u.diff('mean diff'), u.diff('95% CI (t)'), u.diff('bootstrap\n95% CI'), num('P(a better)\n(95% CI)'),
      num('t-test\np'), num('Holm'), num('Wilcoxon\np'), num('Holm'), num('a wins /\nties /\nlosses'), num('seeds for\n80% power'), 'Wilcoxon\nmethod',
    ],
    c.pairs.map((p) => [
      `${p.a} − ${p.b}`, num(seedsCell(p)), num(f.diff(p.meanDiff)), interval(p.ciLow, p.ciHigh), interval(p.bootstrapLow, p.bootstrapHigh), num(improvementCell(p)),
      num(formatP(p.tTestP)), num(formatP(p.tTestPHolm)), num(formatP(p.wilcoxonP)), num(formatP(p.wilcoxonPHolm)),
      num(`${p.wins} / ${p.ties} / ${p.losses}`), num(seedsNeededCell(p)), p.wilcoxonMethod,
    ]),
  );
}

/** The curve table: every group at every value of each tuned setting. */
export function curveTable(c: Comparison): string {
  const f = formatsFor(c);
  return table(
    [c.by, 'setting', num('value'), num('chosen\nfor seeds'), ...statHeads(c, false)],
    c.curve.map((p) => [p.group, p.param, num(formatParam(p.value)), num(String(p.chosenBy ?? 0)), ...statRow(f, p, false)]),
  );
}

/** Every seed of every group at the setting chosen for it. */
export function perSeedTable(c: Comparison): string {
  const f = formatsFor(c);
  const u = units(c.metric);
  return table(
    [c.by, num('seed'), num('trial'), 'setting', units(c.selectionMetric).value(c.selectionMetric), u.value(c.metric), u.value('train'), num('zero\nweights')],
    c.groups.flatMap((g) => g.perSeed.map((s) => [
      g.group, num(String(s.seed)), num(String(s.trialId)), formatChosen(s.setting), num(f.selection(s.selection)), num(f.value(s.value)),
      num(s.train === null ? '–' : f.value(s.train)), num(zeroShare(s.zeroFraction)),
    ])),
  );
}

/** Absolute weight mass per input (rows) and group (columns), mean across seeds; each group's column to one number of decimals. */
export function featureMassTable(c: Comparison, data: ReportData): string {
  const groups = c.groups.map((g) => g.group).filter((g) => data.featureMass.some((m) => m.group === g));
  const mass = new Map(data.featureMass.map((m) => [`${m.group}\u0000${m.input}`, m.mean]));
  const formats = groups.map((g) => columnFormat(data.inputs.map((input) => mass.get(`${g}\u0000${input}`))));
  return table(['input', ...groups.map(num)], data.inputs.map((input) => [input, ...groups.map((g, i) => num(formats[i]!(mass.get(`${g}\u0000${input}`))))]));
}
