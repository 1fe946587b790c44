/** Hidden-layer non-linearity. */
export type Activation = 'tanh' | 'relu' | 'sigmoid';
/**
 * Output loss. Both use a softmax output layer.
 * - `cross-entropy`: -log p_y
 * - `mse`: 1/2 * sum_k (p_k - t_k)^2 with one-hot t (the classic demo's choice), exact softmax Jacobian in the gradient.
 */
export type Loss = 'cross-entropy' | 'mse';
/** Weight initialization: `uniform` in ±initScale (biases too, as in the classic demo), `glorot` uniform, `he` normal (biases 0). */
export type Init = 'uniform' | 'glorot' | 'he';
/** Regularization kind. */
export type RegularizationKind = 'none' | 'l1' | 'l2' | 'elasticnet';
/** How L1 is applied: `subgradient` adds lambda*sign(w) to the gradient; `proximal` soft-thresholds after each step. */
export type L1Method = 'proximal' | 'subgradient';

export interface ModelConfig {
  /** sizes of the hidden layers, e.g. [15]; [] is multinomial logistic regression */
  hidden: number[];
  activation: Activation;
  loss: Loss;
  init: Init;
  /** half-width of the `uniform` init range */
  initScale: number;
}

/**
 * Penalty added to the mean data loss E:
 * - `l2`: lambda/2 * sum w^2, gradient lambda*w (the half convention; same update as the classic demo)
 * - `l1`: lambda * sum |w|, subgradient lambda*sign(w), or a proximal soft-threshold step
 * - `elasticnet`: lambda * sum |w| + lambda2/2 * sum w^2
 * Biases are not penalized unless `regularizeBias`.
 */
export interface RegularizationConfig {
  kind: RegularizationKind;
  /** L1 strength for `l1` and `elasticnet`, L2 strength for `l2` */
  lambda: number;
  /** L2 strength for `elasticnet` (defaults to `lambda`) */
  lambda2?: number;
  l1Method: L1Method;
  regularizeBias: boolean;
}

export interface EarlyStoppingConfig {
  /** validation metric watched */
  metric: 'accuracy' | 'loss';
  /** evaluations without improvement before stopping */
  patience: number;
  /** smallest change that counts as an improvement */
  minDelta: number;
}

export interface TrainingConfig {
  epochs: number;
  learningRate: number;
  /** 1 = online SGD (the classic demo); larger = mini-batch SGD */
  batchSize: number;
  /** classical momentum coefficient, 0 = plain SGD */
  momentum: number;
  /** call `onEpoch` (and check early stopping) every this many epochs; the last epoch is always reported */
  evalEvery: number;
  earlyStopping: EarlyStoppingConfig | null;
}

/** Everything `train` needs besides the data. */
export interface TrainConfig {
  model: ModelConfig;
  training: TrainingConfig;
  regularization: RegularizationConfig;
  /** seeds weight initialization and the per-epoch shuffle */
  seed: number;
}

export const defaultModel: ModelConfig = { hidden: [15], activation: 'tanh', loss: 'cross-entropy', init: 'uniform', initScale: 0.01 };
export const defaultTraining: TrainingConfig = { epochs: 1000, learningRate: 0.01, batchSize: 1, momentum: 0, evalEvery: 10, earlyStopping: null };
export const defaultRegularization: RegularizationConfig = { kind: 'none', lambda: 0, l1Method: 'proximal', regularizeBias: false };

/** Deep-partial train config: anything left out takes the defaults above. */
export interface TrainConfigInput {
  model?: Partial<ModelConfig>;
  training?: Partial<TrainingConfig>;
  regularization?: Partial<RegularizationConfig>;
  seed?: number;
}

/** Fill in defaults. */
export function resolveTrainConfig(input: TrainConfigInput = {}): TrainConfig {
  return {
    model: { ...defaultModel, ...input.model },
    training: { ...defaultTraining, ...input.training },
    regularization: { ...defaultRegularization, ...input.regularization },
    seed: input.seed ?? 1,
  };
}
