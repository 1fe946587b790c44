import { describe, expect, it } from 'vitest';
import {
  type Activation, type Loss, type RegularizationConfig, Mlp, Rng, addPenaltyGradient, defaultModel, penaltyOf, penaltyValue,
} from '../../src/nn/index.ts';

// A small 2-hidden-layer network on 6 random samples. The objective is the full-batch
// J(theta) = mean_i loss_i + penalty(theta); the analytic gradient (backward + penalty gradient)
// must match central finite differences (h = 1e-5) with a vector-relative error
// ||g - g_fd|| / (||g|| + ||g_fd||) below 1e-6, and every entry within 1e-6 relative (1e-9 absolute).
const nIn = 4, nClasses = 3, n = 6;
const rng = new Rng(7);
const x = Float64Array.from({ length: n * nIn }, () => rng.uniform(-2, 2));
const y = Int32Array.from({ length: n }, (_, i) => i % nClasses);

function objective(net: Mlp, reg: RegularizationConfig): number {
  let s = 0;
  for (let r = 0; r < n; r++) {
    net.forward(x, r);
    s += net.lossOf(y[r]!);
  }
  return s / n + penaltyValue(net, penaltyOf(reg));
}

function analyticGradient(net: Mlp, reg: RegularizationConfig): Float64Array {
  const grad = new Float64Array(net.theta.length);
  for (let r = 0; r < n; r++) {
    net.forward(x, r);
    net.backward(y[r]!, grad);
  }
  for (let k = 0; k < grad.length; k++) grad[k]! /= n;
  addPenaltyGradient(net, penaltyOf(reg), grad);
  return grad;
}

function finiteDifferences(net: Mlp, reg: RegularizationConfig, h = 1e-5): Float64Array {
  const g = new Float64Array(net.theta.length);
  for (let k = 0; k < g.length; k++) {
    const w = net.theta[k]!;
    net.theta[k] = w + h;
    const plus = objective(net, reg);
    net.theta[k] = w - h;
    const minus = objective(net, reg);
    net.theta[k] = w;
    g[k] = (plus - minus) / (2 * h);
  }
  return g;
}

const regs: Record<string, RegularizationConfig> = {
  none: { kind: 'none', lambda: 0, l1Method: 'subgradient', regularizeBias: false },
  l2: { kind: 'l2', lambda: 0.3, l1Method: 'subgradient', regularizeBias: false },
  l1: { kind: 'l1', lambda: 0.2, l1Method: 'subgradient', regularizeBias: false },
  'elasticnet+bias': { kind: 'elasticnet', lambda: 0.1, lambda2: 0.4, l1Method: 'proximal', regularizeBias: true },
};

describe('back-propagation matches central finite differences', () => {
  for (const activation of ['tanh', 'relu', 'sigmoid'] as Activation[]) {
    for (const loss of ['cross-entropy', 'mse'] as Loss[]) {
      for (const [name, reg] of Object.entries(regs)) {
        it(`${activation} / ${loss} / ${name}`, () => {
          const net = new Mlp([nIn, 5, 4, nClasses], { ...defaultModel, activation, loss });
          net.init(new Rng(3), 'uniform', 0.8);
          const g = analyticGradient(net, reg);
          const fd = finiteDifferences(net, reg);
          let diff = 0, na = 0, nf = 0;
          for (let k = 0; k < g.length; k++) {
            diff += (g[k]! - fd[k]!) ** 2;
            na += g[k]! ** 2;
            nf += fd[k]! ** 2;
            expect(Math.abs(g[k]! - fd[k]!)).toBeLessThanOrEqual(1e-6 * Math.max(Math.abs(g[k]!), Math.abs(fd[k]!)) + 1e-9);
          }
          expect(na).toBeGreaterThan(0);
          expect(Math.sqrt(diff) / (Math.sqrt(na) + Math.sqrt(nf))).toBeLessThan(1e-6);
        });
      }
    }
  }

  it('penalty values follow the documented conventions (hand-computed)', () => {
    const net = new Mlp([2, 1], { ...defaultModel, hidden: [] });
    net.theta.set([0.5, -2, 3]); // W = [0.5, -2], b = 3
    const l2 = penaltyOf({ kind: 'l2', lambda: 0.1, l1Method: 'proximal', regularizeBias: false });
    expect(penaltyValue(net, l2)).toBeCloseTo(0.1 / 2 * (0.25 + 4), 15); // lambda/2 * sum w^2, bias excluded
    const l1 = penaltyOf({ kind: 'l1', lambda: 0.1, l1Method: 'proximal', regularizeBias: true });
    expect(penaltyValue(net, l1)).toBeCloseTo(0.1 * (0.5 + 2 + 3), 15);
    const en = penaltyOf({ kind: 'elasticnet', lambda: 0.1, lambda2: 0.2, l1Method: 'proximal', regularizeBias: false });
    expect(penaltyValue(net, en)).toBeCloseTo(0.1 * 2.5 + 0.1 * 4.25, 15);
  });
});
