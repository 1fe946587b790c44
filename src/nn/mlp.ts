import type { Activation, Init, Loss, ModelConfig } from './config.ts';
import type { Rng } from './prng.ts';

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
 * net.backward(x, row, y, grad); // adds dLoss/dtheta into grad
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
    const { theta, a, sizes, nLayers, act } = this;
    const xOff = row * this.nIn;
    for (let i = 0; i < this.nIn; i++) a[i] = x[xOff + i];
    for (let l = 0; l < nLayers; l++) {
      const nIn = sizes[l], nOut = sizes[l + 1];
      const inOff = this.aOff[l], outOff = this.aOff[l + 1], b = this.bOff[l];
      const hidden = l < nLayers - 1;
      let w = this.wOff[l];
      for (let j = 0; j < nOut; j++, w += nIn) {
        let z = theta[b + j];
        for (let i = 0; i < nIn; i++) z += theta[w + i] * a[inOff + i];
        if (hidden) z = act === TANH ? Math.tanh(z) : act === RELU ? (z > 0 ? z : 0) : 1 / (1 + Math.exp(-z));
        a[outOff + j] = z;
      }
    }
    // softmax over the logits z_L
    const zOff = this.aOff[nLayers], p = this.p, nOut = this.nOut;
    let max = -Infinity;
    for (let k = 0; k < nOut; k++) if (a[zOff + k] > max) max = a[zOff + k];
    let sum = 0;
    for (let k = 0; k < nOut; k++) sum += p[k] = Math.exp(a[zOff + k] - max);
    for (let k = 0; k < nOut; k++) p[k] /= sum;
    this.logSumExp = max + Math.log(sum);
  }

  /** log sum_k exp(z_k) of the last forward pass, for a stable cross-entropy. */
  logSumExp = 0;

  /** Data loss of the last forward pass against class y. */
  lossOf(y: number): number {
    if (this.lossKind === CROSS_ENTROPY) return this.logSumExp - this.a[this.aOff[this.nLayers] + y];
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

  /** Back-propagate the last forward pass against class y, adding dLoss/dtheta into `grad`. */
  backward(y: number, grad: Float64Array): void {
    const { theta, a, delta, p, sizes, nLayers, act } = this;
    // output layer: delta_L = dLoss/dz_L
    const dOff = this.aOff[nLayers], nOut = this.nOut;
    if (this.lossKind === CROSS_ENTROPY) {
      for (let k = 0; k < nOut; k++) delta[dOff + k] = p[k] - (k === y ? 1 : 0);
    } else {
      // L = 1/2 sum (p - t)^2, g = p - t, dL/dz_j = p_j (g_j - sum_k g_k p_k)
      let s = 0;
      for (let k = 0; k < nOut; k++) s += (p[k] - (k === y ? 1 : 0)) * p[k];
      for (let k = 0; k < nOut; k++) delta[dOff + k] = p[k] * (p[k] - (k === y ? 1 : 0) - s);
    }
    for (let l = nLayers - 1; l >= 0; l--) {
      const nIn = sizes[l], nOutL = sizes[l + 1];
      const inOff = this.aOff[l], outOff = this.aOff[l + 1], b = this.bOff[l];
      const propagate = l > 0;
      if (propagate) delta.fill(0, inOff, inOff + nIn);
      let w = this.wOff[l];
      for (let j = 0; j < nOutL; j++, w += nIn) {
        const d = delta[outOff + j];
        grad[b + j] += d;
        // dW_l[j, i] = delta_{l+1}[j] * a_l[i];  delta_l[i] += W_l[j, i] * delta_{l+1}[j]
        if (propagate) {
          for (let i = 0; i < nIn; i++) {
            grad[w + i] += d * a[inOff + i];
            delta[inOff + i] += theta[w + i] * d;
          }
        } else {
          for (let i = 0; i < nIn; i++) grad[w + i] += d * a[inOff + i];
        }
      }
      if (propagate) {
        // times f'(z) written in terms of the activation a = f(z)
        for (let i = inOff; i < inOff + nIn; i++) {
          const ai = a[i];
          delta[i] *= act === TANH ? 1 - ai * ai : act === RELU ? (ai > 0 ? 1 : 0) : ai * (1 - ai);
        }
      }
    }
  }
}
