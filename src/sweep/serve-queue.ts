import { workerName } from '../store/local-workers.ts';
import type { SweepRecord } from '../store/types.ts';
import { type ClaimLoopEvent, type ClaimLoopOptions, type ClaimLoopSummary, type SweepTarget, runClaimLoop } from './claim-loop.ts';
import { AskingNextTrial } from './asking-next-trial.ts';
import type { SweepPlan } from './plan.ts';
import { loadRecordedPlan, loadRecordedSweep } from './recorded-sweep.ts';
import { recordedSearch } from './recorded-search.ts';
import { PerSweepPolicies, hasStopPolicy } from './stop-policy.ts';

/** How often a worker of every sweep looks for new sweeps whose configurations it may ask. */
const ADAPTIVE_SWEEPS_EVERY_MS = 5_000;

/** What a queue worker tells its caller: the claim loop's events, and each sweep it loads. */
export type ServeQueueEvent = ClaimLoopEvent | { type: 'sweep'; sweep: SweepRecord; target: SweepTarget };

export interface ServeQueueOptions extends Omit<ClaimLoopOptions, 'target' | 'worker' | 'onEvent'> {
  /** identity recorded on claimed trials, default `host:pid` */
  worker?: string;
  onEvent?: (event: ServeQueueEvent) => void;
}

/**
 * Be one of any number of workers serving the queue of a database: claim the queued trials of one sweep
 * version (`sweepId`) or of every sweep, run them and record them, until none is left (see `runClaimLoop`).
 * Each sweep's file is loaded from the path recorded when it was enqueued (`loadRecordedSweep`); the
 * sweeps with work waiting are checked before any trial is claimed, so a machine without the file fails
 * at once with a message saying so instead of claiming trials it cannot run.
 *
 * @example
 * const summary = await serveQueue({ storage, concurrency: 2, follow: true, signal });
 */
export async function serveQueue(options: ServeQueueOptions): Promise<ClaimLoopSummary> {
  const { storage, sweepId, onEvent } = options;
  const load = async (id: number): Promise<SweepTarget> => {
    const sweep = await storage.getSweepById(id);
    if (!sweep) throw new Error(`trial of sweep id ${id}, which is not in the database`);
    const target = await loadRecordedSweep(sweep);
    onEvent?.({ type: 'sweep', sweep, target });
    return target;
  };
  const waiting = (await storage.listSweeps())
    .filter((s) => (sweepId === undefined || s.sweep.id === sweepId) && s.counts.queued + s.counts.running > 0);
  const checked = new Map<number, SweepTarget>();
  for (const s of waiting) checked.set(s.sweep.id, await load(s.sweep.id));
  // Sweeps whose configurations are asked one at a time (random, tpe, own samplers): when nothing is queued, a worker
  // asks the sampler of one with budget left. Their plans are loaded once, from the recorded file. A worker
  // of every sweep looks for them at most every few seconds (listSweeps aggregates every trial).
  const plans = new Map<number, Promise<SweepPlan>>();
  let adaptive: { at: number; sweeps: SweepRecord[] } | undefined;
  const adaptiveSweeps = async (): Promise<SweepRecord[]> => {
    if (sweepId !== undefined) {
      const sweep = await storage.getSweepById(sweepId);
      return sweep && recordedSearch(sweep.spec).adaptive ? [sweep] : [];
    }
    if (!adaptive || performance.now() - adaptive.at > ADAPTIVE_SWEEPS_EVERY_MS) {
      const sweeps = (await storage.listSweeps()).map((s) => s.sweep).filter((sweep) => recordedSearch(sweep.spec).adaptive);
      adaptive = { at: performance.now(), sweeps };
    }
    return adaptive.sweeps;
  };
  const adaptivePlans = async () => {
    const sweeps = await adaptiveSweeps();
    if (sweeps.length === 0) return [];
    const counts = await storage.countConfigurations();
    const open = sweeps.filter((sweep) => (counts.get(sweep.id) ?? 0) < (recordedSearch(sweep.spec).budget ?? 0));
    return Promise.all(open.map(async (sweep) => {
      if (!plans.has(sweep.id)) plans.set(sweep.id, loadRecordedPlan(sweep));
      return { sweepId: sweep.id, plan: await plans.get(sweep.id)! };
    }));
  };
  // Each sweep's pruner and race, built from its recorded version: only when one prunes or races (or may
  // be enqueued later), so a queue of plain sweeps keeps the cheaper batched curve writes. A race orders its
  // sweep's queued trials (then adaptive sweeps are not asked by this worker: a limitation, racing orders
  // trials already queued); else queued trials in order and, when none, an adaptive sweep's next configuration.
  const policies = options.follow || waiting.some((s) => hasStopPolicy(s.sweep)) ? new PerSweepPolicies(storage, sweepId) : undefined;
  const racing = waiting.some((s) => Boolean((s.sweep.spec as { race?: unknown } | null)?.race));
  return runClaimLoop({
    ...options,
    next: options.next ?? (racing && policies ? policies : new AskingNextTrial(storage, sweepId, adaptivePlans)),
    stopDecision: options.stopDecision ?? policies,
    worker: options.worker ?? workerName(),
    target: async (id) => checked.get(id) ?? load(id),
  });
}
