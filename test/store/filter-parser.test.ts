import { describe, expect, it } from 'vitest';
import {
  FilterError, parseField, parseFilter, printFilter, tokenize, type FilterExpr,
} from '../../src/store/filter/index.ts';

const expr = (s: string): FilterExpr => parseFilter(s).expr;
const param = (name: string) => ({ kind: 'param', name }) as const;
const metric = (name: string) => ({ kind: 'metric', name }) as const;
const attr = (name: string) => ({ kind: 'attribute', name }) as const;
const num = (value: number) => ({ type: 'number', value }) as const;
const str = (value: string) => ({ type: 'string', value }) as const;
const seedIs = (n: number) => ({ type: 'compare', field: attr('seed'), op: '=', value: num(n) }) as const;

/** The error a filter raises, as the CLI prints it. */
function errorOf(source: string): string {
  try {
    parseFilter(source);
  } catch (error) {
    if (error instanceof FilterError) return `${error.message}\n${error.snippet()}`;
    throw error;
  }
  throw new Error(`parsed: ${source}`);
}

describe('tokenize', () => {
  it('reads words, names in backticks, both quotes with doubled quotes, numbers and operators', () => {
    const tokens = tokenize(`a.\`b-c\` >= -1.5e-3 'it''s' "say ""hi""" <> == ( , )`);
    expect(tokens.map((t) => [t.kind, t.value])).toEqual([
      ['word', 'a'], ['.', '.'], ['quoted-name', 'b-c'], ['op', '>='], ['number', -0.0015], ['string', "it's"],
      ['string', 'say "hi"'], ['op', '!='], ['op', '='], ['(', '('], [',', ','], [')', ')'], ['eof', ''],
    ]);
  });

  it('marks keywords case-insensitively and keeps the offsets of each token', () => {
    const [and, word] = tokenize('AnD Andy');
    expect(and).toMatchObject({ keyword: 'and', start: 0, end: 3 });
    expect(word).toMatchObject({ kind: 'word', keyword: undefined, start: 4, end: 8 });
  });
});

describe('parseFilter', () => {
  it('reads each comparison operator', () => {
    for (const op of ['=', '!=', '<', '<=', '>', '>='] as const) {
      expect(expr(`metrics.test_accuracy ${op} 0.9`)).toEqual({ type: 'compare', field: metric('test_accuracy'), op, value: num(0.9) });
    }
    expect(expr('seed <> 3')).toEqual({ type: 'compare', field: attr('seed'), op: '!=', value: num(3) });
    expect(expr('seed == 3')).toEqual(seedIs(3));
  });

  it('reads IN, NOT IN, LIKE, NOT LIKE, ILIKE, IS NULL and IS NOT NULL', () => {
    expect(expr("params.regularization IN ('l1', \"l2\")")).toEqual({ type: 'in', field: param('regularization'), negated: false, values: [str('l1'), str('l2')] });
    expect(expr('seed not in (1)')).toEqual({ type: 'in', field: attr('seed'), negated: true, values: [num(1)] });
    expect(expr("params.x like 'a%'")).toEqual({ type: 'like', field: param('x'), negated: false, caseInsensitive: false, pattern: 'a%' });
    expect(expr("params.x NOT ILIKE '_b'")).toEqual({ type: 'like', field: param('x'), negated: true, caseInsensitive: true, pattern: '_b' });
    expect(expr('metrics.f1 is null')).toEqual({ type: 'null', field: metric('f1'), negated: false });
    expect(expr('duration IS NOT NULL')).toEqual({ type: 'null', field: attr('duration'), negated: true });
    expect(expr('params.flag = TRUE')).toEqual({ type: 'compare', field: param('flag'), op: '=', value: { type: 'boolean', value: true } });
  });

  it('binds NOT tighter than AND, and AND tighter than OR; AND and OR group to the left', () => {
    expect(expr('seed = 1 or seed = 2 and seed = 3')).toEqual({ type: 'or', left: seedIs(1), right: { type: 'and', left: seedIs(2), right: seedIs(3) } });
    expect(expr('seed = 1 and seed = 2 or seed = 3')).toEqual({ type: 'or', left: { type: 'and', left: seedIs(1), right: seedIs(2) }, right: seedIs(3) });
    expect(expr('not seed = 1 and seed = 2')).toEqual({ type: 'and', left: { type: 'not', operand: seedIs(1) }, right: seedIs(2) });
    expect(expr('not (seed = 1 and seed = 2)')).toEqual({ type: 'not', operand: { type: 'and', left: seedIs(1), right: seedIs(2) } });
    expect(expr('seed = 1 and seed = 2 and seed = 3')).toEqual({ type: 'and', left: { type: 'and', left: seedIs(1), right: seedIs(2) }, right: seedIs(3) });
    expect(expr('seed = 1 and (seed = 2 and seed = 3)')).toEqual({ type: 'and', left: seedIs(1), right: { type: 'and', left: seedIs(2), right: seedIs(3) } });
    expect(expr('NOT NOT seed = 1')).toEqual({ type: 'not', operand: { type: 'not', operand: seedIs(1) } });
  });

  it('takes keywords, prefixes and attribute names in any case; param names keep theirs', () => {
    expect(expr("PARAMS.Lambda < 1 AnD Status = 'failed' oR Metric.F1 Is NoT nUlL")).toEqual(expr("params.Lambda < 1 and status = 'failed' or metrics.F1 is not null"));
    expect(expr('param.x = 1')).toEqual(expr('params.x = 1'));
    expect(expr('attributes.seed = 1')).toEqual(seedIs(1));
  });

  it('reads dotted names, backticked names and keywords after a dot as names', () => {
    expect(expr('params.model.hidden = 8')).toMatchObject({ field: param('model.hidden') });
    expect(expr('params.`model.hidden` = 8')).toEqual(expr('params.model.hidden = 8'));
    expect(expr('params.`my-param` = 1')).toMatchObject({ field: param('my-param') });
    expect(expr('params.`odd``name` = 1')).toMatchObject({ field: param('odd`name') });
    expect(expr('params.a.`b c`.in = 1')).toMatchObject({ field: param('a.b c.in') });
  });

  it('reads numbers in every form', () => {
    for (const [text, value] of [['0.01', 0.01], ['-3', -3], ['.5', 0.5], ['1e-4', 1e-4], ['2E+3', 2000], ['7.', 7], ['-0', -0]] as const) {
      expect(expr(`seed = ${text}`)).toEqual({ type: 'compare', field: attr('seed'), op: '=', value: num(value) });
    }
  });

  it('records where each node starts', () => {
    const parsed = parseFilter('seed = 1 and  metrics.f1 > 2');
    const right = (parsed.expr as { right: { field: object; value: object } }).right;
    expect(parsed.spans.get(right)).toEqual({ start: 14, end: 28 });
    expect(parsed.spans.get(right.field)).toEqual({ start: 14, end: 24 });
    expect(parsed.spans.get(right.value)).toEqual({ start: 27, end: 28 });
  });
});

describe('printFilter', () => {
  it('prints the canonical form: lower-case keywords, single quotes, only the parentheses needed', () => {
    const cases: [string, string][] = [
      ['NOT (seed = 1 OR seed = 2) AND params.`my-param` IN ("a")', "not (seed = 1 or seed = 2) and params.`my-param` in ('a')"],
      ['seed = 1 or (seed = 2 and seed = 3)', 'seed = 1 or seed = 2 and seed = 3'],
      ['(seed = 1 or seed = 2) and seed = 3', '(seed = 1 or seed = 2) and seed = 3'],
      ['seed = 1 and (seed = 2 and seed = 3)', 'seed = 1 and (seed = 2 and seed = 3)'],
      ['seed = 1 or (seed = 2 or seed = 3)', 'seed = 1 or (seed = 2 or seed = 3)'],
      ['not (not seed = 1)', 'not not seed = 1'],
      [`params.s = "it's" and params.t NOT LIKE 'a''%'`, `params.s = 'it''s' and params.t not like 'a''%'`],
      ['metrics.x IS NOT NULL and params.`model.hidden` <> -0', 'metrics.x is not null and params.model.hidden != -0'],
      ['params.flag = FALSE or params.`a``b` ILIKE "%"', "params.flag = false or params.`a``b` ilike '%'"],
    ];
    for (const [source, printed] of cases) {
      expect(printFilter(expr(source))).toBe(printed);
      expect(expr(printed)).toEqual(expr(source));
    }
  });
});

describe('parseField', () => {
  it('reads one field, as --sort takes it', () => {
    expect(parseField('metrics.test_accuracy')).toEqual(metric('test_accuracy'));
    expect(parseField('params.`my-param`')).toEqual(param('my-param'));
    expect(parseField('DURATION')).toEqual(attr('duration'));
    expect(() => parseField('seed desc')).toThrow("expected only a field name, found 'desc' at column 6");
  });
});

describe('errors', () => {
  it('say what was expected, at which column, and put a caret under it', () => {
    expect(errorOf('params.lambda < and seed = 1')).toBe([
      "expected a value after '<' at column 17",
      '  params.lambda < and seed = 1',
      '                  ^',
    ].join('\n'));
    expect(errorOf("status = 'a' status = 'b'")).toBe([
      "expected AND, OR or the end of the filter, found 'status' at column 14",
      "  status = 'a' status = 'b'",
      '               ^',
    ].join('\n'));
    expect(errorOf('(seed = 1')).toBe([
      "expected ')' at column 10 (to close the '(' at column 1)",
      '  (seed = 1',
      '           ^',
    ].join('\n'));
  });

  it('cover every place a filter can go wrong', () => {
    const first = (s: string) => errorOf(s).split('\n')[0];
    expect(first('')).toBe('expected a field such as params.lambda, metrics.test_accuracy or status at column 1');
    expect(first('seed = 1 and')).toBe('expected a field such as params.lambda, metrics.test_accuracy or status at column 13');
    expect(first("'x' = seed")).toBe('expected a field such as params.lambda, metrics.test_accuracy or status at column 1');
    expect(first('seed')).toBe('expected an operator (=, !=, <, <=, >, >=, IN, LIKE, IS) after seed at column 5');
    expect(first('seed = null')).toBe("expected a value after '=' at column 8 (test for null with IS NULL or IS NOT NULL)");
    expect(first('seed in 1')).toBe("expected '(' after IN at column 9");
    expect(first('seed in ()')).toBe('expected a value in the IN list at column 10');
    expect(first('seed in (1,)')).toBe("expected a value after ',' at column 12");
    expect(first('seed in (1 2)')).toBe("expected ',' or ')' in the IN list at column 12");
    expect(first('status like 5')).toBe('expected a quoted pattern after LIKE at column 13');
    expect(first('status not between 1')).toBe('expected IN or LIKE after NOT at column 12');
    expect(first('seed is nul')).toBe('expected NULL after IS at column 9');
    expect(first('seed is not 1')).toBe('expected NULL after IS NOT at column 13');
    expect(first('params. = 1')).toBe("expected a name after 'params.' at column 9");
    expect(first('params.`` = 1')).toBe('a name in backticks cannot be empty at column 8');
    expect(first("status = 'open")).toBe("unterminated string: no closing ' at column 10");
    expect(first('params.`open = 1')).toBe('unterminated backtick name: no closing ` at column 8');
    expect(first('seed = 1 ; drop table trials')).toBe("unexpected character ';' at column 10");
    expect(first('params.my-param = 1')).toBe("unexpected character '-' at column 10 (write names with other characters in backticks, e.g. params.`my-param`)");
    expect(first('seed = 1.2.3')).toBe("malformed number '1.2.3' at column 8");
    expect(first('seed = 1e999')).toBe("number out of range '1e999' at column 8");
  });

  it('name an unknown field, with the prefixes or attributes there are', () => {
    expect(errorOf('foo.bar = 1')).toBe([
      'unknown field "foo.bar" at column 1 (the prefixes are params., metrics. and attributes.)',
      '  foo.bar = 1',
      '  ^',
    ].join('\n'));
    expect(errorOf('seed = 1 or parms.lambda < 1').split('\n')[0]).toBe('unknown field "parms.lambda" at column 13 (did you mean "params.lambda"?)');
    expect(errorOf('lambda < 1').split('\n')[0]).toBe(
      'unknown field "lambda" at column 1 (fields are params.<name>, metrics.<name> and the attributes id, sweep, version, trial_key, status, seed, duration, attempts, error, started, finished)',
    );
    expect(errorOf('attributes.nope = 1').split('\n')[0]).toMatch(/^unknown field "attributes.nope" at column 1/);
  });

  it('carry the code, position and field', () => {
    try {
      parseFilter('seed = 1 and foo.bar = 2');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FilterError);
      expect(error).toMatchObject({ code: 'unknown-field', position: 13, column: 14, field: 'foo.bar' });
    }
  });

  it('show a multi-line filter on one line, the caret still under the column', () => {
    expect(errorOf('seed = 1\nand\tfoo = 2').split('\n').slice(1)).toEqual(['  seed = 1 and foo = 2', '               ^']);
  });

  it('count columns in characters, not UTF-16 units', () => {
    expect(errorOf("params.`🙂` = 'ok' x").split('\n')[0]).toBe("expected AND, OR or the end of the filter, found 'x' at column 19");
  });
});
