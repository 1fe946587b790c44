import type {
  CurvePoint, NewSweep, NewTrial, SweepRecord, SweepSummary, TrialRecord, TrialResult, TrialStatus,
} from './types.ts';

/**
 * The storage contract. The runner, the CLI and the reports reach the database only through it.
 *
 * - Every method is safe to call from several processes (and hosts, on PostgreSQL) on one database at
 *   once: writes run in transactions. On SQLite they take the write lock up front (`BEGIN IMMEDIATE`),
 *   with a busy timeout, so callers never see SQLITE_BUSY; on PostgreSQL they are ordinary READ COMMITTED
 *   transactions, retried on deadlock.
 * - `claimTrial` and `claimNext` are the only ways a trial becomes `running`, each a single atomic
 *   `UPDATE ... WHERE status = 'queued' RETURNING`, so no trial is ever run twice.
 * - A worker is named `host:pid`. A running trial is stale when its heartbeat is older than the caller's
 *   `staleBefore`, or, for a worker on the caller's own host only, when that pid no longer exists.
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
  /**
   * Put back to `queued` the stale `running` trials (as in `requeue`) of one sweep, or of every sweep:
   * for workers that serve any sweep. Failed and interrupted trials are left alone. Returns how many.
   *
   * @example await store.requeueStale({ staleBefore: new Date(Date.now() - 60_000) });
   */
  requeueStale(options: { staleBefore: Date; sweepId?: number }): Promise<number>;
  /** Atomically claim one queued trial for `worker`; undefined if someone else got it first. */
  claimTrial(trialId: number, worker: string): Promise<TrialRecord | undefined>;
  /**
   * Atomically claim the oldest queued trial (lowest id) of `sweepId`, or of any sweep, for `worker`, in one
   * statement; undefined when none is queued (or every queued one is being claimed by someone else at that
   * instant). Concurrent claimers each get a different trial.
   *
   * @example
   * for (let t; (t = await store.claimNext(workerName(), { sweepId })); ) await run(t);
   */
  claimNext(worker: string, options?: { sweepId?: number }): Promise<TrialRecord | undefined>;
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
