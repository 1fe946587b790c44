import { sql, type Kysely } from 'kysely';

/**
 * Indexes for `claimNext`, which takes the queued trial with the lowest id, of one sweep or of any.
 * Both are partial: they hold only queued trials, so they stay small however many trials have run, and a
 * claim reads one entry instead of scanning the finished trials. The same on SQLite and PostgreSQL.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const queued = sql<boolean>`${sql.ref('status')} = ${sql.lit('queued')}`;
  await db.schema.createIndex('trials_queued_sweep_id').on('trials').columns(['sweep_id', 'id']).where(queued).execute();
  await db.schema.createIndex('trials_queued_id').on('trials').column('id').where(queued).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('trials_queued_id').execute();
  await db.schema.dropIndex('trials_queued_sweep_id').execute();
}
