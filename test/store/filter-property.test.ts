import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ATTRIBUTES, COMPARE_OPS, FilterError, compileFilter, parseFilter, printFilter,
  type Attribute, type Field, type FilterExpr, type Literal, type Predicate,
} from '../../src/store/filter/index.ts';

const name = fc.string({ minLength: 1, maxLength: 12, unit: fc.oneof(fc.constantFrom('a', 'b', 'Z', '_', '.', '-', '`', ' ', '9', "'", 'é'), fc.string({ minLength: 1, maxLength: 1 })) });
const field: fc.Arbitrary<Field> = fc.oneof(
  name.map((n) => ({ kind: 'param', name: n }) as const),
  name.map((n) => ({ kind: 'metric', name: n }) as const),
  fc.constantFrom(...(Object.keys(ATTRIBUTES) as Attribute[])).map((n) => ({ kind: 'attribute', name: n }) as const),
);
const literal: fc.Arbitrary<Literal> = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((value) => ({ type: 'number', value }) as const),
  fc.string({ maxLength: 8 }).map((value) => ({ type: 'string', value }) as const),
  fc.boolean().map((value) => ({ type: 'boolean', value }) as const),
);
const predicate: fc.Arbitrary<Predicate> = fc.oneof(
  fc.record({ type: fc.constant('compare' as const), field, op: fc.constantFrom(...COMPARE_OPS), value: literal }),
  fc.record({ type: fc.constant('in' as const), field, negated: fc.boolean(), values: fc.array(literal, { minLength: 1, maxLength: 3 }) }),
  fc.record({ type: fc.constant('like' as const), field, negated: fc.boolean(), caseInsensitive: fc.boolean(), pattern: fc.string({ maxLength: 6 }) }),
  fc.record({ type: fc.constant('null' as const), field, negated: fc.boolean() }),
);
const { tree } = fc.letrec<{ tree: FilterExpr }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    predicate,
    fc.record({ type: fc.constant('not' as const), operand: tie('tree') }),
    fc.record({ type: fc.constant('and' as const), left: tie('tree'), right: tie('tree') }),
    fc.record({ type: fc.constant('or' as const), left: tie('tree'), right: tie('tree') }),
  ),
}));

// Pieces of filters, so random text is often nearly valid and reaches deep into the parser.
const fragment = fc.constantFrom(
  'params.', 'metrics.', 'attributes.', 'lambda', 'test_accuracy', 'status', 'seed', 'duration', 'foo.bar', '`x-y`', '`', 'and', 'OR',
  'not', 'in', 'like', 'ILIKE', 'is', 'null', 'true', '(', ')', ',', '.', '=', '!=', '<>', '<', '<=', '>', '>=', '==', "'l2'", '"a', "'",
  '0.01', '-1', '1e5', '.5', '1.2.3', ';', '--', '\n', ' ', "' ; DROP TABLE trials; --",
);
const soup = fc.array(fragment, { maxLength: 14 }).map((parts) => parts.join(' '));
const glued = fc.array(fragment, { maxLength: 10 }).map((parts) => parts.join(''));

/** Parse and compile `source`; only a FilterError may come out, and it must point inside the text. */
function onlyFilterErrors(source: string): void {
  try {
    compileFilter(parseFilter(source));
  } catch (error) {
    if (!(error instanceof FilterError)) throw error;
    expect(error.position).toBeGreaterThanOrEqual(0);
    expect(error.position).toBeLessThanOrEqual(source.length);
    expect(error.snippet().split('\n')).toHaveLength(2);
  }
}

describe('filter properties', () => {
  it('printing any tree and parsing the text gives the same tree', () => {
    fc.assert(fc.property(tree, (t) => {
      const printed = printFilter(t);
      expect(parseFilter(printed).expr).toEqual(t);
      expect(printFilter(parseFilter(printed).expr)).toBe(printed);
    }), { numRuns: 2000 });
  });

  it('any text either parses and compiles or fails with a FilterError', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40, unit: 'binary' }), soup, glued), onlyFilterErrors), { numRuns: 3000 });
  });

  it('a printed tree with one character changed still only fails with a FilterError', () => {
    fc.assert(fc.property(tree, fc.nat(), fc.string({ minLength: 1, maxLength: 1 }), (t, at, ch) => {
      const printed = printFilter(t);
      const i = at % (printed.length + 1);
      onlyFilterErrors(printed.slice(0, i) + ch + printed.slice(i + 1));
    }), { numRuns: 2000 });
  });
});
