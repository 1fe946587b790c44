/** What kind of mistake a filter has: bad syntax, a field the database does not know, or a value of the wrong type. */
export type FilterErrorCode = 'syntax' | 'unknown-field' | 'type';

/**
 * A filter (or sort key) that cannot be run, with the place it goes wrong. `message` reads
 * `expected a value after '<' at column 17`; `snippet()` adds the filter on one line and a caret
 * under that column, for a terminal.
 *
 * @example
 * try { parseFilter("params.lambda < and seed = 1"); } catch (e) {
 *   if (e instanceof FilterError) console.error(`invalid filter: ${e.message}\n${e.snippet()}`);
 * }
 * // invalid filter: expected a value after '<' at column 17
 * //   params.lambda < and seed = 1
 * //                   ^
 */
export class FilterError extends Error {
  override name = 'FilterError';
  readonly code: FilterErrorCode;
  /** The whole filter text. */
  readonly source: string;
  /** Offset into `source` (UTF-16 units) of what is wrong; `source.length` for the end. */
  readonly position: number;
  /** 1-based column of `position`, counted in characters. */
  readonly column: number;
  /** What is wrong, without the position: `expected a value after '<'`. */
  readonly reason: string;
  /** For `unknown-field`: the field as written, e.g. `metrics.tst_accuracy`. */
  readonly field: string | undefined;
  /** What the text was given as, for messages: `filter` (default) or `sort key`. */
  readonly subject: string;
  private readonly hint: string | undefined;

  constructor(
    code: FilterErrorCode,
    reason: string,
    source: string,
    position: number,
    options: { hint?: string; field?: string; subject?: string } = {},
  ) {
    const column = [...source.slice(0, position)].length + 1;
    super(`${reason} at column ${column}${options.hint ? ` (${options.hint})` : ''}`);
    this.code = code;
    this.reason = reason;
    this.source = source;
    this.position = position;
    this.column = column;
    this.field = options.field;
    this.subject = options.subject ?? 'filter';
    this.hint = options.hint;
  }

  /** The filter on one line (newlines and tabs shown as spaces) and a caret under the column, each indented by `indent`. */
  snippet(indent = '  '): string {
    const line = this.source.replace(/[\r\n\t\v\f]/g, ' ');
    return `${indent}${line}\n${indent}${' '.repeat(this.column - 1)}^`;
  }

  /** A copy with another hint, e.g. a did-you-mean found in the database. */
  withHint(hint: string): FilterError {
    return new FilterError(this.code, this.reason, this.source, this.position, { hint, field: this.field, subject: this.subject });
  }

  /** A copy that says what the text was given as. @example error.about('sort key') */
  about(subject: string): FilterError {
    return new FilterError(this.code, this.reason, this.source, this.position, { hint: this.hint, field: this.field, subject });
  }
}
