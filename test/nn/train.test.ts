import { describe, expect, it } from 'vitest';
import { loadCsv, makeSynthetic, normalizeSplits, stratifiedSplit } from '../../src/data/index.ts';
import { type EpochReport, resolveTrainConfig, train } from '../../src/nn/index.ts';

const demo = makeSynthetic({ seed: 1 }); // the classic 10-15-4 teacher, 200 / 40 / 40 items

describe('train', () => {
  it('is deterministic for its seed, bit for bit, and differs for another seed', () => {
    const cfg = resolveTrainConfig({ training: { epochs: 30 }, regularization: { kind: 'l2', lambda: 0.001 }, seed: 5 });
    const a = train(cfg, demo), b = train(cfg, demo), c = train({ ...cfg, seed: 6 }, demo);
    expect(Buffer.from(a.theta.buffer).equals(Buffer.from(b.theta.buffer))).toBe(true);
    expect(a.splits).toEqual(b.splits);
    expect(Buffer.from(a.theta.buffer).equals(Buffer.from(c.theta.buffer))).toBe(false);
  });

  it('shrinks the weights as the L2 lambda rises (fixed seed)', () => {
    const norms = [0, 0.001, 0.01, 0.1].map((lambda) =>
      train(resolveTrainConfig({ training: { epochs: 100 }, regularization: { kind: lambda ? 'l2' : 'none', lambda }, seed: 3 }), demo).weights.l2Norm);
    for (let i = 1; i < norms.length; i++) expect(norms[i]).toBeLessThan(norms[i - 1]!);
  });

  // 5 relevant + 5 irrelevant (pure noise) inputs, 2000 training items, full-batch steps.
  // Proximal L1 zeroes every weight leaving the noise inputs; subgradient L1 leaves none exactly 0.
  const pruning = (seed: number, hidden: number[], l1Method: 'proximal' | 'subgradient') => {
    const data = normalizeSplits(makeSynthetic({ seed, inputs: 5, hidden: 5, classes: 3, irrelevant: 5, inputScale: 1, teacherScale: 1, train: 2000, validation: 0, test: 200 }), 'zscore');
    return train(resolveTrainConfig({
      model: { hidden, initScale: 0.1 },
      training: { epochs: 400, learningRate: 1, batchSize: 2000 },
      regularization: { kind: 'l1', lambda: 0.02, l1Method },
      seed: 1,
    }), data);
  };
  for (const [seed, hidden] of [[2, []], [3, []], [5, []], [5, [4]]] as const) {
    it(`proximal L1 prunes exactly the irrelevant inputs (data seed ${seed}, hidden [${hidden.join(',')}])`, () => {
      const r = pruning(seed, [...hidden], 'proximal');
      expect(r.weights.featureMass.slice(5)).toEqual([0, 0, 0, 0, 0]);
      for (const m of r.weights.featureMass.slice(0, 5)) expect(m).toBeGreaterThan(0.1);
      expect(r.splits.test!.accuracy).toBeGreaterThan(0.8);
    });
  }
  it('subgradient L1 oscillates around zero and gives no exact zeros', () => {
    const r = pruning(5, [4], 'subgradient');
    expect(r.weights.zeroFraction).toBe(0);
    for (const m of r.weights.featureMass.slice(5)) expect(m).toBeGreaterThan(0);
  });

  it('reports a learning rate of 10 as diverged, naming the epoch, without throwing', () => {
    const r = train(resolveTrainConfig({ model: { activation: 'relu', init: 'he' }, training: { epochs: 50, learningRate: 10 }, seed: 1 }), demo);
    expect(r.status).toBe('diverged');
    expect(r.divergedEpoch).toBeGreaterThanOrEqual(1);
    expect(r.divergedEpoch).toBeLessThan(50);
    expect(r.epochs).toBe(r.divergedEpoch); // training stopped at the epoch it diverged
  });

  it('calls onEpoch every evalEvery epochs and on the last one', () => {
    const seen: EpochReport[] = [];
    train(resolveTrainConfig({ training: { epochs: 25, evalEvery: 10 } }), demo, (r) => seen.push(r));
    expect(seen.map((r) => r.epoch)).toEqual([10, 20, 25]);
    expect(Object.keys(seen[0]!.splits).sort()).toEqual(['test', 'train', 'validation']);
    expect(seen[2]!.trainLoss).toBeGreaterThan(0);
  });

  it('early stopping keeps the best validation epoch and reports it', () => {
    const curve: Array<[number, number]> = [];
    const cfg = resolveTrainConfig({ training: { epochs: 400, evalEvery: 1, earlyStopping: { metric: 'loss', patience: 20, minDelta: 0 } }, seed: 2 });
    const r = train(cfg, demo, (e) => curve.push([e.epoch, e.splits.validation!.loss]));
    expect(r.stoppedEarly).toBe(true);
    const best = curve.reduce((a, b) => (b[1] < a[1] ? b : a));
    expect(r.bestEpoch).toBe(best[0]);
    expect(r.epochs).toBe(best[0] + 20);
    expect(r.splits.validation!.loss).toBe(best[1]); // the kept weights are the best epoch's
  });

  it('reaches at least 0.9 test accuracy on iris', () => {
    const iris = loadCsv(new URL('../../data/iris.csv', import.meta.url).pathname, { label: 'species' });
    const splits = normalizeSplits(stratifiedSplit(iris, { validation: 0.2, test: 0.2, seed: 1 }), 'zscore');
    const r = train(resolveTrainConfig({ model: { hidden: [8] }, training: { epochs: 200, learningRate: 0.01 }, regularization: { kind: 'l2', lambda: 0.001 }, seed: 1 }), splits);
    expect(r.splits.test!.accuracy).toBeGreaterThanOrEqual(0.9);
  });
});
