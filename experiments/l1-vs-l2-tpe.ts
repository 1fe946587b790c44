import { defineSweep, logUniform } from 'regsweep';

// The L1 vs L2 question of l1-vs-l2.ts (10 relevant + 10 noise inputs), searched by TPE instead of a grid:
// every kind, lambda over six decades and the learning rate over three, 40 configurations proposed one at a
// time from the results so far (the first 10 at random), each on 10 seeds. lambda is modelled per kind.
export default defineSweep({
  description: 'L1 vs L2 with irrelevant inputs, searched by TPE: kind, lambda (1e-6..1, per kind), L1 method and learning rate; 40 configurations x 10 seeds',
  data: { kind: 'synthetic', inputs: 10, hidden: 15, classes: 4, irrelevant: 10, train: 300, validation: 100, test: 200, inputScale: 1, teacherScale: 3, normalize: 'zscore' },
  model: { hidden: [15], activation: 'tanh', init: 'uniform', initScale: 0.1 },
  training: { epochs: 200, batchSize: 10, evalEvery: 10 },
  search: {
    method: 'tpe',
    trials: 40,
    seed: 1,
    space: {
      regularization: ['none', 'l1', 'l2', 'elasticnet'],
      l1Method: ['proximal', 'subgradient'],
      lambda: logUniform(1e-6, 1),
      learningRate: logUniform(1e-3, 1),
    },
  },
  seeds: 10,
});
