import type { CurveRow, CurveSet, CurvesResponse } from '../api-types.ts';
import { getJson } from './api.ts';

/** Trials per curves request (the server takes up to 500). */
const BATCH = 200;

/**
 * The learning curves a page has downloaded, per trial and key. `update` asks only for the points after the
 * last epoch it has of each trial, so a running trial's curve grows without being fetched again.
 */
export class TrialCurves {
  private readonly curves = new Map<number, Map<string, [number, number][]>>();
  private readonly points = new Map<number, number>();

  /** How many points of `id` are here; the change feed's `curvePoints` above it means more to fetch. */
  count(id: number): number {
    return this.points.get(id) ?? 0;
  }

  has(id: number): boolean {
    return this.curves.has(id);
  }

  /** Fetch what is missing of these trials' curves. */
  async update(ids: number[]): Promise<void> {
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH);
      const t = batch.map((id) => `${id}:${this.lastEpoch(id)}`).join(',');
      const { curves } = await getJson<CurvesResponse>('/api/curves', { t });
      for (const [id, byKey] of Object.entries(curves)) this.add(Number(id), byKey);
    }
  }

  /**
   * One row per set, key and epoch: the mean across the set's trials that have the point, and the band from
   * the lowest to the highest of them. A set of trials stopped on purpose (pruned, raced out) is drawn trial by
   * trial instead: each its own line (`line`), its last point marked (`stop`) where it was stopped.
   */
  rows(sets: CurveSet[], keys: string[]): CurveRow[] {
    const out: CurveRow[] = [];
    for (const set of sets) {
      const stopped = set.role === 'pruned' || set.role === 'raced-out';
      for (const key of keys) {
        if (stopped) {
          for (const id of set.trialIds) {
            const pts = (this.curves.get(id)?.get(key) ?? []).filter(([, v]) => Number.isFinite(v));
            pts.forEach(([epoch, v], j) => out.push({ set: set.label, line: `${set.label} #${id}`, key, epoch, mean: v, lo: v, hi: v, n: 1, stop: j === pts.length - 1 }));
          }
          continue;
        }
        const byEpoch = new Map<number, number[]>();
        for (const id of set.trialIds) {
          for (const [epoch, value] of this.curves.get(id)?.get(key) ?? []) {
            if (!Number.isFinite(value)) continue;
            let vs = byEpoch.get(epoch);
            if (!vs) byEpoch.set(epoch, (vs = []));
            vs.push(value);
          }
        }
        for (const [epoch, vs] of [...byEpoch].sort((a, b) => a[0] - b[0])) {
          let sum = 0, lo = Infinity, hi = -Infinity;
          for (const v of vs) { sum += v; if (v < lo) lo = v; if (v > hi) hi = v; }
          out.push({ set: set.label, line: set.label, key, epoch, mean: sum / vs.length, lo, hi, n: vs.length });
        }
      }
    }
    return out;
  }

  /**
   * One trial's curves as rows for a chart of one panel per metric and one line per split:
   * `validation_loss` is the `validation` line of the `loss` panel; a key of no split is the `model` line.
   */
  splitRows(id: number): CurveRow[] {
    const out: CurveRow[] = [];
    for (const [key, pts] of this.curves.get(id) ?? []) {
      const m = /^(train|validation|test)_(.+)$/.exec(key);
      const [set, name] = m ? [m[1]!, m[2]!] : ['model', key];
      for (const [epoch, v] of pts) if (Number.isFinite(v)) out.push({ set, line: set, key: name, epoch, mean: v, lo: v, hi: v, n: 1 });
    }
    return out;
  }

  private lastEpoch(id: number): number {
    let last = -1;
    for (const pts of this.curves.get(id)?.values() ?? []) if (pts.length) last = Math.max(last, pts[pts.length - 1]![0]);
    return last;
  }

  private add(id: number, byKey: Record<string, [number, number][]>): void {
    let mine = this.curves.get(id);
    if (!mine) this.curves.set(id, (mine = new Map()));
    let n = this.points.get(id) ?? 0;
    for (const [key, pts] of Object.entries(byKey)) {
      let list = mine.get(key);
      if (!list) mine.set(key, (list = []));
      list.push(...pts);
      n += pts.length;
    }
    this.points.set(id, n);
  }
}
