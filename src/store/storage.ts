import type {
  CurvePoint, NewSweep, NewTrial, SweepRecord, SweepSummary, TrialRecord, TrialResult, TrialStatus,
} from './types.ts';

/**
 * The storage contract. The runner, the CLI and the reports reach the database only through it.
 *
 * - Every method is safe to call from several processes on one database at once: writes run in
 *   transactions that take the write lock up front (SQLite `BEGIN IMMEDIATE`), with a busy timeout, so
 *   callers never see SQLITE_BUSY.
 * - `claimTrial` is the only way a trial becomes `running`, and is a single atomic
 *   `UPDATE ... WHERE status = 'queued' RETURNING`, so no trial is ever run twice.
 * - A trial's result, metrics and curve are written in one transaction by `finishTrial`; a crash leaves
 *   either all of them or none.
 * - Recorded sweeps, trials, metrics and curves are never deleted or rewritten by the runner.
 *
 * @example
 * const store = await openStore('regsweep.db');
 * const { sweep } = await store.upsertSweep(newSweep);
 * await store.addTrials(sweep.id, trials);
 */
export interface Storage {
  /** Find the latest version of `name`; if its content hash matches, return it, else record a new version. */
  upsertSweep(input: NewSweep): Promise<{ sweep: SweepRecord; created: boolean; previousVersion: number | null }>;
  /** The latest version of the sweep named `name`, or a given version. */
  getSweep(name: string, version?: number): Promise<SweepRecord | undefined>;
  getSweepById(id: number): Promise<SweepRecord | undefined>;
  /** Every sweep version with its trial counts and best objective. */
  listSweeps(): Promise<SweepSummary[]>;

  /** Insert the trials not yet recorded for this sweep version (by trial key) as `queued`; returns how many were inserted. */
  addTrials(sweepId: number, trials: NewTrial[]): Promise<number>;
  /**
   * Put back to `queued` the trials of a sweep that are `failed`, `interrupted`, or `running` with a heartbeat
   * older than `staleBefore` (or owned by a worker on this host whose pid is gone). Returns how many.
   */
  requeue(sweepId: number, options: { staleBefore: Date; statuses?: TrialStatus[] }): Promise<number>;
  /** Atomically claim one queued trial for `worker`; undefined if someone else got it first. */
  claimTrial(trialId: number, worker: string): Promise<TrialRecord | undefined>;
  /** Refresh the heartbeat of running trials owned by `worker`. */
  heartbeat(trialIds: number[], worker: string): Promise<void>;
  /** Record a finished trial: status, error, metrics and curve in one transaction. Only a `running` trial owned by `worker` can be finished. */
  finishTrial(trialId: number, worker: string, result: TrialResult): Promise<boolean>;
  /** Mark running trials owned by `worker` as `interrupted` (Ctrl-C). */
  interruptTrials(trialIds: number[], worker: string): Promise<void>;

  listTrials(sweepId: number, options?: { status?: TrialStatus[] }): Promise<TrialRecord[]>;
  getTrial(id: number): Promise<TrialRecord | undefined>;
  /** Final metrics of the given trials, keyed by trial id. */
  getMetrics(trialIds: number[]): Promise<Map<number, Record<string, number>>>;
  /** Swept params of the given trials, keyed by trial id. */
  getParams(trialIds: number[]): Promise<Map<number, Record<string, string | number | boolean | null>>>;
  getCurve(trialId: number): Promise<CurvePoint[]>;

  close(): Promise<void>;
}
