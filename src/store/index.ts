export type * from './types.ts';
export { TRIAL_STATUSES } from './types.ts';
export type { Storage } from './storage.ts';
export type { Database, ParamValueType } from './schema.ts';
export type { StorageDialect } from './storage-dialect.ts';
export { StoreError, type StoreErrorCode } from './store-error.ts';
export { KyselyStorage, DEFAULT_REQUEUE_STATUSES, type KyselyStorageOptions } from './kysely-storage.ts';
export { CHANGE_FEED_OVERLAP_MS } from './change-feed.ts';
export type { AskConfigurationOptions, AskedConfiguration, RecordedConfiguration } from './configurations.ts';
export { TrialQueryError, type TrialQuery, type TrialView } from './query-trials.ts';
export type { SweepColumns } from './sweep-columns.ts';
export {
  assertKnownSchema, migrateToLatest, migrationProvider, schemaStatus,
  type MigrateOptions, type MigrationReport, type SchemaStatus,
} from './migrate.ts';
export { isDeadLocalWorker, workerName } from './local-workers.ts';
export { migrateStore, openKyselyStore, openStore, storeLabel, type OpenedStore, type OpenStoreOptions } from './open-store.ts';
export { openSqlite, SqliteStorage, sqliteDialect, SQLITE_BUSY_TIMEOUT_MS, type OpenSqliteOptions } from './sqlite/index.ts';
export {
  openPostgres, PostgresStorage, postgresDialect, postgresMigrationDialect, isPostgresUrl, parsePostgresUrl, redactPostgresUrl,
  type OpenPostgresOptions, type PostgresTarget,
} from './postgres/index.ts';
export {
  copyStore, CopyError, type CopyCounts, type CopyErrorCode, type CopyOptions, type CopySource, type CopyTarget,
} from './copy.ts';
