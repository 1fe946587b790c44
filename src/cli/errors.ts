import { DataError } from '../data/data-error.ts';
import { FilterError } from '../store/filter/filter-error.ts';
import { TrialQueryError } from '../store/query-trials.ts';
import { StoreError } from '../store/store-error.ts';
import { SweepConfigError } from '../sweep/sweep-error.ts';

/** A mistake in how a command was called: printed as is, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * The operating system refused something (disk full, permission denied, a missing folder, a read-only
 * file system): printed as is, exit code 1. The message names the path, what happened and what to do.
 */
export class SystemError extends Error {
  override name = 'SystemError';
}

/** What the user should read for an OS or SQLite error code: what happened, and what to do. */
const SYSTEM_CODES: Record<string, { what: string; todo: string }> = {
  ENOSPC: { what: 'disk full', todo: 'free some space and run the same command again' },
  SQLITE_FULL: { what: 'disk full', todo: 'free some space (or move the database) and run the same command again' },
  EDQUOT: { what: 'disk quota exceeded', todo: 'free some space and run the same command again' },
  EACCES: { what: 'permission denied', todo: 'fix the permissions or choose another path' },
  EPERM: { what: 'operation not permitted', todo: 'fix the permissions or choose another path' },
  EROFS: { what: 'read-only file system', todo: 'choose a path on a writable file system' },
  ENOENT: { what: 'no such file or folder', todo: 'check the path (a folder to write into must exist)' },
  ENOTDIR: { what: 'a part of the path is not a folder', todo: 'check the path' },
  EISDIR: { what: 'is a folder', todo: 'give a file name' },
  SQLITE_READONLY: { what: 'the database is read-only', todo: 'fix its permissions (and its folder\'s, for the -wal and -shm files) or pass another --db' },
  SQLITE_CANTOPEN: { what: 'cannot open the database file', todo: 'check that its folder exists and is writable' },
  SQLITE_IOERR: { what: 'input/output error', todo: 'check the disk, free some space, and run the same command again' },
};

/** The first error in a cause chain that carries a code known to `SYSTEM_CODES`, and that code's entry. */
function systemCause(error: unknown): { code: string; path?: string; hint: { what: string; todo: string } } | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    const raw = (e as { code?: unknown }).code;
    if (typeof raw !== 'string') continue;
    // SQLITE_READONLY_DBMOVED, SQLITE_IOERR_WRITE, ...: the family says what the user needs to know.
    const code = raw in SYSTEM_CODES ? raw : raw.replace(/^(SQLITE_[A-Z]+)_.*$/, '$1');
    const hint = SYSTEM_CODES[code];
    if (hint) return { code: raw, path: (e as { path?: string }).path, hint };
  }
  return undefined;
}

/**
 * An OS or SQLite error as one line `PATH: what happened (CODE); what to do`, or undefined for any
 * other error. `fallbackPath` names the file when the error does not (SQLite's do not).
 *
 * @example
 * systemErrorLine(sqliteFullError, 'runs.db')
 * // 'runs.db: disk full (SQLITE_FULL); free some space (or move the database) and run the same command again. ...'
 */
export function systemErrorLine(error: unknown, fallbackPath?: string): string | undefined {
  const found = systemCause(error);
  if (!found) return undefined;
  const path = found.path ?? fallbackPath;
  const kept = found.code.startsWith('SQLITE') ? ' Everything recorded before is kept.' : '';
  return `${path ? `${path}: ` : ''}${found.hint.what} (${found.code}); ${found.hint.todo}.${kept}`;
}

/**
 * Errors of the query layer as the CLI shows them: a bad filter with its caret, an unknown sweep, as
 * `UsageError` (exit code 2). Anything else is returned unchanged.
 *
 * @example
 * try { await queryTrials(store, q); } catch (e) { throw asUsageError(e); }
 */
export function asUsageError(error: unknown): unknown {
  if (error instanceof FilterError) {
    return new UsageError(`invalid ${error.subject}: ${error.message}\n${error.snippet()}`, { cause: error });
  }
  if (error instanceof TrialQueryError) return new UsageError(error.message, { cause: error });
  return error;
}

/** The exit code and the text to print for an error that reached a command's top; undefined text: print the stack. */
export function describeError(error: unknown): { code: number; text: string | undefined } {
  if (error instanceof SweepConfigError || error instanceof UsageError || error instanceof DataError) return { code: 2, text: error.message };
  if (error instanceof StoreError) return { code: error.code === 'no-database' ? 2 : 1, text: error.message };
  if (error instanceof SystemError) return { code: 1, text: error.message };
  const system = systemErrorLine(error);
  if (system) return { code: 1, text: system };
  return { code: 1, text: undefined };
}

/**
 * Wrap a command's run: errors a user can act on print as one `regsweep: ...` message and set the exit
 * code (2 for bad input, 1 otherwise); anything else prints its stack (a bug to report).
 *
 * @example
 * export default defineCommand({ meta, args, run: handled(async ({ args }) => { ...; return 0; }) });
 */
export function handled<A>(run: (ctx: { args: A }) => Promise<number | void>): (ctx: { args: A }) => Promise<void> {
  return async (ctx) => {
    try {
      const code = await run(ctx);
      if (typeof code === 'number') process.exitCode = code;
    } catch (err) {
      const { code, text } = describeError(err);
      console.error(text === undefined ? err : `regsweep: ${text}`);
      process.exitCode = code;
    }
  };
}
