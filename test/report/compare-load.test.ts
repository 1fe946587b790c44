import { describe, expect, it } from 'vitest';
import { CompareError } from '../../src/report/compare.ts';
import { type ComparisonSource, loadComparison } from '../../src/report/load-comparison.ts';
import type { SweepRecord } from '../../src/store/types.ts';
import { POOLED, mainRows } from './compare-fixture.ts';

function sweepRecord(version: number, objective: Partial<SweepRecord> = {}): SweepRecord {
  return {
    id: 10 + version, name: 'hand', version, filePath: 'hand.ts', contentHash: 'x', spec: {}, objectiveMetric: 'validation_accuracy',
    objectiveDirection: 'maximize', packageVersion: '0.1.0', gitCommit: null, host: 'h', createdAt: '2025-01-01T00:00:00Z', ...objective,
  };
}

/** A storage holding versions 1 and 2 of sweep `hand`; version 2 has the fixture's trials. */
function fakeSource(objective: Partial<SweepRecord> = {}): ComparisonSource & { asked: number[] } {
  const versions = [sweepRecord(1), sweepRecord(2, objective)];
  const asked: number[] = [];
  return {
    asked,
    getSweep: async (name, version) => (name === 'hand' ? versions.find((s) => s.version === (version ?? 2)) : undefined),
    listSweeps: async () => versions.map((sweep) => ({ sweep, counts: {} as never, best: null, lastActivity: null })),
    trialOutcomes: async (sweepId) => {
      asked.push(sweepId);
      return sweepId === 12 ? mainRows.map((r) => ({ id: r.id, seed: r.seed, status: r.status })) : [];
    },
    getMetrics: async (ids) => new Map(ids.map((id) => [id, mainRows.find((r) => r.id === id)!.metrics])),
    getParams: async (ids) => new Map(ids.map((id) => [id, mainRows.find((r) => r.id === id)!.params])),
  };
}

describe('loadComparison', () => {
  it('reads the latest version through Storage and compares it', async () => {
    const source = fakeSource();
    const c = await loadComparison(source, 'hand', POOLED);
    expect(source.asked).toEqual([12]);
    expect(c.sweep).toEqual({ name: 'hand', version: 2, id: 12 });
    expect(c.groups.map((g) => [g.group, g.chosen, g.n])).toEqual([['none', { lambda: null }, 5], ['l1', { lambda: 0.001 }, 5], ['l2', { lambda: 0.01 }, 4]]);
    expect(c.excluded).toEqual({ diverged: 1, failed: 1, 'missing test_accuracy': 1 });
  });

  it('takes the direction from the sweep objective when it is the selection metric', async () => {
    // by name accuracy is higher-is-better; this sweep says its objective is minimized
    const c = await loadComparison(fakeSource({ objectiveDirection: 'minimize' }), 'hand', POOLED);
    expect(c.higherIsBetter).toBe(false);
    expect(c.groups.map((g) => g.chosen)).toEqual([{ lambda: null }, { lambda: 0.01 }, { lambda: 0.001 }]);
  });

  it('names the sweeps there are when the sweep is unknown, and the latest version when the version is', async () => {
    await expect(loadComparison(fakeSource(), 'nope')).rejects.toThrow(new CompareError('unknown-sweep', 'unknown sweep "nope"; sweeps in this database: hand'));
    await expect(loadComparison(fakeSource(), 'hand', { version: 5 })).rejects.toThrow('sweep hand has no version 5 (latest: 2)');
  });

  it('reports a version without completed trials', async () => {
    await expect(loadComparison(fakeSource(), 'hand', { version: 1 })).rejects.toThrow('sweep hand (version 1) has no completed trials');
  });
});
