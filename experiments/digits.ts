import { defineSweep, int, logUniform } from 'regsweep';

// Handwritten digits (Alpaydin and Kaynak; data/README.md): 1,797 8x8 images of 0..16 ink counts, 10 digits. A random
// search over the regularization strength, learning rate and hidden size, every configuration on 10 seeds (each seed
// a different stratified 60/20/20 split). 20 epochs of 1,078 training images is about as many steps as wine's 200.
export default defineSweep({
  description: 'Digits: random search over lambda (log-uniform), learning rate and hidden size; none / L1 / L2',
  data: { kind: 'csv', path: '../data/digits.csv', label: 'digit', split: { validation: 0.2, test: 0.2 }, normalize: 'zscore' },
  model: { hidden: [8], activation: 'tanh', init: 'glorot' },
  training: { epochs: 20, learningRate: 0.01, batchSize: 1, evalEvery: 2 },
  search: {
    method: 'random',
    trials: 60,
    seed: 1,
    space: {
      regularization: ['none', 'l1', 'l2'],
      lambda: logUniform(1e-5, 1e-1),
      learningRate: logUniform(1e-3, 1e-1),
      hidden: int(2, 16),
    },
  },
  seeds: 10,
});
