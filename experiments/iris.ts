import { defineSweep, int, logUniform } from 'regsweep';

// Iris (Fisher 1936; data/README.md): 150 flowers, 4 measurements, 3 species. A random search over the
// regularization strength, learning rate and hidden size, every configuration on 10 seeds (each seed a
// different stratified 60/20/20 split).
export default defineSweep({
  description: 'Iris: random search over lambda (log-uniform), learning rate and hidden size; none / L1 / L2',
  data: { kind: 'csv', path: '../data/iris.csv', label: 'species', split: { validation: 0.2, test: 0.2 }, normalize: 'zscore' },
  model: { hidden: [8], activation: 'tanh', init: 'glorot' },
  training: { epochs: 200, learningRate: 0.01, batchSize: 1, evalEvery: 10 },
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
