// Trial filters in MLflow's search syntax: text -> tokens -> tree -> parameterized Kysely expression.
export {
  ATTRIBUTES, COMPARE_OPS, fieldLabel, quoteName,
  type AndExpr, type Attribute, type CompareExpr, type CompareOp, type Field, type FilterExpr, type InExpr, type LikeExpr,
  type Literal, type NotExpr, type NullExpr, type OrExpr, type ParsedFilter, type Predicate, type Span,
} from './ast.ts';
export { FilterError, type FilterErrorCode } from './filter-error.ts';
export { tokenize, type Token, type TokenKind, type Keyword } from './lexer.ts';
export { parseFilter, parseField, FIELD_HELP } from './parser.ts';
export { printFilter, printLiteral } from './print.ts';
export { compileFilter, valueMatch, ATTRIBUTE_COLUMNS, type CompileOptions, type IdQuery } from './compile.ts';
export { sortParts, type TrialsQuery } from './sort.ts';
export { chooseCorrelated, planFilter, type FilterPlan, type StrategyContext } from './strategy.ts';
export { assertKnownFields, withFieldHint, knownNames, fieldsOf } from './known-fields.ts';
export { suggest, editDistance } from './suggest.ts';
