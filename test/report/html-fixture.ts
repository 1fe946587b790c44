// A hand-written Comparison and ReportData for the HTML report tests: none vs l1 vs l2 over four
// lambdas and five seeds, with numbers shaped like a real synthetic-data sweep (L1 prunes the noise inputs).
import type { Comparison, CurvePoint, GroupSummary, SeedResult } from '../../src/report/comparison.ts';
import type { FeatureMassMean, LearningCurveMean, ReportData } from '../../src/report/html/load-report-data.ts';

export const LAMBDAS = [0.0001, 0.001, 0.01, 0.1];
export const SEEDS = [1, 2, 3, 4, 5];
export const INPUTS = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'noise1', 'noise2', 'noise3'];

function seeds(base: number, firstTrial: number, zero: number | null): SeedResult[] {
  return SEEDS.map((seed, i) => ({
    seed, trialId: firstTrial + i, setting: {}, value: base + [0.01, -0.02, 0.015, 0, -0.005][i]!, selection: base + 0.02 + [0, 0.01, -0.01, 0.005, 0][i]!,
    train: 0.97 - i * 0.005, zeroFraction: zero,
  }));
}

function group(group: string, chosen: Comparison['groups'][number]['chosen'], mean: number, firstTrial: number, zero: number | null): GroupSummary {
  return {
    group, chosen, choices: [{ setting: chosen, seeds: 5 }], ties: { seeds: 0, settings: 0 }, selectionMean: mean + 0.021, mean, ciLow: mean - 0.016, ciHigh: mean + 0.016, iqm: mean + 0.001,
    trainGap: 0.96 - mean, zeroFraction: zero, n: 5, perSeed: seeds(mean, firstTrial, zero),
  };
}

function curve(groupName: string, means: number[], gaps: number[], zeros: number[], chosen: number | null): CurvePoint[] {
  return LAMBDAS.map((value, i) => ({
    group: groupName, param: 'lambda', value, mean: means[i]!, ciLow: means[i]! - 0.02, ciHigh: means[i]! + 0.02, iqm: means[i]!,
    selectionMean: means[i]! + 0.02, trainGap: gaps[i]!, zeroFraction: zeros[i]!, n: 5, chosen: value === chosen, chosenBy: value === chosen ? 5 : 0,
  }));
}

export function fixtureComparison(): Comparison {
  return {
    sweep: { name: 'fixture-sweep', version: 2, id: 7 },
    by: 'regularization',
    metric: 'test_accuracy',
    selectionMetric: 'validation_accuracy',
    higherIsBetter: true,
    tunedParams: ['lambda'],
    select: 'pooled',
    descriptive: true,
    alpha: 0.05,
    bootstrap: { resamples: 10_000, seed: 0 },
    groups: [
      group('none', { lambda: null }, 0.71, 1, 0),
      group('l1', { lambda: 0.001 }, 0.78, 6, 0.41),
      group('l2', { lambda: 0.01 }, 0.76, 11, 0),
    ],
    pairs: [
      { a: 'l1', b: 'none', n: 5, missing: 0, meanDiff: 0.07, ciLow: 0.03, ciHigh: 0.11, sdDiff: 0.032, effectSize: 2.19, bootstrapLow: 0.045, bootstrapHigh: 0.095, improvement: 1, improvementLow: 1, improvementHigh: 1, seedsNeeded: 4, tTestP: 0.004, wilcoxonP: 0.0625, wilcoxonMethod: 'exact', tTestPHolm: 0.012, wilcoxonPHolm: 0.1875, wins: 5, ties: 0, losses: 0 },
      { a: 'l2', b: 'none', n: 5, missing: 0, meanDiff: 0.05, ciLow: 0.01, ciHigh: 0.09, sdDiff: 0.032, effectSize: 1.56, bootstrapLow: 0.025, bootstrapHigh: 0.075, improvement: 0.9, improvementLow: 0.7, improvementHigh: 1, seedsNeeded: 6, tTestP: 0.02, wilcoxonP: 0.0625, wilcoxonMethod: 'exact', tTestPHolm: 0.04, wilcoxonPHolm: 0.1875, wins: 4, ties: 1, losses: 0 },
      { a: 'l1', b: 'l2', n: 5, missing: 0, meanDiff: 0.02, ciLow: -0.01, ciHigh: 0.05, sdDiff: 0.024, effectSize: 0.83, bootstrapLow: 0.002, bootstrapHigh: 0.038, improvement: 0.7, improvementLow: 0.4, improvementHigh: 1, seedsNeeded: 14, tTestP: 0.15, wilcoxonP: 0.3125, wilcoxonMethod: 'exact', tTestPHolm: 0.15, wilcoxonPHolm: 0.3125, wins: 3, ties: 1, losses: 1 },
    ],
    curve: [
      { group: 'none', param: 'lambda', value: null, mean: 0.71, ciLow: 0.694, ciHigh: 0.726, iqm: 0.711, selectionMean: 0.731, trainGap: 0.25, zeroFraction: 0, n: 5, chosen: true, chosenBy: 5 },
      ...curve('l1', [0.74, 0.78, 0.75, 0.52], [0.22, 0.18, 0.08, 0.01], [0.05, 0.41, 0.78, 0.97], 0.001),
      ...curve('l2', [0.72, 0.74, 0.76, 0.69], [0.24, 0.21, 0.2, 0.12], [0, 0, 0, 0], 0.01),
    ],
    verdict: 'l1 beats none on test_accuracy by 0.07 (95% CI 0.03..0.11, Holm p = 0.012, 5/0/0 seeds); l1 vs l2 is not significant.',
  };
}

export function fixtureReportData(comparison = fixtureComparison()): ReportData {
  const learningCurves: LearningCurveMean[] = [];
  const featureMass: FeatureMassMean[] = [];
  for (const [gi, g] of comparison.groups.entries()) {
    for (let epoch = 10; epoch <= 100; epoch += 10) {
      const t = epoch / 100;
      learningCurves.push({ group: g.group, key: 'validation_accuracy', epoch, mean: 0.4 + 0.4 * Math.sqrt(t) - gi * 0.01, n: 5 });
      learningCurves.push({ group: g.group, key: 'test_accuracy', epoch, mean: 0.38 + 0.38 * Math.sqrt(t) - gi * 0.01, n: 5 });
      learningCurves.push({ group: g.group, key: 'train_loss', epoch, mean: 1.4 * Math.exp(-3 * t) + 0.01 * (gi + 1), n: 5 });
    }
    for (const [i, input] of INPUTS.entries()) {
      const relevant = input.startsWith('x');
      const mass = g.group === 'l1' ? (relevant ? 2 + (i % 3) : 0.001) : g.group === 'l2' ? (relevant ? 3 + (i % 3) : 1.1) : relevant ? 8 + i : 5;
      featureMass.push({ group: g.group, input, mean: mass, n: 5 });
    }
  }
  return {
    sweep: {
      id: comparison.sweep.id, name: comparison.sweep.name, version: comparison.sweep.version, filePath: 'experiments/fixture.ts',
      contentHash: 'abc123', spec: { data: { kind: 'synthetic', inputs: 6, irrelevant: 3 } }, objectiveMetric: 'validation_accuracy',
      objectiveDirection: 'maximize', packageVersion: '0.1.0', gitCommit: 'deadbeef', host: 'test-host', createdAt: '2026-01-02T03:04:05.000Z',
    },
    curveKeys: ['validation_accuracy', 'test_accuracy', 'train_loss'],
    learningCurves,
    inputs: INPUTS,
    featureMass,
  };
}
