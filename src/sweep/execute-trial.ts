import path from 'node:path';
import { type EpochReport, type SplitName, type TrainResult, train } from '../nn/index.ts';
import type { LearningCurvePoint, StoppedStatus, TrialResult } from '../store/types.ts';
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

/**
 * How a running trial talks to whoever runs it: its curve points go out as they come, and a request to stop
 * comes in, read at each evaluation. `collectingChannel()` keeps the points for the result instead.
 */
export interface TrialChannel {
  /**
   * The curve points of one evaluation. True when it waited for the decision about them (at a rung, see
   * `StopDecision.waitsAt`): a stop that decision brought applies at this evaluation.
   */
  report(points: LearningCurvePoint[]): boolean | void;
  /**
   * The status to stop the trial in, if whoever runs it asked it to stop; else undefined. Read at each
   * evaluation before its points are reported: a decision about evaluation e is made from e's points, so it
   * stops the trial at a later evaluation, never at e itself (read after the report, it could: on a busy
   * machine the thread running the trial may be descheduled between the two while the decision is made).
   */
  stopRequested(): StoppedStatus | undefined;
  /** points it kept rather than sent on: they go into the result's `curve` */
  kept?(): LearningCurvePoint[];
}

/** A channel that keeps every point (for the result's `curve`) and never asks to stop. */
export function collectingChannel(): TrialChannel {
  const points: LearningCurvePoint[] = [];
  return { report: (p) => { for (const q of p) points.push(q); }, stopRequested: () => undefined, kept: () => points };
}

/** Thrown by `ctx.report` of an objective when the runner asked its trial to stop; caught by `runObjectiveTrial`. */
class TrialStopped extends Error {
  override name = 'TrialStopped';
  constructor(readonly status: StoppedStatus, readonly epoch: number) {
    super(`trial stopped (${status}) at epoch ${epoch}`);
  }
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

/**
 * Run one trial with the built-in MLP trainer. Curve points go to `channel` at every evaluation; if it asks
 * the trial to stop, training ends at that evaluation and the trial is recorded in the status it gives,
 * with the metrics of the weights it stopped with. Returns what the store records (its `curve`: the points
 * the channel kept, if it keeps any).
 */
export function runBuiltinTrial(task: TrialTask, channel: TrialChannel = collectingChannel()): TrialResult {
  const started = performance.now();
  const { config } = task;
  if (!config.data) throw new Error('the sweep has no data and no objective function');
  const splits = buildSplits(config.data, path.dirname(task.sweepFile));
  let stopped: StoppedStatus | undefined;
  const result = train(trainConfigOf(config), splits, (r) => {
    stopped = channel.stopRequested(); // before the report: see TrialChannel.stopRequested
    if (channel.report(curveOf(r).filter((p) => Number.isFinite(p.value)))) stopped ??= channel.stopRequested();
    return stopped === undefined;
  });
  const featureMass = Object.fromEntries(splits.train.featureNames.map((name, i) => [name, result.weights.featureMass[i]]));
  const summary = { divergedEpoch: result.divergedEpoch, bestEpoch: result.bestEpoch, stoppedEarly: result.stoppedEarly, featureMass };
  return {
    status: stopped ?? result.status,
    error: result.status === 'diverged' ? `diverged at epoch ${result.divergedEpoch}` : null,
    metrics: metricsOf(result),
    curve: channel.kept?.() ?? [],
    summary: stopped ? { ...summary, stoppedEpoch: result.epochs } : summary,
    durationMs: performance.now() - started,
  };
}

/**
 * Run one trial through a sweep's own objective function. Each `ctx.report` sends its points to `channel`;
 * if the runner asked the trial to stop, that `ctx.report` throws, the objective unwinds, and the trial is
 * recorded in the status the runner gave with the last values reported as its metrics.
 */
export async function runObjectiveTrial(task: TrialTask, objective: ObjectiveFn, channel: TrialChannel = collectingChannel()): Promise<TrialResult> {
  const started = performance.now();
  const last: Record<string, number> = {};
  const report = (epoch: number, metrics: Record<string, number>) => {
    const points: LearningCurvePoint[] = [];
    for (const [key, value] of Object.entries(metrics)) {
      if (!Number.isFinite(value)) continue;
      points.push({ epoch, key, value });
      last[key] = value;
    }
    let stop = channel.stopRequested(); // before the report: see TrialChannel.stopRequested
    if (channel.report(points)) stop ??= channel.stopRequested();
    if (stop) throw new TrialStopped(stop, epoch);
  };
  let out: unknown;
  try {
    out = await objective(task.config, { seed: task.seed, params: task.params, report });
  } catch (error) {
    if (!(error instanceof TrialStopped)) throw error;
    return {
      status: error.status, metrics: { ...last }, curve: channel.kept?.() ?? [], summary: { stoppedEpoch: error.epoch },
      durationMs: performance.now() - started,
    };
  }
  if (typeof out !== 'object' || out === null) throw new Error(`the objective returned ${out === null ? 'null' : typeof out}, expected an object of metrics`);
  const metrics: Record<string, number> = {};
  for (const [k, v] of Object.entries(out)) {
    if (typeof v !== 'number') throw new Error(`the objective returned a non-number metric ${k}: ${JSON.stringify(v)}`);
    if (Number.isFinite(v)) metrics[k] = v;
  }
  return { status: 'completed', metrics, curve: channel.kept?.() ?? [], summary: null, durationMs: performance.now() - started };
}
