/** Format a number for tables: 4 significant digits, small numbers in exponent form. @example fmt(0.00012345) // '1.23e-4' */
export function fmt(v: unknown): string {
  if (typeof v !== 'number') return v === null || v === undefined ? '' : String(v);
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e6) return String(v);
  if (v !== 0 && Math.abs(v) < 1e-3) return v.toExponential(2).replace(/\.?0+e/, "e");
  return Number(v.toPrecision(4)).toString();
}

/** A duration in ms for a table: `392 ms`, `4.2 s`, `3m 05s`, `1h 02m`. @example formatDuration(4200) // '4.2 s' */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(Math.round(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/** An ISO timestamp as `2026-11-25 09:22` (UTC, as stored). @example formatTime('2026-11-25T09:22:32.901Z', true) // '2026-11-25 09:22:32' */
export function formatTime(iso: string | null | undefined, seconds = false): string {
  if (!iso) return '';
  return iso.replace('T', ' ').slice(0, seconds ? 19 : 16);
}


/** Epochs saved as a table shows them: `—` when not known (an own objective without training.epochs). @example epochsSavedCell(null) // '—' */
export function epochsSavedCell(saved: number | null): string {
  return saved === null ? '—' : String(saved);
}
