import { FilterError } from './filter-error.ts';

export type TokenKind =
  | 'word' // identifier or keyword: `params`, `lambda`, `and`
  | 'quoted-name' // `my-param`
  | 'string' // 'l2' or "l2" (a double-quoted string right after `params.` is a name, as in MLflow)
  | 'number' // 0.01, -3, 1e-4
  | 'op' // = != < <= > >=
  | '(' | ')' | ',' | '.'
  | 'eof';

/**
 * One token of a filter. `value` is the decoded value: the name of a word or backtick name (a keyword's
 * lower-case form is in `keyword`), the text of a string, the number of a number, the canonical operator.
 */
export interface Token {
  kind: TokenKind;
  value: string | number;
  /** Lower-case keyword (`and`, `in`, ...) when a word is one; words are keywords case-insensitively. */
  keyword: Keyword | undefined;
  /** The quote of a string token (`'` or `"`): after a prefix such as `params.`, a `"..."` is a name. */
  quote?: "'" | '"';
  start: number;
  end: number;
}

export type Keyword = 'and' | 'or' | 'not' | 'in' | 'like' | 'ilike' | 'is' | 'null' | 'true' | 'false';
const KEYWORDS: ReadonlySet<string> = new Set<Keyword>(['and', 'or', 'not', 'in', 'like', 'ilike', 'is', 'null', 'true', 'false']);

const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
// A number: optional minus, digits with an optional fraction (or a bare fraction), optional exponent.
const NUMBER = /-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/y;
const WORD_CHAR = /[A-Za-z0-9_.]/;

/**
 * Split a filter into tokens; the last is always `eof`. Strings are '...' or "..." with the quote
 * doubled inside ('it''s'); names in backticks double a backtick the same way. Whether a "..." is a
 * string or a name (`params."model-type"`) is the parser's call: it depends on what precedes it.
 *
 * @example
 * tokenize("seed >= 3").map((t) => t.value) // ['seed', '>=', 3, '']
 */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, value: string | number, start: number, keyword?: Keyword) => {
    tokens.push({ kind, value, keyword, start, end: i });
  };
  while (i < source.length) {
    const c = source[i]!;
    const start = i;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'" || c === '"') {
      const [text, next] = readQuoted(source, i, c, 'string');
      i = next;
      push('string', text, start);
      tokens[tokens.length - 1]!.quote = c;
    } else if (c === '`') {
      const [text, next] = readQuoted(source, i, c, 'name');
      i = next;
      push('quoted-name', text, start);
    } else if (/[0-9]/.test(c) || ((c === '-' || c === '.') && matchAt(NUMBER, source, i))) {
      const text = matchAt(NUMBER, source, i)!;
      i += text.length;
      if (i < source.length && WORD_CHAR.test(source[i]!)) {
        while (i < source.length && WORD_CHAR.test(source[i]!)) i++;
        throw new FilterError('syntax', `malformed number '${source.slice(start, i)}'`, source, start);
      }
      const value = Number(text);
      if (!Number.isFinite(value)) throw new FilterError('syntax', `number out of range '${text}'`, source, start);
      push('number', value, start);
    } else if (/[A-Za-z_]/.test(c)) {
      const word = matchAt(WORD, source, i)!;
      i += word.length;
      const lower = word.toLowerCase();
      push('word', word, start, KEYWORDS.has(lower) ? (lower as Keyword) : undefined);
    } else if (c === '(' || c === ')' || c === ',' || c === '.') {
      i++;
      push(c, c, start);
    } else {
      const two = source.slice(i, i + 2);
      if (two === '!=' || two === '<>' || two === '<=' || two === '>=' || two === '==') {
        i += 2;
        push('op', two === '<>' ? '!=' : two === '==' ? '=' : two, start);
      } else if (c === '=' || c === '<' || c === '>') {
        i++;
        push('op', c, start);
      } else {
        const char = String.fromCodePoint(source.codePointAt(i)!);
        const hint = c === '-' ? 'write names with other characters in backticks, e.g. params.`my-param`' : undefined;
        throw new FilterError('syntax', `unexpected character '${char}'`, source, start, { hint });
      }
    }
  }
  tokens.push({ kind: 'eof', value: '', keyword: undefined, start: source.length, end: source.length });
  return tokens;
}

/** The match of a sticky regular expression at `index`, if any. */
function matchAt(re: RegExp, source: string, index: number): string | undefined {
  re.lastIndex = index;
  return re.exec(source)?.[0];
}

/** Read a quoted string or name starting at `open`; the quote character doubled stands for itself. */
function readQuoted(source: string, open: number, quote: string, what: 'string' | 'name'): [string, number] {
  let text = '';
  let i = open + 1;
  for (;;) {
    const end = source.indexOf(quote, i);
    if (end < 0) {
      const label = what === 'string' ? 'unterminated string' : 'unterminated backtick name';
      throw new FilterError('syntax', `${label}: no closing ${quote}`, source, open);
    }
    text += source.slice(i, end);
    if (source[end + 1] === quote) {
      text += quote;
      i = end + 2;
    } else {
      return [text, end + 1];
    }
  }
}
