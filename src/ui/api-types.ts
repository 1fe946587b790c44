// The JSON the dashboard's server sends and its front end reads: types only, shared by both sides.
import type { Comparison } from '../report/comparison.ts';

/** A Vega spec (compiled from Vega-Lite on the server) with the words around it. */
export interface ChartPayload {
  id: string;
  title: string;
  caption: string;
  /** a Vega spec; the front end renders it with vega's View */
  spec: unknown;
  renderer: 'svg' | 'canvas';
  /** drawn when the reader opens it (metric vs the tuned settings after the first) */
  folded?: boolean;
}

/** Parallel coordinates, drawn on a canvas by the front end. Positions run from 0 (bottom) to 1 (top); below 0 is `–` (does not apply). */
export interface ParallelCoordinates {
  axes: { title: string; ticks: { at: number; label: string }[] }[];
  /** one line per setting: its position on each axis, the objective's last */
  lines: number[][];
  /** each line's objective value (mean across seeds), for its colour */
  objective: number[];
  objectiveMetric: string;
  direction: 'minimize' | 'maximize';
}

/** One sweep version as the sweeps page lists it. */
export interface SweepRow {
  id: number;
  name: string;
  version: number;
  description: string | null;
  objectiveMetric: string;
  objectiveDirection: 'minimize' | 'maximize';
  /** trials by status (every status the store knows, zeros included) */
  counts: Record<string, number>;
  total: number;
  best: number | null;
  createdAt: string;
  lastActivity: string | null;
}

export interface SweepsResponse {
  sweeps: SweepRow[];
}

/**
 * Trials drawn together in the learning curves: a setting (every swept param but the seed) as its mean with a
 * band over seeds, or the last few trials pruned or raced out, each a line of its own ending where it stopped.
 */
export interface CurveSet {
  /** e.g. `l2 · lambda=0.00139`, `pruned` */
  label: string;
  /** why it is shown: the setting a group chose, a setting with trials running, or trials stopped on purpose */
  role: 'chosen' | 'running' | 'pruned' | 'raced-out';
  trialIds: number[];
  /** pruned and raced out: how many the sweep has (the last `trialIds.length` are drawn) */
  of?: number;
}

export interface SweepResponse {
  /** `filePath` relative to the server's working directory when the sweep file is inside it (see `displayPath`) */
  sweep: SweepRow & { filePath: string; gitCommit: string | null; host: string };
  /** what `compare` computes, or null with the reason when it cannot (one group, nothing completed) */
  comparison: Comparison | null;
  comparisonError: string | null;
  /** the report's tables of the comparison, as HTML (escaped by the report library) */
  tables: { groups: string; pairs: string; curve: string } | null;
  /** which choices an exact tie on the selection metric decided ('' when none did; see `tiesNote`) */
  tiesNote: string;
  /** metric vs each tuned setting per group with its 95% CI band */
  charts: ChartPayload[];
  /** swept params -> objective, one line per setting; null when nothing completed */
  parallel: ParallelCoordinates | null;
  /** how many settings (param combinations) the sweep has, and how many the parallel coordinates draw */
  settings: number;
  /** how many distinct seeds its trials have */
  seeds: number;
  curveSets: CurveSet[];
  /** curve keys drawn, e.g. `validation_accuracy`, `train_loss` */
  curveKeys: string[];
  /** a Vega spec of the learning curves whose `curves` data set the front end fills (rows: {@link CurveRow}) */
  curveSpec: unknown;
  /** null when current; else trials have ended since this view was built, and a new one can be asked for in this many ms */
  refreshInMs: number | null;
}

/** One row of the learning-curve chart: a set's mean across seeds at one epoch of one key, with the band. */
export interface CurveRow {
  set: string;
  /** the line the row belongs to: the set's label, or for a trial drawn on its own `<label> #<id>` */
  line?: string;
  /** the last point of a trial stopped on purpose (pruned, raced out): marked with a cross */
  stop?: boolean;
  key: string;
  epoch: number;
  mean: number;
  lo: number;
  hi: number;
  /** seeds with a value at this epoch */
  n: number;
}

/** Per trial, the points of each curve key after the epoch the client already had. */
export interface CurvesResponse {
  curves: Record<string, Record<string, [number, number][]>>;
}

/** A trial as the trials table lists it. */
export interface TrialRowView {
  id: number;
  sweep: string;
  sweepVersion: number;
  sweepId: number;
  status: string;
  seed: number;
  params: Record<string, string | number | boolean | null>;
  metrics: Record<string, number | null>;
  objective: { metric: string; direction: 'minimize' | 'maximize'; value: number | null };
  durationMs: number | null;
  finishedAt: string | null;
}

export interface TrialsResponse {
  page: number;
  size: number;
  /** a next page exists and can be read */
  more: boolean;
  /** the pages that can be read at this size (a page is read as the first rows up to it: 20,000 at most) */
  pageLimit: number;
  trials: TrialRowView[];
}

/** How many trials match a filter. */
export interface TrialsCountResponse {
  total: number;
}

/** A bad filter or sort key, with where it goes wrong. */
export interface ApiError {
  error: string;
  filter?: { subject: string; source: string; position: number; column: number; reason: string };
}

export interface TrialResponse {
  trial: {
    id: number; sweepId: number; trialKey: string; status: string; seed: number; error: string | null;
    attempts: number; worker: string | null; startedAt: string | null; finishedAt: string | null; durationMs: number | null;
  };
  sweep: { id: number; name: string; version: number; objectiveMetric: string };
  config: unknown;
  params: Record<string, string | number | boolean | null>;
  /** final metrics by split: `{ validation: { accuracy: 0.8 } }`; metrics of no split under `other` */
  metricsBySplit: Record<string, Record<string, number | null>>;
  /** `summary.featureMass`: sum of |w| of each input's first-layer weights; [] for an own objective */
  featureMass: { input: string; mass: number; share: number }[];
  featureMassChart: ChartPayload | null;
  /** the metrics drawn first (the objective's, accuracy, loss); the panels of other curve keys follow */
  curveKeys: string[];
  /** a Vega spec whose `curves` data set takes one row per split (`set`) and metric (`key`) */
  curveSpec: unknown;
  /** the summary minus featureMass (best epoch, diverged epoch...) */
  summary: Record<string, unknown> | null;
}

/** The change feed as the front end polls it. */
export interface ChangesResponse {
  cursor: string;
  sweeps: number[];
  trials: { id: number; sweepId: number; status: string; revision: number; curvePoints: number }[];
}
