import { fileURLToPath } from 'node:url';
import type { KyselyStorage, KyselyStorageOptions } from './kysely-storage.ts';
import { migrateToLatest, schemaStatus, type MigrationReport } from './migrate.ts';
import { isPostgresUrl, redactPostgresUrl } from './postgres/postgres-url.ts';
import { openSqlite } from './sqlite/open-sqlite.ts';
import { SqliteStorage, sqliteDialect } from './sqlite/sqlite-storage.ts';
import type { Storage } from './storage.ts';
import { StoreError } from './store-error.ts';

/** What `openStore` gives: the `Storage` contract, and nothing else (no raw database handle). */
export type OpenedStore = Storage;

export interface OpenStoreOptions extends KyselyStorageOptions {
  /** Apply pending schema migrations on open (default true). */
  migrate?: boolean;
  /**
   * The database must already be a regsweep one (default false: an SQLite file is created, tables are
   * made). A missing file, or a database without regsweep's tables, is a StoreError `no-database`; with
   * `migrate: false` too, a schema that needs migrating is `schema-outdated` (reads would fail on it),
   * with advice to run `regsweep db migrate`. Commands that only read pass `{ mustExist: true, migrate: false }`.
   */
  mustExist?: boolean;
}

/**
 * The one place that turns a path or URL into a store. A path (or `file:` URL, or `:memory:`) is an
 * SQLite file, created and migrated if needed. A `postgres://` or `postgresql://` URL is a database on
 * a PostgreSQL server, which must exist; its tables are created and migrated if needed.
 *
 * @example
 * const store = await openStore('regsweep.db'); // or 'postgres://sweeper:secret@db.example.com/regsweep'
 * try { console.table(await store.listSweeps()); } finally { await store.close(); }
 */
export function openStore(pathOrUrl: string, options: OpenStoreOptions = {}): Promise<Storage> {
  return openKyselyStore(pathOrUrl, options);
}

/**
 * `openStore`, typed as the class it returns, whose Kysely instance the store's own modules (`copyStore`)
 * and tests use. Nothing outside `src/store` should need it.
 *
 * @example
 * const store = await openKyselyStore(':memory:');
 * await store.db.selectFrom('trials').selectAll().execute();
 */
export async function openKyselyStore(pathOrUrl: string, options: OpenStoreOptions = {}): Promise<KyselyStorage> {
  const { clock } = options;
  let store: KyselyStorage;
  if (isPostgresUrl(pathOrUrl)) {
    // Loaded only for a PostgreSQL URL: the pg driver is not needed, nor paid for, with an SQLite file.
    const [{ openPostgres }, { PostgresStorage }] = await Promise.all([
      import('./postgres/open-postgres.ts'), import('./postgres/postgres-storage.ts'),
    ]);
    store = new PostgresStorage(await openPostgres(pathOrUrl, options), { clock });
  } else {
    store = new SqliteStorage(await openSqlite(sqlitePath(pathOrUrl), options), { clock });
  }
  if (options.mustExist) {
    try {
      await requireRegsweepSchema(store, storeLabel(pathOrUrl), options.migrate ?? true);
    } catch (error) {
      await store.close();
      throw error;
    }
  }
  return store;
}

/** What `mustExist` promises: regsweep's tables are there, and up to date unless they were just migrated. */
async function requireRegsweepSchema(store: KyselyStorage, label: string, migrated: boolean): Promise<void> {
  const schema = await schemaStatus(store.db);
  if (schema.applied.length === 0) {
    throw new StoreError('no-database', `no database at ${label}: it has no regsweep tables (regsweep run creates them)`);
  }
  if (!migrated && schema.pending.length > 0) {
    throw new StoreError(
      'schema-outdated',
      `${label} was written by an older regsweep (schema migration${schema.pending.length > 1 ? 's' : ''} ${schema.pending.join(', ')} ` +
        `not applied); run \`regsweep db migrate --db ${label}\` to bring it up to date, then try again. The file was not modified.`,
    );
  }
}

/**
 * Create the database's tables or bring them up to date, and say what was done. `label` names the
 * database for messages (a PostgreSQL URL without its password).
 *
 * @example
 * const { label, applied } = await migrateStore('postgres://db.example.com/regsweep');
 */
export async function migrateStore(pathOrUrl: string): Promise<MigrationReport & { label: string }> {
  const postgres = isPostgresUrl(pathOrUrl);
  const label = postgres ? redactPostgresUrl(pathOrUrl) : pathOrUrl;
  const pg = postgres
    ? await Promise.all([import('./postgres/open-postgres.ts'), import('./postgres/postgres-storage.ts')])
    : undefined;
  const db = pg
    ? await pg[0].openPostgres(pathOrUrl, { migrate: false, maxConnections: 1 })
    : await openSqlite(sqlitePath(pathOrUrl), { migrate: false });
  try {
    const report = await migrateToLatest(db, { dialect: pg ? pg[1].postgresMigrationDialect : sqliteDialect, label });
    return { ...report, label };
  } finally {
    await db.destroy();
  }
}

/** Where a path or URL says the database is, for messages: PostgreSQL URLs lose their password. */
export function storeLabel(pathOrUrl: string): string {
  return isPostgresUrl(pathOrUrl) ? redactPostgresUrl(pathOrUrl) : pathOrUrl;
}

/** The SQLite file a path or `file:` URL names; any other URL is refused. */
function sqlitePath(pathOrUrl: string): string {
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(pathOrUrl) && !pathOrUrl.startsWith('file://')) {
    throw new StoreError(
      'unsupported-url',
      `Unsupported database URL ${redactPostgresUrl(pathOrUrl)}; pass the path of an SQLite file such as regsweep.db, ` +
        'or a postgres:// URL.',
    );
  }
  return pathOrUrl.startsWith('file://') ? fileURLToPath(pathOrUrl) : pathOrUrl;
}
