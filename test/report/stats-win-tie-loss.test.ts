import { describe, expect, it } from 'vitest';
import { winTieLoss } from '../../src/report/stats/win-tie-loss.ts';

// Counting only: every expected value is worked by hand, compared exactly.
describe('winTieLoss', () => {
  const l2 = [0.9123, 0.9087, 0.915, 0.9102, 0.9131];
  const l1 = [0.9101, 0.9109, 0.915, 0.9146, 0.9097];

  it('counts a > b as a win with tol = 0', () => {
    // d = [+0.0022, -0.0022, 0, -0.0044, +0.0034]
    expect(winTieLoss(l2, l1)).toEqual({ wins: 2, ties: 1, losses: 2 });
    expect(winTieLoss(l1, l2)).toEqual({ wins: 2, ties: 1, losses: 2 });
  });

  it('turns differences within tol into ties', () => {
    // |d| <= 0.003 -> tie: +0.0022, -0.0022, 0 are ties; -0.0044 a loss; +0.0034 a win
    expect(winTieLoss(l2, l1, 0.003)).toEqual({ wins: 1, ties: 3, losses: 1 });
  });

  it('gives the doc examples', () => {
    const record = winTieLoss([0.91, 0.92, 0.9], [0.9, 0.92, 0.93]);
    expect(record).toEqual({ wins: 1, ties: 1, losses: 1 });
    expect(winTieLoss([0.912, 0.9], [0.91, 0.93], 0.005)).toEqual({ wins: 0, ties: 1, losses: 1 });
  });

  it('rejects unequal lengths, a negative tolerance and NaN results', () => {
    expect(() => winTieLoss([1, 2], [1])).toThrow(RangeError);
    expect(() => winTieLoss([1], [1], -0.1)).toThrow(/tolerance/);
    expect(() => winTieLoss([0.9, Number.NaN], [0.9, 0.8])).toThrow(/Pair 1 contains NaN/);
  });

  it('returns zeros for no pairs', () => {
    expect(winTieLoss([], [])).toEqual({ wins: 0, ties: 0, losses: 0 });
  });
});
