import type { Kysely } from 'kysely';

/**
 * `trials.config_number`: the number of the configuration a trial belongs to, for sweeps whose configurations
 * are asked one at a time (`Storage.askConfiguration`: tpe and own samplers). Every trial of a configuration
 * (one per seed) has the same number; numbers of a sweep version run 1, 2, ... in the order asked. Null for
 * trials of grid and random sweeps, recorded up front. Indexed by sweep, so counting a sweep's configurations
 * and reading its history are one range of the index.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('trials').addColumn('config_number', 'integer').execute();
  await db.schema.createIndex('trials_sweep_config').on('trials').columns(['sweep_id', 'config_number']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('trials_sweep_config').execute();
  await db.schema.alterTable('trials').dropColumn('config_number').execute();
}
