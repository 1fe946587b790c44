// Colour on a terminal only: when to colour, and the styles used.

/**
 * Colour only on a terminal, never when NO_COLOR is set and non-empty (https://no-color.org);
 * FORCE_COLOR=1 turns it on anyway (tests, `| less -R`).
 *
 * @example
 * const color = useColor(); // false under `regsweep runs | cat`
 */
export function useColor(stream: { isTTY?: boolean } = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0';
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

/** ANSI SGR codes of the styles `paint` knows. */
export const CODES = { bold: 1, dim: 2, red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36 } as const;
export type Style = keyof typeof CODES;

/** Wrap `text` in an ANSI style when `color` is on. @example paint('failed', 'red', useColor()) */
export function paint(text: string, style: Style, color: boolean): string {
  return color && text !== '' ? `\x1b[${CODES[style]}m${text}\x1b[0m` : text;
}

/** The colour of a trial status in listings. @example paint(t.status, statusStyle(t.status), color) */
export function statusStyle(status: string): Style {
  switch (status) {
    case 'completed': return 'green';
    case 'failed': return 'red';
    case 'diverged': return 'yellow';
    case 'running': return 'cyan';
    default: return 'dim';
  }
}

/** The printable width of a string: ANSI codes removed, one column per code point. @example visibleWidth(paint('ok', 'red', true)) // 2 */
export function visibleWidth(text: string): number {
  return [...text.replace(/\x1b\[[0-9;]*m/g, '')].length;
}
