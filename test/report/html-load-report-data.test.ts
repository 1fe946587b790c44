import { describe, expect, it } from 'vitest';
import { type ReportStorage, learningCurveKeys, loadReportData } from '../../src/report/html/load-report-data.ts';
import type { LearningCurvePoint, TrialRecord } from '../../src/store/types.ts';
import { fixtureComparison, fixtureReportData } from './html-fixture.ts';

/** An in-memory stand-in for the three Storage calls the report makes. */
function fakeStorage(curves: Record<number, LearningCurvePoint[]>, summaries: Record<number, unknown>): ReportStorage & { calls: number[] } {
  const calls: number[] = [];
  return {
    calls,
    getSweepById: async (id) => (id === 7 ? fixtureReportData().sweep : undefined),
    getCurve: async (id) => {
      calls.push(id);
      return curves[id] ?? [];
    },
    getTrial: async (id) => ({ id, summary: summaries[id] ?? null }) as TrialRecord,
  };
}

const curve = (rows: [string, number, number][]): LearningCurvePoint[] => rows.map(([key, epoch, value]) => ({ key, epoch, value }));

describe('learningCurveKeys', () => {
  it('takes the validation and test counterparts of the metric, and the training loss', () => {
    expect(learningCurveKeys('test_accuracy')).toEqual(['validation_accuracy', 'test_accuracy', 'train_loss']);
    expect(learningCurveKeys('test_loss')).toEqual(['validation_loss', 'test_loss', 'train_loss']);
    expect(learningCurveKeys('score')).toEqual(['train_loss']);
  });
});

describe('loadReportData', () => {
  // the fixture: none = trials 1..5, l1 = 6..10, l2 = 11..15
  const comparison = fixtureComparison();

  it('averages each curve key across the seeds of a group, epoch by epoch, and drops keys it does not draw', async () => {
    const storage = fakeStorage({
      1: curve([['validation_accuracy', 10, 0.5], ['validation_accuracy', 20, 0.6], ['train_loss', 10, 1.0], ['penalty', 10, 3]]),
      2: curve([['validation_accuracy', 10, 0.7], ['validation_accuracy', 20, 0.8], ['train_loss', 10, 0.5], ['test_accuracy', 10, 0.4]]),
      3: curve([['validation_accuracy', 10, 0.6], ['train_loss', 10, Number.NaN]]),
    }, {});
    const data = await loadReportData(storage, comparison);
    const none = data.learningCurves.filter((p) => p.group === 'none');
    expect(none).toEqual([
      { group: 'none', key: 'validation_accuracy', epoch: 10, mean: expect.closeTo(0.6, 12), n: 3 },
      { group: 'none', key: 'validation_accuracy', epoch: 20, mean: expect.closeTo(0.7, 12), n: 2 },
      { group: 'none', key: 'test_accuracy', epoch: 10, mean: 0.4, n: 1 },
      { group: 'none', key: 'train_loss', epoch: 10, mean: 0.75, n: 2 },
    ]);
    expect(storage.calls).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(data.curveKeys).toEqual(['validation_accuracy', 'test_accuracy', 'train_loss']);
  });

  it('averages the weight mass per input across seeds and keeps the data set\'s input order', async () => {
    const storage = fakeStorage({}, {
      6: { featureMass: { x1: 2, x2: 1, noise1: 0 } },
      7: { featureMass: { x1: 4, x2: 3, noise1: 0.5 } },
      11: { featureMass: { x1: 1, x2: 1, noise1: 1 } },
      12: { bestEpoch: null }, // no mass recorded: left out of the mean
    });
    const data = await loadReportData(storage, comparison);
    expect(data.inputs).toEqual(['x1', 'x2', 'noise1']);
    expect(data.featureMass).toEqual([
      { group: 'l1', input: 'x1', mean: 3, n: 2 }, { group: 'l2', input: 'x1', mean: 1, n: 1 },
      { group: 'l1', input: 'x2', mean: 2, n: 2 }, { group: 'l2', input: 'x2', mean: 1, n: 1 },
      { group: 'l1', input: 'noise1', mean: 0.25, n: 2 }, { group: 'l2', input: 'noise1', mean: 1, n: 1 },
    ]);
  });

  it('reads the sweep record for the page header, and copes with an own objective that recorded nothing', async () => {
    const data = await loadReportData(fakeStorage({}, {}), comparison);
    expect(data.sweep?.gitCommit).toBe('deadbeef');
    expect(data).toMatchObject({ learningCurves: [], featureMass: [], inputs: [] });
  });
});
