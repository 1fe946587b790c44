import type { Storage } from '../../store/storage.ts';
import type { SweepRecord } from '../../store/types.ts';
import { metricOnSplit } from '../../sweep/metric-names.ts';
import type { Comparison } from '../comparison.ts';

/** Mean across seeds of one learning-curve key at one epoch, for one group's chosen setting. */
export interface LearningCurveMean {
  group: string;
  /** e.g. `validation_accuracy`, `train_loss` */
  key: string;
  epoch: number;
  mean: number;
  /** seeds that recorded this key at this epoch */
  n: number;
}

/** Mean across seeds of the absolute first-layer weight mass leaving one input, for one group's chosen setting. */
export interface FeatureMassMean {
  group: string;
  input: string;
  mean: number;
  n: number;
}

/** What the HTML report needs beyond the Comparison: the chosen trials' curves and weights, and the sweep's record. */
export interface ReportData {
  sweep: SweepRecord | undefined;
  /** the curve keys loaded, in chart order: validation and test of the compared metric, then `train_loss` */
  curveKeys: string[];
  learningCurves: LearningCurveMean[];
  /** input names in the order the data set has them (`x1..x10`, `noise1..`) */
  inputs: string[];
  featureMass: FeatureMassMean[];
}

/** The part of `Storage` the report reads. */
export type ReportStorage = Pick<Storage, 'getSweepById' | 'getTrial' | 'getCurve'>;

/**
 * The learning-curve keys the report draws for a compared metric: its validation and test counterparts
 * and the training loss. A metric without a split prefix (an own objective) has only `train_loss`.
 *
 * @example
 * learningCurveKeys('test_accuracy'); // ['validation_accuracy', 'test_accuracy', 'train_loss']
 */
export function learningCurveKeys(metric: string): string[] {
  const keys = [metricOnSplit(metric, 'validation'), metricOnSplit(metric, 'test')].filter((k) => k !== null);
  return [...new Set([...keys, 'train_loss'])];
}

/**
 * Load, for the setting each group chose, the per-epoch learning curves and the per-input weight mass,
 * both averaged across seeds (the trials in `group.perSeed`).
 *
 * @example
 * const comparison = await loadComparison(storage, 'l2-demo', {});
 * const data = await loadReportData(storage, comparison);
 * const html = await renderReport(comparison, data);
 */
export async function loadReportData(storage: ReportStorage, comparison: Comparison): Promise<ReportData> {
  const curveKeys = learningCurveKeys(comparison.metric);
  const wanted = new Set(curveKeys);
  const learningCurves: LearningCurveMean[] = [];
  const featureMass: FeatureMassMean[] = [];
  const inputs: string[] = [];
  const seenInputs = new Set<string>();

  for (const g of comparison.groups) {
    const curveSums = new Map<string, { key: string; epoch: number; sum: number; n: number }>();
    const massSums = new Map<string, { sum: number; n: number }>();
    for (const s of g.perSeed) {
      for (const p of await storage.getCurve(s.trialId)) {
        if (!wanted.has(p.key) || !Number.isFinite(p.value)) continue;
        const id = `${p.key}\u0000${p.epoch}`;
        const acc = curveSums.get(id) ?? { key: p.key, epoch: p.epoch, sum: 0, n: 0 };
        acc.sum += p.value;
        acc.n += 1;
        curveSums.set(id, acc);
      }
      const mass = featureMassOf((await storage.getTrial(s.trialId))?.summary);
      for (const [input, value] of Object.entries(mass ?? {})) {
        if (!seenInputs.has(input)) {
          seenInputs.add(input);
          inputs.push(input);
        }
        const acc = massSums.get(input) ?? { sum: 0, n: 0 };
        acc.sum += value;
        acc.n += 1;
        massSums.set(input, acc);
      }
    }
    for (const a of curveSums.values()) learningCurves.push({ group: g.group, key: a.key, epoch: a.epoch, mean: a.sum / a.n, n: a.n });
    for (const [input, a] of massSums) featureMass.push({ group: g.group, input, mean: a.sum / a.n, n: a.n });
  }
  learningCurves.sort((a, b) => curveKeys.indexOf(a.key) - curveKeys.indexOf(b.key) || a.epoch - b.epoch);
  const order = new Map(inputs.map((name, i) => [name, i]));
  featureMass.sort((a, b) => (order.get(a.input) ?? 0) - (order.get(b.input) ?? 0));

  return { sweep: await storage.getSweepById(comparison.sweep.id), curveKeys, learningCurves, inputs, featureMass };
}

/** `summary.featureMass` of a built-in trial; undefined for an own objective or an older record. */
function featureMassOf(summary: unknown): Record<string, number> | undefined {
  if (typeof summary !== 'object' || summary === null || !('featureMass' in summary)) return undefined;
  const mass = summary.featureMass;
  if (typeof mass !== 'object' || mass === null) return undefined;
  return Object.fromEntries(Object.entries(mass).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1])));
}
