import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { interquartileMean } from '../../src/report/stats/descriptive.ts';
import { pairedBootstrap, percentileOfSorted } from '../../src/report/stats/bootstrap.ts';
import { probabilityOfImprovement } from '../../src/report/stats/probability-of-improvement.ts';

// Expected values: test/report/scipy/bootstrap.py (scipy.stats.bootstrap, paired, percentile, 100,000
// resamples; scipy.stats.trim_mean), in the .json beside it.
interface Case { name: string; a: number[]; b: number[]; mean: [number, number, number]; improvement: [number, number, number]; pointImprovement: number }
const ref = JSON.parse(readFileSync(new URL('./scipy/bootstrap.json', import.meta.url), 'utf8')) as { bootstrap: Case[]; trimMean: [number[], number][] };

describe('paired bootstrap', () => {
  // Monte Carlo tolerance: a 2.5th or 97.5th percentile of B resamples has a standard error of about
  // sqrt(0.025 · 0.975 / B) / φ(1.96) = 0.027 bootstrap sd at B = 10,000 (0.009 for scipy's 100,000); 0.15 sd is
  // more than 5 of those combined. P(a > b) moves in steps of 1/(2n), so a bound may land one step off.
  it.each(ref.bootstrap)('$name: CI of the mean difference = scipy within Monte Carlo error', (c) => {
    const r = pairedBootstrap(c.a, c.b, true);
    const [low, high, se] = c.mean;
    expect(r.resamples).toBe(10_000);
    expect(Math.abs(r.meanLow - low), `low ${r.meanLow} vs ${low}`).toBeLessThan(0.15 * se);
    expect(Math.abs(r.meanHigh - high), `high ${r.meanHigh} vs ${high}`).toBeLessThan(0.15 * se);
  });

  it.each(ref.bootstrap)('$name: P(a > b) and its CI = scipy (CI within one step of 1/(2n))', (c) => {
    const r = pairedBootstrap(c.a, c.b, true);
    expect(probabilityOfImprovement(c.a, c.b, true)).toBeCloseTo(c.pointImprovement, 15);
    const step = 1 / (2 * c.a.length) + 1e-12;
    expect(Math.abs(r.improvementLow - c.improvement[0]), `low ${r.improvementLow}`).toBeLessThanOrEqual(step);
    expect(Math.abs(r.improvementHigh - c.improvement[1]), `high ${r.improvementHigh}`).toBeLessThanOrEqual(step);
  });

  it('is reproducible with its seed and changes with another', () => {
    const [c] = ref.bootstrap;
    expect(pairedBootstrap(c.a, c.b, true)).toEqual(pairedBootstrap(c.a, c.b, true, { seed: 0 }));
    expect(pairedBootstrap(c.a, c.b, true, { seed: 1 }).meanLow).not.toBe(pairedBootstrap(c.a, c.b, true).meanLow);
  });

  it('counts P(a > b) the other way for a lower-is-better metric', () => {
    const [c] = ref.bootstrap;
    const up = pairedBootstrap(c.a, c.b, true);
    const down = pairedBootstrap(c.a, c.b, false);
    // same resamples: every resampled P flips to 1 - P, so the bounds swap
    expect(down.improvementLow).toBeCloseTo(1 - up.improvementHigh, 12);
    expect(down.improvementHigh).toBeCloseTo(1 - up.improvementLow, 12);
    expect([down.meanLow, down.meanHigh]).toEqual([up.meanLow, up.meanHigh]);
  });

  it('gives NaN bounds for fewer than 2 pairs', () => {
    expect(pairedBootstrap([0.5], [0.4], true).meanLow).toBeNaN();
  });
});

describe('probability of improvement and interquartile mean', () => {
  it('counts a tie as half (by hand)', () => {
    expect(probabilityOfImprovement([0.9, 0.8, 0.7, 0.6], [0.8, 0.8, 0.75, 0.5], true)).toBe(0.625);
    expect(probabilityOfImprovement([0.9, 0.8, 0.7, 0.6], [0.8, 0.8, 0.75, 0.5], false)).toBe(0.375);
  });

  it.each(ref.trimMean)('IQM of %j = scipy trim_mean(x, 0.25)', (values, expected) => {
    expect(interquartileMean(values)).toBeCloseTo(expected, 14);
  });

  it('interpolates percentiles as numpy does', () => {
    // numpy.percentile([1, 2, 3, 4], [2.5, 50, 97.5]) -> [1.075, 2.5, 3.925]
    const v = Float64Array.of(1, 2, 3, 4);
    expect([0.025, 0.5, 0.975].map((q) => percentileOfSorted(v, q))).toEqual([expect.closeTo(1.075, 14), 2.5, expect.closeTo(3.925, 14)]);
  });
});
