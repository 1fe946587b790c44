import type { AskConfigurationOptions, AskedConfiguration } from './configurations.ts';
import type { SweepColumns } from './sweep-columns.ts';
import type { TrialQuery, TrialView } from './query-trials.ts';
import type {
  ChangeSet, CurveValue, LearningCurvePoint, NewSweep, NewTrial, StoppedTrial, SweepRecord, SweepSummary, TrialOutcome, TrialRecord, TrialResult, TrialStatus,
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
 * - `askConfiguration` records a configuration of a sweep version whose configurations are asked one at a
 *   time (random, tpe) and its trials in one transaction under the sweep's lock: numbers 1, 2, ... per version, each
 *   asked once, never more than the budget the caller gives.
 * - A worker is named `host:pid`. A running trial is stale when its heartbeat is older than the caller's
 *   `staleBefore`, or, for a worker on the caller's own host only, when that pid no longer exists.
 * - While a trial runs, its owner may write its curve points as they come (`appendCurve`); its result,
 *   metrics and remaining curve points are written in one transaction by `finishTrial`; a crash leaves the
 *   points written so far and either all of the result or none of it. Writes are accepted only from the
 *   worker that owns the running trial.
 * - Recorded sweeps, trials, metrics and curves are never deleted or rewritten by the runner, except that
 *   a trial claimed again (after a failure, an interruption or a stale heartbeat) starts with no metrics
 *   and an empty curve: the earlier attempt's are deleted when it is claimed.
 * - Every change of a trial (claim, curve points, result, interruption, re-queue) is stamped with the
 *   database's clock and counted in its revision, so `changesSince` can tell a view what is new.
 * - Reads never write, and see a consistent state per call.
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
   * Record the next configuration of a sweep version whose configurations are asked one at a time (random, tpe
   * and own samplers), atomically: in one write transaction holding the sweep version's lock (PostgreSQL: its `sweeps`
   * row `FOR UPDATE`; SQLite: the write lock), read every configuration recorded so far (number, params, its
   * trials' seeds, statuses and objective metric), return null if there are `budget` already (or if the version
   * has trials planned up front, without a configuration number: such a version is never asked), else call
   * `propose(configurations, n)` for n = the highest number + 1 and insert the trials it returns (one per seed)
   * as `queued`, numbered n. Askers in any processes and hosts never record the same number twice and never
   * more than `budget`; a crash leaves all of a configuration's trials or none, and configurations recorded
   * are kept (a resumed sweep asks only for the rest). `propose` runs inside the transaction: quick, no I/O.
   *
   * @example
   * const asked = await store.askConfiguration(sweep.id, { budget: 40, propose: (configs, n) => plan.trialsOf(sampler.ask(toHistory(configs), n)) });
   */
  askConfiguration(sweepId: number, options: AskConfigurationOptions): Promise<AskedConfiguration | null>;
  /** How many configurations each sweep version has asked (`askConfiguration`), by sweep id; versions with none are absent. */
  countConfigurations(): Promise<Map<number, number>>;
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
  /**
   * Write curve points of a running trial while it runs (and refresh its heartbeat), in one transaction.
   * Accepted only while the trial is `running` and owned by `worker`: false otherwise, and nothing is
   * written. `restart` first deletes the points the trial has (a retry of the trial under the same claim).
   * Points written stay if the worker dies; `finishTrial` adds the rest.
   *
   * @example
   * await store.appendCurve(trial.id, worker, [{ epoch: 10, key: 'validation_accuracy', value: 0.81 }]);
   */
  appendCurve(trialId: number, worker: string, points: LearningCurvePoint[], options?: { restart?: boolean }): Promise<boolean>;
  /**
   * Record a finished (or stopped) trial: status, error, metrics and the curve points not yet written by
   * `appendCurve`, in one transaction. Only a `running` trial owned by `worker` can be finished; false otherwise.
   */
  finishTrial(trialId: number, worker: string, result: TrialResult): Promise<boolean>;
  /** Mark running trials owned by `worker` as `interrupted` (Ctrl-C). */
  interruptTrials(trialIds: number[], worker: string): Promise<void>;
  /**
   * Record the given trials of sweep version `sweepId` as `raced-out` (their configuration lost the race over
   * seeds), never deleting them: only those still `queued` change, all in one transaction; returns how many.
   * A trial claimed meanwhile is not touched (its owner stops it through its stop decision), so any worker may
   * call this at any time. Raced-out trials are never re-queued.
   *
   * @example await store.raceOut(sweep.id, queuedTrialsOfTheDroppedConfiguration);
   */
  raceOut(sweepId: number, trialIds: number[]): Promise<number>;

  listTrials(sweepId: number, options?: { status?: TrialStatus[] }): Promise<TrialRecord[]>;
  getTrial(id: number): Promise<TrialRecord | undefined>;
  /** Final metrics of the given trials, keyed by trial id. */
  getMetrics(trialIds: number[]): Promise<Map<number, Record<string, number>>>;
  /** Swept params of the given trials, keyed by trial id. */
  getParams(trialIds: number[]): Promise<Map<number, Record<string, string | number | boolean | null>>>;
  /** A trial's learning curve so far, ordered by key, then epoch. */
  getCurve(trialId: number): Promise<LearningCurvePoint[]>;
  /** The curves of many trials at once, keyed by trial id (every id given is a key), each ordered by key, then epoch. */
  getCurves(trialIds: number[]): Promise<Map<number, LearningCurvePoint[]>>;

  /**
   * Trials with a filter, a sort and paging, all applied by the database; params and metrics are read for
   * the returned page only. Throws `FilterError` for a bad filter or sort key (with its position, and a
   * did-you-mean from the names in the database) and `TrialQueryError` for an unknown sweep or version.
   *
   * @example
   * const trials = await store.queryTrials({
   *   sweep: 'l2-demo', where: 'params.lambda < 0.01 and metrics.test_accuracy > 0.8',
   *   sort: 'metrics.test_accuracy', desc: true, limit: 10,
   * });
   */
  queryTrials(query?: TrialQuery): Promise<TrialView[]>;
  /** How many trials match the query, ignoring its sort and limit. */
  countTrials(query?: TrialQuery): Promise<number>;
  /** The param names and metric keys the matching trials have, sorted (the columns of a CSV export). */
  trialFieldNames(query?: TrialQuery): Promise<{ params: string[]; metrics: string[] }>;
  /**
   * Every matching trial in id order, `batchSize` at a time (keyset paging), so an export of 100k trials holds
   * one batch in memory; the filter is checked once. `sort` and `limit` of the query are ignored.
   *
   * @example for await (const batch of store.trialBatches({ sweep: 'l2-demo' })) for (const t of batch) write(t);
   */
  trialBatches(query?: TrialQuery, batchSize?: number): AsyncGenerator<TrialView[]>;
  /**
   * A sweep version's trials in id order with just id, seed and status: `listTrials` without the config and
   * summary JSON, which are most of a trial's bytes (50,000 trials in 80 ms instead of 800).
   */
  trialOutcomes(sweepId: number): Promise<TrialOutcome[]>;
  /**
   * A sweep version's trials as columns (`SweepColumns`): ids, seeds, statuses and curve points in id order, each trial's
   * params as an index into the sweep's distinct param sets, and the final value of each of `metricKeys` (NaN
   * where a trial has none). For views that aggregate every trial of a big sweep: no object per trial, a
   * configuration's params read once for all its seeds.
   *
   * @example
   * const t = await store.sweepColumns(sweep.id, ['validation_accuracy']);
   * t.paramSets[t.paramSetOf[0]]; // { regularization: 'l2', lambda: 0.001 }: the first trial's params
   */
  sweepColumns(sweepId: number, metricKeys: readonly string[]): Promise<SweepColumns>;
  /**
   * The value of curve key `key` at `epoch` of every trial of sweep version `sweepId` that recorded one (running
   * or ended), with its seed and status, in trial id order: what a pruner compares a running trial with. Sees
   * the points written by `appendCurve` and `finishTrial` of every worker on every host.
   *
   * @example const peers = await store.curveValuesAt(sweep.id, 'validation_accuracy', 30);
   */
  curveValuesAt(sweepId: number, key: string, epoch: number): Promise<CurveValue[]>;
  /**
   * The trials stopped on purpose (`pruned`, `raced-out`) of sweep version `sweepId`, of every sweep, or among
   * `trialIds` (of any status; only the stopped ones are returned), in id order, each with its planned epochs
   * (`config.training.epochs`) and the epoch it stopped at (`summary.stoppedEpoch`, null if it never ran):
   * what the epochs pruning and racing saved are computed from (`epochsSaved` in src/sweep/epochs-saved.ts).
   * Reads the two numbers in SQL, not the configs.
   *
   * @example const saved = totalEpochsSaved(await store.stoppedTrials({ sweepId: sweep.id }), sweep.spec);
   */
  stoppedTrials(scope?: { sweepId?: number; trialIds?: readonly number[] }): Promise<StoppedTrial[]>;
  /** Trials by status, of one sweep version or of all; every status is a key. */
  countByStatus(sweepId?: number): Promise<Record<TrialStatus, number>>;
  /** How many trials are running (by anyone), of one sweep version or of all: one index read. */
  countRunning(sweepId?: number): Promise<number>;

  /**
   * What changed since `cursor`: sweep versions recorded, and trials whose status or curve changed
   * (each with its revision and number of curve points), with the cursor to pass next. Without a cursor:
   * nothing, and a cursor for now. Meant to be polled (every second, say): when nothing changed it reads one
   * index entry. A trial may be reported again by the next poll (a short overlap makes sure no commit is
   * missed): compare `revision` with the one held. Throws `StoreError` ('bad-cursor') for a cursor it did not make.
   *
   * @example
   * let { cursor } = await store.changesSince();
   * setInterval(async () => { const c = await store.changesSince(cursor); cursor = c.cursor; update(c); }, 1000);
   */
  changesSince(cursor?: string): Promise<ChangeSet>;

  close(): Promise<void>;
}
