import type { ExpressionBuilder, Insertable, Kysely } from 'kysely';
import { changesSince } from './change-feed.ts';
import { type AskConfigurationOptions, type AskedConfiguration, askConfiguration, countConfigurations } from './configurations.ts';
import { InsertRows } from './insert-rows.ts';
import { isDeadLocalWorker } from './local-workers.ts';
import { curveValuesAt, raceOut, stoppedTrials } from './stop-reads.ts';
import { type SweepColumns, sweepColumns } from './sweep-columns.ts';
import {
  countTrials, getCurves, queryTrials, trialBatches, trialFieldNames, trialOutcomes, type TrialQuery, type TrialView,
} from './query-trials.ts';
import {
  decodeParam, encodeParam, fromStoredNumber, toJson, toStoredNumber, toSweepRecord, toTrialRecord,
} from './rows.ts';
import type { Database, ParamValueType } from './schema.ts';
import type { Storage } from './storage.ts';
import type { StorageDialect } from './storage-dialect.ts';
import {
  TRIAL_STATUSES,
  type ChangeSet, type CurveValue, type LearningCurvePoint, type NewSweep, type NewTrial, type ParamValue, type SweepRecord, type SweepSummary,
  type StoppedTrial, type TrialOutcome, type TrialRecord, type TrialResult, type TrialStatus,
} from './types.ts';

/** Statuses `requeue` puts back to `queued` when the caller names none. */
export const DEFAULT_REQUEUE_STATUSES: readonly TrialStatus[] = ['failed', 'interrupted'];

/** Rows per multi-row INSERT, at most; big enough to amortise, small enough to compile quickly. */
const MAX_ROWS_PER_INSERT = 500;

/** What a `KyselyStorage` can be given besides its database and dialect. */
export interface KyselyStorageOptions {
  /**
   * The clock that claim, heartbeat, finish and interrupt times are read from (default: the system clock).
   * Tests give a store a clock in the past to make its heartbeats stale. The change feed's `updated_at` is
   * always the database's clock.
   */
  clock?: () => Date;
}

/**
 * `Storage` written once in Kysely's query builder. A backend supplies the connection and a
 * `StorageDialect` (the write lock, parameter limits, SKIP LOCKED, JSON aggregation, its clock).
 *
 * @example
 * const store = new KyselyStorage(db, sqliteDialect);
 * const trial = await store.claimNext(workerName(), { sweepId });
 */
export class KyselyStorage implements Storage {
  private readonly clock: () => Date;
  /** the inserts a finished trial makes (metrics, curve points), compiled once per row count */
  private readonly inserts = new InsertRows();

  constructor(
    /** The database: for the store's own modules and tests only (nothing outside `src/store` reaches it). */
    readonly db: Kysely<Database>,
    readonly dialect: StorageDialect,
    options: KyselyStorageOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
  }

  private now(): string {
    return this.clock().toISOString();
  }

  async upsertSweep(input: NewSweep): Promise<{ sweep: SweepRecord; created: boolean; previousVersion: number | null }> {
    return this.dialect.writeTransaction(this.db, async (trx) => {
      // On SQLite the write lock makes read-then-insert atomic. On PostgreSQL two processes starting the
      // same new sweep can both read version n; the loser's insert of n + 1 does nothing, and it reads again
      // (READ COMMITTED: the next statement sees the winner's row) and usually finds the same hash.
      for (let attempt = 0; ; attempt++) {
        const latest = await trx.selectFrom('sweeps').selectAll()
          .where('name', '=', input.name).orderBy('version', 'desc').limit(1).executeTakeFirst();
        if (latest && latest.content_hash === input.contentHash) {
          return { sweep: toSweepRecord(latest), created: false, previousVersion: null };
        }
        const row = await trx.insertInto('sweeps').values({
          name: input.name,
          version: latest ? Number(latest.version) + 1 : 1,
          file_path: input.filePath,
          content_hash: input.contentHash,
          spec: toJson(input.spec),
          objective_metric: input.objectiveMetric,
          objective_direction: input.objectiveDirection,
          package_version: input.packageVersion,
          git_commit: input.gitCommit,
          host: input.host,
          created_at: this.now(),
        }).onConflict((oc) => oc.columns(['name', 'version']).doNothing()).returningAll().executeTakeFirst();
        // previousVersion: the version this call superseded; null when nothing changed or it is the first.
        if (row) return { sweep: toSweepRecord(row), created: true, previousVersion: latest ? Number(latest.version) : null };
        if (attempt >= 10) throw new Error(`Could not record a new version of sweep ${input.name}: other processes keep adding versions`);
      }
    });
  }

  async getSweep(name: string, version?: number): Promise<SweepRecord | undefined> {
    let query = this.db.selectFrom('sweeps').selectAll().where('name', '=', name);
    query = version === undefined ? query.orderBy('version', 'desc').limit(1) : query.where('version', '=', version);
    const row = await query.executeTakeFirst();
    return row && toSweepRecord(row);
  }

  async getSweepById(id: number): Promise<SweepRecord | undefined> {
    const row = await this.db.selectFrom('sweeps').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toSweepRecord(row);
  }

  async listSweeps(): Promise<SweepSummary[]> {
    const sweeps = await this.db.selectFrom('sweeps').selectAll().orderBy('name').orderBy('version').execute();
    const groups = await this.db.selectFrom('trials')
      .select((eb) => [
        'sweep_id', 'status',
        eb.fn.countAll().as('n'),
        eb.fn.max('started_at').as('started'),
        eb.fn.max('heartbeat_at').as('heartbeat'),
        eb.fn.max('finished_at').as('finished'),
      ])
      .groupBy(['sweep_id', 'status'])
      .execute();
    const extremes = await this.db.selectFrom('metrics')
      .innerJoin('trials', 'trials.id', 'metrics.trial_id')
      .innerJoin('sweeps', 'sweeps.id', 'trials.sweep_id')
      .whereRef('metrics.key', '=', 'sweeps.objective_metric')
      .where('trials.status', '=', 'completed')
      .select((eb) => ['trials.sweep_id', eb.fn.min('metrics.value').as('lo'), eb.fn.max('metrics.value').as('hi')])
      .groupBy('trials.sweep_id')
      .execute();

    const summaries = new Map<number, SweepSummary>();
    for (const row of sweeps) {
      const counts = Object.fromEntries(TRIAL_STATUSES.map((s) => [s, 0])) as Record<TrialStatus, number>;
      summaries.set(Number(row.id), { sweep: toSweepRecord(row), counts, best: null, lastActivity: null });
    }
    for (const g of groups) {
      const summary = summaries.get(Number(g.sweep_id));
      if (!summary) continue;
      summary.counts[g.status] = (summary.counts[g.status] ?? 0) + Number(g.n);
      for (const t of [g.started, g.heartbeat, g.finished]) {
        if (t !== null && (summary.lastActivity === null || t > summary.lastActivity)) summary.lastActivity = t;
      }
    }
    for (const e of extremes) {
      const summary = summaries.get(Number(e.sweep_id));
      if (!summary) continue;
      const best = summary.sweep.objectiveDirection === 'minimize' ? e.lo : e.hi;
      summary.best = best === null ? null : Number(best);
    }
    return [...summaries.values()];
  }

  async addTrials(sweepId: number, trials: NewTrial[]): Promise<number> {
    if (trials.length === 0) return 0;
    return this.dialect.writeTransaction(this.db, async (trx) => {
      let inserted = 0;
      for (const batch of chunk(trials, this.rowsPerInsert(6))) {
        const rows = await trx.insertInto('trials')
          .values(batch.map((t) => ({
            sweep_id: sweepId, trial_key: t.trialKey, config: toJson(t.config), seed: t.seed, status: 'queued' as const, attempts: 0,
            updated_at: this.dialect.now,
          })))
          .onConflict((oc) => oc.columns(['sweep_id', 'trial_key']).doNothing())
          .returning(['id', 'trial_key'])
          .execute();
        if (rows.length === 0) continue;
        inserted += rows.length;
        const byKey = new Map<string, NewTrial>();
        for (const t of batch) if (!byKey.has(t.trialKey)) byKey.set(t.trialKey, t);
        const params: Insertable<Database['params']>[] = [];
        for (const row of rows) {
          for (const [name, value] of Object.entries(byKey.get(row.trial_key)!.params)) {
            params.push({ trial_id: Number(row.id), name, ...encodeParam(value) });
          }
        }
        for (const part of chunk(params, this.rowsPerInsert(5))) {
          await trx.insertInto('params').values(part).execute();
        }
      }
      return inserted;
    });
  }

  askConfiguration(sweepId: number, options: AskConfigurationOptions): Promise<AskedConfiguration | null> { return askConfiguration(this.db, this.dialect, sweepId, options); }
  countConfigurations(): Promise<Map<number, number>> { return countConfigurations(this.db); }

  async requeue(sweepId: number, options: { staleBefore: Date; statuses?: TrialStatus[] }): Promise<number> {
    return this.requeueWhere(sweepId, options.staleBefore, options.statuses ?? DEFAULT_REQUEUE_STATUSES);
  }

  async requeueStale(options: { staleBefore: Date; sweepId?: number }): Promise<number> {
    return this.requeueWhere(options.sweepId, options.staleBefore, []);
  }

  /** Requeue trials in `statuses`, and running ones whose heartbeat is older than `staleBefore` or whose local process is gone. */
  private async requeueWhere(sweepId: number | undefined, staleBefore: Date, statuses: readonly TrialStatus[]): Promise<number> {
    const before = staleBefore.toISOString();
    return this.dialect.writeTransaction(this.db, async (trx) => {
      const owners = await trx.selectFrom('trials').select('worker').distinct()
        .$if(sweepId !== undefined, (qb) => qb.where('sweep_id', '=', sweepId!))
        .where('status', '=', 'running').where('worker', 'is not', null)
        .execute();
      // pid liveness decides only for workers on this host (isDeadLocalWorker); the heartbeat for the rest.
      const dead = owners.map((o) => o.worker!).filter(isDeadLocalWorker);
      const result = await trx.updateTable('trials')
        .set((eb) => ({
          status: 'queued', error: null, worker: null, heartbeat_at: null, finished_at: null, duration_ms: null,
          updated_at: this.dialect.now, revision: eb('revision', '+', 1),
        }))
        .$if(sweepId !== undefined, (qb) => qb.where('sweep_id', '=', sweepId!))
        .where((eb) => {
          const running = [eb('heartbeat_at', 'is', null), eb('heartbeat_at', '<', before)];
          if (dead.length > 0) running.push(eb('worker', 'in', dead));
          const stale = eb.and([eb('status', '=', 'running'), eb.or(running)]);
          return statuses.length > 0 ? eb.or([eb('status', 'in', [...statuses]), stale]) : stale;
        })
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    });
  }

  async claimTrial(trialId: number, worker: string): Promise<TrialRecord | undefined> {
    // One statement: whoever's UPDATE matches `status = 'queued'` first owns the trial.
    const row = await this.db.updateTable('trials')
      .set((eb) => this.claimed(eb, worker))
      .where('id', '=', trialId)
      .where('status', '=', 'queued')
      .returningAll()
      .executeTakeFirst();
    return row && this.startAttempt(row);
  }

  async claimNext(worker: string, options: { sweepId?: number } = {}): Promise<TrialRecord | undefined> {
    const { sweepId } = options;
    // One statement. The subquery picks the oldest queued trial; on PostgreSQL it locks that row and skips
    // rows other claimers have locked, so concurrent claimers get different trials (and the outer
    // `status = 'queued'` re-check makes a row claimed in between match nothing rather than twice). On
    // SQLite the statement holds the write lock from its start, so claims simply run one after another.
    const row = await this.db.updateTable('trials')
      .set((eb) => this.claimed(eb, worker))
      .where('id', '=', (eb) => eb.selectFrom('trials').select('id')
        .where('status', '=', 'queued')
        .$if(sweepId !== undefined, (qb) => qb.where('sweep_id', '=', sweepId!))
        .orderBy('id').limit(1)
        .$if(this.dialect.skipLocked, (qb) => qb.forUpdate().skipLocked()))
      .where('status', '=', 'queued')
      .returningAll()
      .executeTakeFirst();
    return row && this.startAttempt(row);
  }

  /** The columns a claim sets. */
  private claimed(eb: ExpressionBuilder<Database, 'trials'>, worker: string) {
    const at = this.now();
    return {
      status: 'running' as const, worker, attempts: eb('attempts', '+', 1), started_at: at, heartbeat_at: at,
      updated_at: this.dialect.now, revision: eb('revision', '+', 1), curve_points: 0,
    };
  }

  /**
   * A claimed trial run before (re-queued after a failure, an interruption or a stale heartbeat) may hold the
   * metrics and curve points of its earlier attempt: they go, so the new attempt's curve starts empty. Safe to
   * repeat (a crash right after the claim leaves the rows for the next claim to delete).
   */
  private async startAttempt(row: Parameters<typeof toTrialRecord>[0]): Promise<TrialRecord> {
    if (Number(row.attempts) > 1) await this.forgetResults(this.db, Number(row.id));
    return toTrialRecord(row);
  }

  private async forgetResults(db: Kysely<Database>, trialId: number): Promise<void> {
    await db.deleteFrom('metrics').where('trial_id', '=', trialId).execute();
    await db.deleteFrom('metric_history').where('trial_id', '=', trialId).execute();
  }

  async heartbeat(trialIds: number[], worker: string): Promise<void> {
    const at = this.now();
    for (const ids of chunk(trialIds, this.dialect.maxParameters - 8)) {
      await this.db.updateTable('trials').set({ heartbeat_at: at })
        .where('id', 'in', ids).where('worker', '=', worker).where('status', '=', 'running')
        .execute();
    }
  }

  async appendCurve(trialId: number, worker: string, points: LearningCurvePoint[], options: { restart?: boolean } = {}): Promise<boolean> {
    if (points.length === 0 && !options.restart) return (await this.getTrial(trialId))?.worker === worker;
    return this.dialect.writeTransaction(this.db, async (trx) => {
      const owned = await trx.updateTable('trials')
        .set((eb) => ({
          heartbeat_at: this.now(), updated_at: this.dialect.now, revision: eb('revision', '+', 1),
          curve_points: options.restart ? points.length : eb('curve_points', '+', points.length),
        }))
        .where('id', '=', trialId).where('status', '=', 'running').where('worker', '=', worker)
        .returning('id')
        .executeTakeFirst();
      if (!owned) return false;
      if (options.restart) await this.forgetResults(trx, trialId);
      await this.insertCurve(trx, trialId, points);
      return true;
    });
  }

  async finishTrial(trialId: number, worker: string, result: TrialResult): Promise<boolean> {
    const metrics = Object.entries(result.metrics)
      .map(([key, value]) => ({ trial_id: trialId, key, value: toStoredNumber(value) }));
    return this.dialect.writeTransaction(this.db, async (trx) => {
      const at = this.now();
      const owned = await trx.updateTable('trials')
        .set((eb) => ({
          status: result.status,
          error: result.error ?? null,
          finished_at: at,
          heartbeat_at: at,
          duration_ms: result.durationMs,
          summary: result.summary === undefined ? null : toJson(result.summary),
          updated_at: this.dialect.now,
          revision: eb('revision', '+', 1),
          curve_points: eb('curve_points', '+', result.curve.length),
        }))
        .where('id', '=', trialId).where('status', '=', 'running').where('worker', '=', worker)
        .returning('id')
        .executeTakeFirst();
      if (!owned) return false;
      for (const part of chunk(metrics, this.rowsPerInsert(3))) {
        await this.inserts.insert(trx, 'metrics', part);
      }
      await this.insertCurve(trx, trialId, result.curve);
      return true;
    });
  }

  private async insertCurve(trx: Kysely<Database>, trialId: number, points: LearningCurvePoint[]): Promise<void> {
    const rows = points.map((p) => ({ trial_id: trialId, key: p.key, epoch: p.epoch, value: toStoredNumber(p.value) }));
    for (const part of chunk(rows, this.rowsPerInsert(4))) await this.inserts.insert(trx, 'metric_history', part);
  }

  async interruptTrials(trialIds: number[], worker: string): Promise<void> {
    const at = this.now();
    await this.dialect.writeTransaction(this.db, async (trx) => {
      for (const ids of chunk(trialIds, this.dialect.maxParameters - 8)) {
        await trx.updateTable('trials')
          .set((eb) => ({ status: 'interrupted', finished_at: at, heartbeat_at: at, updated_at: this.dialect.now, revision: eb('revision', '+', 1) }))
          .where('id', 'in', ids).where('worker', '=', worker).where('status', '=', 'running')
          .execute();
      }
    });
  }

  raceOut(sweepId: number, trialIds: number[]): Promise<number> {
    return raceOut(this.db, this.dialect, sweepId, trialIds, this.now());
  }

  stoppedTrials(scope: { sweepId?: number; trialIds?: readonly number[] } = {}): Promise<StoppedTrial[]> {
    return stoppedTrials(this.db, this.dialect, scope);
  }

  curveValuesAt(sweepId: number, key: string, epoch: number): Promise<CurveValue[]> {
    return curveValuesAt(this.db, sweepId, key, epoch);
  }

  async listTrials(sweepId: number, options?: { status?: TrialStatus[] }): Promise<TrialRecord[]> {
    let query = this.db.selectFrom('trials').selectAll().where('sweep_id', '=', sweepId);
    if (options?.status) {
      if (options.status.length === 0) return [];
      query = query.where('status', 'in', options.status);
    }
    const rows = await query.orderBy('id').execute();
    return rows.map(toTrialRecord);
  }

  async getTrial(id: number): Promise<TrialRecord | undefined> {
    const row = await this.db.selectFrom('trials').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toTrialRecord(row);
  }

  /**
   * Every requested id is a key, with `{}` if the trial has no metrics. NaN was stored as null and comes back as NaN.
   * One row per trial, its metrics folded into a JSON object by the database (`StorageDialect.json`).
   */
  async getMetrics(trialIds: number[]): Promise<Map<number, Record<string, number>>> {
    const out = new Map<number, Record<string, number>>(trialIds.map((id) => [id, {}]));
    const { metricsObject } = this.dialect.json;
    for (const ids of chunk(trialIds, this.dialect.maxParameters - 8)) {
      const rows = await this.db.selectFrom('metrics').select(['trial_id', metricsObject.as('metrics')])
        .where('trial_id', 'in', ids).groupBy('trial_id').execute();
      for (const r of rows) {
        const metrics = parseJson<Record<string, number | string | null>>(r.metrics);
        // JSON has no NaN or infinities: SQLite writes ±9e999 (which parses as ±Infinity), PostgreSQL "Infinity".
        for (const key in metrics) if (typeof metrics[key] !== 'number') metrics[key] = fromStoredNumber(metrics[key] === null ? null : Number(metrics[key]));
        out.set(Number(r.trial_id), metrics as Record<string, number>);
      }
    }
    return out;
  }

  /**
   * Every requested id is a key, with `{}` if the trial has no params; values come back with the type they went in with.
   * One row per trial, its params folded into a JSON array of `[name, value_num, value_text, value_type]`.
   */
  async getParams(trialIds: number[]): Promise<Map<number, Record<string, ParamValue>>> {
    const out = new Map<number, Record<string, ParamValue>>(trialIds.map((id) => [id, {}]));
    const { paramsArray } = this.dialect.json;
    for (const ids of chunk(trialIds, this.dialect.maxParameters - 8)) {
      const rows = await this.db.selectFrom('params').select(['trial_id', paramsArray.as('params')])
        .where('trial_id', 'in', ids).groupBy('trial_id').execute();
      for (const r of rows) {
        const params = out.get(Number(r.trial_id))!;
        for (const [name, num, text, type] of parseJson<[string, number | string | null, string | null, ParamValueType][]>(r.params)) {
          params[name] = decodeParam(num === null ? null : Number(num), text, type);
        }
      }
    }
    return out;
  }

  /** Ordered by key, then epoch. */
  async getCurve(trialId: number): Promise<LearningCurvePoint[]> {
    return (await getCurves(this.db, [trialId], this.inListSize())).get(trialId)!;
  }

  getCurves(trialIds: number[]): Promise<Map<number, LearningCurvePoint[]>> {
    return getCurves(this.db, trialIds, this.inListSize());
  }

  queryTrials(query: TrialQuery = {}): Promise<TrialView[]> {
    return queryTrials(this.db, this, query);
  }

  countTrials(query: TrialQuery = {}): Promise<number> {
    return countTrials(this.db, query);
  }

  trialFieldNames(query: TrialQuery = {}): Promise<{ params: string[]; metrics: string[] }> {
    return trialFieldNames(this.db, query);
  }

  trialBatches(query: TrialQuery = {}, batchSize = 1000): AsyncGenerator<TrialView[]> {
    return trialBatches(this.db, this, query, batchSize);
  }

  trialOutcomes(sweepId: number): Promise<TrialOutcome[]> {
    return trialOutcomes(this.db, sweepId);
  }

  sweepColumns(sweepId: number, metricKeys: readonly string[]): Promise<SweepColumns> {
    return sweepColumns(this.db, this.dialect, sweepId, metricKeys);
  }

  async countByStatus(sweepId?: number): Promise<Record<TrialStatus, number>> {
    const counts = Object.fromEntries(TRIAL_STATUSES.map((s) => [s, 0])) as Record<TrialStatus, number>;
    const rows = await this.db.selectFrom('trials').select((eb) => ['status', eb.fn.countAll().as('n')])
      .$if(sweepId !== undefined, (qb) => qb.where('sweep_id', '=', sweepId!))
      .groupBy('status').execute();
    for (const r of rows) counts[r.status] = Number(r.n);
    return counts;
  }

  async countRunning(sweepId?: number): Promise<number> {
    const row = await this.db.selectFrom('trials').select((eb) => eb.fn.countAll().as('n'))
      .where('status', '=', 'running')
      .$if(sweepId !== undefined, (qb) => qb.where('sweep_id', '=', sweepId!))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  changesSince(cursor?: string): Promise<ChangeSet> {
    return changesSince(this.db, this.dialect, cursor);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  /** Ids per `in (...)` list: well under what a statement may bind. */
  private inListSize(): number {
    return Math.min(10_000, this.dialect.maxParameters - 8);
  }

  private rowsPerInsert(columns: number): number {
    return Math.max(1, Math.min(MAX_ROWS_PER_INSERT, Math.floor(this.dialect.maxParameters / columns)));
  }
}

/** SQLite returns JSON as text; `pg` has already parsed it. */
function parseJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

function* chunk<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
