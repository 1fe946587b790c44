import { type OpenedStore, openStore } from '../store/open-store.ts';
import { StoreError } from '../store/store-error.ts';
import { SystemError, systemErrorLine } from './errors.ts';
import { dbPath } from './options.ts';

/**
 * Open the store the flags name, run `fn`, always close. `mode: 'read'` (listings, reports, exports)
 * never creates or migrates a database: a missing file is `no database at PATH`, exit code 2. An OS
 * or SQLite failure (disk full, read-only) becomes one line naming the database (`SystemError`).
 *
 * @example
 * const sweeps = await withStore(args, 'read', (store) => store.listSweeps());
 */
export async function withStore<T>(args: { db?: string }, mode: 'read' | 'write', fn: (store: OpenedStore) => Promise<T>): Promise<T> {
  const path = dbPath(args);
  let store: OpenedStore;
  try {
    store = await openStore(path, mode === 'read' ? { mustExist: true, migrate: false } : {});
  } catch (error) {
    throw asSystemError(error, path);
  }
  try {
    return await fn(store);
  } catch (error) {
    throw asSystemError(error, path);
  } finally {
    await store.close().catch(() => undefined);
  }
}

/** An OS or SQLite error as a one-line SystemError naming `path`; anything else unchanged. */
function asSystemError(error: unknown, path: string): unknown {
  if (error instanceof StoreError) return error;
  const line = systemErrorLine(error, path);
  return line ? new SystemError(line, { cause: error }) : error;
}
