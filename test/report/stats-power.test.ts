import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { studentTCdf } from '../../src/report/stats/distributions.ts';
import { noncentralTCdf } from '../../src/report/stats/noncentral-t.ts';
import { MAX_SEEDS_SEARCHED, pairedTTestPower, seedsNeeded } from '../../src/report/stats/power.ts';

// Expected values: test/report/scipy/power.py (scipy.stats.nct, the power of the two-sided paired t-test and
// the seeds it needs for 80% at 0.05, searched one seed at a time), in the .json beside it.
const ref = JSON.parse(readFileSync(new URL('./scipy/power.json', import.meta.url), 'utf8')) as {
  nctCdf: [number, number, number, number][]; power: [number, number, number][]; seedsNeeded: [number, number][];
};

describe('noncentral t', () => {
  it.each(ref.nctCdf)('cdf(%d; df=%d, δ=%d) = scipy nct.cdf to 1e-12 absolute', (t, df, delta, expected) => {
    // measured: worst 1.8e-15
    expect(Math.abs(noncentralTCdf(t, df, delta) - expected)).toBeLessThan(1e-12);
  });

  it('is Student t at δ = 0 (to 1e-15)', () => {
    for (const [t, df] of [[-2, 4], [0.7, 9], [3, 29]]) expect(noncentralTCdf(t, df, 0)).toBeCloseTo(studentTCdf(t, df), 15);
  });
});

describe('power of the paired t-test and the seeds it needs', () => {
  it.each(ref.power)('power(d=%d, n=%d) = scipy to 1e-12 absolute', (d, n, expected) => {
    expect(Math.abs(pairedTTestPower(d, n) - expected)).toBeLessThan(1e-12);
  });

  it.each(ref.seedsNeeded)('d=%d needs %d seeds for 80%% power at 0.05 (scipy, one seed at a time)', (d, expected) => {
    expect(seedsNeeded(d)).toBe(expected);
    expect(seedsNeeded(-d)).toBe(expected);
  });

  it('is at least 80% at the seeds needed and below at one seed fewer', () => {
    const n = seedsNeeded(0.37);
    expect(pairedTTestPower(0.37, n)).toBeGreaterThanOrEqual(0.8);
    expect(pairedTTestPower(0.37, n - 1)).toBeLessThan(0.8);
  });

  it('needs infinitely many seeds for no difference, and gives up beyond the search limit', () => {
    expect(seedsNeeded(0)).toBe(Number.POSITIVE_INFINITY);
    expect(seedsNeeded(0.01)).toBe(Number.POSITIVE_INFINITY); // about 78,500 > 10,000
    expect(MAX_SEEDS_SEARCHED).toBe(10_000);
    expect(seedsNeeded(Number.NaN)).toBeNaN();
  });
});
