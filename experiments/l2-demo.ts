import { defineSweep, logGrid } from 'regsweep';

// The classic L2 demo: a random 10-15-4 teacher network labels uniformly random inputs; a 10-15-4
// student with tanh hidden units is trained by online SGD, with and without L2 weight decay.
export default defineSweep({
  description: 'Classic L2 demo: 10-15-4 teacher and student, online SGD, none vs L2 over 8 lambdas, 10 seeds',
  data: { kind: 'synthetic', inputs: 10, hidden: 15, classes: 4, train: 200, validation: 100, test: 40, normalize: 'zscore' },
  model: { hidden: [15], activation: 'tanh', init: 'uniform', initScale: 0.01 },
  training: { epochs: 1000, learningRate: 0.01, batchSize: 1, evalEvery: 20 },
  search: {
    space: {
      regularization: ['none', 'l2'],
      lambda: logGrid(1e-4, 1e-1, 8),
    },
  },
  seeds: 10,
});
