import type { Insertable, Kysely } from 'kysely';
import { decodeParam, encodeParam, fromStoredNumber, toJson } from './rows.ts';
import type { Database, ParamValueType } from './schema.ts';
import type { StorageDialect } from './storage-dialect.ts';
import type { NewTrial, ParamValue, TrialStatus } from './types.ts';

/** A configuration recorded for a sweep version, as a sampler's history needs it. */
export interface RecordedConfiguration {
  /** 1-based, in the order asked */
  number: number;
  /** the swept params (those of its first trial: every trial of a configuration has the same) */
  params: Record<string, ParamValue>;
  /** one per seed: its status and, once it has one, the sweep's objective metric (NaN stored as null reads back NaN) */
  trials: Array<{ seed: number; status: TrialStatus; objective: number | null }>;
}

/** What `askConfiguration` is given. */
export interface AskConfigurationOptions {
  /** the most configurations the sweep version may have */
  budget: number;
  /**
   * The trials (one per seed) of configuration `number`, given every configuration recorded before it; null
   * for none (the sampler has nothing more). Runs inside the write transaction: quick, no I/O.
   */
  propose(configurations: RecordedConfiguration[], number: number): NewTrial[] | null;
}

/** A configuration `askConfiguration` recorded. */
export interface AskedConfiguration {
  number: number;
  /** its trials' ids, queued */
  trialIds: number[];
}

/**
 * `Storage.askConfiguration`, for every backend: one write transaction that holds the sweep version's lock
 * (PostgreSQL: `SELECT ... FOR UPDATE` of its `sweeps` row, so askers of other sweeps do not wait; SQLite: the
 * database write lock every write transaction takes), reads the configurations recorded so far, refuses past
 * the budget (or when the version has trials planned up front, without a number), and inserts the proposed
 * trials as `queued` with `config_number = max + 1`. Two askers, in any
 * processes or hosts, never record the same number, and never more than `budget` numbers; a crash leaves all
 * of a configuration's trials or none.
 */
export async function askConfiguration(
  db: Kysely<Database>, dialect: StorageDialect, sweepId: number, options: AskConfigurationOptions,
): Promise<AskedConfiguration | null> {
  return dialect.writeTransaction(db, async (trx) => {
    // FOR UPDATE exists wherever SKIP LOCKED does (PostgreSQL); SQLite's write lock is held already.
    const sweep = await trx.selectFrom('sweeps').select(['id', 'objective_metric']).where('id', '=', sweepId)
      .$if(dialect.skipLocked, (qb) => qb.forUpdate())
      .executeTakeFirst();
    if (!sweep) throw new RangeError(`No sweep version with id ${sweepId}: it cannot be asked for configurations`);
    // A version whose trials were planned up front (recorded before random search was asked lazily) is not asked.
    const planned = await trx.selectFrom('trials').select('id').where('sweep_id', '=', sweepId).where('config_number', 'is', null)
      .limit(1).executeTakeFirst();
    if (planned) return null;
    const configurations = await readConfigurations(trx, sweepId, sweep.objective_metric);
    if (configurations.length >= options.budget) return null;
    const number = configurations.reduce((max, c) => Math.max(max, c.number), 0) + 1;
    const trials = options.propose(configurations, number);
    if (!trials || trials.length === 0) return null;
    const rows = await trx.insertInto('trials')
      .values(trials.map((t) => ({
        sweep_id: sweepId, trial_key: t.trialKey, config: toJson(t.config), seed: t.seed, status: 'queued' as const, attempts: 0,
        updated_at: dialect.now, config_number: number,
      })))
      .returning(['id', 'trial_key'])
      .execute();
    const byKey = new Map(trials.map((t) => [t.trialKey, t]));
    const params: Insertable<Database['params']>[] = [];
    for (const row of rows) {
      for (const [name, value] of Object.entries(byKey.get(row.trial_key)!.params)) params.push({ trial_id: Number(row.id), name, ...encodeParam(value) });
    }
    if (params.length > 0) await trx.insertInto('params').values(params).execute();
    return { number, trialIds: rows.map((r) => Number(r.id)) };
  });
}

/** Every configuration of a sweep version with its trials' statuses and objective values, by number. */
export async function readConfigurations(db: Kysely<Database>, sweepId: number, objectiveMetric: string): Promise<RecordedConfiguration[]> {
  const trials = await db.selectFrom('trials').select(['id', 'config_number', 'seed', 'status'])
    .where('sweep_id', '=', sweepId).where('config_number', 'is not', null)
    .orderBy('config_number').orderBy('seed').execute();
  if (trials.length === 0) return [];
  const firstOf = new Map<number, number>();
  for (const t of trials) if (!firstOf.has(Number(t.config_number))) firstOf.set(Number(t.config_number), Number(t.id));
  // Both reads join on the sweep rather than listing ids: one statement whatever the number of trials.
  const params = await db.selectFrom('params').innerJoin('trials', 'trials.id', 'params.trial_id')
    .select(['params.trial_id', 'params.name', 'params.value_num', 'params.value_text', 'params.value_type'])
    .where('trials.sweep_id', '=', sweepId).where('trials.config_number', 'is not', null)
    .execute();
  const objectives = await db.selectFrom('metrics').innerJoin('trials', 'trials.id', 'metrics.trial_id')
    .select(['metrics.trial_id', 'metrics.value'])
    .where('trials.sweep_id', '=', sweepId).where('trials.config_number', 'is not', null).where('metrics.key', '=', objectiveMetric)
    .execute();
  const objectiveOf = new Map(objectives.map((m) => [Number(m.trial_id), fromStoredNumber(m.value === null ? null : Number(m.value))]));
  const firstIds = new Set(firstOf.values());
  const paramsOf = new Map<number, Record<string, ParamValue>>();
  for (const p of params) {
    const id = Number(p.trial_id);
    if (!firstIds.has(id)) continue;
    const record = paramsOf.get(id) ?? {};
    record[p.name] = decodeParam(p.value_num === null ? null : Number(p.value_num), p.value_text, p.value_type as ParamValueType);
    paramsOf.set(id, record);
  }
  const out = new Map<number, RecordedConfiguration>();
  for (const t of trials) {
    const number = Number(t.config_number);
    let c = out.get(number);
    if (!c) {
      c = { number, params: paramsOf.get(firstOf.get(number)!) ?? {}, trials: [] };
      out.set(number, c);
    }
    c.trials.push({ seed: Number(t.seed), status: t.status, objective: objectiveOf.get(Number(t.id)) ?? null });
  }
  return [...out.values()];
}

/** How many configurations each sweep version has recorded (sweeps with none are left out). */
export async function countConfigurations(db: Kysely<Database>): Promise<Map<number, number>> {
  const rows = await db.selectFrom('trials')
    .select((eb) => ['sweep_id', eb.fn.count<number>('config_number').distinct().as('n')])
    .where('config_number', 'is not', null).groupBy('sweep_id').execute();
  return new Map(rows.map((r) => [Number(r.sweep_id), Number(r.n)]));
}
