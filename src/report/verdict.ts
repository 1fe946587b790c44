import { groupDigits } from '../text/plain-format.ts';
import { decimalsFor, formatDiff, groupName, isPercentMetric, metricLabel, pEquals, seedsText } from './compare-format.ts';
import type { Comparison, GroupSummary, PairComparison } from './comparison.ts';
import { MAX_SEEDS_SEARCHED } from './stats/index.ts';

/** Significance level of the verdict, applied to Holm-adjusted paired t-test p-values. */
export const ALPHA = 0.05;

/** A pair seen from one group's side: `diff` is that group minus `other`. */
interface Versus { other: GroupSummary; diff: number; lo: number; hi: number; p: number; rawP: number; n: number; missing: number; seedsNeeded: number | null }

/**
 * The verdict in words: the best group (by mean of `metric`) against each other group, with the mean paired
 * difference, its 95% CI, the Holm-adjusted paired t-test p and the number of seeds; for a difference that
 * is not significant, the seeds a difference of its size would need (80% power at 0.05). Accuracy
 * differences are in percentage points, other metrics in their units. A pooled choice of settings is
 * labelled descriptive: its p-values are not calibrated.
 *
 * @example
 * describeVerdict(c);
 * // 'l2 beats none on test accuracy by +2.1 points (95% CI +0.8..+3.4, p=0.004, 10 seeds)'
 * // or 'no difference is significant at 0.05 (best: l2; vs none +0.4 points, 95% CI -0.5..+1.3, p=0.31:
 * //    not significant with 10 seeds; a difference this size needs about 34)'
 */
export function describeVerdict(c: Comparison): string {
  const ahead = (d: number) => (c.higherIsBetter ? d > 0 : d < 0);
  const byName = new Map(c.groups.map((g) => [g.group, g]));
  // pairs run best-first (see compareTrials), so the first pair's `a` has the best mean
  const best = c.pairs.length ? byName.get(c.pairs[0].a)! : c.groups.reduce((x, y) => (ahead(y.mean - x.mean) ? y : x));
  const versus: Versus[] = c.pairs.filter((p) => p.a === best.group || p.b === best.group).map((p) => orient(p, best.group, byName));
  const unit = isPercentMetric(c.metric) ? ' points' : '';
  const diffs = decimalsFor(c.pairs.flatMap((p) => [p.meanDiff, p.ciLow, p.ciHigh])); // as the tables show them
  const fd = (v: number) => formatDiff(v, c.metric, diffs);
  const diff = (v: number) => `${fd(v)}${unit}`;
  const ci = (v: Versus) => `95% CI ${fd(v.lo)}..${fd(v.hi)}, ${pEquals(v.p)}`;
  const stat = (v: Versus) => `${ci(v)}, ${seedsText(v.n, v.missing)}`;
  const name = (g: GroupSummary) => (c.select === 'pooled' ? groupName(g) : g.group);
  const label = metricLabel(c.metric);
  const prefix = c.select === 'pooled' ? 'descriptive (settings chosen on the mean over seeds; p-values not calibrated): ' : '';

  const significant = versus.filter((v) => v.p < c.alpha);
  if (significant.length === 0) {
    return `${prefix}no difference is significant at ${c.alpha} (best: ${name(best)}; ${versus.map((v) => `vs ${name(v.other)} ${diff(v.diff)}, ${ci(v)}: ${needsText(v, c)}`).join('; ')})`;
  }
  const clauses: string[] = [];
  const wins = significant.filter((v) => ahead(v.diff));
  if (wins.length) {
    clauses.push(`${name(best)} beats ${wins.map((v, i) => `${name(v.other)}${i === 0 ? ` on ${label}` : ''} by ${diff(v.diff)} (${stat(v)})`).join(' and ')}`);
  }
  // best on average, but behind on the seeds both groups have: say who is ahead there
  for (const v of significant.filter((s) => !ahead(s.diff))) {
    const flipped = { ...v, diff: -v.diff, lo: -v.hi, hi: -v.lo };
    clauses.push(`${name(v.other)} beats ${name(best)} on ${label} by ${diff(flipped.diff)} (${stat(flipped)})`);
  }
  for (const v of versus.filter((s) => !(s.p < c.alpha))) {
    clauses.push(`no significant difference from ${name(v.other)}: ${diff(v.diff)} (${ci(v)}: ${needsText(v, c)})`);
  }
  return prefix + clauses.join('; ');
}

/**
 * Why a difference is not significant, in words: `not significant with 10 seeds; a difference this size needs
 * about 34` (80% power at 0.05, see `seedsNeeded`), or, when it is significant before Holm's adjustment
 * only, `not significant after Holm's adjustment over 3 pairs (unadjusted p=0.004, 10 seeds)`.
 */
export function needsText(v: Versus, c: Pick<Comparison, 'alpha' | 'pairs'>): string {
  if (v.rawP < c.alpha) return `not significant after Holm's adjustment over ${c.pairs.length} pairs (unadjusted ${pEquals(v.rawP)}, ${seedsText(v.n, v.missing)})`;
  const now = `not significant with ${seedsText(v.n, v.missing)}`;
  if (v.diff === 0) return `${now}; there is no difference to detect`;
  if (v.seedsNeeded === null) return `${now}; a difference this size needs more than ${groupDigits(MAX_SEEDS_SEARCHED)}`;
  return `${now}; a difference this size needs about ${v.seedsNeeded}`;
}

function orient(p: PairComparison, from: string, byName: Map<string, GroupSummary>): Versus {
  const common = { p: p.tTestPHolm, rawP: p.tTestP, n: p.n, missing: p.missing, seedsNeeded: p.seedsNeeded };
  return p.a === from
    ? { other: byName.get(p.b)!, diff: p.meanDiff, lo: p.ciLow, hi: p.ciHigh, ...common }
    : { other: byName.get(p.a)!, diff: -p.meanDiff, lo: -p.ciHigh, hi: -p.ciLow, ...common };
}
