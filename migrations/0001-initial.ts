import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

/**
 * The first schema: sweeps, trials, their swept params, final metrics and learning curves.
 *
 * Column types are chosen to mean the same on SQLite and PostgreSQL: `text` for strings, ISO-8601
 * timestamps and JSON; `double precision` for floats (REAL affinity in SQLite; PostgreSQL's own `real`
 * is only 4 bytes); `bigint` for seeds. Two things differ: the auto-numbered id, and, on PostgreSQL, text
 * columns are `collate "C"` so that they sort and compare by code point as SQLite's do, whatever the
 * database's locale (and so that `LIKE 'prefix%'` can use their indexes).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const text = isPostgres(db) ? sql`text collate "C"` : 'text';
  await db.schema
    .createTable('sweeps')
    .addColumn('id', 'integer', (col) => autoId(db, col))
    .addColumn('name', text, (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('file_path', text, (col) => col.notNull())
    .addColumn('content_hash', text, (col) => col.notNull())
    .addColumn('spec', text, (col) => col.notNull())
    .addColumn('objective_metric', text, (col) => col.notNull())
    .addColumn('objective_direction', text, (col) => col.notNull().check(sqlIn('objective_direction', ['minimize', 'maximize'])))
    .addColumn('package_version', text, (col) => col.notNull())
    .addColumn('git_commit', text)
    .addColumn('host', text, (col) => col.notNull())
    .addColumn('created_at', text, (col) => col.notNull())
    .addUniqueConstraint('sweeps_name_version_unique', ['name', 'version'])
    .execute();

  // No CHECK on `status`: SQLite cannot alter a CHECK without rebuilding the table, and the set of
  // statuses is expected to grow; `TrialStatus` in src/store/types.ts is the source of truth.
  await db.schema
    .createTable('trials')
    .addColumn('id', 'integer', (col) => autoId(db, col))
    .addColumn('sweep_id', 'integer', (col) => col.notNull().references('sweeps.id').onDelete('cascade'))
    .addColumn('trial_key', text, (col) => col.notNull())
    .addColumn('config', text, (col) => col.notNull())
    .addColumn('seed', 'bigint', (col) => col.notNull())
    .addColumn('status', text, (col) => col.notNull().defaultTo('queued'))
    .addColumn('error', text)
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('worker', text)
    .addColumn('heartbeat_at', text)
    .addColumn('started_at', text)
    .addColumn('finished_at', text)
    .addColumn('duration_ms', 'double precision')
    .addColumn('summary', text)
    .addUniqueConstraint('trials_sweep_key_unique', ['sweep_id', 'trial_key'])
    .execute();
  await db.schema.createIndex('trials_sweep_status').on('trials').columns(['sweep_id', 'status']).execute();

  // Numbers and booleans (0/1) in value_num so range filters use the index; strings in value_text.
  // The primary key (trial_id, name) is also the index on trial_id. The two value indexes are partial:
  // each param is in one of them only, which halves the pages a trial's insert touches, and any
  // comparison on the column (`value_num >= ?`) implies `is not null`, so filters still use them.
  await db.schema
    .createTable('params')
    .addColumn('trial_id', 'integer', (col) => col.notNull().references('trials.id').onDelete('cascade'))
    .addColumn('name', text, (col) => col.notNull())
    .addColumn('value_num', 'double precision')
    .addColumn('value_text', text)
    .addColumn('value_type', text, (col) => col.notNull().check(sqlIn('value_type', ['number', 'string', 'boolean', 'null'])))
    .addPrimaryKeyConstraint('params_pk', ['trial_id', 'name'])
    .execute();
  await db.schema.createIndex('params_name_num').on('params').columns(['name', 'value_num'])
    .where('value_num', 'is not', null).execute();
  await db.schema.createIndex('params_name_text').on('params').columns(['name', 'value_text'])
    .where('value_text', 'is not', null).execute();

  // `value` is null for NaN (a diverged run), which neither SQLite nor a portable query can hold.
  await db.schema
    .createTable('metrics')
    .addColumn('trial_id', 'integer', (col) => col.notNull().references('trials.id').onDelete('cascade'))
    .addColumn('key', text, (col) => col.notNull())
    .addColumn('value', 'double precision')
    .addPrimaryKeyConstraint('metrics_pk', ['trial_id', 'key'])
    .execute();
  await db.schema.createIndex('metrics_key_value').on('metrics').columns(['key', 'value']).execute();

  await db.schema
    .createTable('metric_history')
    .addColumn('trial_id', 'integer', (col) => col.notNull().references('trials.id').onDelete('cascade'))
    .addColumn('key', text, (col) => col.notNull())
    .addColumn('epoch', 'integer', (col) => col.notNull())
    .addColumn('value', 'double precision')
    .execute();
  await db.schema.createIndex('metric_history_trial_key_epoch').on('metric_history').columns(['trial_id', 'key', 'epoch']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['metric_history', 'metrics', 'params', 'trials', 'sweeps']) {
    await db.schema.dropTable(table).execute();
  }
}

/** `integer primary key` is SQLite's rowid alias; PostgreSQL needs an identity column instead. */
function autoId(db: Kysely<any>, col: ColumnDefinitionBuilder): ColumnDefinitionBuilder {
  return isPostgres(db) ? col.generatedByDefaultAsIdentity().primaryKey() : col.primaryKey();
}

function isPostgres(db: Kysely<any>): boolean {
  // getExecutor() is marked internal but is the only way a migration can see its dialect.
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

function sqlIn(column: string, values: readonly string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}
