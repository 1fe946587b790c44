import { describe, expect, it } from 'vitest';
import { epochsSaved, plannedEpochsKnown, stopTallies, stopTally, stoppedEpochsOf } from '../../src/sweep/epochs-saved.ts';

describe('epochs saved by pruning and racing', () => {
  it('planned less trained: a pruned trial to the epoch it stopped at, one raced out before it ran all of them', () => {
    expect(epochsSaved({ plannedEpochs: 12, stoppedEpoch: 3 })).toBe(9);
    expect(epochsSaved({ plannedEpochs: 12, stoppedEpoch: null })).toBe(12);
    expect(epochsSaved({ plannedEpochs: 12, stoppedEpoch: 12 })).toBe(0);
    expect(epochsSaved({ plannedEpochs: null, stoppedEpoch: 3 })).toBeNull();
    expect(epochsSaved({ plannedEpochs: 12, stoppedEpoch: 3 }, false)).toBeNull();
  });

  it('an own objective has planned epochs only when its file sets or sweeps training.epochs', () => {
    expect(plannedEpochsKnown({ objective: null, training: {} })).toBe(true); // the built-in trainer: its default
    expect(plannedEpochsKnown({ objective: 'async (config, ctx) => {}', training: {} })).toBe(false);
    expect(plannedEpochsKnown({ objective: 'async (config, ctx) => {}', training: { epochs: 12 } })).toBe(true);
    expect(plannedEpochsKnown({ objective: 'async (config, ctx) => {}', training: {}, search: { space: { epochs: [10, 20] } } })).toBe(true);
    expect(plannedEpochsKnown({ objective: 'async (config, ctx) => {}', training: {}, search: { space: { 'training.epochs': [10, 20] } } })).toBe(true);
  });

  it('a sweep\'s tally: counts, and the sum of epochs saved (null, not 0, without planned epochs)', () => {
    const trials = [
      { status: 'pruned' as const, plannedEpochs: 40, stoppedEpoch: 10 },
      { status: 'raced-out' as const, plannedEpochs: 60, stoppedEpoch: 25 },
      { status: 'raced-out' as const, plannedEpochs: 40, stoppedEpoch: null },
    ];
    expect(stopTally(trials, { objective: null })).toEqual({ pruned: 1, racedOut: 2, epochsSaved: 30 + 35 + 40 });
    expect(stopTally(trials, { objective: 'f' })).toEqual({ pruned: 1, racedOut: 2, epochsSaved: null });
    expect(stopTally([], { objective: null })).toEqual({ pruned: 0, racedOut: 0, epochsSaved: 0 });
    expect(stopTally([], { objective: 'f' })).toEqual({ pruned: 0, racedOut: 0, epochsSaved: null });
    const tallies = stopTallies([{ id: 1, sweepId: 7, ...trials[0]! }, { id: 2, sweepId: 8, ...trials[2]! }], [{ id: 7, spec: {} }, { id: 8, spec: {} }, { id: 9, spec: {} }]);
    expect([...tallies]).toEqual([
      [7, { pruned: 1, racedOut: 0, epochsSaved: 30 }], [8, { pruned: 0, racedOut: 1, epochsSaved: 40 }], [9, { pruned: 0, racedOut: 0, epochsSaved: 0 }],
    ]);
  });

  it('reads the two numbers from a trial record in hand as the store reads them', () => {
    expect(stoppedEpochsOf({ training: { epochs: 40 } }, { stoppedEpoch: 10, bestEpoch: 3 })).toEqual({ plannedEpochs: 40, stoppedEpoch: 10 });
    expect(stoppedEpochsOf({ training: { epochs: '40' } }, null)).toEqual({ plannedEpochs: null, stoppedEpoch: null });
  });
});
