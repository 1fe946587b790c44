export { openSqlite, type OpenSqliteOptions } from './open-sqlite.ts';
export { SQLITE_BUSY_TIMEOUT_MS, SqliteStorage, sqliteDialect } from './sqlite-storage.ts';
