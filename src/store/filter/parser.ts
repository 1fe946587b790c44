import {
  ATTRIBUTES, fieldLabel,
  type Attribute, type CompareOp, type Field, type FilterExpr, type Literal, type ParsedFilter, type Predicate, type Span,
} from './ast.ts';
import { FilterError } from './filter-error.ts';
import { suggest } from './suggest.ts';
import { tokenize, type Keyword, type Token } from './lexer.ts';

// The grammar, by precedence (NOT binds tighter than AND, AND tighter than OR; AND and OR group left):
//
//   filter    = or EOF
//   or        = and { OR and }
//   and       = not { AND not }
//   not       = NOT not | "(" or ")" | predicate
//   predicate = field ( op value | [NOT] IN "(" value { "," value } ")" | [NOT] (LIKE | ILIKE) string
//                     | IS [NOT] NULL )
//   field     = attribute | prefix "." name { "." name }        name = word | `quoted`
//   value     = number | string | TRUE | FALSE

const PREFIXES: Readonly<Record<string, 'param' | 'metric' | 'attribute'>> = {
  params: 'param', param: 'param', parameters: 'param', parameter: 'param',
  metrics: 'metric', metric: 'metric',
  attributes: 'attribute', attribute: 'attribute', attr: 'attribute',
};

const PREFIX_HELP = 'the prefixes are params., metrics. and attributes.';

/** How the valid fields are listed in an unknown-field message. */
export const FIELD_HELP = `fields are params.<name>, metrics.<name> and the attributes ${Object.keys(ATTRIBUTES).join(', ')}`;

/**
 * Parse a filter in MLflow's search syntax into a tree. Keywords are case-insensitive; strings take
 * '...' or "..."; odd names go in backticks or, right after a prefix, in double quotes as in MLflow
 * (`params."model-type"`, `metrics."test_accuracy"`). Throws `FilterError` (and nothing else) on any mistake.
 *
 * @example
 * parseFilter("params.regularization = 'l2' and metrics.test_accuracy > 0.9").expr
 * // { type: 'and', left: { type: 'compare', field: { kind: 'param', name: 'regularization' }, ... }, right: ... }
 */
export function parseFilter(source: string): ParsedFilter {
  const parser = new Parser(source);
  const expr = parser.parseOr();
  parser.expectEnd('expected AND, OR or the end of the filter');
  return { source, expr, spans: parser.spans };
}

/**
 * Parse a lone field, as `--sort` takes it: `metrics.test_accuracy`, `params.lambda`, `duration`.
 *
 * @example
 * parseField('params.`my-param`') // { kind: 'param', name: 'my-param' }
 */
export function parseField(source: string): Field {
  const parser = new Parser(source);
  const field = parser.parseField();
  parser.expectEnd('expected only a field name');
  return field;
}

class Parser {
  readonly spans = new Map<object, Span>();
  private readonly tokens: Token[];
  private index = 0;

  constructor(private readonly source: string) {
    this.tokens = tokenize(source);
  }

  parseOr(): FilterExpr {
    let left = this.parseAnd();
    while (this.peek().keyword === 'or') {
      this.next();
      left = this.span({ type: 'or', left, right: this.parseAnd() }, this.spanOf(left).start);
    }
    return left;
  }

  private parseAnd(): FilterExpr {
    let left = this.parseNot();
    while (this.peek().keyword === 'and') {
      this.next();
      left = this.span({ type: 'and', left, right: this.parseNot() }, this.spanOf(left).start);
    }
    return left;
  }

  private parseNot(): FilterExpr {
    const token = this.peek();
    if (token.keyword === 'not') {
      this.next();
      return this.span({ type: 'not', operand: this.parseNot() }, token.start);
    }
    if (token.kind === '(') {
      this.next();
      const inner = this.parseOr();
      const close = this.peek();
      if (close.kind !== ')') this.fail(`expected ')'`, close, `to close the '(' at column ${this.column(token.start)}`);
      this.next();
      return inner;
    }
    return this.parsePredicate();
  }

  private parsePredicate(): Predicate {
    const field = this.parseField();
    const start = this.spanOf(field).start;
    const label = fieldLabel(field);
    const token = this.next();
    if (token.kind === 'op') {
      const op = token.value as CompareOp;
      const value = this.parseValue(`expected a value after '${op}'`);
      return this.span({ type: 'compare', field, op, value }, start);
    }
    if (token.keyword === 'is') {
      const negated = this.peek().keyword === 'not';
      if (negated) this.next();
      const nullToken = this.next();
      if (nullToken.keyword !== 'null') this.fail(`expected NULL after IS${negated ? ' NOT' : ''}`, nullToken);
      return this.span({ type: 'null', field, negated }, start);
    }
    let negated = false;
    let keyword: Keyword | undefined = token.keyword;
    if (keyword === 'not') {
      negated = true;
      const after = this.next();
      keyword = after.keyword;
      if (keyword !== 'in' && keyword !== 'like' && keyword !== 'ilike') this.fail(`expected IN or LIKE after NOT`, after);
    }
    if (keyword === 'in') {
      const open = this.next();
      if (open.kind !== '(') this.fail(`expected '(' after IN`, open);
      const values: Literal[] = [this.parseValue('expected a value in the IN list')];
      while (this.peek().kind === ',') {
        this.next();
        values.push(this.parseValue(`expected a value after ','`));
      }
      const close = this.next();
      if (close.kind !== ')') this.fail(`expected ',' or ')' in the IN list`, close);
      return this.span({ type: 'in', field, negated, values }, start);
    }
    if (keyword === 'like' || keyword === 'ilike') {
      const pattern = this.next();
      if (pattern.kind !== 'string') this.fail(`expected a quoted pattern after ${keyword.toUpperCase()}`, pattern);
      return this.span(
        { type: 'like', field, negated, caseInsensitive: keyword === 'ilike', pattern: pattern.value as string }, start,
      );
    }
    return this.fail(`expected an operator (=, !=, <, <=, >, >=, IN, LIKE, IS) after ${label}`, token);
  }

  parseField(): Field {
    const first = this.next();
    if (first.kind !== 'word' || first.keyword !== undefined) {
      this.fail('expected a field such as params.lambda, metrics.test_accuracy or status', first);
    }
    const head = String(first.value);
    const lower = head.toLowerCase();
    if (this.peek().kind !== '.') {
      if (lower in ATTRIBUTES) return this.span({ kind: 'attribute', name: lower as Attribute }, first.start);
      return this.unknownField(head, first.start);
    }
    const segments: string[] = [];
    while (this.peek().kind === '.') {
      const dot = this.next();
      const segment = this.next();
      // A name: a word, `backticks`, or "double quotes" as in MLflow (params."model-type"); 'single' stays a string.
      const doubleQuoted = segment.kind === 'string' && segment.quote === '"';
      if (segment.kind !== 'word' && segment.kind !== 'quoted-name' && !doubleQuoted) {
        this.fail(`expected a name after '${this.source.slice(first.start, dot.end)}'`, segment);
      }
      if (segment.kind === 'quoted-name' && segment.value === '') this.fail('a name in backticks cannot be empty', segment);
      if (doubleQuoted && segment.value === '') this.fail('a name in double quotes cannot be empty', segment);
      segments.push(String(segment.value));
    }
    const kind = PREFIXES[lower];
    const end = this.previous().end;
    if (kind === 'attribute') {
      const name = segments.join('.').toLowerCase();
      if (segments.length === 1 && name in ATTRIBUTES) return this.span({ kind: 'attribute', name: name as Attribute }, first.start);
      return this.unknownField(this.source.slice(first.start, end), first.start);
    }
    if (kind === undefined) {
      const close = suggest(lower, Object.keys(PREFIXES));
      const rest = this.source.slice(first.end, end);
      const hint = close ? `did you mean "${close}${rest}"?` : PREFIX_HELP;
      throw new FilterError('unknown-field', `unknown field "${this.source.slice(first.start, end)}"`, this.source, first.start, {
        hint, field: this.source.slice(first.start, end),
      });
    }
    return this.span({ kind, name: segments.join('.') }, first.start);
  }

  private parseValue(expected: string): Literal {
    const token = this.next();
    const start = token.start;
    if (token.kind === 'number') return this.span({ type: 'number', value: token.value as number }, start);
    if (token.kind === 'string') return this.span({ type: 'string', value: token.value as string }, start);
    if (token.keyword === 'true' || token.keyword === 'false') {
      return this.span({ type: 'boolean', value: token.keyword === 'true' }, start);
    }
    if (token.keyword === 'null') return this.fail(expected, token, 'test for null with IS NULL or IS NOT NULL');
    return this.fail(expected, token);
  }

  expectEnd(expected: string): void {
    const token = this.peek();
    if (token.kind !== 'eof') this.fail(`${expected}, found ${describe(token, this.source)}`, token);
  }

  private unknownField(text: string, start: number): never {
    throw new FilterError('unknown-field', `unknown field "${text}"`, this.source, start, { hint: FIELD_HELP, field: text });
  }

  private span<T extends object>(node: T, start: number): T {
    this.spans.set(node, { start, end: this.previous().end });
    return node;
  }

  private spanOf(node: object): Span {
    return this.spans.get(node)!;
  }

  private peek(): Token {
    return this.tokens[this.index]!;
  }

  private next(): Token {
    const token = this.tokens[this.index]!;
    if (token.kind !== 'eof') this.index++;
    return token;
  }

  private previous(): Token {
    return this.tokens[Math.max(0, this.index - 1)]!;
  }

  private column(offset: number): number {
    return [...this.source.slice(0, offset)].length + 1;
  }

  private fail(reason: string, token: Token, hint?: string): never {
    throw new FilterError('syntax', reason, this.source, token.start, { hint });
  }
}

function describe(token: Token, source: string): string {
  if (token.kind === 'eof') return 'the end of the filter';
  return `'${source.slice(token.start, token.end)}'`;
}
