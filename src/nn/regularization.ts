import type { RegularizationConfig } from './config.ts';
import type { Mlp } from './mlp.ts';

/** The per-parameter strengths a regularization config amounts to. */
export interface Penalty {
  /** L1 strength: lambda * sum |w| */
  l1: number;
  /** L2 strength: l2/2 * sum w^2 (gradient l2 * w) */
  l2: number;
  /** apply L1 by soft-thresholding after the step instead of adding lambda*sign(w) to the gradient */
  proximal: boolean;
  regularizeBias: boolean;
}

/** Resolve a regularization config to L1 / L2 strengths. */
export function penaltyOf(reg: RegularizationConfig): Penalty {
  const l1 = reg.kind === 'l1' || reg.kind === 'elasticnet' ? reg.lambda : 0;
  const l2 = reg.kind === 'l2' ? reg.lambda : reg.kind === 'elasticnet' ? (reg.lambda2 ?? reg.lambda) : 0;
  return { l1, l2, proximal: reg.l1Method === 'proximal', regularizeBias: reg.regularizeBias };
}

/** Penalty term lambda*sum|w| + lambda2/2*sum w^2 over the penalized parameters (weights, and biases if configured). */
export function penaltyValue(net: Mlp, pen: Penalty): number {
  if (pen.l1 === 0 && pen.l2 === 0) return 0;
  let sAbs = 0, sSq = 0;
  const theta = net.theta;
  for (let l = 0; l < net.nLayers; l++) {
    const end = pen.regularizeBias ? net.bOff[l] + net.sizes[l + 1] : net.bOff[l];
    for (let k = net.wOff[l]; k < end; k++) {
      const w = theta[k];
      sAbs += Math.abs(w);
      sSq += w * w;
    }
  }
  return pen.l1 * sAbs + 0.5 * pen.l2 * sSq;
}

/** Add the penalty's (sub)gradient to `grad` (the gradient a finite-difference check sees; proximal L1 uses sign(w) here too). */
export function addPenaltyGradient(net: Mlp, pen: Penalty, grad: Float64Array): void {
  const theta = net.theta;
  for (let l = 0; l < net.nLayers; l++) {
    const end = pen.regularizeBias ? net.bOff[l] + net.sizes[l + 1] : net.bOff[l];
    for (let k = net.wOff[l]; k < end; k++) {
      const w = theta[k];
      grad[k] += pen.l1 * (w > 0 ? 1 : w < 0 ? -1 : 0) + pen.l2 * w;
    }
  }
}

/**
 * One SGD step over theta[start, end): g = grad*scale + l2*w (+ l1*sign(w) for subgradient L1),
 * v = momentum*v - lr*g, w += v, then for proximal L1 w = sign(w)*max(|w| - lr*l1, 0).
 * Zeroes the gradient it consumed.
 */
function stepRange(
  theta: Float64Array, grad: Float64Array, velocity: Float64Array, start: number, end: number,
  scale: number, lr: number, momentum: number, l1: number, l2: number, proximal: boolean,
): void {
  const l1Sub = proximal ? 0 : l1;
  const threshold = proximal ? lr * l1 : 0;
  for (let k = start; k < end; k++) {
    let w = theta[k];
    const g = grad[k] * scale + l2 * w + (l1Sub === 0 ? 0 : l1Sub * (w > 0 ? 1 : w < 0 ? -1 : 0));
    grad[k] = 0;
    if (momentum === 0) {
      w -= lr * g;
    } else {
      const v = momentum * velocity[k] - lr * g;
      velocity[k] = v;
      w += v;
    }
    if (threshold > 0) w = w > threshold ? w - threshold : w < -threshold ? w + threshold : 0;
    theta[k] = w;
  }
}

/** Apply one (mini-)batch step: `grad` holds the sum of per-sample gradients over `batch` samples. */
export function sgdStep(net: Mlp, grad: Float64Array, velocity: Float64Array, batch: number, lr: number, momentum: number, pen: Penalty): void {
  const scale = 1 / batch;
  for (let l = 0; l < net.nLayers; l++) {
    const w0 = net.wOff[l], b0 = net.bOff[l], bEnd = b0 + net.sizes[l + 1];
    stepRange(net.theta, grad, velocity, w0, b0, scale, lr, momentum, pen.l1, pen.l2, pen.proximal);
    if (pen.regularizeBias) stepRange(net.theta, grad, velocity, b0, bEnd, scale, lr, momentum, pen.l1, pen.l2, pen.proximal);
    else stepRange(net.theta, grad, velocity, b0, bEnd, scale, lr, momentum, 0, 0, false);
  }
}
