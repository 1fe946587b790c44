/**
 * Text helpers for the HTML report: escaping and number formatting. Everything the page prints goes
 * through `escapeHtml`, so a group or sweep name can never inject markup.
 *
 * @example
 * `<td>${escapeHtml(group)}</td><td>${formatNumber(0.000123)}</td>`; // ... <td>1.23e-4</td>
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** 4 significant digits; small numbers in exponent form; null and undefined print as an en dash. */
export function formatNumber(v: number | null | undefined): string {
  if (v === null || v === undefined) return '–';
  if (Number.isNaN(v)) return '–';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (Number.isInteger(v) && Math.abs(v) < 1e6) return String(v);
  if (v !== 0 && Math.abs(v) < 1e-3) return v.toExponential(2).replace(/\.?0+e/, 'e');
  return Number(v.toPrecision(4)).toString();
}

/** A p-value: 3 significant digits, `< 1e-4` below that. */
export function formatP(p: number): string {
  if (Number.isNaN(p)) return '–';
  if (p < 1e-4) return '< 1e-4';
  return Number(p.toPrecision(3)).toString();
}

/** A parameter value as a user wrote it: numbers formatted, strings as is, null as an en dash. */
export function formatParam(v: unknown): string {
  if (typeof v === 'number') return formatNumber(v);
  if (v === null || v === undefined) return '–';
  return String(v);
}
