/**
 * Statistics for comparing regularizers across seeds: descriptive summaries, t intervals,
 * paired tests (t and Wilcoxon signed-rank), Holm's multiple-comparison adjustment and
 * win/tie/loss counts. Pure functions, checked against scipy 1.17.
 *
 * @example
 * import { pairedTTest, wilcoxonSignedRank, holm } from './stats/index.ts';
 * const pT = pairedTTest(l2Acc, noneAcc).p;
 * const pW = wilcoxonSignedRank(l2Acc, noneAcc).p;
 */
export { mean, sampleSd } from './descriptive.ts';
export {
  normalCdf,
  normalTwoSidedP,
  studentTCdf,
  studentTQuantile,
  studentTTwoSidedP,
} from './distributions.ts';
export { holm } from './holm.ts';
export { tInterval, type TInterval } from './t-interval.ts';
export { pairedTTest, type PairedTTestResult } from './t-test.ts';
export {
  wilcoxonSignedRank,
  type WilcoxonMethod,
  type WilcoxonOptions,
  type WilcoxonResult,
} from './wilcoxon.ts';
export { winTieLoss, type WinTieLoss } from './win-tie-loss.ts';
