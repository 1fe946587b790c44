import type { ParamsTableRow, ParamValueType, SweepsTableRow, TrialsTableRow } from './schema.ts';
import type { ParamValue, SweepRecord, TrialRecord } from './types.ts';

// Conversions between rows (snake_case, JSON text, null for NaN) and the records callers see.
// Numbers go through Number() because PostgreSQL drivers hand back bigint and numeric as strings.

/** @example toSweepRecord(await db.selectFrom('sweeps').selectAll().executeTakeFirstOrThrow()) */
export function toSweepRecord(row: SweepsTableRow): SweepRecord {
  return {
    id: Number(row.id),
    name: row.name,
    version: Number(row.version),
    filePath: row.file_path,
    contentHash: row.content_hash,
    spec: JSON.parse(row.spec),
    objectiveMetric: row.objective_metric,
    objectiveDirection: row.objective_direction,
    packageVersion: row.package_version,
    gitCommit: row.git_commit,
    host: row.host,
    createdAt: row.created_at,
  };
}

/** @example toTrialRecord(await db.selectFrom('trials').selectAll().executeTakeFirstOrThrow()) */
export function toTrialRecord(row: TrialsTableRow): TrialRecord {
  return {
    id: Number(row.id),
    sweepId: Number(row.sweep_id),
    trialKey: row.trial_key,
    config: JSON.parse(row.config),
    seed: Number(row.seed),
    status: row.status,
    error: row.error,
    attempts: Number(row.attempts),
    worker: row.worker,
    heartbeatAt: row.heartbeat_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
    summary: row.summary === null ? null : JSON.parse(row.summary),
    ...(row.config_number === null || row.config_number === undefined ? {} : { configNumber: Number(row.config_number) }),
  };
}

/** JSON text for a column; `undefined` becomes `null` so the text is always valid JSON. */
export function toJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/**
 * Split a param into the typed columns of `params`.
 *
 * @example encodeParam(true) // { value_num: 1, value_text: null, value_type: 'boolean' }
 */
export function encodeParam(value: ParamValue): Pick<ParamsTableRow, 'value_num' | 'value_text' | 'value_type'> {
  switch (typeof value) {
    case 'number': return { value_num: value, value_text: null, value_type: 'number' };
    case 'string': return { value_num: null, value_text: value, value_type: 'string' };
    case 'boolean': return { value_num: value ? 1 : 0, value_text: null, value_type: 'boolean' };
    default:
      if (value === null) return { value_num: null, value_text: null, value_type: 'null' };
      throw new TypeError(`A param must be a number, string, boolean or null, got ${typeof value}`);
  }
}

/** The inverse of `encodeParam`. */
export function decodeParam(num: number | null, text: string | null, type: ParamValueType): ParamValue {
  switch (type) {
    case 'number': return num === null ? Number.NaN : Number(num);
    case 'string': return text;
    case 'boolean': return Number(num) !== 0;
    case 'null': return null;
  }
}

/** SQLite turns NaN into NULL anyway; make it explicit and the same on every backend. */
export function toStoredNumber(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}

export function fromStoredNumber(value: number | null): number {
  return value === null ? Number.NaN : Number(value);
}
