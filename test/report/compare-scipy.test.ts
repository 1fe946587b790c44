import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type TrialRow, compareTrials } from '../../src/report/compare.ts';
import type { Selection } from '../../src/report/select-settings.ts';

// Every number of `compare l1-vs-l2 --by regularization,l1Method --format json`, for both selection procedures,
// against numpy/scipy's recomputation from the same trials: test/report/scipy/compare-sweep.py over the rows that
// test/report/scipy/export-rows.ts wrote from a run of experiments/l1-vs-l2.ts (510 trials). Issue 15: 1e-9
// absolute for everything computed; the bootstrap figures within their Monte Carlo error.
const rows = JSON.parse(readFileSync(new URL('./scipy/l1-vs-l2-rows.json', import.meta.url), 'utf8')) as TrialRow[];
const expected = JSON.parse(readFileSync(new URL('./scipy/l1-vs-l2-expected.json', import.meta.url), 'utf8'));
const ABS = 1e-9;

/** |actual - expected| ≤ 1e-9 for every listed numeric field (null in the JSON: null or a non-finite number here). */
function expectFields(actual: Record<string, unknown>, reference: Record<string, unknown>, fields: readonly string[], where: string): number {
  let worst = 0;
  for (const f of fields) {
    const [a, e] = [actual[f], reference[f]];
    if (e === null) {
      expect(a === null || !Number.isFinite(a as number), `${where} ${f}: ${a} vs null`).toBe(true);
      continue;
    }
    const err = Math.abs((a as number) - (e as number));
    worst = Math.max(worst, err);
    expect(err, `${where} ${f}: ${a} vs scipy ${e}`).toBeLessThanOrEqual(ABS);
  }
  return worst;
}

describe.each(['per-seed', 'pooled'] as Selection[])('l1-vs-l2 by regularization and L1 method, %s: every number = scipy', (select) => {
  const c = compareTrials(rows, { by: 'regularization,l1Method', select });
  const ref = expected[select];

  it('chooses the same settings for the same seeds', () => {
    expect(c.tunedParams).toEqual(expected.tunedParams);
    expect(c.groups.map((g) => [g.group, g.chosen, g.choices])).toEqual(ref.groups.map((g: any) => [g.group, g.chosen, g.choices]));
    expect(c.groups.map((g) => g.perSeed.map((s) => [s.seed, s.trialId]))).toEqual(ref.groups.map((g: any) => g.perSeed.map((s: any) => [s.seed, s.trialId])));
  });

  it('group and curve statistics to 1e-9 absolute', () => {
    let worst = 0;
    const fields = ['selectionMean', 'mean', 'ciLow', 'ciHigh', 'iqm', 'trainGap', 'zeroFraction', 'n'];
    c.groups.forEach((g, i) => { worst = Math.max(worst, expectFields(g as any, ref.groups[i], fields, g.group)); });
    expect(c.curve.map((p) => [p.group, p.value, p.chosen, p.chosenBy])).toEqual(ref.curve.map((p: any) => [p.group, p.value, p.chosen, p.chosenBy]));
    c.curve.forEach((p, i) => { worst = Math.max(worst, expectFields(p as any, ref.curve[i], fields, `${p.group} at ${p.value}`)); });
    console.log(`${select}: worst group/curve error ${worst.toExponential(2)}`);
  });

  it('pair statistics, tests and Holm to 1e-9 absolute; seeds needed exactly', () => {
    expect(c.pairs.map((p) => [p.a, p.b, p.n, p.wins, p.ties, p.losses, p.seedsNeeded]))
      .toEqual(ref.pairs.map((p: any) => [p.a, p.b, p.n, p.wins, p.ties, p.losses, p.seedsNeeded]));
    let worst = 0;
    const fields = ['meanDiff', 'ciLow', 'ciHigh', 'sdDiff', 'effectSize', 'tTestP', 'wilcoxonP', 'tTestPHolm', 'wilcoxonPHolm', 'improvement'];
    c.pairs.forEach((p, i) => { worst = Math.max(worst, expectFields(p as any, ref.pairs[i], fields, `${p.a} vs ${p.b}`)); });
    console.log(`${select}: worst pair error ${worst.toExponential(2)}`);
  });

  it('bootstrap intervals within their Monte Carlo error of scipy.stats.bootstrap (100,000 resamples)', () => {
    // 0.15 bootstrap sd is > 5 Monte Carlo standard errors of a 2.5% or 97.5% percentile at 10,000 resamples (see
    // stats-bootstrap.test.ts); P(better) moves in steps of 1/(2n), so its bounds may land one step off.
    c.pairs.forEach((p, i) => {
      const [low, high, se] = ref.pairs[i].bootstrapMean;
      expect(Math.abs(p.bootstrapLow - low), `${p.a} vs ${p.b} low`).toBeLessThanOrEqual(0.15 * se + 1e-12);
      expect(Math.abs(p.bootstrapHigh - high), `${p.a} vs ${p.b} high`).toBeLessThanOrEqual(0.15 * se + 1e-12);
      const [iLow, iHigh] = ref.pairs[i].bootstrapImprovement;
      expect(Math.abs(p.improvementLow - iLow)).toBeLessThanOrEqual(1 / (2 * p.n) + 1e-12);
      expect(Math.abs(p.improvementHigh - iHigh)).toBeLessThanOrEqual(1 / (2 * p.n) + 1e-12);
    });
  });
});
