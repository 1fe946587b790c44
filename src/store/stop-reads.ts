import type { Kysely } from 'kysely';
import { fromStoredNumber } from './rows.ts';
import type { Database } from './schema.ts';
import type { StorageDialect } from './storage-dialect.ts';
import type { CurveValue, StoppedStatus, StoppedTrial } from './types.ts';

const STOPPED: readonly StoppedStatus[] = ['pruned', 'raced-out'];

/**
 * `Storage.curveValuesAt`: the value of curve key `key` at `epoch` of every trial of one sweep version that
 * has one, with the trial's seed, in trial id order. Reads the sweep's trials (`trials_sweep_id`) and one
 * entry of the `(trial_id, key, epoch)` index per trial.
 */
export async function curveValuesAt(db: Kysely<Database>, sweepId: number, key: string, epoch: number): Promise<CurveValue[]> {
  const rows = await db.selectFrom('trials')
    .innerJoin('metric_history as h', 'h.trial_id', 'trials.id')
    .select(['trials.id as id', 'trials.seed as seed', 'trials.status as status', 'h.value as value'])
    .where('trials.sweep_id', '=', sweepId).where('h.key', '=', key).where('h.epoch', '=', epoch)
    .orderBy('trials.id')
    .execute();
  return rows.map((r) => ({ trialId: Number(r.id), seed: Number(r.seed), status: r.status, value: fromStoredNumber(r.value === null ? null : Number(r.value)) }));
}

/**
 * `Storage.raceOut`: the given trials of one sweep version that are still `queued` become `raced-out`, in one
 * statement in a write transaction (all or none). A trial someone claimed meanwhile is left to its owner, who
 * stops it through its stop decision; a trial already ended keeps its status.
 */
export async function raceOut(db: Kysely<Database>, dialect: StorageDialect, sweepId: number, trialIds: number[], finishedAt: string): Promise<number> {
  if (trialIds.length === 0) return 0;
  return dialect.writeTransaction(db, async (trx) => {
    let n = 0;
    for (let i = 0; i < trialIds.length; i += dialect.maxParameters - 8) {
      const ids = trialIds.slice(i, i + dialect.maxParameters - 8);
      const r = await trx.updateTable('trials')
        .set((eb) => ({ status: 'raced-out', finished_at: finishedAt, updated_at: dialect.now, revision: eb('revision', '+', 1) }))
        .where('sweep_id', '=', sweepId).where('id', 'in', ids).where('status', '=', 'queued')
        .executeTakeFirst();
      n += Number(r.numUpdatedRows);
    }
    return n;
  });
}

/**
 * `Storage.stoppedTrials`: the `pruned` and `raced-out` trials of one sweep version (the `(sweep_id, status)`
 * index), of every sweep, or among given ids, with two numbers read out of their config and summary JSON in SQL.
 */
export async function stoppedTrials(
  db: Kysely<Database>, dialect: StorageDialect, scope: { sweepId?: number; trialIds?: readonly number[] },
): Promise<StoppedTrial[]> {
  const { sweepId, trialIds } = scope;
  const read = (ids?: readonly number[]) => {
    let q = db.selectFrom('trials')
      .select(['id', 'sweep_id', 'status'])
      .select([dialect.jsonNumber('trials.config', ['training', 'epochs']).as('planned'), dialect.jsonNumber('trials.summary', ['stoppedEpoch']).as('stopped')])
      .where('status', 'in', STOPPED);
    if (sweepId !== undefined) q = q.where('sweep_id', '=', sweepId);
    if (ids) q = q.where('id', 'in', ids);
    return q.orderBy('id').execute();
  };
  const rows: Awaited<ReturnType<typeof read>> = [];
  if (trialIds === undefined) rows.push(...await read());
  else for (let i = 0; i < trialIds.length; i += dialect.maxParameters - 8) rows.push(...await read(trialIds.slice(i, i + dialect.maxParameters - 8)));
  const numberOf = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return rows.map((r) => ({
    id: Number(r.id), sweepId: Number(r.sweep_id), status: r.status as StoppedStatus, plannedEpochs: numberOf(r.planned), stoppedEpoch: numberOf(r.stopped),
  }));
}
