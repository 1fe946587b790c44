import { groupDigits } from '../text/plain-format.ts';
import { decimalsFor, formatDiff, formatParam, formatValue, metricLabel } from './compare-format.ts';
import type { Comparison, CurvePoint, GroupSummary, PairComparison, SettingChoice } from './comparison.ts';

/**
 * The pieces the terminal tables and the markdown share: how one comparison's numbers read, and the
 * notes that say what the tables mean.
 */

/** How the numbers of one comparison read: values and gaps to one precision, differences to another. */
export interface Formats { value(v: number): string; selection(v: number): string; gap(v: number): string; diff(v: number): string }

export function formatsFor(c: Comparison): Formats {
  const values = decimalsFor([...c.groups, ...c.curve].flatMap((s) => [s.mean, s.selectionMean]));
  const diffs = decimalsFor(c.pairs.flatMap((p) => [p.meanDiff, p.ciLow, p.ciHigh]));
  return {
    value: (v) => formatValue(v, c.metric, values),
    selection: (v) => formatValue(v, c.selectionMetric, values),
    gap: (v) => formatDiff(v, c.metric, values),
    diff: (v) => formatDiff(v, c.metric, diffs),
  };
}

export type Stats = Pick<GroupSummary, 'selectionMean' | 'mean' | 'ciLow' | 'ciHigh' | 'iqm' | 'trainGap' | 'zeroFraction' | 'n'>;

/** selection mean, metric (± CI, or mean and range), IQM if asked, train gap, zero fraction, seeds */
export function statCells(f: Formats, s: Stats, options: { range: boolean; iqm: boolean }): string[] {
  const ci = options.range ? [f.value(s.mean), `${f.value(s.ciLow)}..${f.value(s.ciHigh)}`] : [`${f.value(s.mean)} ± ${f.value(s.ciHigh - s.mean)}`];
  return [
    f.selection(s.selectionMean), ...ci, ...(options.iqm ? [f.value(s.iqm)] : []),
    s.trainGap === null ? '–' : f.gap(s.trainGap),
    s.zeroFraction === null ? '–' : `${formatValue(s.zeroFraction, 'zero_fraction')}%`,
    String(s.n),
  ];
}

/** `8 (2 missing)` */
export function seedsCell(p: PairComparison): string {
  return p.missing ? `${p.n} (${p.missing} missing)` : String(p.n);
}

/** `0.62 (0.40..0.85)` */
export function improvementCell(p: PairComparison): string {
  return `${p.improvement.toFixed(2)} (${p.improvementLow.toFixed(2)}..${p.improvementHigh.toFixed(2)})`;
}

/** `34`, `>10,000` or `–` (no difference) */
export function seedsNeededCell(p: PairComparison): string {
  if (p.seedsNeeded !== null) return String(p.seedsNeeded);
  return p.meanDiff === 0 || Number.isNaN(p.meanDiff) ? '–' : '>10,000';
}

/** The settings a group chose and for how many seeds: `0.0373 ×4, 0.0139 ×3`; `–` when nothing applies. */
export function choicesText(choices: readonly SettingChoice[], tunedParams: readonly string[]): string {
  const setting = (s: SettingChoice['setting']) => tunedParams.map((p) => formatParam(s[p] ?? null)).join('/');
  if (choices.length === 1) return setting(choices[0].setting);
  return choices.map((ch) => `${setting(ch.setting)} ×${ch.seeds}`).join(', ');
}

/**
 * The tuned settings shown as tables of one setting varied with the others at their chosen values (`sliced`), and
 * a note for those of which no two settings differ in that setting alone (a random or TPE search), whose every
 * setting only a chart can show; '' when there are none.
 *
 * @example
 * curveParams(c).note; // 'hidden, lambda, learningRate: no two settings differ in one of them alone (a random or TPE search), ...'
 */
export function curveParams(c: Comparison): { sliced: string[]; note: string } {
  const every = c.everySetting ?? [];
  const sliced = c.tunedParams.filter((p) => !every.includes(p));
  if (every.length === 0) return { sliced, note: '' };
  const which = every.length === 1 ? `${every[0]}: no two settings differ in it` : `${every.join(', ')}: no two settings differ in one of them`;
  return { sliced, note: `${which} alone (a random or TPE search), so no table varies one with the others at their chosen values; \`regsweep report\` and \`regsweep ui\` plot every setting against each.` };
}

/** The points of a curve by group, in order. */
export function curveByGroup(c: Comparison, param: string): Map<string, CurvePoint[]> {
  const out = new Map<string, CurvePoint[]>();
  for (const pt of c.curve) {
    if (pt.param !== param) continue;
    const list = out.get(pt.group) ?? [];
    out.set(pt.group, list);
    list.push(pt);
  }
  return out;
}

/** A curve point's setting with its mark: the pooled choice ` *` (bold in markdown), ` ×4` for a setting 4 seeds chose. */
export function curveValue(c: Comparison, pt: CurvePoint, points: readonly CurvePoint[], to: 'terminal' | 'markdown'): string {
  const value = formatParam(pt.value);
  if (points.length < 2) return value;
  if (c.select === 'pooled') return pt.chosen ? (to === 'markdown' ? `**${value}**` : `${value} *`) : value;
  return pt.chosenBy ? `${value} ×${pt.chosenBy}` : value;
}

export function usedText(c: Comparison): string {
  const excluded = Object.entries(c.excluded ?? {});
  const total = excluded.reduce((s, [, n]) => s + n, 0);
  const used = `${c.used ?? c.groups.reduce((s, g) => s + g.n, 0)} completed trials counted`;
  const saved = savedText(c);
  return total === 0 ? `${used}, none excluded${saved}.` : `${used}; ${total} excluded (${excluded.map(([why, n]) => `${n} ${why}`).join(', ')})${saved}.`;
}

/**
 * `; 118 training epochs saved by pruning and racing` when the sweep stopped trials (`—` when its trials have no
 * planned epochs); else nothing.
 */
export function savedText(c: Comparison): string {
  const s = c.stopped;
  if (!s || s.pruned + s.racedOut === 0) return '';
  return s.epochsSaved === null ? '; training epochs saved by pruning and racing: — (no training.epochs planned)' : `; ${s.epochsSaved} training epochs saved by pruning and racing`;
}

export function selectionNote(c: Comparison): string {
  const test = metricLabel(c.metric);
  const after = `IQM: interquartile mean. Train gap: train - ${test}; zeros: share of weights exactly 0.`;
  if (c.tunedParams.length === 0) return `Nothing tuned within a ${c.by}: each is one setting; ${test} is the mean ± 95% t-interval over seeds. ${after}`;
  const tuned = c.tunedParams.join(', ');
  const selection = metricLabel(c.selectionMetric);
  if (c.select === 'pooled') {
    return `Pooled choice (descriptive): ${tuned} chosen per ${c.by} on ${selection} as the best mean over seeds, never on the test split; ${test} at that choice, mean ± 95% t-interval over seeds. The choice saw every seed, so the p-values below are not calibrated (--select per-seed). ${after}`;
  }
  return `${tuned} chosen per seed on that seed's ${selection}, never on the test split, and ${test} taken there (the tuning repeated per seed, so the tests below are calibrated); mean ± 95% t-interval over seeds. ${after}`;
}

/** `lambda chosen per seed (× seeds): none –; l2 0.0373 ×4, 0.0139 ×3` */
export function choicesNote(c: Comparison): string {
  return `${c.tunedParams.join('/')} chosen per seed (× seeds): ${c.groups.map((g) => `${g.group} ${choicesText(g.choices, c.tunedParams)}`).join('; ')}`;
}

/**
 * Which choices an exact tie on the selection metric decided, or '' when none did:
 * `Ties on validation accuracy decided some choices (the earlier lambda taken): l2 on 3 of 10 seeds (up to 4 settings tied); ...`
 */
export function tiesNote(c: Comparison): string {
  const tied = c.groups.filter((g) => g.ties.seeds > 0);
  if (tied.length === 0) return '';
  const where = tied.map((g) => `${g.group} on ${g.ties.seeds} of ${g.n} seeds (up to ${g.ties.settings} settings tied)`).join('; ');
  return `Exact ties on ${metricLabel(c.selectionMetric)} decided some choices, the earlier setting taken (${c.tunedParams.join(', ')} ascending): ${where}. `
    + 'The validation split cannot tell tied settings apart, so which of them is chosen is arbitrary.';
}

export function pairNote(c: Comparison, markdown = false): string {
  const m = c.pairs.length;
  const adjust = m > 1 ? `Holm-adjusted over the ${m} pairs${markdown ? '' : ' (unadjusted: --format json or markdown)'}` : 'one pair, so no adjustment';
  const boot = `${groupDigits(c.bootstrap.resamples)} resamples of the seeds, seed ${c.bootstrap.seed}`;
  return `diff = first - second, paired by seed, with its 95% t-interval and paired-bootstrap interval (${boot}); `
    + 'P(better): share of seeds on which the first does better (ties half), with its bootstrap interval; W/T/L: seeds the first wins/ties/loses. '
    + `p: two-sided paired t-test and Wilcoxon signed-rank, ${adjust}. The verdict uses the t-test p at ${c.alpha}. `
    + 'Seeds for 80% power: how many seeds a difference of this size needs to be found by the paired t-test at 0.05 four times in five.';
}

