import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { int, logUniform, uniform } from '../../src/sweep/distributions.ts';
import { expandGrid, sampleRandom } from '../../src/sweep/space.ts';

const kinds = ['none', 'l1', 'l2', 'elasticnet'] as const;
const uniqueNumbers = (max: number) => fc.uniqueArray(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: max });

describe('search space properties', () => {
  it("a grid's size is the product of its axes minus the conditional cuts", () => {
    fc.assert(fc.property(
      fc.subarray([...kinds], { minLength: 1 }), uniqueNumbers(4), uniqueNumbers(3),
      fc.subarray(['proximal', 'subgradient'], { minLength: 1 }), fc.integer({ min: 1, max: 4 }),
      (kindList, lambdas, lambda2s, methods, hiddenCount) => {
        const hidden = Array.from({ length: hiddenCount }, (_, i) => i + 1);
        const grid = expandGrid({ regularization: kindList, lambda: lambdas, lambda2: lambda2s, l1Method: methods, hidden }, 'none');
        const L = lambdas.length, L2 = lambda2s.length, M = methods.length;
        const perKind: Record<string, number> = { none: 1, l1: L * M, l2: L, elasticnet: L * L2 * M };
        const expected = hiddenCount * kindList.reduce((s, k) => s + perKind[k]!, 0);
        expect(grid).toHaveLength(expected);
        expect(new Set(grid.map((a) => JSON.stringify(a))).size).toBe(expected);
      },
    ));
  });

  it('a random search never leaves its bounds', () => {
    fc.assert(fc.property(
      fc.double({ min: 1e-8, max: 1, noNaN: true }), fc.double({ min: 1.0001, max: 1e4, noNaN: true }),
      fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 5 }), fc.integer(),
      (low, factor, iLow, iSpan, step, seed) => {
        const high = low * factor;
        const draws = sampleRandom({ a: uniform(low, high), b: logUniform(low, high), c: int(iLow, iLow + iSpan, step) }, 50, seed, 'none');
        for (const d of draws) {
          expect(d.a).toBeGreaterThanOrEqual(low);
          expect(d.a).toBeLessThanOrEqual(high);
          expect(d.b).toBeGreaterThanOrEqual(low * (1 - 1e-12));
          expect(d.b).toBeLessThanOrEqual(high * (1 + 1e-12));
          const c = d.c as number;
          expect(Number.isInteger(c)).toBe(true);
          expect(c).toBeGreaterThanOrEqual(iLow);
          expect(c).toBeLessThanOrEqual(iLow + iSpan);
          expect((c - iLow) % step).toBe(0);
        }
      },
    ));
  });
});
