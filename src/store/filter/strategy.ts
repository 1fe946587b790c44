import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { FilterExpr, ParsedFilter, Predicate } from './ast.ts';
import { compileFilter, valueMatch, type IdQuery } from './compile.ts';

/** What the query around the filter looks like. */
export interface StrategyContext {
  /** trials in the sweeps in scope, before the filter */
  scopeSize: number;
  /** rows wanted; undefined for all */
  limit: number | undefined;
  /** whether trials are read in their final order (by id, or along a value index), so a scan can stop after `limit` matches */
  ordered: boolean;
}

/** How to run a filter: the filter to compile (its top-level conditions reordered) and whether to probe per trial. */
export interface FilterPlan {
  parsed: ParsedFilter;
  correlated: boolean;
}

/**
 * Plan a filter. The match count of each top-level AND condition on a param or metric is counted on its value
 * index (a covering index scan, a few ms for 50k rows), and those conditions are put first, fewest matches
 * first: SQLite builds every `trials.id in (...)` list but looks trials up from the first one only (72,000
 * lookups instead of 17,000 for `params.lambda < 0.01 and metrics.test_accuracy > 0.9`), and per-trial
 * probes stop at the first condition that fails. The other conditions follow in their order.
 *
 * Then choose `in` lists (each param/metric condition read once from its value index) or `correlated` probes
 * (each trial checked by primary key, in id order). The lists cost about the rows they hold; the probes cost
 * the trials scanned before `limit` matches are found, which is small when a page is wanted and matches are
 * common; the counts are combined as if independent. Without a limit, or sorted so that every trial must be
 * read first, the probes would visit every trial: lists.
 *
 * @example
 * const plan = await planFilter(db, parsed, { scopeSize: 100_000, limit: 50, ordered: true });
 * db.selectFrom('trials').where(compileFilter(plan.parsed, { correlated: plan.correlated }));
 */
export async function planFilter(db: Kysely<Database>, parsed: ParsedFilter, context: StrategyContext): Promise<FilterPlan> {
  const { scopeSize, limit, ordered } = context;
  compileFilter(parsed); // a filter with several type errors reports the first in the text, whatever the order below
  const conditions = topLevel(parsed.expr);
  const matches = new Map<FilterExpr, IdQuery>();
  for (const c of conditions) {
    const match = isPredicate(c) ? valueMatch(parsed, c) : undefined;
    if (match && !match.negate) matches.set(c, match.query);
  }
  const choosing = limit !== undefined && ordered && scopeSize > 0;
  if (matches.size === 0 || (matches.size === 1 && !choosing)) return { parsed, correlated: false };

  const counts = new Map<FilterExpr, number>();
  for (const [condition, query] of matches) {
    const row = await db.selectFrom(query.as('x')).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    counts.set(condition, Number(row.n));
  }
  const first = [...counts.keys()].sort((a, b) => counts.get(a)! - counts.get(b)!);
  const rest = conditions.filter((c) => !counts.has(c));
  const reordered = first.some((c, i) => c !== conditions[i]) ? { ...parsed, expr: andOf([...first, ...rest]) } : parsed;
  if (!choosing) return { parsed: reordered, correlated: false };

  const n = [...counts.values()];
  const fraction = n.reduce((f, k) => f * Math.min(1, k / scopeSize), 1);
  const scanned = Math.min(scopeSize, limit / Math.max(fraction, 1 / scopeSize));
  // A list row costs about twice a probe: it is read from the index, fetched from the table and inserted.
  const listCost = 2 * n.reduce((sum, k) => sum + k, 0);
  const probeCost = scanned * n.length;
  return { parsed: reordered, correlated: probeCost < listCost };
}

/**
 * Whether to compile a filter as per-trial probes (see `planFilter`).
 *
 * @example
 * const correlated = await chooseCorrelated(db, parsed, { scopeSize: 100_000, limit: 50, ordered: true });
 * db.selectFrom('trials').where(compileFilter(parsed, { correlated }));
 */
export async function chooseCorrelated(db: Kysely<Database>, parsed: ParsedFilter, context: StrategyContext): Promise<boolean> {
  return (await planFilter(db, parsed, context)).correlated;
}

/** The conditions joined by the top-level ANDs, in order; anything else is one condition. */
function topLevel(expr: FilterExpr): FilterExpr[] {
  return expr.type === 'and' ? [...topLevel(expr.left), ...topLevel(expr.right)] : [expr];
}

function isPredicate(expr: FilterExpr): expr is Predicate {
  return expr.type !== 'and' && expr.type !== 'or' && expr.type !== 'not';
}

/** `a and b and c` as the parser builds it (left-nested). */
function andOf(conditions: FilterExpr[]): FilterExpr {
  return conditions.reduce((left, right) => ({ type: 'and', left, right }));
}
