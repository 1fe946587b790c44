import { describe, expect, it } from 'vitest';
import { Mlp, type Samples, defaultModel, evaluate, penaltyOf, weightMetrics } from '../../src/nn/index.ts';

// A 2-input, 2-class network without a hidden layer, weights set by hand:
//   W = [[1, -2], [0, 0.5]] (row j = class j), b = [0.25, -0.25], so z = W x + b.
function handNet(loss: 'cross-entropy' | 'mse' = 'cross-entropy'): Mlp {
  const net = new Mlp([2, 2], { ...defaultModel, hidden: [], loss });
  net.theta.set([1, -2, 0, 0.5, 0.25, -0.25]);
  return net;
}

// x = (1, 0): z = [1.25, -0.25], predicted 0, label 0 (right)
// x = (0, 1): z = [-1.75, 0.25], predicted 1, label 0 (wrong)
// x = (1, 1): z = [-0.75, 0.25], predicted 1, label 1 (right)
const data: Samples = { x: Float64Array.from([1, 0, 0, 1, 1, 1]), y: Int32Array.from([0, 0, 1]), n: 3, nFeatures: 2, nClasses: 2 };

describe('evaluate', () => {
  it('gives the accuracy and mean cross-entropy computed by hand', () => {
    const m = evaluate(handNet(), data);
    expect(m.accuracy).toBe(2 / 3);
    // cross-entropy of two classes: log(1 + e^(z_other - z_label))
    const expected = (Math.log1p(Math.exp(-1.5)) + Math.log1p(Math.exp(2)) + Math.log1p(Math.exp(-1))) / 3;
    expect(m.loss).toBeCloseTo(expected, 14);
    expect(m.loss).toBeCloseTo(0.880533, 5);
  });

  it('gives the mean squared error of the probabilities, 1/2 sum (p - t)^2', () => {
    const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
    // two classes: p_label = sigmoid(z_label - z_other), and (p_label - 1)^2 + (1 - p_label)^2 = 2 (1 - p_label)^2
    const perRow = [sigmoid(1.5), sigmoid(-2), sigmoid(1)].map((p) => (1 - p) ** 2);
    const m = evaluate(handNet('mse'), data);
    expect(m.loss).toBeCloseTo((perRow[0]! + perRow[1]! + perRow[2]!) / 3, 14);
  });

  it('reports NaN, not 0, for an empty split', () => {
    const m = evaluate(handNet(), { ...data, x: new Float64Array(0), y: new Int32Array(0), n: 0 });
    expect(m.accuracy).toBeNaN();
    expect(m.loss).toBeNaN();
  });
});

describe('weightMetrics', () => {
  const elasticnet = { kind: 'elasticnet', lambda: 0.1, lambda2: 0.2, l1Method: 'proximal' } as const;

  it('gives norms, the zero fraction and the mass leaving each input over the weights only', () => {
    const w = weightMetrics(handNet(), penaltyOf({ ...elasticnet, regularizeBias: false }));
    expect(w.l1Norm).toBe(3.5); // |1| + |-2| + |0| + |0.5|
    expect(w.l2Norm).toBe(Math.sqrt(5.25)); // 1 + 4 + 0 + 0.25
    expect(w.zeroFraction).toBe(0.25); // one weight of four
    expect(w.featureMass).toEqual([1, 2.5]); // input 0: |1| + |0|; input 1: |-2| + |0.5|
    // 0.1 * 3.5 + 0.2 / 2 * 5.25
    expect(w.penalty).toBeCloseTo(0.875, 15);
  });

  it('adds the biases to the penalty only when they are regularized', () => {
    const w = weightMetrics(handNet(), penaltyOf({ ...elasticnet, regularizeBias: true }));
    // + 0.1 * (0.25 + 0.25) + 0.2 / 2 * (0.0625 + 0.0625)
    expect(w.penalty).toBeCloseTo(0.9375, 15);
    expect(w.l1Norm).toBe(3.5);
    expect(weightMetrics(handNet(), penaltyOf({ kind: 'none', lambda: 0, l1Method: 'subgradient', regularizeBias: true })).penalty).toBe(0);
  });
});
