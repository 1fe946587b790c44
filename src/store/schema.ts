import type { ColumnType, Generated, Selectable } from 'kysely';
import type { TrialStatus } from './types.ts';

/**
 * The tables as Kysely sees them (snake_case columns, JSON and timestamps as text).
 * Written by hand to match `migrations/`; the record types in `types.ts` are what callers use.
 *
 * @example
 * const rows = await db.selectFrom('params')
 *   .select('trial_id').where('name', '=', 'lambda').where('value_num', '<=', 0.1).execute();
 */
export interface Database {
  sweeps: SweepsTable;
  trials: TrialsTable;
  params: ParamsTable;
  metrics: MetricsTable;
  metric_history: MetricHistoryTable;
}

/** A column with a database default: optional on insert. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface SweepsTable {
  id: Generated<number>;
  name: string;
  version: number;
  file_path: string;
  content_hash: string;
  /** JSON */
  spec: string;
  objective_metric: string;
  objective_direction: 'minimize' | 'maximize';
  package_version: string;
  git_commit: string | null;
  host: string;
  /** ISO 8601, UTC */
  created_at: string;
}

export interface TrialsTable {
  id: Generated<number>;
  sweep_id: number;
  trial_key: string;
  /** JSON */
  config: string;
  seed: number;
  status: Defaulted<TrialStatus>;
  error: string | null;
  attempts: Defaulted<number>;
  /** `host:pid` */
  worker: string | null;
  heartbeat_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
  /** JSON */
  summary: string | null;
  /** ISO 8601, UTC, by the database's clock: the trial's last change (claim, curve point, result, re-queue) */
  updated_at: string | null;
  /** how many times the trial changed */
  revision: Defaulted<number>;
  /** learning-curve points recorded so far */
  curve_points: Defaulted<number>;
  /** the configuration asked for it (`askConfiguration`), 1-based per sweep version; null when planned up front */
  config_number: Defaulted<number | null>;
}

/** The JavaScript type a param had when it was recorded. */
export type ParamValueType = 'number' | 'string' | 'boolean' | 'null';

export interface ParamsTable {
  trial_id: number;
  name: string;
  /** numbers, and booleans as 0/1 */
  value_num: number | null;
  value_text: string | null;
  value_type: ParamValueType;
}

export interface MetricsTable {
  trial_id: number;
  key: string;
  /** null stands for NaN */
  value: number | null;
}

export interface MetricHistoryTable {
  trial_id: number;
  key: string;
  epoch: number;
  /** null stands for NaN */
  value: number | null;
}

export type SweepsTableRow = Selectable<SweepsTable>;
export type TrialsTableRow = Selectable<TrialsTable>;
export type ParamsTableRow = Selectable<ParamsTable>;
