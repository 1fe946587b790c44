/**
 * Number and string formatting without `Intl`: its first use loads ICU's locale data, which costs a
 * short-lived command about as much as the rest of its work (`regsweep compare` spent 7% of its time in
 * one `toLocaleString`). Both are locale-independent, so output is the same on every machine.
 */

/**
 * An integer with commas between groups of three digits, as `toLocaleString('en-US')` writes it.
 *
 * @example
 * groupDigits(10000); // '10,000'
 * groupDigits(-1234567); // '-1,234,567'
 */
export function groupDigits(n: number): string {
  const s = String(Math.abs(Math.trunc(n)));
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += ',';
    out += s[i];
  }
  return n < 0 ? `-${out}` : out;
}

/**
 * Order strings by their UTF-16 code units: the same order everywhere, unlike `localeCompare`, whose
 * order depends on the machine's locale.
 *
 * @example
 * ['l2', 'B', 'a'].sort(compareCodeUnits); // ['B', 'a', 'l2']
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
