// Building the DOM without a framework: h('td', { class: 'num' }, '0.81'), and the number formats of the pages.

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | ((e: Event) => void)>;

/** An element with attributes (`on*` are listeners; false/null/undefined are left out) and children (strings become text). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (v === true) el.setAttribute(k, '');
    else if (v !== false && v !== null && v !== undefined) el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

/** Replace an element's children, leaving out null, undefined and false. */
export function fill(el: Element, ...children: (Child | Child[])[]): void {
  el.replaceChildren(...children.flat().filter((c): c is Node | string | number => c !== null && c !== undefined && c !== false).map((c) => (c instanceof Node ? c : String(c))));
}

/** An element filled with HTML the server built with the report library (which escapes every text). */
export function trustedHtml(tag: 'div', html: string, attrs: Attrs = {}): HTMLDivElement {
  const el = h(tag, attrs);
  el.innerHTML = html;
  return el;
}

/** 4 significant digits, small numbers in exponent form, integers as is; null as an en dash. */
export function fmt(v: unknown): string {
  if (v === null || v === undefined) return '–';
  if (typeof v !== 'number') return String(v);
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (Number.isInteger(v) && Math.abs(v) < 1e6) return String(v);
  if (v !== 0 && Math.abs(v) < 1e-3) return v.toExponential(2).replace(/\.?0+e/, 'e');
  return String(Number(v.toPrecision(4)));
}

/** `1.2 s`, `3 min 4 s`. */
export function duration(ms: number | null): string {
  if (ms === null) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

/** `2026-11-25 09:22` in local time. */
export function when(iso: string | null): string {
  if (!iso) return '–';
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** A status as a coloured badge; unknown statuses (pruned, raced-out) get their own style. */
export function statusBadge(status: string, count?: number): HTMLElement {
  return h('span', { class: `badge status-${status}`, 'data-status': status }, count === undefined ? status : `${count.toLocaleString('en-US')} ${status}`);
}

/** The statuses in reading order: finished first, then stopped early, then still to come. */
export const STATUS_ORDER = ['completed', 'pruned', 'raced-out', 'diverged', 'failed', 'interrupted', 'running', 'queued'];

export function orderedStatuses(counts: Record<string, number>): [string, number][] {
  const rank = (s: string) => (STATUS_ORDER.includes(s) ? STATUS_ORDER.indexOf(s) : STATUS_ORDER.length - 2);
  return Object.entries(counts).filter(([, n]) => n > 0).sort(([a], [b]) => rank(a) - rank(b));
}

/** Completed or otherwise finished share of a sweep, as a bar with the running part shaded. */
export function progressBar(counts: Record<string, number>, total: number): HTMLElement {
  const done = total - (counts.queued ?? 0) - (counts.running ?? 0);
  const pct = (n: number) => (total === 0 ? 0 : (100 * n) / total);
  return h('div', { class: 'progress', title: `${done} of ${total} finished, ${counts.running ?? 0} running` },
    h('div', { class: 'done', style: `width:${pct(done)}%` }),
    h('div', { class: 'running', style: `width:${pct(counts.running ?? 0)}%` }),
    h('span', {}, `${Math.floor(pct(done))}%`));
}
