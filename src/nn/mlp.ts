import type { Activation, Init, Loss, ModelConfig } from './config.ts';
import type { Rng } from './prng.ts';
import type { Penalty } from './regularization.ts';

// Kernel convention: every buffer is a preallocated Float64Array indexed by offset arithmetic, and every
// index is in range by construction, so kernels read `buf[k]` only where the type checker needs it.

const TANH = 0, RELU = 1, SIGMOID = 2;
const CROSS_ENTROPY = 0, MSE = 1;
const activationCode: Record<Activation, number> = { tanh: TANH, relu: RELU, sigmoid: SIGMOID };
const lossCode: Record<Loss, number> = { 'cross-entropy': CROSS_ENTROPY, mse: MSE };

/**
 * A multilayer perceptron with a softmax output: its parameters and the scratch buffers of one
 * forward / backward pass. Layer l maps a_l (size n_l) to a_{l+1} = f(W_l a_l + b_l).
 *
 * All parameters live in one vector `theta`; layer l's weights W_l are (n_{l+1}, n_l) row-major at
 * `wOff[l]`, followed by its biases b_l at `bOff[l]`.
 *
 * @example
 * const net = new Mlp([10, 15, 4], { ...defaultModel });
 * net.init(new Rng(1));
 * net.forward(x, row);          // fills net.p with class probabilities
 * net.backward(y, grad);       // adds dLoss/dtheta into grad
 * net.backwardStep(y, lr, pen); // or: online SGD, back-propagation fused with the step
 */
export class Mlp {
  readonly sizes: readonly number[];
  readonly nLayers: number;
  readonly nIn: number;
  readonly nOut: number;
  readonly theta: Float64Array;
  readonly wOff: Int32Array;
  readonly bOff: Int32Array;
  /** activations of every layer, concatenated; layer l at aOff[l] (a_0 = input copy, last = logits z_L) */
  readonly a: Float64Array;
  readonly aOff: Int32Array;
  /** dLoss/dz per layer, same layout as `a` (layer 0 unused) */
  readonly delta: Float64Array;
  /** (nOut) softmax probabilities of the last forward pass */
  readonly p: Float64Array;
  readonly activation: Activation;
  readonly loss: Loss;
  private readonly act: number;
  private readonly lossKind: number;
  private readonly config: ModelConfig;

  constructor(sizes: readonly number[], config: ModelConfig) {
    if (sizes.length < 2 || sizes.some((s) => !Number.isInteger(s) || s < 1)) {
      throw new RangeError(`layer sizes must be positive integers, got [${sizes.join(', ')}]`);
    }
    this.sizes = sizes;
    this.nLayers = sizes.length - 1;
    this.nIn = sizes[0];
    this.nOut = sizes[this.nLayers];
    this.config = config;
    this.activation = config.activation;
    this.loss = config.loss;
    this.act = activationCode[config.activation];
    this.lossKind = lossCode[config.loss];
    this.wOff = new Int32Array(this.nLayers);
    this.bOff = new Int32Array(this.nLayers);
    this.aOff = new Int32Array(sizes.length);
    let nTheta = 0;
    for (let l = 0; l < this.nLayers; l++) {
      this.wOff[l] = nTheta;
      nTheta += sizes[l] * sizes[l + 1];
      this.bOff[l] = nTheta;
      nTheta += sizes[l + 1];
    }
    let nA = 0;
    for (let l = 0; l < sizes.length; l++) {
      this.aOff[l] = nA;
      nA += sizes[l];
    }
    this.theta = new Float64Array(nTheta);
    this.a = new Float64Array(nA);
    this.delta = new Float64Array(nA);
    this.p = new Float64Array(this.nOut);
  }

  /** Draw initial parameters from `rng` per the model's `init`. */
  init(rng: Rng, init: Init = this.config.init, scale = this.config.initScale): void {
    const { theta, sizes } = this;
    for (let l = 0; l < this.nLayers; l++) {
      const fanIn = sizes[l], fanOut = sizes[l + 1];
      const w0 = this.wOff[l], b0 = this.bOff[l], bEnd = b0 + fanOut;
      if (init === 'uniform') {
        for (let k = w0; k < bEnd; k++) theta[k] = rng.uniform(-scale, scale);
      } else if (init === 'glorot') {
        const r = Math.sqrt(6 / (fanIn + fanOut));
        for (let k = w0; k < b0; k++) theta[k] = rng.uniform(-r, r);
        theta.fill(0, b0, bEnd);
      } else {
        const sd = Math.sqrt(2 / fanIn);
        for (let k = w0; k < b0; k++) theta[k] = sd * rng.normal();
        theta.fill(0, b0, bEnd);
      }
    }
  }

  /** Forward pass of row `row` of x ((n, nIn) row-major); leaves probabilities in `p`. */
  forward(x: Float64Array, row: number): void {
    const { theta, a, sizes, nLayers, aOff, wOff, bOff } = this;
    const xOff = row * this.nIn;
    for (let i = 0; i < this.nIn; i++) a[i] = x[xOff + i];
    for (let l = 0; l < nLayers; l++) {
      const nIn = sizes[l], nOut = sizes[l + 1];
      const inOff = aOff[l], outOff = aOff[l + 1], b = bOff[l];
      // z_{l+1} = W_l a_l + b_l, four rows j..j+3 at a time, then two, then one: their sums run side by
      // side and share each a_l[i] (the adds of one sum wait on each other; four sums keep the CPU busy).
      // Each sum still adds its terms in order of i, so the blocking does not change a bit of the result.
      let w = wOff[l], j = 0;
      for (; j + 3 < nOut; j += 4, w += 4 * nIn) {
        const w1 = w + nIn, w2 = w1 + nIn, w3 = w2 + nIn;
        let z0 = theta[b + j], z1 = theta[b + j + 1], z2 = theta[b + j + 2], z3 = theta[b + j + 3];
        for (let i = 0; i < nIn; i++) {
          const ai = a[inOff + i];
          z0 += theta[w + i] * ai;
          z1 += theta[w1 + i] * ai;
          z2 += theta[w2 + i] * ai;
          z3 += theta[w3 + i] * ai;
        }
        a[outOff + j] = z0;
        a[outOff + j + 1] = z1;
        a[outOff + j + 2] = z2;
        a[outOff + j + 3] = z3;
      }
      for (; j + 1 < nOut; j += 2, w += 2 * nIn) {
        const w1 = w + nIn;
        let z0 = theta[b + j], z1 = theta[b + j + 1];
        for (let i = 0; i < nIn; i++) {
          const ai = a[inOff + i];
          z0 += theta[w + i] * ai;
          z1 += theta[w1 + i] * ai;
        }
        a[outOff + j] = z0;
        a[outOff + j + 1] = z1;
      }
      if (j < nOut) {
        let z = theta[b + j];
        for (let i = 0; i < nIn; i++) z += theta[w + i] * a[inOff + i];
        a[outOff + j] = z;
      }
      if (l < nLayers - 1) this.activate(outOff, outOff + nOut);
    }
    // softmax over the logits z_L
    const zOff = aOff[nLayers], p = this.p, nOut = this.nOut;
    let max = -Infinity;
    for (let k = 0; k < nOut; k++) if (a[zOff + k] > max) max = a[zOff + k];
    let sum = 0;
    for (let k = 0; k < nOut; k++) sum += p[k] = Math.exp(a[zOff + k] - max);
    for (let k = 0; k < nOut; k++) p[k] /= sum;
    // log-sum-exp = max + log(sum), taken only when a loss is asked for (a log per sample saved in training)
    this.zMax = max;
    this.expSum = sum;
  }

  /** a = f(z) in place over a[start, end); one loop per activation keeps the branch out of it. */
  private activate(start: number, end: number): void {
    const a = this.a;
    // tanh z = 1 - 2 / (e^{2z} + 1): one exp, cheaper than Math.tanh and within 4e-16 of it (absolute),
    // so f'(z) = 1 - a^2 below stays its derivative; gives ±1 for large |z|, where e^{2z} overflows to
    // Infinity or underflows to 0
    if (this.act === TANH) for (let k = start; k < end; k++) a[k] = 1 - 2 / (Math.exp(2 * a[k]) + 1);
    else if (this.act === RELU) for (let k = start; k < end; k++) a[k] = a[k] > 0 ? a[k] : 0;
    else for (let k = start; k < end; k++) a[k] = 1 / (1 + Math.exp(-a[k]));
  }

  /** delta *= f'(z) over delta[start, end), f' written in terms of the activation a = f(z). */
  private activationDerivative(start: number, end: number): void {
    const a = this.a, delta = this.delta;
    if (this.act === TANH) for (let k = start; k < end; k++) delta[k] *= 1 - a[k] * a[k];
    else if (this.act === RELU) for (let k = start; k < end; k++) delta[k] *= a[k] > 0 ? 1 : 0;
    else for (let k = start; k < end; k++) delta[k] *= a[k] * (1 - a[k]);
  }

  /** max_k z_k and sum_k exp(z_k - max) of the last forward pass: log sum exp z = zMax + log(expSum). */
  private zMax = 0;
  private expSum = 1;

  /** Data loss of the last forward pass against class y. */
  lossOf(y: number): number {
    if (this.lossKind === CROSS_ENTROPY) return this.zMax + Math.log(this.expSum) - this.a[this.aOff[this.nLayers] + y];
    let s = 0;
    for (let k = 0; k < this.nOut; k++) {
      const g = this.p[k] - (k === y ? 1 : 0);
      s += g * g;
    }
    return 0.5 * s;
  }

  /** Index of the largest probability of the last forward pass. */
  predicted(): number {
    const p = this.p;
    let best = 0;
    for (let k = 1; k < this.nOut; k++) if (p[k] > p[best]) best = k;
    return best;
  }

  /** delta_L = dLoss/dz_L of the last forward pass against class y. */
  private outputDelta(y: number): void {
    const { delta, p, nOut } = this;
    const dOff = this.aOff[this.nLayers];
    if (this.lossKind === CROSS_ENTROPY) {
      for (let k = 0; k < nOut; k++) delta[dOff + k] = p[k];
      delta[dOff + y] -= 1;
    } else {
      // L = 1/2 sum (p - t)^2, g = p - t, dL/dz_j = p_j (g_j - sum_k g_k p_k)
      let s = 0;
      for (let k = 0; k < nOut; k++) s += (p[k] - (k === y ? 1 : 0)) * p[k];
      for (let k = 0; k < nOut; k++) delta[dOff + k] = p[k] * (p[k] - (k === y ? 1 : 0) - s);
    }
  }

  /** Back-propagate the last forward pass against class y, adding dLoss/dtheta into `grad`. */
  backward(y: number, grad: Float64Array): void {
    const { theta, a, delta, sizes, aOff, wOff, bOff } = this;
    this.outputDelta(y);
    for (let l = this.nLayers - 1; l >= 0; l--) {
      const nIn = sizes[l], nOut = sizes[l + 1];
      const inOff = aOff[l], outOff = aOff[l + 1], b = bOff[l];
      let w = wOff[l];
      if (l > 0) {
        // dW_l[j, i] = delta_{l+1}[j] * a_l[i];  delta_l[i] = sum_j W_l[j, i] * delta_{l+1}[j]
        for (let i = 0; i < nIn; i++) delta[inOff + i] = 0;
        for (let j = 0; j < nOut; j++, w += nIn) {
          const d = delta[outOff + j];
          grad[b + j] += d;
          for (let i = 0; i < nIn; i++) {
            grad[w + i] += d * a[inOff + i];
            delta[inOff + i] += theta[w + i] * d;
          }
        }
        this.activationDerivative(inOff, inOff + nIn);
      } else {
        for (let j = 0; j < nOut; j++, w += nIn) {
          const d = delta[outOff + j];
          grad[b + j] += d;
          for (let i = 0; i < nIn; i++) grad[w + i] += d * a[inOff + i];
        }
      }
    }
  }

  /**
   * Online SGD fused with back-propagation, for the last forward pass against class y: every
   * parameter is stepped as soon as its gradient is known, w -= lr * (dLoss/dw + l2 * w), then
   * soft-thresholded by lr * l1 (proximal L1); biases get the penalty only if `regularizeBias`. Each
   * W_l is read for delta_l before it is stepped, so the numbers are those of `backward(y, grad)` then
   * `sgdStep(net, grad, velocity, 1, lr, 0, pen)`. Not for subgradient L1 (nor momentum): take that way.
   */
  backwardStep(y: number, lr: number, pen: Penalty): void {
    if (pen.l1 !== 0 && !pen.proximal) throw new RangeError('backwardStep applies L1 only as a proximal step');
    const { theta, a, delta, sizes, aOff, wOff, bOff } = this;
    const l2 = pen.l2, threshold = lr * pen.l1;
    this.outputDelta(y);
    for (let l = this.nLayers - 1; l >= 0; l--) {
      const nIn = sizes[l], nOut = sizes[l + 1];
      const inOff = aOff[l], outOff = aOff[l + 1], b = bOff[l];
      // dW_l[j, i] = delta_{l+1}[j] * a_l[i], four rows j..j+3 at a time, then two, then one (they share
      // each a_l[i]); layer 0 has its own loops because it needs no delta_0
      let w = wOff[l], j = 0;
      if (l > 0) {
        // delta_l[i] = sum_j W_l[j, i] * delta_{l+1}[j], summed in order of j, then times f'(z_l)
        for (let i = 0; i < nIn; i++) delta[inOff + i] = 0;
        for (; j + 3 < nOut; j += 4, w += 4 * nIn) {
          const w1 = w + nIn, w2 = w1 + nIn, w3 = w2 + nIn;
          const d0 = delta[outOff + j], d1 = delta[outOff + j + 1], d2 = delta[outOff + j + 2], d3 = delta[outOff + j + 3];
          for (let i = 0; i < nIn; i++) {
            const ai = a[inOff + i], v0 = theta[w + i], v1 = theta[w1 + i], v2 = theta[w2 + i], v3 = theta[w3 + i];
            delta[inOff + i] = delta[inOff + i] + v0 * d0 + v1 * d1 + v2 * d2 + v3 * d3;
            theta[w + i] = v0 - lr * (d0 * ai + l2 * v0);
            theta[w1 + i] = v1 - lr * (d1 * ai + l2 * v1);
            theta[w2 + i] = v2 - lr * (d2 * ai + l2 * v2);
            theta[w3 + i] = v3 - lr * (d3 * ai + l2 * v3);
          }
        }
        for (; j + 1 < nOut; j += 2, w += 2 * nIn) {
          const w1 = w + nIn, d0 = delta[outOff + j], d1 = delta[outOff + j + 1];
          for (let i = 0; i < nIn; i++) {
            const ai = a[inOff + i], v0 = theta[w + i], v1 = theta[w1 + i];
            delta[inOff + i] = delta[inOff + i] + v0 * d0 + v1 * d1;
            theta[w + i] = v0 - lr * (d0 * ai + l2 * v0);
            theta[w1 + i] = v1 - lr * (d1 * ai + l2 * v1);
          }
        }
        if (j < nOut) {
          const d = delta[outOff + j];
          for (let i = 0; i < nIn; i++) {
            const v = theta[w + i];
            delta[inOff + i] += v * d;
            theta[w + i] = v - lr * (d * a[inOff + i] + l2 * v);
          }
        }
        this.activationDerivative(inOff, inOff + nIn);
      } else {
        for (; j + 3 < nOut; j += 4, w += 4 * nIn) {
          const w1 = w + nIn, w2 = w1 + nIn, w3 = w2 + nIn;
          const d0 = delta[outOff + j], d1 = delta[outOff + j + 1], d2 = delta[outOff + j + 2], d3 = delta[outOff + j + 3];
          for (let i = 0; i < nIn; i++) {
            const ai = a[inOff + i], v0 = theta[w + i], v1 = theta[w1 + i], v2 = theta[w2 + i], v3 = theta[w3 + i];
            theta[w + i] = v0 - lr * (d0 * ai + l2 * v0);
            theta[w1 + i] = v1 - lr * (d1 * ai + l2 * v1);
            theta[w2 + i] = v2 - lr * (d2 * ai + l2 * v2);
            theta[w3 + i] = v3 - lr * (d3 * ai + l2 * v3);
          }
        }
        for (; j + 1 < nOut; j += 2, w += 2 * nIn) {
          const w1 = w + nIn, d0 = delta[outOff + j], d1 = delta[outOff + j + 1];
          for (let i = 0; i < nIn; i++) {
            const ai = a[inOff + i], v0 = theta[w + i], v1 = theta[w1 + i];
            theta[w + i] = v0 - lr * (d0 * ai + l2 * v0);
            theta[w1 + i] = v1 - lr * (d1 * ai + l2 * v1);
          }
        }
        if (j < nOut) {
          const d = delta[outOff + j];
          for (let i = 0; i < nIn; i++) {
            const v = theta[w + i];
            theta[w + i] = v - lr * (d * a[inOff + i] + l2 * v);
          }
        }
      }
      // db_l[j] = delta_{l+1}[j]
      const bl2 = pen.regularizeBias ? l2 : 0;
      for (let j = 0; j < nOut; j++) theta[b + j] -= lr * (delta[outOff + j] + bl2 * theta[b + j]);
      if (threshold > 0) softThreshold(theta, wOff[l], pen.regularizeBias ? b + nOut : b, threshold);
    }
  }
}

/** w = sign(w) * max(|w| - t, 0) over theta[start, end): the proximal step of t * |w|. */
function softThreshold(theta: Float64Array, start: number, end: number, t: number): void {
  for (let k = start; k < end; k++) {
    const w = theta[k];
    theta[k] = w > t ? w - t : w < -t ? w + t : 0;
  }
}
