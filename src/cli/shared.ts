import { DataError } from '../data/data-error.ts';
import { type OpenedStore, StoreError, openStore } from '../store/index.ts';
import { SweepConfigError } from '../sweep/sweep-error.ts';

/** Flags every command that reads or writes runs shares. */
export const dbArgs = {
  db: {
    type: 'string',
    description: 'database: an SQLite file path, or a postgres://user:password@host:5432/dbname URL (default $REGSWEEP_DB or ./regsweep.db)',
    valueHint: 'path',
  },
} as const;

/** The database the user asked for. */
export function dbPath(args: { db?: string }): string {
  return args.db ?? process.env.REGSWEEP_DB ?? 'regsweep.db';
}

/** Open the store, run `fn`, always close. */
export async function withStore<T>(args: { db?: string }, fn: (store: OpenedStore) => Promise<T>): Promise<T> {
  const store = await openStore(dbPath(args));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** A mistake in how a command was called: printed as is, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * Wrap a command's run: errors a user can act on print as one clean message and set the exit code
 * (2 for bad input, 1 otherwise); anything else prints its stack.
 */
export function handled<A>(run: (ctx: { args: A }) => Promise<number | void>): (ctx: { args: A }) => Promise<void> {
  return async (ctx) => {
    try {
      const code = await run(ctx);
      if (typeof code === 'number') process.exitCode = code;
    } catch (err) {
      if (err instanceof SweepConfigError || err instanceof UsageError || err instanceof DataError) {
        console.error(`regsweep: ${err.message}`);
        process.exitCode = 2;
      } else if (err instanceof StoreError) {
        console.error(`regsweep: ${err.message}`);
        process.exitCode = 1;
      } else {
        console.error(err);
        process.exitCode = 1;
      }
    }
  };
}

/** Format a number for tables: 4 significant digits, small numbers in exponent form. */
export function fmt(v: unknown): string {
  if (typeof v !== 'number') return v === null || v === undefined ? '' : String(v);
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e6) return String(v);
  if (v !== 0 && Math.abs(v) < 1e-3) return v.toExponential(2).replace(/\.?0+e/, "e");
  return Number(v.toPrecision(4)).toString();
}
