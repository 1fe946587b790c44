import { DEFAULT_MIGRATION_TABLE, Migrator, type Kysely, type MigrationProvider } from 'kysely';
import { migrations } from '../../migrations/index.ts';
import type { StorageDialect } from './storage-dialect.ts';
import { StoreError } from './store-error.ts';

/**
 * Hands Kysely's `Migrator` the statically imported migrations (no folder scanning).
 *
 * @example
 * new Migrator({ db, provider: migrationProvider });
 */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};

/** Where a database's schema stands relative to this code. */
export interface SchemaStatus {
  /** migrations recorded in the database that this code knows, in order */
  applied: string[];
  /** migrations this code has that the database lacks */
  pending: string[];
  /** migrations recorded in the database that this code does not know: written by a newer regsweep */
  unknown: string[];
}

/**
 * Read (never write) which migrations a database has.
 *
 * @example
 * const { pending } = await schemaStatus(db);
 * if (pending.length > 0) console.log(`run \`regsweep db migrate\` to apply ${pending.join(', ')}`);
 */
export async function schemaStatus(db: Kysely<any>): Promise<SchemaStatus> {
  const known = Object.keys(migrations).sort();
  const read = async () => (await db.selectFrom(DEFAULT_MIGRATION_TABLE).select('name').execute()).map((r) => r.name as string);
  let recorded: string[];
  try {
    recorded = await read();
  } catch {
    // Only a database never migrated lacks the table. Looking at every table's columns (introspection) is
    // the slow way to see that, so it is done only when the read failed: a read command's every start
    // saves it. The table may have been created meanwhile by another process migrating the same new file.
    const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
    recorded = tables.some((t) => t.name === DEFAULT_MIGRATION_TABLE) ? await read() : [];
  }
  const recordedSet = new Set(recorded);
  return {
    applied: known.filter((name) => recordedSet.has(name)),
    pending: known.filter((name) => !recordedSet.has(name)),
    unknown: recorded.filter((name) => !(name in migrations)).sort(),
  };
}

/**
 * Throw if the database was migrated by a newer regsweep. Reads only, so a refused database is left
 * exactly as it was.
 *
 * @example
 * await assertKnownSchema(db, 'runs.db'); // throws StoreError 'schema-too-new'
 */
export async function assertKnownSchema(db: Kysely<any>, label: string): Promise<SchemaStatus> {
  const status = await schemaStatus(db);
  if (status.unknown.length > 0) {
    throw new StoreError(
      'schema-too-new',
      `${label} was written by a newer version of regsweep (unknown schema migration${status.unknown.length > 1 ? 's' : ''} ` +
        `${status.unknown.join(', ')}); upgrade regsweep to use it. The database was not modified.`,
    );
  }
  return status;
}

/** What `migrateToLatest` did. */
export interface MigrationReport {
  /** migrations applied by this call, in order (empty if the schema was current) */
  applied: string[];
  /** the last migration the database now has */
  schemaVersion: string | null;
}

export interface MigrateOptions {
  /** how to take the write lock: `sqliteDialect` for SQLite, `postgresMigrationDialect` for PostgreSQL */
  dialect: Pick<StorageDialect, 'writeTransaction'>;
  /** names the database in error messages, e.g. its path */
  label: string;
}

/**
 * Bring a database to the latest schema with Kysely's `Migrator`. Refuses (without writing) a database
 * from a newer regsweep. The whole run is one write transaction that takes the lock up front (SQLite's
 * write lock; an advisory lock on PostgreSQL, whose DDL is transactional too), so processes opening a new
 * database at the same moment migrate it once, in turn.
 *
 * @example
 * const { applied } = await migrateToLatest(db, { dialect: sqliteDialect, label: 'runs.db' });
 * console.log(applied.length ? `applied ${applied.join(', ')}` : 'schema is up to date');
 */
export async function migrateToLatest(db: Kysely<any>, options: MigrateOptions): Promise<MigrationReport> {
  const { dialect, label } = options;
  const before = await assertKnownSchema(db, label);
  if (before.pending.length === 0) {
    return { applied: [], schemaVersion: before.applied.at(-1) ?? null };
  }
  const results = await dialect.writeTransaction(db, async (trx) => {
    // Our own transaction holds the lock, so the Migrator must not open another one.
    const migrator = new Migrator({ db: trx, provider: migrationProvider, disableTransactions: true });
    const { error, results } = await migrator.migrateToLatest();
    if (error !== undefined) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName;
      const reason = error instanceof Error ? error.message : String(error);
      throw new StoreError(
        'migration-failed',
        `Migrating ${label} failed${failed ? ` in ${failed}` : ''}: ${reason}. Nothing was changed; ` +
          'fix the cause (disk full, read-only file, another program holding a lock?) and run `regsweep db migrate` again.',
        { cause: error },
      );
    }
    return results ?? [];
  });
  const applied = results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
  const after = Object.keys(migrations).sort();
  return { applied, schemaVersion: after.at(-1) ?? null };
}
