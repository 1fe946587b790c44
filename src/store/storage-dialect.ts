import type { Kysely } from 'kysely';

/**
 * The little that differs between SQL backends; everything else in `KyselyStorage` is portable
 * Kysely query builder code.
 *
 * @example
 * const postgresDialect: StorageDialect = {
 *   writeTransaction: (db, fn) => db.transaction().execute(fn),
 *   maxParameters: 65_535,
 * };
 */
export interface StorageDialect {
  /**
   * Run `fn` in a transaction that holds the write lock from its first statement, commit if it
   * resolves, roll back if it throws. `fn` must use the `trx` it is given, never the outer `db`.
   */
  writeTransaction<DB, T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T>;
  /** Most bound parameters one statement may carry; bulk inserts are chunked below it. */
  readonly maxParameters: number;
}
