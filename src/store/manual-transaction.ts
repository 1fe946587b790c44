import { sql, type Kysely } from 'kysely';

/**
 * A transaction begun by hand on one connection: `begin` opens it (e.g. `BEGIN IMMEDIATE`, or `BEGIN` and
 * an advisory lock), `fn` runs on that connection, then COMMIT, or ROLLBACK if anything throws (a failed
 * rollback is ignored: the original error is what matters). For what `db.transaction()` cannot express.
 *
 * @example
 * await manualTransaction(db, (conn) => sql`begin immediate`.execute(conn).then(() => {}), (trx) => work(trx));
 */
export async function manualTransaction<DB, T>(
  db: Kysely<DB>,
  begin: (conn: Kysely<DB>) => Promise<void>,
  fn: (trx: Kysely<DB>) => Promise<T>,
): Promise<T> {
  return db.connection().execute(async (conn) => {
    await begin(conn);
    let result: T;
    try {
      result = await fn(conn);
      await sql`commit`.execute(conn);
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw error;
    }
    return result;
  });
}
