/**
 * Lifecycle of a trial. `queued` -> `running` -> one of the end states; `failed`, `interrupted` and stale `running`
 * trials go back to `queued` on the next run. `pruned` and `raced-out` trials were stopped on purpose by a
 * decision of the runner (a poor learning curve; a configuration worse than the best over seeds) and stay so.
 */
export type TrialStatus = 'queued' | 'running' | 'completed' | 'failed' | 'diverged' | 'interrupted' | 'pruned' | 'raced-out';

export const TRIAL_STATUSES: readonly TrialStatus[] = ['queued', 'running', 'completed', 'failed', 'diverged', 'interrupted', 'pruned', 'raced-out'];

/** The end states a trial can be stopped in by a decision of the runner, with its curve kept. */
export type StoppedStatus = 'pruned' | 'raced-out';

/** A parameter value as stored: numbers stay numbers so range filters work. */
export type ParamValue = number | string | boolean | null;

/** One version of a sweep definition. A changed file under the same name is a new version. */
export interface SweepRecord {
  id: number;
  name: string;
  version: number;
  filePath: string;
  /** sha256 of the sweep's resolved definition */
  contentHash: string;
  /** JSON-serializable description of the sweep (data, model, training, space, objective) */
  spec: unknown;
  objectiveMetric: string;
  objectiveDirection: 'minimize' | 'maximize';
  packageVersion: string;
  gitCommit: string | null;
  host: string;
  createdAt: string; // ISO 8601
}

export interface NewSweep {
  name: string;
  filePath: string;
  contentHash: string;
  spec: unknown;
  objectiveMetric: string;
  objectiveDirection: 'minimize' | 'maximize';
  packageVersion: string;
  gitCommit: string | null;
  host: string;
}

/** A trial to be recorded as `queued`. */
export interface NewTrial {
  /** stable hash of the resolved config (canonical JSON); unique within a sweep version */
  trialKey: string;
  /** the fully resolved config, JSON-serializable */
  config: unknown;
  seed: number;
  /** the swept parameters (flattened dotted names, e.g. `lambda`, `model.hidden`) */
  params: Record<string, ParamValue>;
}

export interface TrialRecord {
  id: number;
  sweepId: number;
  trialKey: string;
  config: unknown;
  seed: number;
  status: TrialStatus;
  error: string | null;
  /** how many times the trial was claimed */
  attempts: number;
  /** `host:pid` of the process that claimed it */
  worker: string | null;
  heartbeatAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  /** extra result data that is not a scalar metric (best epoch, diverged epoch, per-feature weight mass...) */
  summary: unknown;
  /** the number of the configuration it belongs to, when its configuration was asked (`askConfiguration`); absent for trials planned up front */
  configNumber?: number;
}

/** One point of a trial's learning curve (metric `key` at `epoch`). */
export interface LearningCurvePoint {
  epoch: number;
  /** e.g. `train_loss`, `validation_accuracy` */
  key: string;
  value: number;
}

/** What a finished trial records, all in one transaction. */
export interface TrialResult {
  status: 'completed' | 'diverged' | 'failed' | StoppedStatus;
  error?: string | null;
  /** final scalar metrics keyed `<split>_<name>` (e.g. `test_accuracy`) or a bare name (`zero_fraction`) */
  metrics: Record<string, number>;
  /** curve points not yet written by `appendCurve` (all of them, if none were) */
  curve: LearningCurvePoint[];
  summary?: unknown;
  durationMs: number;
}

export interface SweepSummary {
  sweep: SweepRecord;
  counts: Record<TrialStatus, number>;
  best: number | null;
  lastActivity: string | null;
}

/** A trial as the change feed reports it: enough to tell whether a view's copy is current. */
export interface TrialChange {
  id: number;
  sweepId: number;
  status: TrialStatus;
  /** increases with every change of the trial: claim, curve points, result, re-queue */
  revision: number;
  /** learning-curve points recorded so far (a view holding fewer fetches the rest) */
  curvePoints: number;
  /** by the database's clock, ISO 8601 */
  updatedAt: string;
}

/** What `Storage.changesSince` answers: what changed since the cursor given, and the cursor to pass next time. */
export interface ChangeSet {
  /** opaque; pass it to the next `changesSince` call */
  cursor: string;
  /** sweep versions recorded since the cursor */
  sweeps: SweepRecord[];
  /** trials that changed since the cursor (possibly again ones seen in the last poll: compare `revision`) */
  trials: TrialChange[];
}

/** A trial's id, seed and status: what a comparison needs of a trial besides its params and metrics. */
export interface TrialOutcome {
  id: number;
  seed: number;
  status: TrialStatus;
}

/**
 * A trial stopped on purpose, with what its epochs saved are computed from: the epochs its config planned
 * (`config.training.epochs`) and the epoch it stopped at (`summary.stoppedEpoch`: its last evaluation; null
 * for a trial raced out before it ran).
 */
export interface StoppedTrial {
  id: number;
  sweepId: number;
  status: StoppedStatus;
  /** null when its config has no number there */
  plannedEpochs: number | null;
  stoppedEpoch: number | null;
}

/** A trial's value of one curve key at one epoch, with its seed and status: what a pruner compares. */
export interface CurveValue {
  trialId: number;
  seed: number;
  status: TrialStatus;
  /** NaN if recorded as NaN */
  value: number;
}
