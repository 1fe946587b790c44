import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { FilterExpr, ParsedFilter, Predicate } from './ast.ts';
import { valueMatch } from './compile.ts';

/** What the query around the filter looks like. */
export interface StrategyContext {
  /** trials in the sweeps in scope, before the filter */
  scopeSize: number;
  /** rows wanted; undefined for all */
  limit: number | undefined;
  /** whether trials are read in their final order (by id, or along a value index), so a scan can stop after `limit` matches */
  ordered: boolean;
}

/**
 * Choose how to compile a filter: `in` lists (each param/metric condition read once from its value index)
 * or `correlated` probes (each trial checked by primary key, in id order). The lists cost about the rows
 * they hold; the probes cost the trials scanned before `limit` matches are found, which is small when a
 * page is wanted and matches are common. The match count of each top-level AND condition on a param or
 * metric is counted on its value index (a covering index scan, a few ms for 50k rows) and combined as if
 * independent. Without a limit, or sorted so that every trial must be read first, the probes would visit
 * every trial: lists.
 *
 * @example
 * const correlated = await chooseCorrelated(db, parsed, { scopeSize: 100_000, limit: 50, ordered: true });
 * db.selectFrom('trials').where(compileFilter(parsed, { correlated }));
 */
export async function chooseCorrelated(db: Kysely<Database>, parsed: ParsedFilter, context: StrategyContext): Promise<boolean> {
  const { scopeSize, limit, ordered } = context;
  if (limit === undefined || !ordered || scopeSize === 0) return false;
  const counts: number[] = [];
  for (const predicate of conjuncts(parsed.expr)) {
    const match = valueMatch(parsed, predicate);
    if (!match || match.negate) continue;
    const row = await db.selectFrom(match.query.as('x')).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    counts.push(Number(row.n));
  }
  if (counts.length === 0) return false;
  const fraction = counts.reduce((f, n) => f * Math.min(1, n / scopeSize), 1);
  const scanned = Math.min(scopeSize, limit / Math.max(fraction, 1 / scopeSize));
  // A list row costs about twice a probe: it is read from the index, fetched from the table and inserted.
  const listCost = 2 * counts.reduce((sum, n) => sum + n, 0);
  const probeCost = scanned * counts.length;
  return probeCost < listCost;
}

/** The conditions joined by the top-level ANDs; anything else is one condition, or none if not a predicate. */
function conjuncts(expr: FilterExpr): Predicate[] {
  if (expr.type === 'and') return [...conjuncts(expr.left), ...conjuncts(expr.right)];
  if (expr.type === 'or' || expr.type === 'not') return [];
  return [expr];
}
