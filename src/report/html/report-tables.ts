import type { Comparison, GroupSummary } from '../comparison.ts';
import { escapeHtml, formatNumber, formatP, formatParam } from './html-text.ts';
import type { ReportData } from './load-report-data.ts';

/** A cell: text (escaped here) with an optional class, e.g. `num` for right-aligned numbers. */
type Cell = string | { text: string; cls?: string };

function table(head: string[], rows: Cell[][], options: { caption?: string; rowClass?: (i: number) => string | undefined } = {}): string {
  const cell = (tag: 'td' | 'th', c: Cell) => {
    const { text, cls } = typeof c === 'string' ? { text: c, cls: undefined } : c;
    return `<${tag}${cls ? ` class="${cls}"` : ''}>${escapeHtml(text)}</${tag}>`;
  };
  const caption = options.caption ? `<caption>${escapeHtml(options.caption)}</caption>` : '';
  const body = rows.map((r, i) => {
    const cls = options.rowClass?.(i);
    return `<tr${cls ? ` class="${cls}"` : ''}>${r.map((c) => cell('td', c)).join('')}</tr>`;
  });
  return `<table>${caption}<thead><tr>${head.map((h) => cell('th', h)).join('')}</tr></thead><tbody>\n${body.join('\n')}\n</tbody></table>`;
}

const num = (v: number | null | undefined): Cell => ({ text: formatNumber(v), cls: 'num' });
const ci = (lo: number, hi: number): Cell => ({ text: `${formatNumber(lo)} .. ${formatNumber(hi)}`, cls: 'num' });

/** `{ lambda: 0.001 }` -> `lambda = 0.001`; `{}` and `{ lambda: null }` (a group without the setting) -> an en dash. */
export function formatChosen(chosen: GroupSummary['chosen']): string {
  const parts = Object.entries(chosen).filter(([, v]) => v !== null).map(([k, v]) => `${k} = ${formatParam(v)}`);
  return parts.length ? parts.join(', ') : '–';
}

/** The per-seed choices of a group: `lambda = 0.0373 (4), lambda = 0.0139 (3)`; one setting as `formatChosen`. */
export function formatChoices(g: Pick<GroupSummary, 'choices'>): string {
  if (g.choices.length === 1) return formatChosen(g.choices[0].setting);
  return g.choices.map((ch) => `${formatChosen(ch.setting)} (${ch.seeds})`).join(', ');
}

/** The best groups on the compared metric (by mean; several when tied), for highlighting. */
function bestGroups(c: Comparison): Set<string> {
  const means = c.groups.map((g) => g.mean).filter((m) => Number.isFinite(m));
  const best = c.higherIsBetter ? Math.max(...means) : Math.min(...means);
  return new Set(c.groups.filter((g) => g.mean === best).map((g) => g.group));
}

/**
 * The groups table: per group the setting chosen on the selection metric and, there, the compared
 * metric with its 95% CI, the train - test gap and the fraction of zero weights. The best group (or
 * groups, when tied) is marked.
 *
 * @example
 * groupsTable(comparison); // '<table>...<td>l2</td><td>lambda = 0.001</td>...'
 */
export function groupsTable(c: Comparison): string {
  const best = bestGroups(c);
  const chosenHead = c.select === 'pooled' ? `chosen on mean ${c.selectionMetric} (pooled)` : `chosen per seed on ${c.selectionMetric} (seeds)`;
  return table(
    [c.by, chosenHead, 'seeds', `${c.selectionMetric}`, `${c.metric}`, '95% CI', 'IQM', 'train gap', 'zero weights'],
    c.groups.map((g) => [
      g.group, c.select === 'pooled' ? formatChosen(g.chosen) : formatChoices(g), num(g.n), num(g.selectionMean), num(g.mean), ci(g.ciLow, g.ciHigh),
      num(g.iqm), num(g.trainGap), num(g.zeroFraction),
    ]),
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
  return table(
    [
      'pair (a − b)', 'paired seeds', 'mean diff', '95% CI (t)', '95% CI (bootstrap)', 'P(a better)', '95% CI', 't-test p', 'Holm', 'Wilcoxon p', 'Holm',
      'a wins / ties / losses', 'seeds for 80% power', 'Wilcoxon method',
    ],
    c.pairs.map((p) => [
      `${p.a} − ${p.b}`, { text: `${p.n}${p.missing ? ` (${p.missing} unpaired)` : ''}`, cls: 'num' },
      num(p.meanDiff), ci(p.ciLow, p.ciHigh), ci(p.bootstrapLow, p.bootstrapHigh), num(p.improvement), ci(p.improvementLow, p.improvementHigh),
      { text: formatP(p.tTestP), cls: 'num' }, { text: formatP(p.tTestPHolm), cls: 'num' },
      { text: formatP(p.wilcoxonP), cls: 'num' }, { text: formatP(p.wilcoxonPHolm), cls: 'num' },
      { text: `${p.wins} / ${p.ties} / ${p.losses}`, cls: 'num' }, { text: p.seedsNeeded === null ? '> 10,000' : String(p.seedsNeeded), cls: 'num' }, p.wilcoxonMethod,
    ]),
  );
}

/** The curve table: every group at every value of each tuned setting. */
export function curveTable(c: Comparison): string {
  return table(
    [c.by, 'setting', 'value', 'chosen for seeds', 'seeds', c.selectionMetric, c.metric, '95% CI', 'train gap', 'zero weights'],
    c.curve.map((p) => [
      p.group, p.param, { text: formatParam(p.value), cls: 'num' }, num(p.chosenBy ?? 0), num(p.n), num(p.selectionMean), num(p.mean), ci(p.ciLow, p.ciHigh),
      num(p.trainGap), num(p.zeroFraction),
    ]),
  );
}

/** Every seed of every group at the setting chosen for it. */
export function perSeedTable(c: Comparison): string {
  return table(
    [c.by, 'seed', 'trial', 'setting', c.selectionMetric, c.metric, 'train', 'zero weights'],
    c.groups.flatMap((g) => g.perSeed.map((s) => [g.group, num(s.seed), num(s.trialId), formatChosen(s.setting), num(s.selection), num(s.value), num(s.train), num(s.zeroFraction)])),
  );
}

/** Absolute weight mass per input (rows) and group (columns), mean across seeds. */
export function featureMassTable(c: Comparison, data: ReportData): string {
  const groups = c.groups.map((g) => g.group).filter((g) => data.featureMass.some((m) => m.group === g));
  const mass = new Map(data.featureMass.map((m) => [`${m.group}\u0000${m.input}`, m.mean]));
  return table(['input', ...groups], data.inputs.map((input) => [input, ...groups.map((g) => num(mass.get(`${g}\u0000${input}`)))]));
}
