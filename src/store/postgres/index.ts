export { openPostgres, type OpenPostgresOptions } from './open-postgres.ts';
export { PostgresStorage, postgresDialect, postgresMigrationDialect } from './postgres-storage.ts';
export { isPostgresUrl, parsePostgresUrl, redactPostgresUrl, type PostgresTarget } from './postgres-url.ts';
