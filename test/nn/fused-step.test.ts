import { describe, expect, it } from 'vitest';
import { type Activation, type Loss, Mlp, Rng, defaultModel, penaltyOf, sgdStep } from '../../src/nn/index.ts';

// The online fast path (back-propagation fused with the SGD step) must give exactly the weights of the
// general path (backward into a gradient buffer, then sgdStep), bit for bit.
const nIn = 5, nClasses = 3, n = 12;
const rng = new Rng(11);
const x = Float64Array.from({ length: n * nIn }, () => rng.uniform(-2, 2));
const y = Int32Array.from({ length: n }, (_, i) => i % nClasses);

describe('fused online step', () => {
  for (const activation of ['tanh', 'relu', 'sigmoid'] as Activation[]) {
    for (const loss of ['cross-entropy', 'mse'] as Loss[]) {
      for (const [kind, lambda] of [['none', 0], ['l2', 0.01], ['l1', 0.01], ['elasticnet', 0.01]] as const) {
        it(`${activation} / ${loss} / ${kind}`, () => {
          const pen = penaltyOf({ kind, lambda, lambda2: 0.02, l1Method: 'proximal', regularizeBias: kind === 'elasticnet' });
          const make = () => {
            const net = new Mlp([nIn, 6, 4, nClasses], { ...defaultModel, activation, loss });
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
