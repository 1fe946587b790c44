import type { TrialResult } from '../store/types.ts';
import type { WorkerReply } from './pool.ts';

/**
 * The result recorded for a trial that could not run to an end: a worker that threw, crashed or ran out of
 * memory. No metrics; the curve points it reported before failing are kept (they are in the store or in the
 * trial's curve buffer).
 *
 * @example failedResult(new WorkerCrashError('worker exited with code 1'), started)
 */
export function failedResult(error: unknown, startedAt: number): TrialResult {
  return {
    status: 'failed',
    error: error instanceof Error ? error.message : String(error),
    metrics: {},
    curve: [],
    durationMs: performance.now() - startedAt,
  };
}

/** A worker's reply as a result: its own, or a failure carrying its error text. */
export function resultOf(reply: WorkerReply, startedAt: number): TrialResult {
  return reply.ok ? reply.result : failedResult(reply.error, startedAt);
}
