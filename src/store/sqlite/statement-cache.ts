import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/**
 * Kysely's SQLite driver prepares every query anew; preparing costs about as much as running the small
 * statements the store issues. This wraps a better-sqlite3 handle in the two-method subset Kysely calls
 * (`prepare`, `close`) and keeps the most recently used statements, keyed by their SQL text.
 *
 * Reuse is safe because Kysely's SQLite driver runs one query at a time on its single connection, and a
 * statement that is streaming holds that connection until it is done.
 *
 * @example
 * new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(handle) }) });
 */
export function withStatementCache(handle: BetterSqlite3.Database, capacity = 200): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => handle.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql); // re-insert: Map order is recency order
      } else {
        statement = handle.prepare(sql);
        if (cache.size >= capacity) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}
