import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { openSqlite } from './sqlite/open-sqlite.ts';
import { SqliteStorage } from './sqlite/sqlite-storage.ts';
import type { Storage } from './storage.ts';
import { StoreError } from './store-error.ts';

/** A `Storage` that also exposes its Kysely instance, for reports and ad hoc queries. */
export type OpenedStore = Storage & { readonly db: Kysely<Database> };

export interface OpenStoreOptions {
  /** Apply pending schema migrations on open (default true). */
  migrate?: boolean;
}

/**
 * The one place that turns a path or URL into a store. A path (or `file:` URL, or `:memory:`) is an
 * SQLite file, created and migrated if needed. `postgres://` URLs are not supported yet.
 *
 * @example
 * const store = await openStore('regsweep.db');
 * try { console.table(await store.listSweeps()); } finally { await store.close(); }
 */
export async function openStore(pathOrUrl: string, options: OpenStoreOptions = {}): Promise<OpenedStore> {
  if (/^postgres(ql)?:\/\//i.test(pathOrUrl)) {
    throw new StoreError(
      'unsupported-url',
      `PostgreSQL is not supported yet (${redactPassword(pathOrUrl)}); pass the path of an SQLite file such as regsweep.db.`,
    );
  }
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(pathOrUrl) && !pathOrUrl.startsWith('file://')) {
    throw new StoreError(
      'unsupported-url',
      `Unsupported database URL ${redactPassword(pathOrUrl)}; pass the path of an SQLite file such as regsweep.db.`,
    );
  }
  const path = pathOrUrl.startsWith('file://') ? fileURLToPath(pathOrUrl) : pathOrUrl;
  return new SqliteStorage(await openSqlite(path, options));
}

function redactPassword(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@/]*@/i, '$1***@');
}
