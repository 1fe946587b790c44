import type { Rng } from '../../nn/prng.ts';
import { sampleTruncatedNormal, truncatedNormalLogPdf } from './truncated-normal.ts';

/**
 * One axis of the search space, encoded for the estimator. Numeric values live in the space the search is
 * uniform in (log for log-uniform floats); categorical values are indices into the choices. An inactive
 * conditional value is NaN.
 */
export type Dimension =
  | {
    type: 'numeric';
    /** bounds in the encoded space; an int axis is widened by half a step each side */
    low: number;
    high: number;
    /** the int step (values are low + k * step before widening), or null for a float */
    step: number | null;
    /** the axis this one is conditional on (a categorical), or -1 */
    parent: number;
    /** for a conditional axis: whether it applies, by the parent's category index */
    activeFor: readonly boolean[] | null;
  }
  | { type: 'categorical'; size: number; parent: number; activeFor: readonly boolean[] | null };

/** Settings shared by every estimator of a sampler. */
export interface ParzenSettings {
  /** weight of the prior component against 1 per observation (Optuna's `prior_weight`, 1.0) */
  priorWeight: number;
}

/**
 * A tree-structured Parzen estimator: a mixture of one kernel per observation plus a prior component
 * (Bergstra et al. 2011; the form of Watanabe 2023, "Tree-structured Parzen estimator: understanding its
 * algorithm components", section 2, and Optuna's `_ParzenEstimator` with `multivariate=True`):
 *
 * - every observation weighs 1 and the prior `priorWeight`, normalized; the prior's kernel is centred in
 *   the domain with the domain's width as bandwidth (categorical: uniform);
 * - kernels are products over the axes (multivariate), so learning rate and lambda are modelled jointly;
 *   numeric kernels are normals truncated to the domain, with bandwidth (Scott-like, Optuna's multivariate
 *   rule) `0.2 * n^(-1/(d+4)) * width`, clipped to [width / min(100, n + 2), width] ("magic clip");
 * - a categorical kernel puts `1 + priorWeight / (n + 1)` (normalized) on the observed category and
 *   `priorWeight / (n + 1)` on each other (Optuna's);
 * - conditional axes are modelled per branch: an observation's kernel on `lambda` is used only for
 *   candidates of the same regularization kind (the same parent category); for other kinds, and wherever
 *   the observation has no value, that axis uses the prior kernel. An axis inactive for the candidate's
 *   branch takes no part in its density, and is never sampled (NaN).
 *
 * Int axes are sampled on the widened interval and rounded to the step; their density is the kernel's
 * density at the point (a constant bin width away from the bin mass, which cancels in l/g).
 */
export class ParzenEstimator {
  private readonly n: number;
  /** (n + 1): mixture weights, the prior last */
  private readonly logWeights: Float64Array;
  /** (n + 1, d), row-major: kernel centres (numeric) or category indices; the prior row is NaN */
  private readonly mus: Float64Array;
  /** (d): numeric bandwidth of the observations' kernels */
  private readonly sigmas: Float64Array;
  private readonly catObserved: number;
  private readonly catOther: number;

  constructor(
    private readonly dims: readonly Dimension[],
    observations: readonly Float64Array[],
    settings: ParzenSettings,
  ) {
    const n = observations.length, d = dims.length;
    this.n = n;
    const total = n + settings.priorWeight;
    this.logWeights = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) this.logWeights[i] = Math.log(1 / total);
    this.logWeights[n] = Math.log(settings.priorWeight / total);
    this.mus = new Float64Array((n + 1) * d).fill(NaN);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) {
        const dim = dims[j]!;
        const v = observations[i]![j]!;
        this.mus[i * d + j] = dim.type === 'numeric' && !Number.isNaN(v) ? Math.min(dim.high, Math.max(dim.low, v)) : v;
      }
    }
    this.sigmas = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      const dim = dims[j]!;
      if (dim.type !== 'numeric') continue;
      const width = dim.high - dim.low;
      const sigma = 0.2 * Math.max(n, 1) ** (-1 / (d + 4)) * width;
      this.sigmas[j] = Math.min(width, Math.max(width / Math.min(100, n + 2), sigma));
    }
    const fill = settings.priorWeight / (n + 1);
    this.catObserved = 1 + fill;
    this.catOther = fill;
  }

  /** Whether axis `j` of a point applies, given the point's other values. */
  private active(j: number, x: Float64Array): boolean {
    const dim = this.dims[j]!;
    if (dim.parent < 0 || !dim.activeFor) return true;
    return dim.activeFor[x[dim.parent]!] === true;
  }

  /** Whether component `c` has its own kernel on axis `j` for a point whose parent category is `x`'s. */
  private ownKernel(c: number, j: number, x: Float64Array): boolean {
    const d = this.dims.length;
    if (c === this.n || Number.isNaN(this.mus[c * d + j]!)) return false;
    const parent = this.dims[j]!.parent;
    return parent < 0 || this.mus[c * d + parent] === x[parent];
  }

  private logKernel(c: number, j: number, x: Float64Array): number {
    const dim = this.dims[j]!;
    const v = x[j]!;
    const own = this.ownKernel(c, j, x);
    if (dim.type === 'categorical') {
      if (!own) return -Math.log(dim.size);
      const mu = this.mus[c * this.dims.length + j]!;
      return Math.log((mu === v ? this.catObserved : this.catOther) / (this.catObserved + this.catOther * (dim.size - 1)));
    }
    const width = dim.high - dim.low;
    return own
      ? truncatedNormalLogPdf(v, this.mus[c * this.dims.length + j]!, this.sigmas[j]!, dim.low, dim.high)
      : truncatedNormalLogPdf(v, (dim.low + dim.high) / 2, width, dim.low, dim.high);
  }

  /** log of the mixture density at `x` (inactive axes of `x` are NaN and take no part). */
  logDensity(x: Float64Array): number {
    const d = this.dims.length;
    let max = -Infinity;
    const terms = new Float64Array(this.n + 1);
    for (let c = 0; c <= this.n; c++) {
      let t = this.logWeights[c]!;
      for (let j = 0; j < d; j++) if (!Number.isNaN(x[j]!)) t += this.logKernel(c, j, x);
      terms[c] = t;
      if (t > max) max = t;
    }
    if (max === -Infinity) return -Infinity;
    let sum = 0;
    for (let c = 0; c <= this.n; c++) sum += Math.exp(terms[c]! - max);
    return max + Math.log(sum);
  }

  /**
   * One draw: pick a component by weight, then each axis from that component's kernel, parents before the
   * axes conditional on them (axes are given parents first).
   */
  sample(rng: Rng): Float64Array {
    const d = this.dims.length;
    let u = rng.next(), c = 0;
    for (; c < this.n; c++) {
      u -= Math.exp(this.logWeights[c]!);
      if (u < 0) break;
    }
    const x = new Float64Array(d).fill(NaN);
    for (let j = 0; j < d; j++) {
      if (!this.active(j, x)) continue;
      const dim = this.dims[j]!;
      const own = this.ownKernel(c, j, x);
      if (dim.type === 'categorical') {
        if (!own) {
          x[j] = rng.int(dim.size);
          continue;
        }
        const mu = this.mus[c * d + j]!;
        const total = this.catObserved + this.catOther * (dim.size - 1);
        let r = rng.next() * total, k = 0;
        for (; k < dim.size - 1; k++) {
          r -= k === mu ? this.catObserved : this.catOther;
          if (r < 0) break;
        }
        x[j] = k;
        continue;
      }
      const width = dim.high - dim.low;
      const v = own
        ? sampleTruncatedNormal(rng, this.mus[c * d + j]!, this.sigmas[j]!, dim.low, dim.high)
        : sampleTruncatedNormal(rng, (dim.low + dim.high) / 2, width, dim.low, dim.high);
      x[j] = dim.step === null ? v : roundToStep(v, dim.low + dim.step / 2, dim.high - dim.step / 2, dim.step);
    }
    return x;
  }
}

/** `v` rounded to `first + k * step` within [first, last]. */
function roundToStep(v: number, first: number, last: number, step: number): number {
  return Math.min(last, Math.max(first, first + step * Math.round((v - first) / step)));
}
