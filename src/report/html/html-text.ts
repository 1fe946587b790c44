/**
 * Escaping for the HTML report: everything the page prints goes through `escapeHtml`, so a group or sweep
 * name can never inject markup. Numbers read as in `regsweep compare` (see compare-format.ts).
 *
 * @example
 * `<td>${escapeHtml(group)}</td>`; // '<td>&lt;b&gt;l2&lt;/b&gt;</td>' for a group named '<b>l2</b>'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
