/** Where in a data file a problem was found. `line` and `column` are 1-based. */
export interface DataErrorPosition {
  /** The file name as the caller gave it (a path for `loadCsv`). */
  readonly file: string;
  /** 1-based line of the file. */
  readonly line?: number;
  /** 1-based field number in the row (1 is the first column), not a character offset. */
  readonly column?: number;
  readonly cause?: unknown;
}

/**
 * A problem with the contents of a data file, with a compiler-style message:
 * `<file>:<line>:<column>: <what>` when a cell is to blame, `<file>: <what>` otherwise.
 * The parts are also kept as fields, so a caller can re-format or test them.
 *
 * @example
 * throw new DataError('empty value in column "species"', { file: 'iris.csv', line: 7, column: 5 });
 * // message: 'iris.csv:7:5: empty value in column "species"'
 */
export class DataError extends Error {
  override readonly name = 'DataError';
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  /** The message without the position prefix. */
  readonly what: string;

  constructor(what: string, position: DataErrorPosition) {
    const { file, line, column, cause } = position;
    const where = line === undefined ? file : column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
    super(`${where}: ${what}`, cause === undefined ? undefined : { cause });
    this.file = file;
    this.line = line;
    this.column = column;
    this.what = what;
  }
}
