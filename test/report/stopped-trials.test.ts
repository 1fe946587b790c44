import { describe, expect, it } from 'vitest';
import type { TrialRow } from '../../src/report/compare.ts';
import { fullySeededOnly } from '../../src/report/stopped-trials.ts';

const row = (id: number, seed: number, status: TrialRow['status'], lambda: number, kind = 'l2'): TrialRow => ({
  id, seed, status, params: { regularization: kind, lambda }, metrics: status === 'completed' ? { test_accuracy: 0.5 } : {},
});

describe('the verdict only from configurations with all their seeds', () => {
  it('sets aside the completed trials of a configuration pruned or raced out on some seed', () => {
    const rows = [
      row(1, 1, 'completed', 0.1), row(2, 2, 'completed', 0.1), row(3, 3, 'completed', 0.1), // all seeds: kept
      row(4, 1, 'completed', 0.01), row(5, 2, 'pruned', 0.01), row(6, 3, 'completed', 0.01), // lost seed 2
      row(7, 1, 'completed', 0.001), row(8, 2, 'completed', 0.001), row(9, 3, 'raced-out', 0.001), // raced out
      row(10, 1, 'completed', 0.01, 'l1'), row(11, 2, 'failed', 0.01, 'l1'), // failed: not set aside here
    ];
    const { rows: kept, setAside, pruned, racedOut } = fullySeededOnly(rows);
    expect(kept.map((t) => t.id)).toEqual([1, 2, 3, 5, 9, 10, 11]);
    expect(setAside).toBe(4);
    expect([pruned, racedOut]).toEqual([1, 1]);
  });
});
