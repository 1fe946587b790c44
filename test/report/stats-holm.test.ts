import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holm } from '../../src/report/stats/holm.ts';

// No scipy reference here: scipy 1.17 has no Holm adjustment (statsmodels' multipletests
// does, but is not installed), so the expected values are worked by hand in each test.
// Tolerance: 1e-12 relative, because k · p rounds in float64 (3 · 0.01 = 0.030000000000000002).
function expectAllRel(actual: readonly number[], expected: readonly number[], rtol: number): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((x, i) => {
    const e = expected[i]!;
    if (Number.isNaN(e)) expect(x, `index ${i}`).toBeNaN();
    else {
      const err = Math.abs(x - e);
      expect(err, `index ${i}: actual ${x}, expected ${e}`).toBeLessThanOrEqual(rtol * Math.abs(e));
    }
  });
}

describe('holm', () => {
  it('adjusts 4 p-values step-down and keeps input order (worked by hand)', () => {
    // raw:    [0.01, 0.04, 0.03, 0.005], m = 4
    // sorted: 0.005 (#4) · 4 = 0.02
    //         0.01  (#1) · 3 = 0.03
    //         0.03  (#3) · 2 = 0.06
    //         0.04  (#2) · 1 = 0.04 -> max(0.06, 0.04) = 0.06 (monotonicity)
    expectAllRel(holm([0.01, 0.04, 0.03, 0.005]), [0.03, 0.06, 0.06, 0.02], 1e-12);
  });

  it('caps at 1 and keeps the cap monotone (worked by hand)', () => {
    // sorted: 0.02 · 3 = 0.06; 0.6 · 2 = 1.2 -> 1; 0.7 · 1 = 0.7 -> max(1, 0.7) = 1
    expectAllRel(holm([0.6, 0.02, 0.7]), [1, 0.06, 1], 1e-12);
    // sorted: 0.2 · 3 = 0.6; 0.25 · 2 = 0.5 -> 0.6; 0.3 · 1 = 0.3 -> 0.6
    expectAllRel(holm([0.2, 0.3, 0.25]), [0.6, 0.6, 0.6], 1e-12);
  });

  it('handles tied p-values, one p-value and none (worked by hand)', () => {
    // 0.01 · 2 = 0.02; 0.01 · 1 = 0.01 -> 0.02
    expectAllRel(holm([0.01, 0.01]), [0.02, 0.02], 1e-12);
    expect(holm([0.037])).toEqual([0.037]);
    expect(holm([])).toEqual([]);
  });

  it('leaves NaN in place and does not count it in m (R convention)', () => {
    // m = 2: 0.01 · 2 = 0.02; 0.04 · 1 = 0.04
    expectAllRel(holm([0.01, Number.NaN, 0.04]), [0.02, Number.NaN, 0.04], 1e-12);
  });

  it('never lowers a p-value, never exceeds 1, preserves order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 20 }), (p) => {
        const adj = holm(p);
        p.forEach((pi, i) => {
          expect(adj[i]).toBeGreaterThanOrEqual(pi);
          expect(adj[i]).toBeLessThanOrEqual(1);
          p.forEach((pj, j) => {
            if (pi < pj) expect(adj[i]).toBeLessThanOrEqual(adj[j]!);
          });
        });
      }),
    );
  });
});
