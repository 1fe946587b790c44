import { describe, expect, it } from 'vitest';
import { type Activation, type Loss, Mlp, Rng, defaultModel, penaltyOf, sgdStep } from '../../src/nn/index.ts';

// The online fast path (back-propagation fused with the SGD step) must give exactly the weights of the
// general path (backward into a gradient buffer, then sgdStep), bit for bit. Layer widths 7, 4, 3 take
// every row-blocking path of the kernels: 7 = 4 + 2 + 1 rows (layer 0), 4 = 4, 3 = 2 + 1.
const nIn = 5, nClasses = 3, n = 12;
const rng = new Rng(11);
const x = Float64Array.from({ length: n * nIn }, () => rng.uniform(-2, 2));
const y = Int32Array.from({ length: n }, (_, i) => i % nClasses);
const sizes = [nIn, 7, 4, nClasses];

describe('fused online step', () => {
  for (const activation of ['tanh', 'relu', 'sigmoid'] as Activation[]) {
    for (const loss of ['cross-entropy', 'mse'] as Loss[]) {
      for (const [kind, lambda] of [['none', 0], ['l2', 0.01], ['l1', 0.01], ['elasticnet', 0.01]] as const) {
        it(`${activation} / ${loss} / ${kind}`, () => {
          const pen = penaltyOf({ kind, lambda, lambda2: 0.02, l1Method: 'proximal', regularizeBias: kind === 'elasticnet' });
          const make = () => {
            const net = new Mlp(sizes, { ...defaultModel, activation, loss });
            net.init(new Rng(2), 'uniform', 0.5);
            return net;
          };
          const fused = make(), general = make();
          const grad = new Float64Array(general.theta.length), velocity = new Float64Array(general.theta.length);
          for (let epoch = 0; epoch < 3; epoch++) {
            for (let r = 0; r < n; r++) {
              fused.forward(x, r);
              fused.backwardStep(y[r]!, 0.1, pen);
              general.forward(x, r);
              general.backward(y[r]!, grad);
              sgdStep(general, grad, velocity, 1, 0.1, 0, pen);
            }
          }
          expect(Buffer.from(fused.theta.buffer).equals(Buffer.from(general.theta.buffer))).toBe(true);
        });
      }
    }
  }
});

describe('forward', () => {
  it('gives, bit for bit, the logits and probabilities of a plain one-row-at-a-time loop', () => {
    const net = new Mlp(sizes, { ...defaultModel, activation: 'tanh' });
    net.init(new Rng(3), 'uniform', 0.7);
    const { theta, wOff, bOff } = net;
    for (let r = 0; r < n; r++) {
      net.forward(x, r);
      let h = Array.from(x.subarray(r * nIn, (r + 1) * nIn));
      for (let l = 0; l < sizes.length - 1; l++) {
        const z = Array.from({ length: sizes[l + 1]! }, (_, j) => {
          let s = theta[bOff[l]! + j]!;
          for (let i = 0; i < h.length; i++) s += theta[wOff[l]! + j * h.length + i]! * h[i]!;
          return s;
        });
        h = l < sizes.length - 2 ? z.map((v) => 1 - 2 / (Math.exp(2 * v) + 1)) : z;
      }
      const max = Math.max(...h), e = h.map((v) => Math.exp(v - max)), sum = e.reduce((s, v) => s + v, 0);
      expect(Array.from(net.p)).toEqual(e.map((v) => v / sum));
      expect(Math.abs(net.p.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-15);
    }
  });
});
