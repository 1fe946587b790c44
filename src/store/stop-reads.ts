import type { Kysely } from 'kysely';
import { fromStoredNumber } from './rows.ts';
import type { Database } from './schema.ts';
import type { StorageDialect } from './storage-dialect.ts';
import type { CurveValue } from './types.ts';

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
