import type { GroupSummary, PairComparison } from './comparison.ts';
import { type BootstrapOptions, pairedBootstrap, pairedTTest, probabilityOfImprovement, seedsNeeded, wilcoxonSignedRank, winTieLoss } from './stats/index.ts';

/**
 * Two groups compared on the seeds both have: the mean difference a - b with its 95% t-interval and its
 * paired-bootstrap interval, the paired t-test, Wilcoxon signed-rank, win/tie/loss, the probability of
 * improvement with its bootstrap interval, and the seeds a difference of this size would need for 80% power.
 * Holm's adjustment is over all pairs, so it is left NaN here for the caller.
 *
 * @example
 * comparePair(l2, none, true).seedsNeeded; // 34: a difference this size needs about 34 seeds
 */
export function comparePair(a: GroupSummary, b: GroupSummary, higherIsBetter: boolean, bootstrap: BootstrapOptions = {}): PairComparison {
  const bSeeds = new Map(b.perSeed.map((r) => [r.seed, r.value]));
  const paired = a.perSeed.filter((r) => bSeeds.has(r.seed));
  const x = paired.map((r) => r.value);
  const y = paired.map((r) => bSeeds.get(r.seed)!);
  const t = pairedTTest(x, y);
  const w = wilcoxonSignedRank(x, y);
  const wtl = higherIsBetter ? winTieLoss(x, y) : winTieLoss(y, x);
  const boot = pairedBootstrap(x, y, higherIsBetter, bootstrap);
  const effectSize = t.meanDiff / t.sdDiff;
  const needed = seedsNeeded(effectSize);
  return {
    a: a.group, b: b.group, n: paired.length, missing: a.perSeed.length + b.perSeed.length - 2 * paired.length,
    meanDiff: t.meanDiff, ciLow: t.ciLow, ciHigh: t.ciHigh, sdDiff: t.sdDiff, effectSize,
    bootstrapLow: boot.meanLow, bootstrapHigh: boot.meanHigh,
    improvement: probabilityOfImprovement(x, y, higherIsBetter), improvementLow: boot.improvementLow, improvementHigh: boot.improvementHigh,
    seedsNeeded: Number.isFinite(needed) ? needed : null,
    tTestP: t.p, wilcoxonP: w.p, wilcoxonMethod: w.method, tTestPHolm: Number.NaN, wilcoxonPHolm: Number.NaN,
    wins: wtl.wins, ties: wtl.ties, losses: wtl.losses,
  };
}
