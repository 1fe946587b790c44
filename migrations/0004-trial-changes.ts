import { sql, type Kysely } from 'kysely';

/**
 * What the change feed (`Storage.changesSince`) and live curves need of a trial:
 * - `updated_at`: when the trial last changed (claimed, a curve point written, finished, re-queued), by the
 *   database's clock, not a worker's, so hosts with skewed clocks still order their changes; ISO 8601 text
 *   like every other timestamp. Indexed: a poll with nothing new reads one index entry.
 * - `revision`: how many times it changed; a view compares it with the revision it holds.
 * - `curve_points`: how many learning-curve points it has recorded so far.
 *
 * Existing trials get their last known activity as `updated_at` and their curve's size as `curve_points`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('trials').addColumn('updated_at', 'text').execute();
  await db.schema.alterTable('trials').addColumn('revision', 'integer', (col) => col.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('trials').addColumn('curve_points', 'integer', (col) => col.notNull().defaultTo(0)).execute();
  await sql`update trials set updated_at = coalesce(finished_at, heartbeat_at, started_at,
    (select created_at from sweeps where sweeps.id = trials.sweep_id))`.execute(db);
  await sql`update trials set curve_points = counts.n from
    (select trial_id, count(*) as n from metric_history group by trial_id) as counts
    where counts.trial_id = trials.id`.execute(db);
  await db.schema.createIndex('trials_updated_at').on('trials').column('updated_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('trials_updated_at').execute();
  for (const column of ['curve_points', 'revision', 'updated_at']) await db.schema.alterTable('trials').dropColumn(column).execute();
}
