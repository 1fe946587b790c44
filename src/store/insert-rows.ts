import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

type Row<T extends keyof Database> = { [C in keyof Database[T]]?: unknown };

/**
 * Multi-row INSERTs whose SQL is built by Kysely once per table, columns and row count, then reused with the
 * new rows' values. Building and compiling an insert of n rows is O(n) object work on every call, about as
 * much as SQLite's own work for the 50 curve points and 12 metrics a finished trial records; the text depends
 * only on the shape, so it is worth keeping.
 *
 * Kysely binds a multi-row insert's values row by row, in the order of the first row's keys: the first time a
 * shape is met, its compiled parameters are checked to be exactly that, and a shape that does not pass is
 * simply never reused (it is then built every time, as without this cache).
 *
 * @example
 * const inserts = new InsertRows();
 * await inserts.insert(trx, 'metrics', [{ trial_id: 1, key: 'loss', value: 0.5 }]);
 */
export class InsertRows {
  /** SQL text by `table columns rows`; null for a shape whose parameters did not come out row by row */
  private readonly sql = new Map<string, string | null>();

  async insert<T extends keyof Database & string>(db: Kysely<Database>, table: T, rows: readonly Row<T>[]): Promise<void> {
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0]!);
    const key = `${table} ${columns.join(',')} ${rows.length}`;
    const text = this.sql.get(key);
    const parameters: unknown[] = [];
    for (const row of rows) for (const c of columns) parameters.push((row as Record<string, unknown>)[c]);
    if (typeof text === 'string' && rows.every((r) => sameKeys(r, columns))) {
      await db.executeQuery(CompiledQuery.raw(text, parameters));
      return;
    }
    const compiled = db.insertInto(table).values(rows as never).compile();
    if (text === undefined) this.sql.set(key, sameValues(compiled.parameters, parameters) ? compiled.sql : null);
    await db.executeQuery(compiled);
  }
}

function sameKeys(row: object, columns: readonly string[]): boolean {
  const keys = Object.keys(row);
  return keys.length === columns.length && keys.every((k, i) => k === columns[i]);
}

function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}
