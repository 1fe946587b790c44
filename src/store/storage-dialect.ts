import type { Kysely, RawBuilder } from 'kysely';

/**
 * What differs between the SQL engines a store runs on; everything else in `KyselyStorage` is portable
 * Kysely query builder code, and no code branches on which engine it talks to. A dialect is plain data
 * and functions: `sqliteDialect` and `postgresDialect` are the two there are.
 *
 * @example
 * const postgresDialect: StorageDialect = {
 *   writeTransaction: (db, fn) => db.transaction().execute(fn),
 *   maxParameters: 65_535,
 *   skipLocked: true,
 *   json: { metricsObject: sql`json_object_agg(key, value order by key)`, paramsArray: sql`...` },
 *   jsonNumber: (column, path) => sql`case when json_typeof(${sql.ref(column)}::json #> ${`{${path}}`}) = 'number' then ...`,
 *   now: sql`to_char(clock_timestamp() at time zone 'UTC', ...)`,
 * };
 */
export interface StorageDialect {
  /**
   * Run `fn` in a transaction that holds the write lock from its first statement, commit if it
   * resolves, roll back if it throws. `fn` must use the `trx` it is given, never the outer `db`.
   */
  writeTransaction<DB, T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T>;
  /** Most bound parameters one statement may carry; bulk inserts and `in (...)` lists are chunked below it. */
  readonly maxParameters: number;
  /**
   * Whether `SELECT ... FOR UPDATE SKIP LOCKED` exists (PostgreSQL): `claimNext` then hands concurrent
   * claimers different rows instead of queueing them on one. Without it (SQLite) the single write lock
   * already serializes claims.
   */
  readonly skipLocked: boolean;
  /**
   * Per-trial aggregates as JSON: materializing a row in JavaScript costs far more than the database's work,
   * so a trial's 5 params or 11 metrics come back as one row instead of 5 or 11 (about 3x faster for 50,000
   * trials). Both backends write doubles exactly (shortest round-trip form) and order by name or key.
   */
  readonly json: {
    /** over `metrics` grouped by trial: `{ key: value, ... }` */
    readonly metricsObject: RawBuilder<unknown>;
    /** over `params` grouped by trial: `[[name, value_num, value_text, value_type], ...]` */
    readonly paramsArray: RawBuilder<unknown>;
    /** `paramsArray` as text, equal for equal params: what a query may group trials by (PostgreSQL's json has no equality) */
    readonly paramsText: RawBuilder<string>;
    /** `value` over a group's rows as one JSON array in `orderBy` order, each null kept as null */
    arrayOf(value: RawBuilder<unknown>, orderBy: RawBuilder<unknown>): RawBuilder<unknown>;
  };
  /**
   * The number at `path` inside the JSON text of `column` (`trials.config` at `['training', 'epochs']`), null
   * when the column is null or holds no number there. Read in SQL so that a caller needing two numbers of many
   * trials does not fetch and parse their whole configs.
   */
  jsonNumber(column: 'trials.config' | 'trials.summary', path: readonly string[]): RawBuilder<number | null>;
  /** The database's clock as ISO 8601 UTC text with milliseconds (`2026-12-01T10:20:00.123Z`), the form every timestamp is stored in. */
  readonly now: RawBuilder<string>;
}
