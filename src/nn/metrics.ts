import type { Mlp } from './mlp.ts';
import { type Penalty, penaltyValue } from './regularization.ts';
import type { Samples } from './samples.ts';

/** How well the model fits one data split. */
export interface SplitMetrics {
  accuracy: number;
  /** mean data loss (no penalty) */
  loss: number;
}

/** Properties of the weights themselves (biases excluded). */
export interface WeightMetrics {
  /** the penalty term, reported apart from the data loss */
  penalty: number;
  /** sum |w| */
  l1Norm: number;
  /** sqrt(sum w^2) */
  l2Norm: number;
  /** fraction of weights exactly 0 */
  zeroFraction: number;
  /** per input feature i, sum_j |W_0[j, i]|: the weight mass leaving input i (0 when L1 pruned it) */
  featureMass: number[];
}

/** Accuracy and mean data loss of the model on `data`. */
export function evaluate(net: Mlp, data: Samples): SplitMetrics {
  if (data.n === 0) return { accuracy: NaN, loss: NaN };
  let correct = 0, loss = 0;
  for (let r = 0; r < data.n; r++) {
    net.forward(data.x, r);
    const y = data.y[r];
    loss += net.lossOf(y);
    if (net.predicted() === y) correct++;
  }
  return { accuracy: correct / data.n, loss: loss / data.n };
}

/** Norms, sparsity and per-input weight mass of the model's weights. */
export function weightMetrics(net: Mlp, pen: Penalty): WeightMetrics {
  let l1 = 0, sq = 0, zeros = 0, count = 0;
  for (let l = 0; l < net.nLayers; l++) {
    for (let k = net.wOff[l]; k < net.bOff[l]; k++) {
      const w = net.theta[k];
      l1 += Math.abs(w);
      sq += w * w;
      if (w === 0) zeros++;
      count++;
    }
  }
  const featureMass = new Array<number>(net.nIn).fill(0);
  const nHidden = net.sizes[1];
  for (let j = 0; j < nHidden; j++) {
    for (let i = 0; i < net.nIn; i++) featureMass[i] += Math.abs(net.theta[net.wOff[0] + j * net.nIn + i]);
  }
  return { penalty: penaltyValue(net, pen), l1Norm: l1, l2Norm: Math.sqrt(sq), zeroFraction: zeros / count, featureMass };
}
