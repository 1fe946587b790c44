import { accessSync, constants, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createRequire } from 'node:module';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { assertKnownSchema, migrateToLatest } from '../migrate.ts';
import type { Database } from '../schema.ts';
import { StoreError } from '../store-error.ts';
import { SQLITE_BUSY_TIMEOUT_MS, sqliteDialect } from './sqlite-storage.ts';
import { withStatementCache } from './statement-cache.ts';

export interface OpenSqliteOptions {
  /** Apply pending migrations (default true). With false, a database from a newer regsweep is still refused. */
  migrate?: boolean;
  /**
   * The file must exist (default false: a missing file is created), else a StoreError `no-database`; its
   * journal mode is left as it is (regsweep's files are in WAL mode already), so opening writes nothing.
   */
  mustExist?: boolean;
}

/**
 * Open (creating if needed) an SQLite database file for regsweep: WAL journal, 10 s busy timeout,
 * foreign keys on, schema migrated. Before anything is written it checks that the file is an SQLite
 * database, that it is regsweep's (or empty), and that it was not written by a newer regsweep; a file
 * failing those checks is left untouched.
 *
 * @example
 * const db = await openSqlite('runs.db');
 * const store = new SqliteStorage(db);
 */
export async function openSqlite(path: string, options: OpenSqliteOptions = {}): Promise<Kysely<Database>> {
  const mustExist = (options.mustExist ?? false) && path !== ':memory:';
  if (mustExist && !existsSync(path)) throw new StoreError('no-database', `no database at ${path} (regsweep run creates one)`);
  let handle: BetterSqlite3.Database;
  try {
    handle = new BetterSqlite3(path, { timeout: SQLITE_BUSY_TIMEOUT_MS, fileMustExist: mustExist, nativeBinding: nativeBinding() });
  } catch (error) {
    if (mustExist && (error as { code?: string }).code === 'SQLITE_CANTOPEN' && !existsSync(path)) {
      throw new StoreError('no-database', `no database at ${path} (regsweep run creates one)`, { cause: error });
    }
    throw cannotOpen(path, error) ?? new StoreError('open-failed', `Cannot open database ${path}: ${messageOf(error)}`, { cause: error });
  }
  try {
    // Connection settings only: nothing below writes to the file until the checks have passed.
    handle.pragma('foreign_keys = ON');
    checkIsRegsweepFile(handle, path);
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(handle) }) });
    await assertKnownSchema(db, path);
    // A file that must exist is opened for reading as it is: switching its journal would write to it.
    if (!mustExist) handle.pragma('journal_mode = WAL');
    // In WAL mode NORMAL only syncs at checkpoints: a power cut may lose the last commits, never consistency.
    handle.pragma('synchronous = NORMAL');
    if (options.migrate ?? true) await migrateToLatest(db, { dialect: sqliteDialect, label: path });
    return db;
  } catch (error) {
    if (handle.open) handle.close();
    throw readOnly(error, path) ?? error;
  }
}

let addon: string | undefined | null = null;
/**
 * The path of better-sqlite3's compiled addon where an ordinary install puts it, so that opening does not
 * go through the \`bindings\` package's search of a dozen folders (most of a read command's start-up
 * after Node's own); undefined (that search) when it is elsewhere.
 */
function nativeBinding(): string | undefined {
  if (addon === null) {
    try {
      addon = createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');
    } catch {
      addon = undefined;
    }
  }
  return addon;
}

/** SQLite's read-only errors (a write, or WAL's shared-memory file, refused) as one actionable line. */
function readOnly(error: unknown, path: string): StoreError | undefined {
  const driverError = error instanceof StoreError ? error.cause : error;
  const code = (driverError as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_READONLY')) return undefined;
  return new StoreError(
    'read-only',
    `${path} is read-only: regsweep needs to write to it (and beside it, for its -wal and -shm files); fix the permissions or pass another path. The file was not modified.`,
    { cause: error },
  );
}

/** The first read of the file: is it SQLite at all, and if it has tables, are they regsweep's? */
function checkIsRegsweepFile(handle: BetterSqlite3.Database, path: string): void {
  let tables: string[];
  try {
    tables = handle.prepare<[], { name: string }>(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\'",
    ).all().map((r) => r.name);
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new StoreError(
        'not-a-database',
        `${path} is not an SQLite database (file is not a database); pass the path of a regsweep .db file or a new file name.`,
        { cause: error },
      );
    }
    throw cannotOpen(path, error) ?? new StoreError('open-failed', `Cannot read database ${path}: ${messageOf(error)}`, { cause: error });
  }
  if (tables.length > 0 && !tables.includes('kysely_migration')) {
    throw new StoreError(
      'foreign-database',
      `${path} is an SQLite database but not a regsweep one (it has tables ${tables.slice(0, 5).join(', ')}` +
        `${tables.length > 5 ? ', ...' : ''} and no schema record); pass another path. The file was not modified.`,
    );
  }
}

/**
 * Why SQLite could not open a file, when its folder is to blame: missing, or not writable (a read-only
 * mount, permissions) while SQLite must write beside the file (a new file, or the -wal and -shm files).
 */
function cannotOpen(path: string, error: unknown): StoreError | undefined {
  if (path === ':memory:') return undefined;
  const dir = dirname(resolve(path));
  if (!existsSync(dir)) {
    return new StoreError('open-failed', `${path}: cannot open the database: folder ${dir} does not exist; create it or pass another --db path.`, { cause: error });
  }
  try {
    accessSync(dir, constants.W_OK);
  } catch (denied) {
    const code = (denied as NodeJS.ErrnoException).code ?? 'EACCES';
    const where = code === 'EROFS' ? 'is on a read-only file system' : 'is not writable';
    return new StoreError(
      'read-only',
      `${path}: cannot open the database: its folder ${where} (${code}), and regsweep writes beside the file (its -wal and -shm files); ` +
        `copy it to a writable folder or fix the permissions.${existsSync(path) ? ' The file was not modified.' : ''}`,
      { cause: error },
    );
  }
  return undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
