import { readFileSync } from 'node:fs';
import type { Dataset } from './dataset.ts';
import { didYouMean } from '../text/did-you-mean.ts';
import { DataError } from './data-error.ts';

/** One field as read: its text (quotes removed if quoted, else trimmed) and the line it starts on. */
interface Field {
  readonly text: string;
  readonly line: number;
}

/** One record (row): its fields and the line it starts on. */
interface Row {
  readonly line: number;
  readonly fields: Field[];
  /** True if the row is only whitespace (no quotes, no commas). */
  readonly blank: boolean;
}

/**
 * Splits CSV text into rows of fields. Line ends are `\n`, `\r\n` or `\r`. A field that starts
 * with `"` is quoted: it runs to the next lone `"`, may hold commas and line breaks, and `""`
 * inside it stands for one `"`; its closing quote must end the field. A `"` anywhere else is an
 * ordinary character. Unquoted fields are trimmed of surrounding whitespace.
 */
function tokenize(text: string, file: string): Row[] {
  const rows: Row[] = [];
  let fields: Field[] = [];
  let rowLine = 1;
  let line = 1;
  let i = 0;
  let rowHasContent = false;
  const len = text.length;
  const endRow = () => {
    const blank = !rowHasContent && fields.length === 1 && fields[0]!.text === '';
    rows.push({ line: rowLine, fields, blank });
    fields = [];
    rowHasContent = false;
  };
  while (i <= len) {
    // At the start of a field.
    const fieldLine = line;
    let value = '';
    if (text[i] === '"') {
      i++;
      rowHasContent = true;
      for (;;) {
        if (i >= len) throw new DataError('unterminated quoted field', { file, line: fieldLine, column: fields.length + 1 });
        const ch = text[i]!;
        if (ch === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (ch === '\r' || ch === '\n') {
          line++;
          i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
          value += '\n';
          continue;
        }
        value += ch;
        i++;
      }
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
        throw new DataError('unexpected text after closing quote', { file, line, column: fields.length + 1 });
      }
      fields.push({ text: value, line: fieldLine });
    } else {
      const start = i;
      while (i < len && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') i++;
      fields.push({ text: text.slice(start, i).trim(), line: fieldLine });
    }
    // After a field: a comma, a line end, or the end of the text.
    if (i >= len) {
      endRow();
      break;
    }
    const ch = text[i]!;
    if (ch === ',') {
      rowHasContent = true;
      i++;
      continue;
    }
    i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    line++;
    endRow();
    rowLine = line;
    if (i >= len) break; // a final line end does not start another row
  }
  return rows;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The value of a decimal number cell (`3`, `-0.5`, `1e-3`), or undefined for anything else. */
function parseNumber(text: string): number | undefined {
  if (!NUMBER.test(text)) return undefined;
  const v = Number(text);
  return Number.isFinite(v) ? v : undefined;
}

/**
 * Parses CSV text into a Dataset. The first row names the columns; the column named `label`
 * holds the class of each row (strings or numbers), every other column is a numeric feature, in
 * file order. Classes are sorted to give their indices: numerically if every label is a number,
 * else by UTF-16 code units (`'B' < 'a'`), independent of locale. Labels are compared as text, so
 * `1` and `1.0` are two classes. Cells are trimmed; a leading byte-order mark is dropped; blank
 * lines at the end are ignored, blank lines elsewhere are an error.
 *
 * Errors are {@link DataError}s, `<file>:<line>:<column>: <what>` with a 1-based file line and
 * 1-based field number, or `<file>: <what>` for the file as a whole. For a ragged row the column
 * is the first field number where the row and header disagree (one past the shorter of the two).
 *
 * @example
 * const ds = parseCsv('a,b,kind\n1,2,x\n3,4,y\n', { file: 'tiny.csv', label: 'kind' });
 * ds.featureNames; // ['a', 'b']
 * ds.classNames;   // ['x', 'y']
 */
export function parseCsv(text: string, options: { file: string; label: string }): Dataset {
  const { file, label } = options;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows = tokenize(text, file);
  while (rows.length > 0 && rows[rows.length - 1]!.blank) rows.pop();
  if (rows.length === 0) throw new DataError('empty file (no header row)', { file });

  const header = rows[0]!;
  const names = header.fields.map((f) => f.text);
  const seen = new Map<string, number>();
  names.forEach((name, c) => {
    const at = { file, line: header.fields[c]!.line, column: c + 1 };
    if (name === '') throw new DataError('empty column name in header', at);
    const first = seen.get(name);
    if (first !== undefined) throw new DataError(`duplicate column name "${name}" (also column ${first + 1})`, at);
    seen.set(name, c);
  });
  const labelColumn = seen.get(label);
  if (labelColumn === undefined) {
    throw new DataError(`no label column "${label}"${didYouMean(label, names)}; columns are: ${names.join(', ')}`, { file });
  }
  if (names.length < 2) throw new DataError(`no feature columns besides the label "${label}"`, { file });
  if (rows.length === 1) throw new DataError('no data rows after the header', { file });

  const nCols = names.length;
  const nFeatures = nCols - 1;
  const n = rows.length - 1;
  const x = new Float64Array(n * nFeatures); // (n, nFeatures), row-major
  const labels: string[] = new Array(n);
  for (let r = 0; r < n; r++) {
    const row = rows[r + 1]!;
    if (row.blank) {
      throw new DataError('blank line inside the data (only blank lines at the end are allowed)', {
        file,
        line: row.line,
        column: 1,
      });
    }
    const got = row.fields.length;
    if (got !== nCols) {
      // Point at the first extra field, or at the end of a short row.
      const line = got > nCols ? row.fields[nCols]!.line : row.fields[got - 1]!.line;
      throw new DataError(`expected ${nCols} fields, got ${got}`, { file, line, column: Math.min(got, nCols) + 1 });
    }
    let f = 0;
    for (let c = 0; c < nCols; c++) {
      const field = row.fields[c]!;
      const at = { file, line: field.line, column: c + 1 };
      if (field.text === '') throw new DataError(`empty value in column "${names[c]}"`, at);
      if (c === labelColumn) {
        labels[r] = field.text;
        continue;
      }
      const v = parseNumber(field.text);
      if (v === undefined) throw new DataError(`non-numeric value ${JSON.stringify(field.text)} in column "${names[c]}"`, at);
      x[r * nFeatures + f++] = v;
    }
  }

  const distinct = [...new Set(labels)];
  const numeric = distinct.map(parseNumber);
  const allNumeric = numeric.every((v) => v !== undefined);
  const order = distinct.map((_, i) => i);
  if (allNumeric) order.sort((a, b) => numeric[a]! - numeric[b]! || (distinct[a]! < distinct[b]! ? -1 : 1));
  else order.sort((a, b) => (distinct[a]! < distinct[b]! ? -1 : distinct[a]! > distinct[b]! ? 1 : 0));
  const classNames = order.map((i) => distinct[i]!);
  if (classNames.length < 2) {
    throw new DataError(`only one class ("${classNames[0]}") in label column "${label}"; need at least 2`, { file });
  }
  const index = new Map(classNames.map((name, k) => [name, k]));
  const y = new Int32Array(n);
  for (let r = 0; r < n; r++) y[r] = index.get(labels[r]!)!;

  const featureNames = names.filter((_, c) => c !== labelColumn);
  return { x, y, n, nFeatures, nClasses: classNames.length, featureNames, classNames };
}

/**
 * Reads a UTF-8 CSV file and parses it with {@link parseCsv}; error messages name the file by
 * `path` as given. A file that cannot be read is a DataError `<path>: file not found` or
 * `<path>: cannot read file (<reason>)`, with the system error as `cause`.
 *
 * @example
 * const iris = loadCsv('data/iris.csv', { label: 'species' });
 * iris.n; // 150
 */
export function loadCsv(path: string, options: { label: string }): Dataset {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DataError('file not found', { file: path, cause });
    const reason = code ?? (cause instanceof Error ? cause.message : String(cause));
    throw new DataError(`cannot read file (${reason})`, { file: path, cause });
  }
  return parseCsv(text, { file: path, label: options.label });
}
