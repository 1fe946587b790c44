import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { ATTRIBUTES, fieldLabel, type Field, type FilterExpr, type ParsedFilter } from './ast.ts';
import { FilterError } from './filter-error.ts';
import { suggest } from './suggest.ts';

/**
 * Check that every param and metric a filter names exists somewhere in the database, so a typo is an
 * error (`unknown field "metrics.tst_accuracy" ... (did you mean "metrics.test_accuracy"?)`) rather than an
 * empty result. Each name costs one indexed lookup; the full list of names is read only to build the hint.
 *
 * @example
 * const parsed = parseFilter('metrics.tst_accuracy > 0.9');
 * await assertKnownFields(db, parsed); // throws FilterError, code 'unknown-field'
 */
export async function assertKnownFields(db: Kysely<Database>, parsed: ParsedFilter): Promise<void> {
  const seen = new Set<string>();
  for (const field of fieldsOf(parsed.expr)) {
    const label = fieldLabel(field);
    if (field.kind === 'attribute' || seen.has(label)) continue;
    seen.add(label);
    if (!(await exists(db, field))) {
      const start = parsed.spans.get(field)?.start ?? 0;
      throw new FilterError('unknown-field', `unknown field "${label}"`, parsed.source, start, {
        hint: await unknownFieldHint(db, field), field: label,
      });
    }
  }
}

/**
 * A better hint for an unknown-field error from the parser: a bare `lambda` that is a param or metric
 * name in the database becomes `did you mean "params.lambda"?`; a misspelt attribute gets its correction.
 *
 * @example
 * try { parseFilter('lambda < 0.1'); } catch (e) { throw await withFieldHint(db, e); }
 */
export async function withFieldHint(db: Kysely<Database>, error: FilterError): Promise<FilterError> {
  if (error.code !== 'unknown-field' || error.field === undefined || error.field.includes('.')) return error;
  const name = error.field;
  const { params, metrics } = await knownNames(db);
  const exact = params.includes(name) ? `params.${name}` : metrics.includes(name) ? `metrics.${name}` : undefined;
  const close = exact ?? suggest(name, Object.keys(ATTRIBUTES)) ?? suggestName(name, params, 'params')
    ?? suggestName(name, metrics, 'metrics');
  return close ? error.withHint(`did you mean "${close}"?`) : error;
}

/** Every field a filter mentions, in order. @example fieldsOf(parseFilter('seed = 1 or metrics.f1 > 0').expr).length // 2 */
export function fieldsOf(expr: FilterExpr): Field[] {
  switch (expr.type) {
    case 'and':
    case 'or': return [...fieldsOf(expr.left), ...fieldsOf(expr.right)];
    case 'not': return fieldsOf(expr.operand);
    default: return [expr.field];
  }
}

/** The distinct param names and metric keys recorded in the database, sorted. @example const { params, metrics } = await knownNames(db); */
export async function knownNames(db: Kysely<Database>): Promise<{ params: string[]; metrics: string[] }> {
  const params = await db.selectFrom('params').select('name').distinct().orderBy('name').execute();
  const metrics = await db.selectFrom('metrics').select('key').distinct().orderBy('key').execute();
  return { params: params.map((r) => r.name), metrics: metrics.map((r) => r.key) };
}

async function exists(db: Kysely<Database>, field: Field & { kind: 'param' | 'metric' }): Promise<boolean> {
  if (field.kind === 'metric') {
    return (await db.selectFrom('metrics').select('trial_id').where('key', '=', field.name).limit(1).executeTakeFirst()) !== undefined;
  }
  // The two partial indexes answer for numbers and strings; only a param that is null everywhere needs a scan.
  for (const column of ['value_num', 'value_text'] as const) {
    const row = await db.selectFrom('params').select('trial_id')
      .where('name', '=', field.name).where(column, 'is not', null).limit(1).executeTakeFirst();
    if (row) return true;
  }
  return (await db.selectFrom('params').select('trial_id').where('name', '=', field.name).limit(1).executeTakeFirst()) !== undefined;
}

async function unknownFieldHint(db: Kysely<Database>, field: Field & { kind: 'param' | 'metric' }): Promise<string> {
  const { params, metrics } = await knownNames(db);
  const [own, other, otherPrefix] = field.kind === 'param'
    ? [params, metrics, 'metrics'] as const
    : [metrics, params, 'params'] as const;
  const prefix = field.kind === 'param' ? 'params' : 'metrics';
  if (other.includes(field.name)) return `did you mean "${otherPrefix}.${field.name}"?`;
  const close = suggestName(field.name, own, prefix) ?? suggestName(field.name, other, otherPrefix);
  if (close) return `did you mean "${close}"?`;
  if (own.length === 0) return `this database has no ${field.kind === 'param' ? 'params' : 'metrics'}`;
  const shown = own.slice(0, 12).join(', ');
  return `${prefix} in this database: ${shown}${own.length > 12 ? `, ... (${own.length - 12} more)` : ''}`;
}

function suggestName(name: string, names: string[], prefix: string): string | undefined {
  const close = suggest(name, names);
  return close === undefined ? undefined : `${prefix}.${close}`;
}
