import { expressionBuilder, sql, type Expression, type ExpressionBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Database } from '../schema.ts';
import { TRIAL_STATUSES } from '../types.ts';
import {
  ATTRIBUTES, fieldLabel,
  type Attribute, type Field, type FilterExpr, type LikeExpr, type Literal, type ParsedFilter, type Predicate,
} from './ast.ts';
import { FilterError } from './filter-error.ts';
import { suggest } from './suggest.ts';

type TrialsBuilder = ExpressionBuilder<Database, 'trials'>;

/** The column of `trials` behind each attribute but `sweep` and `version` (which are columns of `sweeps`). */
export const ATTRIBUTE_COLUMNS = {
  id: 'trials.id',
  trial_key: 'trials.trial_key',
  status: 'trials.status',
  seed: 'trials.seed',
  duration: 'trials.duration_ms',
  attempts: 'trials.attempts',
  error: 'trials.error',
  started: 'trials.started_at',
  finished: 'trials.finished_at',
} as const satisfies Record<Exclude<Attribute, 'sweep' | 'version'>, string>;

/**
 * Turn a parsed filter into a boolean expression over `trials`, for `.where(...)`. Every value is a bound
 * parameter. By default a condition on a param or metric is `trials.id in (select trial_id from
 * params|metrics where name = ? and value <op> ?)`: an uncorrelated subquery SQLite runs once, on the
 * `(name, value_num)` or `(key, value)` index; with `correlated` it is an `exists` probe per trial (see
 * `chooseStrategy`). A missing param or metric, or a null (NaN) one, fails every comparison; `IS NULL`
 * matches it. Values are type-checked against fields here: a `FilterError` of code `type` points at the
 * offending value.
 *
 * @example
 * const where = compileFilter(parseFilter("params.lambda < 0.01 and status = 'completed'"));
 * await db.selectFrom('trials').selectAll().where(where).execute();
 */
export function compileFilter(parsed: ParsedFilter, options: CompileOptions = {}): Expression<SqlBool> {
  return new Compiler(parsed, options.correlated ?? false).compile(parsed.expr);
}

export interface CompileOptions {
  /**
   * Test params and metrics with correlated `exists (... where trial_id = trials.id ...)` instead of
   * `trials.id in (...)`: a probe of the primary key per trial, which wins when trials are read in id
   * order, a page is wanted and matches are common (the scan stops early).
   */
  correlated?: boolean;
}

/**
 * For a condition on a param or metric, the subquery of trial ids it selects (for estimating how many
 * trials match: `select count(*) from (<query>)` runs on the value index alone); undefined for attributes.
 *
 * @example
 * const match = valueMatch(parsed, parsed.expr as Predicate);
 * if (match) await db.selectFrom(match.query.as('x')).select((eb) => eb.fn.countAll().as('n')).execute();
 */
export function valueMatch(parsed: ParsedFilter, predicate: Predicate): { query: IdQuery; negate: boolean } | undefined {
  if (predicate.field.kind === 'attribute') return undefined;
  return new Compiler(parsed, false).valueMatch(predicate as Predicate & { field: { kind: 'param' | 'metric' } });
}

/** A subquery of trial ids (from `params as p` or `metrics as m`), typed loosely so it can be correlated with `trials`. */
export type IdQuery = SelectQueryBuilder<any, any, { trial_id: number }>;

class Compiler {
  private readonly eb: TrialsBuilder = expressionBuilder<Database, 'trials'>();
  /** `trials.id in (...)` lists compiled so far */
  private lists = 0;

  constructor(private readonly parsed: ParsedFilter, private readonly correlated: boolean) {}

  compile(expr: FilterExpr): Expression<SqlBool> {
    const { eb } = this;
    switch (expr.type) {
      case 'and': return eb.and(this.flatten(expr, 'and').map((e) => this.compile(e)));
      case 'or': return eb.or(this.flatten(expr, 'or').map((e) => this.compile(e)));
      case 'not': return eb.not(this.compile(expr.operand));
      default: return this.predicate(expr);
    }
  }

  /** `a and b and c` as one list, so the SQL is `a and b and c` rather than nested parentheses. */
  private flatten(expr: FilterExpr, type: 'and' | 'or'): FilterExpr[] {
    return expr.type === type ? [...this.flatten(expr.left, type), ...this.flatten(expr.right, type)] : [expr];
  }

  private predicate(p: Predicate): Expression<SqlBool> {
    const { eb } = this;
    const field = p.field;
    if (field.kind === 'param' || field.kind === 'metric') {
      const { query, alias, negate } = this.valueMatch(p as Predicate & { field: { kind: 'param' | 'metric' } });
      // Only the first `in` list may lead SQLite to the trials; a second one on the same column lets it probe
      // trials by every pair of ids from both lists (17,000 x 17,000 lookups: minutes at 50,000 trials). A unary
      // + keeps the later ones to membership tests (SQLite's documented way; PostgreSQL reads the same integer).
      const member = this.correlated
        ? eb.exists(query.whereRef(`${alias}.trial_id`, '=', 'trials.id'))
        : eb(this.lists++ === 0 ? 'trials.id' : sql<number>`+${sql.ref('trials.id')}`, 'in', query);
      return negate ? eb.not(member) : member;
    }
    if (field.name === 'sweep' || field.name === 'version') {
      this.check(p);
      const column = field.name === 'sweep' ? 's.name' : 's.version';
      const ids = (where: (sb: ExpressionBuilder<Database & { s: Database['sweeps'] }, 's'>) => Expression<SqlBool>) =>
        eb('trials.sweep_id', 'in', eb.selectFrom('sweeps as s').select('s.id').where(where));
      switch (p.type) {
        case 'compare': return ids((sb) => sb(column, p.op, operand(p.value)));
        case 'in': return ids((sb) => sb(column, p.negated ? 'not in' : 'in', p.values.map(operand)));
        case 'like': return ids(() => like('s.name', p));
        // every sweep has a name and a version
        case 'null': return sql<SqlBool>`${sql.lit(p.negated ? 1 : 0)} = 1`;
      }
    }
    this.check(p);
    const column = ATTRIBUTE_COLUMNS[field.name];
    switch (p.type) {
      case 'compare': return eb(column, p.op, operand(p.value));
      case 'in': return eb(column, p.negated ? 'not in' : 'in', p.values.map(operand));
      case 'like': return like(column, p);
      case 'null': return eb(column, p.negated ? 'is not' : 'is', null);
    }
  }

  /**
   * The rows of `params` (alias `p`) or `metrics` (alias `m`) whose value satisfies a predicate, as a
   * subquery of trial ids; `negate` when the predicate holds for the trials *not* in it (IS NULL).
   */
  valueMatch(p: Predicate & { field: { kind: 'param' | 'metric' } }): { query: IdQuery; alias: 'p' | 'm'; negate: boolean } {
    this.check(p);
    const { eb } = this;
    const name = p.field.name;
    if (p.field.kind === 'metric') {
      const ids = (where: (mb: ExpressionBuilder<Database & { m: Database['metrics'] }, 'm'>) => Expression<SqlBool>): IdQuery =>
        eb.selectFrom('metrics as m').select('m.trial_id').where('m.key', '=', name).where(where);
      const match = (query: IdQuery, negate = false) => ({ query, alias: 'm' as const, negate });
      switch (p.type) {
        case 'compare': return match(ids((mb) => mb('m.value', p.op, p.value.value as number)));
        case 'in': return match(ids((mb) => mb('m.value', p.negated ? 'not in' : 'in', p.values.map((v) => v.value as number))));
        case 'like': throw new Error('unreachable: check() rejects LIKE on a metric');
        case 'null': return match(ids((mb) => mb('m.value', 'is not', null)), !p.negated);
      }
    }
    const ids = (where: (pb: ExpressionBuilder<Database & { p: Database['params'] }, 'p'>) => Expression<SqlBool>): IdQuery =>
      eb.selectFrom('params as p').select('p.trial_id').where('p.name', '=', name).where(where);
    const match = (query: IdQuery, negate = false) => ({ query, alias: 'p' as const, negate });
    switch (p.type) {
      case 'compare': {
        const literal = p.value;
        if (literal.type === 'boolean') {
          return match(ids((pb) => pb.and([pb('p.value_type', '=', 'boolean'), pb('p.value_num', p.op, literal.value ? 1 : 0)])));
        }
        return match(ids((pb) => pb(literal.type === 'number' ? 'p.value_num' : 'p.value_text', p.op, literal.value)));
      }
      case 'in': {
        const first = p.values[0]!;
        const op = p.negated ? 'not in' : 'in';
        if (first.type === 'boolean') {
          const nums = p.values.map((v) => (v.value ? 1 : 0));
          return match(ids((pb) => pb.and([pb('p.value_type', '=', 'boolean'), pb('p.value_num', op, nums)])));
        }
        const column = first.type === 'number' ? 'p.value_num' : 'p.value_text';
        return match(ids((pb) => pb(column, op, p.values.map((v) => v.value as number | string))));
      }
      case 'like': return match(ids(() => like('p.value_text', p)));
      case 'null': return match(ids((pb) => pb.or([pb('p.value_num', 'is not', null), pb('p.value_text', 'is not', null)])), !p.negated);
    }
  }

  /** Reject values of the wrong type for their field, pointing at the value. */
  private check(p: Predicate): void {
    const type = fieldType(p.field);
    const label = fieldLabel(p.field);
    if (p.type === 'like' && type === 'number') {
      this.fail(`${p.caseInsensitive ? 'ILIKE' : 'LIKE'} needs a text field but ${label} holds numbers`, p);
    }
    const values = p.type === 'compare' ? [p.value] : p.type === 'in' ? p.values : [];
    const first = values[0];
    for (const v of values) {
      if (first && v.type !== first.type) {
        this.fail(`expected ${KIND[first.type]} like the first value of the IN list, found ${describe(v)}`, v);
      }
      if (v.type === 'boolean' && type === 'any' && p.type === 'compare' && p.op !== '=' && p.op !== '!=') {
        this.fail(`true and false compare only with = and !=, not ${p.op}`, v);
      }
      if (type !== 'any' && v.type !== (type === 'number' ? 'number' : 'string')) {
        this.fail(`expected ${type === 'number' ? 'a number' : 'a quoted string'} for ${label}, found ${describe(v)}`, v);
      }
      const equality = p.type === 'in' || (p.type === 'compare' && (p.op === '=' || p.op === '!='));
      if (p.field.kind === 'attribute' && p.field.name === 'status' && equality && v.type === 'string'
        && !(TRIAL_STATUSES as readonly string[]).includes(v.value)) {
        const close = suggest(v.value, TRIAL_STATUSES);
        const hint = close ? `did you mean '${close}'?` : `statuses are ${TRIAL_STATUSES.join(', ')}`;
        throw new FilterError('type', `unknown status '${v.value}'`, this.parsed.source, this.start(v), { hint });
      }
    }
  }

  private start(node: object): number {
    return this.parsed.spans.get(node)?.start ?? 0;
  }

  private fail(reason: string, node: Literal | Predicate): never {
    throw new FilterError('type', reason, this.parsed.source, this.start(node));
  }
}

/**
 * A literal compared with an attribute column. PostgreSQL types a parameter compared with an integer column
 * (id, seed, version, attempts) as that integer type and then refuses `0.5` or `1e+21`; such a number is
 * cast to double precision, which both databases compare with integers exactly.
 */
function operand(literal: Literal): string | number | Expression<number> {
  const value = literal.value as string | number;
  return typeof value === 'number' && !Number.isSafeInteger(value) ? sql<number>`cast(${value} as double precision)` : value;
}

/** `column [not] like ?`; ILIKE compares lower-cased text (SQLite's LIKE already ignores ASCII case, PostgreSQL's does not). */
function like(column: string, p: LikeExpr): Expression<SqlBool> {
  const op = sql.raw(p.negated ? 'not like' : 'like');
  return p.caseInsensitive
    ? sql<SqlBool>`lower(${sql.ref(column)}) ${op} lower(${p.pattern})`
    : sql<SqlBool>`${sql.ref(column)} ${op} ${p.pattern}`;
}

const KIND = { number: 'a number', string: 'a string', boolean: 'true or false' } as const;

function describe(v: Literal): string {
  if (v.type === 'boolean') return String(v.value);
  return v.type === 'number' ? `the number ${v.value}` : `the string '${v.value}'`;
}

/** What values a field holds: params hold any type (numbers compare with value_num, strings with value_text). */
function fieldType(field: Field): 'number' | 'text' | 'any' {
  if (field.kind === 'param') return 'any';
  if (field.kind === 'metric') return 'number';
  return ATTRIBUTES[field.name];
}
