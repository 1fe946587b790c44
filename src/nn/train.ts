import type { TrainConfig } from './config.ts';
import { type SplitMetrics, type WeightMetrics, evaluate, weightMetrics } from './metrics.ts';
import { Mlp } from './mlp.ts';
import { Rng } from './prng.ts';
import { type Penalty, penaltyOf, sgdStep } from './regularization.ts';
import type { Samples } from './samples.ts';

export type SplitName = 'train' | 'validation' | 'test';

/** The data a training run sees. Only `train` is fitted; the others are measured. */
export interface TrainData {
  train: Samples;
  validation?: Samples;
  test?: Samples;
}

/** What `onEpoch` receives every `evalEvery` epochs. */
export interface EpochReport {
  /** 1-based epoch just finished */
  epoch: number;
  /** mean data loss over the epoch's training steps (as seen while training) */
  trainLoss: number;
  splits: Partial<Record<SplitName, SplitMetrics>>;
  weights: WeightMetrics;
}

export interface TrainResult {
  /** `diverged`: a loss or weight became NaN or infinite; training stopped at `divergedEpoch` */
  status: 'completed' | 'diverged';
  /** epochs actually trained */
  epochs: number;
  divergedEpoch: number | null;
  /** with early stopping: the epoch whose weights were kept */
  bestEpoch: number | null;
  stoppedEarly: boolean;
  /** `onEpoch` returned false: training stopped at that epoch, on the caller's word */
  stoppedByCaller: boolean;
  /** metrics of the final (or best) weights per split */
  splits: Partial<Record<SplitName, SplitMetrics>>;
  weights: WeightMetrics;
  /** the final parameter vector (layout: see Mlp) */
  theta: Float64Array;
  sizes: number[];
}

function measure(net: Mlp, data: TrainData): Partial<Record<SplitName, SplitMetrics>> {
  const out: Partial<Record<SplitName, SplitMetrics>> = { train: evaluate(net, data.train) };
  if (data.validation && data.validation.n > 0) out.validation = evaluate(net, data.validation);
  if (data.test && data.test.n > 0) out.test = evaluate(net, data.test);
  return out;
}

function allFinite(a: Float64Array): boolean {
  for (let k = 0; k < a.length; k++) if (!Number.isFinite(a[k])) return false;
  return true;
}

/**
 * Train an MLP by SGD with the configured regularization. Pure and deterministic: the same config,
 * data and seed give the same weights bit for bit. Never throws for divergence: a NaN or infinite
 * loss or weight ends training with `status: 'diverged'`. `onEpoch` may return `false` to stop training
 * after that report (`stoppedByCaller`): a pruned trial keeps the weights and metrics of the epoch it stopped at.
 *
 * @example
 * const result = train(resolveTrainConfig({ regularization: { kind: 'l2', lambda: 0.001 } }), splits,
 *   (r) => console.log(r.epoch, r.trainLoss));
 */
export function train(config: TrainConfig, data: TrainData, onEpoch?: (report: EpochReport) => unknown): TrainResult {
  const { model, training, regularization } = config;
  const { train: trainSet } = data;
  if (trainSet.n === 0) throw new RangeError('the training split is empty');
  const es = training.earlyStopping;
  if (es && !(data.validation && data.validation.n > 0)) throw new RangeError('early stopping needs a non-empty validation split');

  const sizes = [trainSet.nFeatures, ...model.hidden, trainSet.nClasses];
  const net = new Mlp(sizes, model);
  const rng = new Rng(config.seed);
  net.init(rng);
  const pen = penaltyOf(regularization);
  const grad = new Float64Array(net.theta.length);
  const velocity = new Float64Array(net.theta.length);
  const order = new Int32Array(trainSet.n);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const bestTheta = es ? new Float64Array(net.theta.length) : null;
  const sign = es?.metric === 'accuracy' ? 1 : -1;
  let best = -Infinity, bestEpoch: number | null = null, sinceBest = 0;

  const { epochs, learningRate: lr, momentum, evalEvery } = training;
  const batchSize = Math.max(1, Math.min(training.batchSize, trainSet.n));
  const n = trainSet.n;
  // online SGD without momentum or subgradient L1: step while back-propagating, no gradient buffer
  const fused = batchSize === 1 && momentum === 0 && (pen.l1 === 0 || pen.proximal);
  let status: TrainResult['status'] = 'completed';
  let divergedEpoch: number | null = null, stoppedEarly = false, stoppedByCaller = false, epoch = 0;

  while (epoch < epochs) {
    epoch++;
    rng.shuffle(order);
    // the running training loss costs a log per sample: only computed for epochs that are reported
    const report = epoch % evalEvery === 0 || epoch === epochs;
    const needLoss = report && onEpoch !== undefined;
    const lossSum = fused
      ? onlineEpoch(net, trainSet, order, lr, pen, needLoss)
      : batchEpoch(net, trainSet, order, batchSize, grad, velocity, lr, momentum, pen, needLoss);
    const trainLoss = needLoss ? lossSum / n : NaN;
    // finite weights give finite logits and so a finite loss: checking the weights is enough
    if (!allFinite(net.theta) || (needLoss && !Number.isFinite(trainLoss))) {
      status = 'diverged';
      divergedEpoch = epoch;
      break;
    }
    if (!report || (!onEpoch && !es)) continue;
    const splits = measure(net, data);
    if (onEpoch?.({ epoch, trainLoss, splits, weights: weightMetrics(net, pen) }) === false) {
      stoppedByCaller = true;
      break;
    }
    if (es && bestTheta) {
      const v = splits.validation![es.metric];
      const score = sign * v;
      if (bestEpoch === null || score > best + es.minDelta) {
        best = score;
        bestEpoch = epoch;
        sinceBest = 0;
        bestTheta.set(net.theta);
      } else if (++sinceBest >= es.patience) {
        stoppedEarly = true;
        break;
      }
    }
  }
  if (bestTheta && bestEpoch !== null && status === 'completed') net.theta.set(bestTheta);
  return {
    status,
    epochs: epoch,
    divergedEpoch,
    bestEpoch,
    stoppedEarly,
    stoppedByCaller,
    splits: measure(net, data),
    weights: weightMetrics(net, pen),
    theta: net.theta,
    sizes,
  };
}

// One epoch of steps over `order`, returning the summed data loss if `needLoss` (else 0). Kept out of
// `train` so V8 optimizes them once for every run: `train` itself is re-optimized as runs reach its end.

/** Online SGD, back-propagation fused with the step (no momentum, no subgradient L1). */
function onlineEpoch(net: Mlp, { x, y }: Samples, order: Int32Array, lr: number, pen: Penalty, needLoss: boolean): number {
  let lossSum = 0;
  for (let q = 0; q < order.length; q++) {
    const r = order[q];
    net.forward(x, r);
    if (needLoss) lossSum += net.lossOf(y[r]);
    net.backwardStep(y[r], lr, pen);
  }
  return lossSum;
}

/** (Mini-)batch SGD with momentum: gradients summed into `grad` over each batch, then one step. */
function batchEpoch(
  net: Mlp, { x, y, n }: Samples, order: Int32Array, batchSize: number, grad: Float64Array, velocity: Float64Array,
  lr: number, momentum: number, pen: Penalty, needLoss: boolean,
): number {
  let lossSum = 0;
  for (let start = 0; start < n; start += batchSize) {
    const end = Math.min(n, start + batchSize);
    for (let q = start; q < end; q++) {
      const r = order[q];
      net.forward(x, r);
      if (needLoss) lossSum += net.lossOf(y[r]);
      net.backward(y[r], grad);
    }
    sgdStep(net, grad, velocity, end - start, lr, momentum, pen);
  }
  return lossSum;
}
