import path from 'node:path';
import { type EpochReport, type SplitName, type TrainResult, train } from '../nn/index.ts';
import type { LearningCurvePoint, TrialResult } from '../store/types.ts';
import { buildSplits } from './build-data.ts';
import type { ObjectiveFn, TrialConfig } from './define-sweep.ts';
import { trainConfigOf } from './plan.ts';

/** What a worker is asked to do: plain data, no functions. */
export interface TrialTask {
  sweepFile: string;
  trialId: number;
  config: TrialConfig;
  seed: number;
  params: Record<string, unknown>;
}

const SPLITS: SplitName[] = ['train', 'validation', 'test'];

function curveOf(r: EpochReport): LearningCurvePoint[] {
  const out: LearningCurvePoint[] = [{ epoch: r.epoch, key: 'train_loss_running', value: r.trainLoss }];
  for (const split of SPLITS) {
    const m = r.splits[split];
    if (!m) continue;
    out.push({ epoch: r.epoch, key: `${split}_accuracy`, value: m.accuracy }, { epoch: r.epoch, key: `${split}_loss`, value: m.loss });
  }
  out.push({ epoch: r.epoch, key: 'penalty', value: r.weights.penalty }, { epoch: r.epoch, key: 'zero_fraction', value: r.weights.zeroFraction });
  return out;
}

/** Final metrics of a built-in training run, keyed `<split>_<name>` or by weight property. */
export function metricsOf(result: TrainResult): Record<string, number> {
  const m: Record<string, number> = {};
  for (const split of SPLITS) {
    const s = result.splits[split];
    if (!s) continue;
    m[`${split}_accuracy`] = s.accuracy;
    m[`${split}_loss`] = s.loss;
  }
  m.penalty = result.weights.penalty;
  m.weight_l1 = result.weights.l1Norm;
  m.weight_l2 = result.weights.l2Norm;
  m.zero_fraction = result.weights.zeroFraction;
  m.epochs = result.epochs;
  for (const [k, v] of Object.entries(m)) if (!Number.isFinite(v)) delete m[k];
  return m;
}

/** Run one trial with the built-in MLP trainer. Returns what the store records. */
export function runBuiltinTrial(task: TrialTask): TrialResult {
  const started = performance.now();
  const { config } = task;
  if (!config.data) throw new Error('the sweep has no data and no objective function');
  const splits = buildSplits(config.data, path.dirname(task.sweepFile));
  const curve: LearningCurvePoint[] = [];
  const result = train(trainConfigOf(config), splits, (r) => { for (const p of curveOf(r)) if (Number.isFinite(p.value)) curve.push(p); });
  const featureMass = Object.fromEntries(splits.train.featureNames.map((name, i) => [name, result.weights.featureMass[i]]));
  return {
    status: result.status,
    error: result.status === 'diverged' ? `diverged at epoch ${result.divergedEpoch}` : null,
    metrics: metricsOf(result),
    curve,
    summary: { divergedEpoch: result.divergedEpoch, bestEpoch: result.bestEpoch, stoppedEarly: result.stoppedEarly, featureMass },
    durationMs: performance.now() - started,
  };
}

/** Run one trial through a sweep's own objective function. */
export async function runObjectiveTrial(task: TrialTask, objective: ObjectiveFn): Promise<TrialResult> {
  const started = performance.now();
  const curve: LearningCurvePoint[] = [];
  const report = (epoch: number, metrics: Record<string, number>) => {
    for (const [key, value] of Object.entries(metrics)) if (Number.isFinite(value)) curve.push({ epoch, key, value });
  };
  const out = await objective(task.config, { seed: task.seed, params: task.params, report });
  if (typeof out !== 'object' || out === null) throw new Error(`the objective returned ${out === null ? 'null' : typeof out}, expected an object of metrics`);
  const metrics: Record<string, number> = {};
  for (const [k, v] of Object.entries(out)) {
    if (typeof v !== 'number') throw new Error(`the objective returned a non-number metric ${k}: ${JSON.stringify(v)}`);
    if (Number.isFinite(v)) metrics[k] = v;
  }
  return { status: 'completed', metrics, curve, summary: null, durationMs: performance.now() - started };
}
