import { sql, type Kysely } from 'kysely';
import { KyselyStorage, type KyselyStorageOptions } from '../kysely-storage.ts';
import type { Database } from '../schema.ts';
import type { StorageDialect } from '../storage-dialect.ts';
import { manualTransaction } from '../manual-transaction.ts';
import { StoreError } from '../store-error.ts';

/** How long a writer waits for another process's write lock before giving up (SQLite `busy_timeout`). */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/**
 * SQLite's part of the storage: write transactions are `BEGIN IMMEDIATE`, because a deferred
 * transaction that upgrades from read to write in WAL mode fails with SQLITE_BUSY at once instead of
 * waiting for the busy timeout.
 *
 * @example
 * await sqliteDialect.writeTransaction(db, async (trx) => { await trx.insertInto('sweeps')...; });
 */
export const sqliteDialect: StorageDialect = {
  // SQLITE_MAX_VARIABLE_NUMBER since SQLite 3.32 (better-sqlite3 12 ships 3.5x)
  maxParameters: 32_766,
  skipLocked: false,
  json: {
    metricsObject: sql`json_group_object(key, value order by key)`,
    paramsArray: sql`json_group_array(json_array(name, value_num, value_text, value_type) order by name)`,
    paramsText: sql<string>`json_group_array(json_array(name, value_num, value_text, value_type) order by name)`,
    arrayOf: (value, orderBy) => sql`json_group_array(${value} order by ${orderBy})`,
  },
  jsonNumber: (column, path) => {
    const at = `$.${path.join('.')}`;
    return sql<number | null>`(case when json_type(${sql.ref(column)}, ${at}) in ('integer', 'real') then json_extract(${sql.ref(column)}, ${at}) end)`;
  },
  now: sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,

  writeTransaction<DB, T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
    return manualTransaction(db, async (conn) => {
      try {
        await sql`begin immediate`.execute(conn);
      } catch (error) {
        throw (error as { code?: string }).code === 'SQLITE_BUSY'
          ? new StoreError(
            'busy',
            `Waited ${SQLITE_BUSY_TIMEOUT_MS / 1000} s for the database write lock: another process holds a long ` +
              'write transaction (an open sqlite3 shell?). Close it and retry.',
            { cause: error },
          )
          : error;
      }
    }, fn);
  },
};

/**
 * `Storage` over an SQLite database opened with `openSqlite` (WAL, busy timeout, migrated).
 *
 * @example
 * const store = new SqliteStorage(await openSqlite('runs.db'));
 */
export class SqliteStorage extends KyselyStorage {
  constructor(db: Kysely<Database>, options: KyselyStorageOptions = {}) {
    super(db, sqliteDialect, options);
  }
}
