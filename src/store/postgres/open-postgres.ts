import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { assertKnownSchema, migrateToLatest } from '../migrate.ts';
import type { Database } from '../schema.ts';
import { StoreError } from '../store-error.ts';
import { CONNECT_TIMEOUT_MS, connectError } from './postgres-errors.ts';
import { postgresMigrationDialect } from './postgres-storage.ts';
import { parsePostgresUrl, redactPostgresUrl, type PostgresTarget } from './postgres-url.ts';

export interface OpenPostgresOptions {
  /** Apply pending migrations (default true). With false, a database from a newer regsweep is still refused. */
  migrate?: boolean;
  /** Most connections the pool opens (default 10). */
  maxConnections?: number;
}

/** Oldest server supported: identity columns need 10 (`FOR UPDATE SKIP LOCKED` needs 9.5). */
const MIN_SERVER_VERSION = 100_000;

/**
 * Open a regsweep database on a PostgreSQL server through a `pg` pool: connect (one clear line if the
 * server cannot be reached, the login fails or the database does not exist, never showing the password),
 * check that the database is regsweep's (or empty) and not from a newer regsweep, then migrate. The
 * database must exist; tables go in the connection's current schema (normally `public`).
 *
 * @example
 * const db = await openPostgres('postgres://sweeper:secret@db.example.com:5432/regsweep');
 * const store = new PostgresStorage(db);
 */
export async function openPostgres(url: string, options: OpenPostgresOptions = {}): Promise<Kysely<Database>> {
  const target = parsePostgresUrl(url);
  if (!target) {
    throw new StoreError(
      'unsupported-url',
      `Cannot parse the PostgreSQL URL ${redactPostgresUrl(url)}; the form is postgres://user:password@host:5432/database ` +
        '(percent-encode special characters in the password).',
    );
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    application_name: 'regsweep',
    types: { getTypeParser: typeParser },
  });
  // An idle pooled connection the server dropped: pg discards it and the next query opens a new one.
  // Without a listener the 'error' event would crash the process.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw connectError(error, target);
  }

  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await checkServerVersion(db, target);
    await checkIsRegsweepDatabase(db, target);
    await assertKnownSchema(db, target.label);
    if (options.migrate ?? true) await migrateToLatest(db, { dialect: postgresMigrationDialect, label: target.label });
    return db;
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error;
  }
}

/**
 * Counts (`count(*)`), sums and the `bigint` seed column come back from pg as strings, to be safe
 * beyond 2^53; regsweep's values are far below, so this pool parses them as numbers.
 */
function typeParser(oid: number, format?: string): (value: string) => unknown {
  if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) return Number;
  return pg.types.getTypeParser(oid, format as 'text');
}

async function checkServerVersion(db: Kysely<Database>, target: PostgresTarget): Promise<void> {
  const { rows } = await sql<{ v: string }>`select current_setting('server_version_num') as v`.execute(db);
  const version = Number(rows[0]?.v);
  if (version < MIN_SERVER_VERSION) {
    throw new StoreError(
      'open-failed',
      `PostgreSQL at ${target.host}:${target.port} is version ${Math.floor(version / 10_000)}; regsweep needs PostgreSQL 10 or newer.`,
    );
  }
}

/** Refuse (without writing) a database whose current schema holds tables but no regsweep schema record. */
async function checkIsRegsweepDatabase(db: Kysely<Database>, target: PostgresTarget): Promise<void> {
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'
    order by table_name`.execute(db);
  const tables = rows.map((r) => r.name);
  if (tables.length > 0 && !tables.includes('kysely_migration')) {
    throw new StoreError(
      'foreign-database',
      `${target.label} is a PostgreSQL database but not a regsweep one (it has tables ${tables.slice(0, 5).join(', ')}` +
        `${tables.length > 5 ? ', ...' : ''} and no schema record); pass another database, or create one with ` +
        `\`createdb <name>\`. The database was not modified.`,
    );
  }
}
