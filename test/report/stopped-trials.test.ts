import { describe, expect, it } from 'vitest';
import type { TrialRow } from '../../src/report/compare.ts';
import { usedText } from '../../src/report/compare-text.ts';
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

describe('compare states what pruning and racing left out', () => {
  it('counts the set-aside trials and names a kind that lost every configuration', async () => {
    const { mainRows, POOLED } = await import('./compare-fixture.ts');
    const { loadComparison } = await import('../../src/report/load-comparison.ts');
    // each L1 configuration pruned on a seed 7: neither has all its seeds, so L1 has nothing to compare
    const rows: TrialRow[] = [
      ...mainRows,
      { id: 60, seed: 7, status: 'pruned', params: { regularization: 'l1', lambda: 0.001 }, metrics: {} },
      { id: 61, seed: 7, status: 'raced-out', params: { regularization: 'l1', lambda: 0.01 }, metrics: {} },
    ];
    const sweep = { id: 1, name: 'hand', version: 1, filePath: 'h.ts', contentHash: 'x', spec: {}, objectiveMetric: 'validation_accuracy', objectiveDirection: 'maximize' as const, packageVersion: '0', gitCommit: null, host: 'h', createdAt: '' };
    const source = {
      getSweep: async () => sweep,
      listSweeps: async () => [],
      trialOutcomes: async () => rows.map((r) => ({ id: r.id, seed: r.seed, status: r.status })),
      getMetrics: async (ids: number[]) => new Map(ids.map((id) => [id, rows.find((r) => r.id === id)!.metrics])),
      getParams: async (ids: number[]) => new Map(ids.map((id) => [id, rows.find((r) => r.id === id)!.params])),
    };
    const c = await loadComparison(source, 'hand', POOLED);
    expect(c.groups.map((g) => g.group)).toEqual(['none', 'l2']);
    // l1: 5 + 5 + 1 completed set aside (trial 51 among them), 1 pruned, 1 raced out
    expect(c.excluded).toEqual({
      diverged: 1, failed: 1, pruned: 1, 'raced-out': 1,
      'completed of a configuration pruned or raced out on another seed': 11,
      'regularization l1: every configuration lost a seed to pruning or racing': 13,
    });

    // without stoppedTrials in the source (the dashboard's), nothing is said of epochs saved
    expect(c.stopped).toBeUndefined();
    expect(usedText(c)).not.toContain('epochs saved');

    // with it: 60 pruned at epoch 30 of 100 planned (70 saved), 61 raced out before it ran (100)
    const stopped = [
      { id: 60, sweepId: 1, status: 'pruned' as const, plannedEpochs: 100, stoppedEpoch: 30 },
      { id: 61, sweepId: 1, status: 'raced-out' as const, plannedEpochs: 100, stoppedEpoch: null },
    ];
    const withEpochs = await loadComparison({ ...source, stoppedTrials: async () => stopped }, 'hand', POOLED);
    expect(withEpochs.stopped).toEqual({ pruned: 1, racedOut: 1, epochsSaved: 170 });
    expect(usedText(withEpochs)).toMatch(/lost a seed to pruning or racing\); 170 training epochs saved by pruning and racing\.$/);
    // an own objective without training.epochs: its epochs are not known, "—" rather than 0
    const own = { ...sweep, spec: { objective: 'async () => ({})', training: {} } };
    const ownC = await loadComparison({ ...source, getSweep: async () => own, stoppedTrials: async () => stopped }, 'hand', POOLED);
    expect(ownC.stopped).toEqual({ pruned: 1, racedOut: 1, epochsSaved: null });
    expect(usedText(ownC)).toMatch(/; training epochs saved by pruning and racing: — \(no training\.epochs planned\)\.$/);
  });
});
