import { fieldLabel, type FilterExpr, type Literal } from './ast.ts';

// Binding strength: a child that binds more loosely than its place allows gets parentheses.
const OR = 1;
const AND = 2;
const NOT = 3;
const PREDICATE = 4;

/**
 * The canonical text of a filter: lower-case keywords, single-quoted strings, no redundant
 * parentheses. `parseFilter(printFilter(e)).expr` equals `e`.
 *
 * @example
 * printFilter(parseFilter('NOT (seed = 1 OR seed = 2) AND params.`my-param` IN ("a")').expr)
 * // "not (seed = 1 or seed = 2) and params.`my-param` in ('a')"
 */
export function printFilter(expr: FilterExpr): string {
  return print(expr);
}

function print(expr: FilterExpr): string {
  switch (expr.type) {
    // AND and OR group to the left, so a right operand of the same kind needs parentheses.
    case 'or': return `${wrap(expr.left, OR)} or ${wrap(expr.right, OR + 1)}`;
    case 'and': return `${wrap(expr.left, AND)} and ${wrap(expr.right, AND + 1)}`;
    case 'not': return `not ${wrap(expr.operand, NOT)}`;
    case 'compare': return `${fieldLabel(expr.field)} ${expr.op} ${printLiteral(expr.value)}`;
    case 'in': return `${fieldLabel(expr.field)} ${expr.negated ? 'not in' : 'in'} (${expr.values.map(printLiteral).join(', ')})`;
    case 'like': {
      const op = `${expr.negated ? 'not ' : ''}${expr.caseInsensitive ? 'ilike' : 'like'}`;
      return `${fieldLabel(expr.field)} ${op} ${printString(expr.pattern)}`;
    }
    case 'null': return `${fieldLabel(expr.field)} is ${expr.negated ? 'not null' : 'null'}`;
  }
}

function wrap(expr: FilterExpr, min: number): string {
  const text = print(expr);
  return strength(expr) < min ? `(${text})` : text;
}

function strength(expr: FilterExpr): number {
  switch (expr.type) {
    case 'or': return OR;
    case 'and': return AND;
    case 'not': return NOT;
    default: return PREDICATE;
  }
}

/** A literal as the lexer reads it back: `-0` keeps its sign, strings double their quotes. */
export function printLiteral(literal: Literal): string {
  switch (literal.type) {
    case 'number': return Object.is(literal.value, -0) ? '-0' : String(literal.value);
    case 'string': return printString(literal.value);
    case 'boolean': return String(literal.value);
  }
}

function printString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
