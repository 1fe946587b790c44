import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import type { LearningCurvePoint, StoppedStatus, TrialRecord } from '../../src/store/types.ts';
import { loadSweep } from '../../src/sweep/load-sweep.ts';
import { planSweep } from '../../src/sweep/plan.ts';
import { runSweep } from '../../src/sweep/runner.ts';
import type { StopDecision } from '../../src/sweep/stop-decision.ts';
import { type TrialChannel, runBuiltinTrial, runObjectiveTrial } from '../../src/sweep/execute-trial.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'regsweep-stop-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Stops a trial once it has reported epoch 3 or later; records what it was asked. */
class StopAtEpoch3 implements StopDecision {
  readonly readsStore = true;
  readonly asked: { trial: number; epochs: number[]; stored: number }[] = [];
  constructor(private readonly store: { getCurve(id: number): Promise<LearningCurvePoint[]> }, private readonly status: StoppedStatus) {}

  async decide(trial: TrialRecord, points: LearningCurvePoint[]): Promise<StoppedStatus | undefined> {
    // readsStore: the points reported so far are in the store when the decision is asked
    const stored = (await this.store.getCurve(trial.id)).length;
    this.asked.push({ trial: trial.id, epochs: [...new Set(points.map((p) => p.epoch))], stored });
    return points.some((p) => p.epoch >= 3) ? this.status : undefined;
  }
}

describe('stopping a running trial on a decision', () => {
  for (const [fixture, status] of [['long-builtin', 'pruned'], ['long-byo', 'raced-out']] as const) {
    it(`${fixture}: stops at the next evaluation, recorded ${status} with its curve and its metrics`, async () => {
      const store = await openStore(path.join(tmp, `${fixture}.db`));
      try {
        const decision = new StopAtEpoch3(store, status);
        const plan = planSweep(await loadSweep(`test/sweep/fixtures/${fixture}.ts`, root));
        const summary = await runSweep(plan, { storage: store, concurrency: 2, stopDecision: decision });
        expect(summary).toMatchObject({ ran: 2, completed: 0, failed: 0 });
        const trials = await store.listTrials(summary.sweep.id);
        expect(trials.map((t) => t.status)).toEqual([status, status]);
        const last = fixture === 'long-builtin' ? 20_000 : 1000;
        for (const t of trials) {
          const curve = await store.getCurve(t.id);
          const epochs = [...new Set(curve.map((p) => p.epoch))].sort((a, b) => a - b);
          // every evaluation up to the one it stopped at, no gap; stopped well before its end
          expect(epochs).toEqual(epochs.map((_, i) => i + 1));
          const stoppedAt = epochs.at(-1)!;
          // the decision about epoch 3 stops it at a later evaluation, never at 3 itself
          expect(stoppedAt).toBeGreaterThan(3);
          expect(stoppedAt).toBeLessThan(last);
          expect((t.summary as { stoppedEpoch: number }).stoppedEpoch).toBe(stoppedAt);
          const metrics = (await store.getMetrics([t.id])).get(t.id)!;
          const key = 'validation_loss';
          // the metrics are those of the epoch it stopped at: the last point of its curve
          const lastLoss = curve.filter((p) => p.key === key).at(-1)!.value;
          if (fixture === 'long-byo') expect(metrics[key]).toBe(lastLoss);
          else expect(metrics[key]).toBeCloseTo(lastLoss, 12);
        }
        // asked after every evaluation until it said stop, with the points so far in the store
        for (const t of trials) {
          const asks = decision.asked.filter((a) => a.trial === t.id);
          expect(asks.slice(0, 3).map((a) => a.epochs)).toEqual([[1], [2], [3]]);
          for (const a of asks) expect(a.stored).toBeGreaterThanOrEqual(a.epochs.at(-1)! * (fixture === 'long-byo' ? 1 : 7));
        }
      } finally {
        await store.close();
      }
    });
  }
});

/**
 * A slow decision (it takes 300 ms, while the trial runs an epoch in well under a millisecond) that stops a
 * trial judged at epoch `rung` or later, and asks the trial to wait there for it (`waitsAt`, as ASHA's rungs do).
 */
class SlowStopAtRung implements StopDecision {
  readonly readsStore = true;
  constructor(private readonly rung: number) {}
  waitsAt(): number[] {
    return [this.rung];
  }
  async decide(_trial: TrialRecord, points: LearningCurvePoint[]): Promise<StoppedStatus | undefined> {
    if (!points.some((p) => p.epoch >= this.rung)) return undefined;
    await new Promise((r) => setTimeout(r, 300));
    return 'pruned';
  }
}

describe('a decision the trial waits for (waitsAt)', () => {
  for (const fixture of ['long-builtin', 'long-byo'] as const) {
    it(`${fixture}: stops at the rung itself however slow the decision, its curve ending there`, async () => {
      const store = await openStore(path.join(tmp, `${fixture}-wait.db`));
      try {
        const plan = planSweep(await loadSweep(`test/sweep/fixtures/${fixture}.ts`, root));
        const summary = await runSweep(plan, { storage: store, concurrency: 2, stopDecision: new SlowStopAtRung(5) });
        expect(summary).toMatchObject({ ran: 2, completed: 0, failed: 0 });
        for (const t of await store.listTrials(summary.sweep.id)) {
          const epochs = [...new Set((await store.getCurve(t.id)).map((p) => p.epoch))].sort((a, b) => a - b);
          expect([t.status, epochs, (t.summary as { stoppedEpoch: number }).stoppedEpoch]).toEqual(['pruned', [1, 2, 3, 4, 5], 5]);
        }
      } finally {
        await store.close();
      }
    });
  }
});

/**
 * A channel whose stop is requested inside `report` when epoch 3's points go out: the worst interleaving of a
 * busy machine, where the thread running the trial is descheduled right after posting epoch 3 while the main
 * thread decides about it. The decision about epoch 3 must still stop the trial at epoch 4, not at 3.
 */
function decidedDuringReport(status: StoppedStatus): TrialChannel & { reported: number[] } {
  let requested: StoppedStatus | undefined;
  const reported: number[] = [];
  return {
    reported,
    report(points) {
      const epoch = points[0]!.epoch;
      reported.push(epoch);
      if (epoch === 3) requested = status;
    },
    stopRequested: () => requested,
  };
}

describe('a stop decided while an evaluation is being reported', () => {
  it('own objective: stops at the next evaluation', async () => {
    const plan = planSweep(await loadSweep('test/sweep/fixtures/long-byo.ts', root));
    const { objective } = (await loadSweep('test/sweep/fixtures/long-byo.ts', root)).config;
    const t = plan.trials[0]!;
    const channel = decidedDuringReport('raced-out');
    const result = await runObjectiveTrial({ sweepFile: plan.file, trialId: 1, config: t.config, seed: t.seed, params: t.params }, objective!, channel);
    expect(channel.reported).toEqual([1, 2, 3, 4]);
    expect(result).toMatchObject({ status: 'raced-out', summary: { stoppedEpoch: 4 }, metrics: { validation_loss: 1 / 4 + 1 } });
  });

  it('built-in trainer: stops at the next evaluation', async () => {
    const plan = planSweep(await loadSweep('test/sweep/fixtures/long-builtin.ts', root));
    const t = plan.trials[0]!;
    const channel = decidedDuringReport('pruned');
    const result = runBuiltinTrial({ sweepFile: plan.file, trialId: 1, config: t.config, seed: t.seed, params: t.params }, channel);
    expect(channel.reported).toEqual([1, 2, 3, 4]);
    expect(result).toMatchObject({ status: 'pruned', summary: { stoppedEpoch: 4 }, metrics: { epochs: 4 } });
  });
});
