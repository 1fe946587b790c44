import { sql, type Kysely } from 'kysely';
import { KyselyStorage, type KyselyStorageOptions } from '../kysely-storage.ts';
import type { Database } from '../schema.ts';
import { manualTransaction } from '../manual-transaction.ts';
import type { StorageDialect } from '../storage-dialect.ts';

/** SQLSTATEs after which the whole transaction may simply be run again. */
const RETRYABLE = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected

/** How many times a write transaction is tried before its deadlock is the caller's problem. */
const MAX_ATTEMPTS = 4;

/** Key of the advisory lock that serializes migrations (any constant; `regsweep` in ASCII). */
const MIGRATION_LOCK = 0x72_65_67_73_77_65_65_70n;

/**
 * PostgreSQL's part of the storage. Writers do not exclude each other, so a write transaction is a plain
 * READ COMMITTED `BEGIN ... COMMIT`: row locks and the statements' own conditions (`WHERE status =
 * 'queued'`, `ON CONFLICT DO NOTHING`) keep concurrent writers correct. Concurrent multi-row updates can
 * deadlock; PostgreSQL then aborts one, and it is run again from the start. `claimNext` may skip rows
 * other claimers have locked.
 *
 * @example
 * await postgresDialect.writeTransaction(db, async (trx) => { await trx.insertInto('sweeps')...; });
 */
export const postgresDialect: StorageDialect = {
  // The wire protocol counts bind parameters in 16 bits.
  maxParameters: 65_535,
  skipLocked: true,
  json: {
    metricsObject: sql`json_object_agg(key, value order by key)`,
    paramsArray: sql`json_agg(json_build_array(name, value_num, value_text, value_type) order by name)`,
    paramsText: sql<string>`json_agg(json_build_array(name, value_num, value_text, value_type) order by name)::text`,
    arrayOf: (value, orderBy) => sql`json_agg(${value} order by ${orderBy})`,
  },
  jsonNumber: (column, path) => {
    const at = `{${path.join(',')}}`;
    return sql<number | null>`(case when json_typeof(${sql.ref(column)}::json #> ${at}::text[]) = 'number' then (${sql.ref(column)}::json #>> ${at}::text[])::double precision end)`;
  },
  // clock_timestamp(), not now(): now() is when the transaction began.
  now: sql<string>`to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,

  async writeTransaction<DB, T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await db.transaction().execute(fn);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (attempt >= MAX_ATTEMPTS || typeof code !== 'string' || !RETRYABLE.has(code)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 10 * attempt * Math.random()));
      }
    }
  },
};

/**
 * The write transaction `migrateToLatest` runs in on PostgreSQL: it first takes a transaction-scoped
 * advisory lock, so processes opening a new database at the same moment migrate it once, in turn (the
 * second finds the schema current). Kysely's own migration lock is taken after it creates its tables,
 * and released before our transaction commits, so it is not enough on its own. The transaction is begun
 * by hand on one connection rather than with `db.transaction()`, because Kysely's `Migrator` asks its
 * `db` for `connection()`, which a Kysely `Transaction` refuses.
 *
 * @example
 * await migrateToLatest(db, { dialect: postgresMigrationDialect, label: 'postgres://db/runs' });
 */
export const postgresMigrationDialect: Pick<StorageDialect, 'writeTransaction'> = {
  writeTransaction<DB, T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
    return manualTransaction(db, async (conn) => { await sql`begin`.execute(conn); }, async (conn) => {
      await sql`select pg_advisory_xact_lock(${sql.lit(MIGRATION_LOCK)})`.execute(conn);
      return fn(conn);
    });
  },
};

/**
 * `Storage` over a PostgreSQL database opened with `openPostgres` (a `pg` pool, migrated).
 *
 * @example
 * const store = new PostgresStorage(await openPostgres('postgres://sweeper@db.example.com/regsweep'));
 */
export class PostgresStorage extends KyselyStorage {
  constructor(db: Kysely<Database>, options: KyselyStorageOptions = {}) {
    super(db, postgresDialect, options);
  }
}
