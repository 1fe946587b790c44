// An in-memory store holding the recorded curves of a full sweep, through which bench/prune.ts replays the
// sweep under a pruner and a race in a chosen trial order: the same pruner, race and next-trial classes the
// runner uses (built by `stopPolicyOf` from a sweep record), one trial at a time, each evaluation's value
// written before the decision is asked, a stop taking effect at the next evaluation (at a rung the trial waits
// for: at the rung), as in the runner.
import type { CurveValue, ParamValue, SweepRecord, TrialOutcome, TrialRecord, TrialStatus } from '../src/store/types.ts';
import { type PolicyStore, stopPolicyOf } from '../src/sweep/stop-policy.ts';

/** One trial of the full sweep, as recorded. */
export interface RecordedTrial {
  seed: number;
  params: Record<string, ParamValue>;
  /** the objective metric's curve, by epoch ascending */
  curve: { epoch: number; value: number }[];
  /** final metrics of the full run */
  metrics: Record<string, number>;
}

/** How a trial ended in a replay. */
export interface ReplayedTrial {
  trial: RecordedTrial;
  status: TrialStatus;
  /** epochs trained: the full curve, the epoch it stopped at, or 0 (raced out before it ran) */
  epochs: number;
}

interface MemTrial { id: number; rec: RecordedTrial; status: TrialStatus; values: Map<number, number> }

class MemoryStore implements PolicyStore {
  readonly trials: MemTrial[];
  constructor(recorded: RecordedTrial[]) {
    this.trials = recorded.map((rec, i) => ({ id: i + 1, rec, status: 'queued', values: new Map() }));
  }
  async curveValuesAt(_s: number, _key: string, epoch: number): Promise<CurveValue[]> {
    const out: CurveValue[] = [];
    for (const t of this.trials) {
      const v = t.values.get(epoch);
      if (v !== undefined) out.push({ trialId: t.id, seed: t.rec.seed, status: t.status, value: v });
    }
    return out;
  }
  async getParams(ids: number[]) { return new Map(ids.map((id) => [id, this.trials[id - 1]!.rec.params])); }
  async getMetrics(ids: number[]) { return new Map(ids.map((id) => [id, this.trials[id - 1]!.rec.metrics])); }
  async trialOutcomes(): Promise<TrialOutcome[]> { return this.trials.map((t) => ({ id: t.id, seed: t.rec.seed, status: t.status })); }
  async raceOut(_s: number, ids: number[]): Promise<number> {
    let n = 0;
    for (const id of ids) { const t = this.trials[id - 1]!; if (t.status === 'queued') { t.status = 'raced-out'; n++; } }
    return n;
  }
  async claimTrial(id: number): Promise<TrialRecord | undefined> {
    const t = this.trials[id - 1]!;
    if (t.status !== 'queued') return undefined;
    t.status = 'running';
    // the config's planned epochs (the full run's last evaluation) tell ASHA its rungs (`waitsAt`)
    return { id, sweepId: 1, seed: t.rec.seed, status: 'running', config: { training: { epochs: t.rec.curve.at(-1)?.epoch } } } as unknown as TrialRecord;
  }
  async claimNext(): Promise<TrialRecord | undefined> {
    const t = this.trials.find((x) => x.status === 'queued');
    return t && this.claimTrial(t.id);
  }
}

/**
 * Replay `recorded` (in this order: the order trials were added, i.e. their ids) under the pruner and race of
 * `sweep` (its spec's `prune`, `race`, `seeds`, its objective). Returns every trial's end.
 */
export async function replay(sweep: SweepRecord, recorded: RecordedTrial[]): Promise<ReplayedTrial[]> {
  const store = new MemoryStore(recorded);
  const { next, stopDecision } = stopPolicyOf(store, sweep);
  const used = new Map<number, number>();
  for (let claimed; (claimed = await next.claim('replay:1')); ) {
    const t = store.trials[claimed.id - 1]!;
    // at a rung the trial waits for the decision about it (StopDecision.waitsAt), so a stop decided there applies
    // at the rung, as in the runner; any other stop at the next evaluation
    const waitsAt = new Set((await stopDecision?.waitsAt?.(claimed)) ?? []);
    let stop: TrialStatus | undefined;
    let stopped = false;
    let epochs = 0;
    for (const p of t.rec.curve) {
      t.values.set(p.epoch, p.value);
      epochs = p.epoch;
      if (stop) { stopped = true; break; }
      stop = await stopDecision?.decide(claimed, [{ epoch: p.epoch, key: sweep.objectiveMetric, value: p.value }]);
      if (stop && waitsAt.has(p.epoch) && p !== t.rec.curve.at(-1)) { stopped = true; break; }
    }
    // a stop asked at the last evaluation comes too late: the trial completed
    t.status = stopped ? stop! : 'completed';
    used.set(t.id, epochs);
  }
  return store.trials.map((t) => ({ trial: t.rec, status: t.status, epochs: used.get(t.id) ?? 0 }));
}
