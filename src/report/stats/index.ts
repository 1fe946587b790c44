/**
 * Statistics for comparing regularizers across seeds: descriptive summaries, t intervals,
 * paired tests (t and Wilcoxon signed-rank), Holm's multiple-comparison adjustment,
 * win/tie/loss counts, the paired bootstrap, the probability of improvement and the power of
 * the paired t-test. Pure functions, checked against scipy 1.17.
 *
 * @example
 * import { pairedTTest, wilcoxonSignedRank, holm } from './stats/index.ts';
 * const pT = pairedTTest(l2Acc, noneAcc).p;
 * const pW = wilcoxonSignedRank(l2Acc, noneAcc).p;
 */
export { interquartileMean, mean, sampleSd } from './descriptive.ts';
export { DEFAULT_BOOTSTRAP_SEED, DEFAULT_RESAMPLES, pairedBootstrap, percentileOfSorted, type BootstrapOptions, type PairedBootstrap } from './bootstrap.ts';
export {
  normalCdf,
  normalTwoSidedP,
  studentTCdf,
  studentTQuantile,
  studentTTwoSidedP,
} from './distributions.ts';
export { holm } from './holm.ts';
export { noncentralTCdf } from './noncentral-t.ts';
export { MAX_SEEDS_SEARCHED, pairedTTestPower, seedsNeeded } from './power.ts';
export { probabilityOfImprovement } from './probability-of-improvement.ts';
export { tInterval, type TInterval } from './t-interval.ts';
export { pairedTTest, type PairedTTestResult } from './t-test.ts';
export {
  wilcoxonSignedRank,
  type WilcoxonMethod,
  type WilcoxonOptions,
  type WilcoxonResult,
} from './wilcoxon.ts';
export { winTieLoss, type WinTieLoss } from './win-tie-loss.ts';
