/**
 * The columns a string takes in a terminal, as the `string-width` package counts them, for cli-table3.
 * cli-table3 asks `string-width` about every line of every cell several times over (about 1,100 calls
 * for `compare`'s four tables), and each call strips colour codes with a regular expression it builds
 * anew and scans for emoji with another: a tenth of what `compare` costs before it prints. Most cells are
 * plain text, whose width is their length, so those are answered here and the rest go to `string-width`.
 * The build hands this to cli-table3 in place of `string-width` (scripts/build.mjs); the sources keep the
 * package's own, and `test/text/string-width.test.ts` checks the two agree.
 */
import packageStringWidth from 'string-width';

/**
 * Characters one column wide in every terminal that are not part of any emoji sequence, nor colour codes:
 * printable ASCII and the symbols regsweep's tables use.
 */
export const PLAIN_CHARACTERS = ' -~±·×–—∞≤≥…µ°';
const plain = new RegExp(`^[${PLAIN_CHARACTERS}]*$`); // ' -~' is a range inside [...]

/**
 * `string-width`'s answer: the string's length when it holds only {@link PLAIN_CHARACTERS}, else the package's.
 *
 * @example
 * stringWidth('63.2 ± 9.6'); // 10
 * stringWidth('古'); // 2 (from string-width)
 */
export function stringWidth(text: string): number {
  return typeof text === 'string' && plain.test(text) ? text.length : packageStringWidth(text);
}
