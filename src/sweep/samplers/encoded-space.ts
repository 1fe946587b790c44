import type { Distribution } from '../distributions.ts';
import { type Assignment, applyConditions, conditionOf } from '../space.ts';
import type { Dimension } from './parzen-estimator.ts';

/** One swept parameter as an axis of the estimator. */
interface Axis {
  name: string;
  distribution: Distribution;
  dim: Dimension;
}

function sameValue(choice: unknown, value: unknown): boolean {
  if (choice === value) return true;
  // recorded params hold lists and objects as canonical JSON text
  return typeof choice === 'object' && choice !== null && typeof value === 'string' && JSON.stringify(choice) === value;
}

/**
 * A search space as the axes of a Parzen estimator: `regularization` first (when swept) and the settings
 * conditional on it pointing to it; params in and out of the estimator's encoding (log-uniform floats in
 * log space, choices as indices, inactive settings as NaN). A setting that never applies (lambda with a
 * fixed kind `none`) and a choice of one value are not axes: there is nothing to learn about them.
 *
 * @example new EncodedSpace({ regularization: choice(['none', 'l2']), lambda: logUniform(1e-6, 1) }, 'none').axes.length // 2
 */
export class EncodedSpace {
  readonly axes: readonly Axis[];
  /** every swept name, in the space's key order */
  private readonly names: readonly string[];
  private readonly fixed: Assignment;

  constructor(space: Readonly<Record<string, Distribution>>, private readonly baseKind: unknown) {
    const entries = Object.entries(space);
    const kind = entries.find(([name]) => name === 'regularization');
    const ordered = kind ? [kind, ...entries.filter((e) => e !== kind)] : entries;
    const axes: Axis[] = [];
    const fixed: Assignment = {};
    for (const [name, d] of ordered) {
      const condition = conditionOf(name);
      let parent = -1, activeFor: boolean[] | null = null;
      if (condition) {
        if (kind && axes[0]?.name === 'regularization' && kind[1].type === 'choice') {
          parent = 0;
          activeFor = kind[1].values.map((k) => condition(k));
          if (!activeFor.some(Boolean)) continue;
        } else if (!condition(kind && kind[1].type === 'choice' && kind[1].values.length === 1 ? kind[1].values[0] : baseKind)) {
          continue;
        }
      }
      if (d.type === 'choice') {
        if (d.values.length === 1) {
          fixed[name] = d.values[0];
          continue;
        }
        axes.push({ name, distribution: d, dim: { type: 'categorical', size: d.values.length, parent, activeFor } });
      } else if (d.type === 'int') {
        if (d.high - d.low < d.step) {
          fixed[name] = d.low;
          continue;
        }
        const last = d.low + d.step * Math.floor((d.high - d.low) / d.step);
        axes.push({ name, distribution: d, dim: { type: 'numeric', low: d.low - d.step / 2, high: last + d.step / 2, step: d.step, parent, activeFor } });
      } else {
        const [low, high] = d.log ? [Math.log(d.low), Math.log(d.high)] : [d.low, d.high];
        axes.push({ name, distribution: d, dim: { type: 'numeric', low, high, step: null, parent, activeFor } });
      }
    }
    this.axes = axes;
    this.names = entries.map(([name]) => name);
    this.fixed = fixed;
  }

  get dims(): Dimension[] {
    return this.axes.map((a) => a.dim);
  }

  /** A recorded configuration's params as a point; a missing, null or unknown value is NaN. */
  encode(params: Assignment): Float64Array {
    const x = new Float64Array(this.axes.length).fill(NaN);
    this.axes.forEach(({ name, distribution: d }, j) => {
      const v = params[name];
      if (v === null || v === undefined) return;
      if (d.type === 'choice') {
        const k = d.values.findIndex((c) => sameValue(c, v));
        if (k >= 0) x[j] = k;
      } else if (typeof v === 'number' && Number.isFinite(v)) {
        x[j] = d.type === 'float' && d.log ? (v > 0 ? Math.log(v) : NaN) : v;
      }
    });
    return x;
  }

  /** A point as params by short name, conditional settings that do not apply nulled. */
  decode(x: Float64Array): Assignment {
    const values = new Map<string, unknown>();
    this.axes.forEach(({ name, distribution: d }, j) => {
      const v = x[j]!;
      if (Number.isNaN(v)) values.set(name, null);
      else if (d.type === 'choice') values.set(name, d.values[v]);
      else if (d.type === 'int') values.set(name, Math.round(v));
      else values.set(name, d.log ? Math.min(d.high, Math.max(d.low, Math.exp(v))) : v);
    });
    const a: Assignment = {};
    for (const name of this.names) a[name] = values.has(name) ? values.get(name) : name in this.fixed ? this.fixed[name] : null;
    return applyConditions(a, this.baseKind);
  }
}
