/**
 * The syntax tree of a trial filter such as `params.lambda < 0.01 and metrics.test_accuracy > 0.9`.
 *
 * Nodes hold no source positions, so two filters that mean the same parse to equal trees
 * (`print(parse(s))` parses back to `parse(s)`); positions live beside the tree in `ParsedFilter.spans`.
 *
 * @example
 * const tree: FilterExpr = {
 *   type: 'compare', field: { kind: 'param', name: 'lambda' }, op: '<', value: { type: 'number', value: 0.01 },
 * };
 */
export type FilterExpr = AndExpr | OrExpr | NotExpr | Predicate;

export interface AndExpr { type: 'and'; left: FilterExpr; right: FilterExpr }
export interface OrExpr { type: 'or'; left: FilterExpr; right: FilterExpr }
export interface NotExpr { type: 'not'; operand: FilterExpr }

/** A condition on one field. */
export type Predicate = CompareExpr | InExpr | LikeExpr | NullExpr;

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';
export const COMPARE_OPS: readonly CompareOp[] = ['=', '!=', '<', '<=', '>', '>='];

/** `field op value`, e.g. `seed = 3`. */
export interface CompareExpr { type: 'compare'; field: Field; op: CompareOp; value: Literal }
/** `field [NOT] IN (v1, v2, ...)`; the list is never empty. */
export interface InExpr { type: 'in'; field: Field; negated: boolean; values: Literal[] }
/** `field [NOT] LIKE 'pattern'` (`%` any run, `_` one character); `ILIKE` ignores case. */
export interface LikeExpr { type: 'like'; field: Field; negated: boolean; caseInsensitive: boolean; pattern: string }
/** `field IS [NOT] NULL`: a param or metric that is missing or null (NaN) counts as null. */
export interface NullExpr { type: 'null'; field: Field; negated: boolean }

/** What a trial is filtered on: one of its swept params, one of its final metrics, or a column of the trial. */
export type Field =
  | { kind: 'param'; name: string }
  | { kind: 'metric'; name: string }
  | { kind: 'attribute'; name: Attribute };

export type Literal =
  | { type: 'number'; value: number }
  | { type: 'string'; value: string }
  | { type: 'boolean'; value: boolean };

/** A trial's own columns, usable bare in a filter (`status = 'failed'`) or as `attributes.status`. */
export type Attribute =
  | 'id' | 'sweep' | 'version' | 'trial_key' | 'status' | 'seed' | 'duration' | 'attempts' | 'error' | 'started' | 'finished';

/** Each attribute and the type of its values; `duration` is in milliseconds, `started`/`finished` are ISO 8601 text. */
export const ATTRIBUTES: Readonly<Record<Attribute, 'number' | 'text'>> = {
  id: 'number',
  sweep: 'text',
  version: 'number',
  trial_key: 'text',
  status: 'text',
  seed: 'number',
  duration: 'number',
  attempts: 'number',
  error: 'text',
  started: 'text',
  finished: 'text',
};

/** Where a node came from in the filter text: offsets into the source, end exclusive. */
export interface Span { start: number; end: number }

/** A parsed filter: its tree, its source, and the source span of every node (for error messages). */
export interface ParsedFilter {
  source: string;
  expr: FilterExpr;
  spans: ReadonlyMap<object, Span>;
}

/**
 * The canonical text of a field, e.g. `params.lambda`, `metrics.test_accuracy`, `status`.
 *
 * @example fieldLabel({ kind: 'param', name: 'my-param' }) // 'params.`my-param`'
 */
export function fieldLabel(field: Field): string {
  switch (field.kind) {
    case 'param': return `params.${quoteName(field.name)}`;
    case 'metric': return `metrics.${quoteName(field.name)}`;
    case 'attribute': return field.name;
  }
}

const PLAIN_SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A param or metric name as written after `params.`: dotted plain words as is, anything else in backticks.
 *
 * @example [quoteName('model.hidden'), quoteName('a`b')] // ['model.hidden', '`a``b`']
 */
export function quoteName(name: string): string {
  if (name.split('.').every((segment) => PLAIN_SEGMENT.test(segment))) return name;
  return `\`${name.replaceAll('`', '``')}\``;
}
