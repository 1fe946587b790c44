import { defineSweep, logGrid } from 'regsweep';

// Does L1 prune irrelevant inputs, and does L2 generalize better? A random 10-15-4 teacher labels 10
// relevant inputs; 10 more inputs are pure noise the teacher ignores. The student sees all 20.
export default defineSweep({
  description: 'L1 vs L2: 10 relevant + 10 irrelevant inputs; none / L1 (proximal, subgradient) / L2 / elastic net over a log grid of lambdas, 10 seeds',
  data: { kind: 'synthetic', inputs: 10, hidden: 15, classes: 4, irrelevant: 10, train: 300, validation: 100, test: 200, inputScale: 1, teacherScale: 3, normalize: 'zscore' },
  model: { hidden: [15], activation: 'tanh', init: 'uniform', initScale: 0.1 },
  training: { epochs: 200, learningRate: 0.05, batchSize: 10, evalEvery: 10 },
  search: {
    space: {
      regularization: ['none', 'l1', 'l2', 'elasticnet'],
      l1Method: ['proximal', 'subgradient'],
      lambda: logGrid(1e-4, 1e-1, 10),
    },
  },
  seeds: 10,
});
