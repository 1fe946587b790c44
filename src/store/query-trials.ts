import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import {
  FilterError, assertKnownFields, compileFilter, parseField, parseFilter, planFilter, suggest, withFieldHint,
  type Field, type ParsedFilter,
} from './filter/index.ts';
import { sortParts, type TrialsQuery } from './filter/sort.ts';
import { fromStoredNumber } from './rows.ts';
import type { Database } from './schema.ts';
import type { Storage } from './storage.ts';
import type { LearningCurvePoint, ParamValue, TrialOutcome, TrialStatus } from './types.ts';

/** The store's bulk readers, which `queryTrials` reads a page's params and metrics with. */
type BulkReader = Pick<Storage, 'getParams' | 'getMetrics'>;

/**
 * Which trials to list. Without `sweep`, trials of every sweep; `version` picks which versions of each:
 * the latest (default), a given number (only with `sweep`), or `'all'`.
 */
export interface TrialQuery {
  sweep?: string;
  version?: number | 'latest' | 'all';
  /** A filter such as `params.lambda < 0.01 and metrics.test_accuracy > 0.9`, or one already parsed. */
  where?: string | ParsedFilter;
  /** A field to sort on: `metrics.test_accuracy`, `params.lambda`, an attribute (default `id`). Trials lacking it come last. */
  sort?: string;
  desc?: boolean;
  limit?: number;
  /** Keyset paging for sort by id: only trials with a larger id. */
  afterId?: number;
  /** Also return each trial's resolved config and summary. */
  withConfig?: boolean;
}

/** One trial as listed: its sweep, status, params and final metrics. */
export interface TrialView {
  id: number;
  sweep: string;
  sweepVersion: number;
  sweepId: number;
  trialKey: string;
  status: TrialStatus;
  seed: number;
  params: Record<string, ParamValue>;
  /** NaN for a metric recorded as NaN (a diverged run) */
  metrics: Record<string, number>;
  /** The sweep's objective and this trial's value of it (null if missing). */
  objective: { metric: string; direction: 'minimize' | 'maximize'; value: number | null };
  durationMs: number | null;
  attempts: number;
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  config?: unknown;
  summary?: unknown;
}

/** A sweep or version that does not exist, or options that do not go together. */
export class TrialQueryError extends Error {
  override name = 'TrialQueryError';
}

/**
 * `Storage.queryTrials`: the filter, sort and limit applied in SQL; params and metrics then read in bulk
 * (`where trial_id in (...)`) for the returned page only.
 */
export async function queryTrials(db: Kysely<Database>, source: BulkReader, query: TrialQuery = {}): Promise<TrialView[]> {
  const resolved = await resolveScope(db, query);
  const sort = await sortField(db, query.sort);
  // Probes per trial pay off only when rows come in their final order and a page is wanted.
  const ordered = sort.kind !== 'attribute' || sort.name === 'id';
  const choosing = resolved.where !== undefined && query.limit !== undefined && ordered;
  const { parsed: where, correlated } = resolved.where === undefined ? { parsed: undefined, correlated: false } : await planFilter(db, resolved.where, {
    scopeSize: choosing ? await scopeSize(db, resolved.sweepIds) : 0, limit: query.limit, ordered,
  });
  let q = scopedQuery(db, { ...resolved, where }, correlated);
  if (query.afterId !== undefined) q = q.where('trials.id', '>', query.afterId);
  const rows: Awaited<ReturnType<typeof fetchPart>> = [];
  for (const part of sortParts(q, sort, query.desc ?? false).parts) {
    const wanted = query.limit === undefined ? undefined : query.limit - rows.length;
    if (wanted === 0) break;
    for (const row of await fetchPart(part, wanted, query.withConfig ?? false)) rows.push(row);
  }

  const ids = rows.map((r) => Number(r.id));
  const [params, metrics] = [await source.getParams(ids), await source.getMetrics(ids)];
  return rows.map((r) => {
    const id = Number(r.id);
    const trialMetrics = metrics.get(id) ?? {};
    const objective = trialMetrics[r.objective_metric];
    const view: TrialView = {
      id,
      sweep: r.sweep,
      sweepVersion: Number(r.sweep_version),
      sweepId: Number(r.sweep_id),
      trialKey: r.trial_key,
      status: r.status,
      seed: Number(r.seed),
      params: params.get(id) ?? {},
      metrics: trialMetrics,
      objective: {
        metric: r.objective_metric,
        direction: r.objective_direction,
        value: objective === undefined || Number.isNaN(objective) ? null : objective,
      },
      durationMs: r.duration_ms === null ? null : Number(r.duration_ms),
      attempts: Number(r.attempts),
      error: r.error,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
    };
    if ('config' in r) {
      view.config = JSON.parse(r.config as string);
      view.summary = r.summary === null ? null : JSON.parse(r.summary as string);
    }
    return view;
  });
}

/** `Storage.countTrials`. */
export async function countTrials(db: Kysely<Database>, query: TrialQuery = {}): Promise<number> {
  const scope = await resolveScope(db, query);
  // The conditions cheapest first, as for a listing: unplanned, SQLite may look trials up from the wrong
  // `in` list (two conditions on a sweep of 50,000 trials: minutes instead of milliseconds).
  const where = scope.where && (await planFilter(db, scope.where, { scopeSize: 0, limit: undefined, ordered: true })).parsed;
  const q = scopedQuery(db, { ...scope, where }, false);
  const row = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** `Storage.trialFieldNames`. */
export async function trialFieldNames(db: Kysely<Database>, query: TrialQuery = {}): Promise<{ params: string[]; metrics: string[] }> {
  const ids = scopedQuery(db, await resolveScope(db, query), false).select('trials.id');
  const params = await db.selectFrom('params').select('name').distinct()
    .where('trial_id', 'in', ids).orderBy('name').execute();
  const metrics = await db.selectFrom('metrics').select('key').distinct()
    .where('trial_id', 'in', ids).orderBy('key').execute();
  return { params: params.map((r) => r.name), metrics: metrics.map((r) => r.key) };
}

/** `Storage.trialBatches`: keyset paging by id. */
export async function* trialBatches(db: Kysely<Database>, source: BulkReader, query: TrialQuery = {}, batchSize = 1000): AsyncGenerator<TrialView[]> {
  // Parse (and check) the filter once, not per batch.
  const where = typeof query.where === 'string' ? await checkedFilter(db, query.where) : query.where;
  let afterId: number | undefined;
  for (;;) {
    const batch = await queryTrials(db, source, {
      ...query, where, sort: 'id', desc: false, afterId, limit: batchSize,
    });
    if (batch.length > 0) yield batch;
    if (batch.length < batchSize) return;
    afterId = batch[batch.length - 1]!.id;
  }
}

/** `Storage.getCurves`: `chunk` ids per `in (...)` list. */
export async function getCurves(db: Kysely<Database>, trialIds: number[], chunk: number): Promise<Map<number, LearningCurvePoint[]>> {
  const out = new Map<number, LearningCurvePoint[]>(trialIds.map((id) => [id, []]));
  for (let i = 0; i < trialIds.length; i += chunk) {
    const rows = await db.selectFrom('metric_history').select(['trial_id', 'key', 'epoch', 'value'])
      .where('trial_id', 'in', trialIds.slice(i, i + chunk))
      .orderBy('trial_id').orderBy('key').orderBy('epoch').execute();
    for (const r of rows) out.get(Number(r.trial_id))!.push({ key: r.key, epoch: Number(r.epoch), value: fromStoredNumber(r.value) });
  }
  return out;
}

/** `Storage.trialOutcomes`. */
export async function trialOutcomes(db: Kysely<Database>, sweepId: number): Promise<TrialOutcome[]> {
  const rows = await db.selectFrom('trials').select(['id', 'seed', 'status']).where('sweep_id', '=', sweepId).orderBy('id').execute();
  return rows.map((r) => ({ id: Number(r.id), seed: Number(r.seed), status: r.status }));
}

/** One sorted part of the result: the columns a `TrialView` is made of. */
function fetchPart(part: TrialsQuery, limit: number | undefined, withConfig: boolean) {
  let q = part.select([
    'trials.id', 'trials.sweep_id', 'trials.trial_key', 'trials.status', 'trials.seed', 'trials.duration_ms',
    'trials.attempts', 'trials.error', 'trials.started_at', 'trials.finished_at',
    'sweeps.name as sweep', 'sweeps.version as sweep_version', 'sweeps.objective_metric', 'sweeps.objective_direction',
  ]).$if(withConfig, (qb) => qb.select(['trials.config', 'trials.summary']));
  if (limit !== undefined) q = q.limit(limit);
  return q.execute();
}

/** The sweep versions a query covers (undefined: every trial) and its filter, parsed and checked. */
interface Scope { sweepIds: number[] | undefined; where: ParsedFilter | undefined }

async function resolveScope(db: Kysely<Database>, query: TrialQuery): Promise<Scope> {
  const sweepIds = await resolveSweepIds(db, query);
  const where = typeof query.where === 'string' ? await checkedFilter(db, query.where) : query.where;
  return { sweepIds, where };
}

/** `trials join sweeps`, limited to the sweeps in scope and to the filter. */
function scopedQuery(db: Kysely<Database>, scope: Scope, correlated: boolean): TrialsQuery {
  let q = db.selectFrom('trials').innerJoin('sweeps', 'sweeps.id', 'trials.sweep_id') as TrialsQuery;
  const ids = scope.sweepIds;
  if (ids !== undefined && ids.length === 1) q = q.where('trials.sweep_id', '=', ids[0]!);
  // Probing trial by trial in id order (correlated) pays only if the scan follows ids and stops after a page.
  // Several sweep ids would instead lead SQLite (which has no statistics) to fetch each sweep's trials from the
  // sweep index, probe all of them and sort: 110 ms instead of 4 at 100,000 trials. A unary + is SQLite's
  // documented way to keep a term off the indexes; PostgreSQL reads it as the same integer.
  else if (ids !== undefined) q = q.where(correlated ? sql<number>`+${sql.ref('trials.sweep_id')}` : 'trials.sweep_id', 'in', ids);
  if (scope.where) q = q.where(compileFilter(scope.where, { correlated }) as Expression<SqlBool>);
  return q;
}

/** How many trials the sweeps in scope hold (read from the `(sweep_id, status)` index). */
async function scopeSize(db: Kysely<Database>, sweepIds: number[] | undefined): Promise<number> {
  let q = db.selectFrom('trials').select((eb) => eb.fn.countAll().as('n'));
  if (sweepIds !== undefined) q = q.where('sweep_id', 'in', sweepIds);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** The sweep versions in scope; undefined for every trial in the database. */
async function resolveSweepIds(db: Kysely<Database>, query: TrialQuery): Promise<number[] | undefined> {
  const version = query.version ?? 'latest';
  if (query.sweep === undefined) {
    if (typeof version === 'number') throw new TrialQueryError('a version number needs a sweep name');
    if (version === 'all') return undefined;
    const rows = await db.selectFrom('sweeps').select(['id', 'name', 'version']).execute();
    const latest = new Map<string, { id: number; version: number }>();
    for (const r of rows) {
      const seen = latest.get(r.name);
      if (!seen || Number(r.version) > seen.version) latest.set(r.name, { id: Number(r.id), version: Number(r.version) });
    }
    // With one version per sweep (the usual case) every trial is in scope.
    return latest.size === rows.length ? undefined : [...latest.values()].map((v) => v.id);
  }
  const versions = await db.selectFrom('sweeps').select(['id', 'version'])
    .where('name', '=', query.sweep).orderBy('version').execute();
  if (versions.length === 0) {
    const names = (await db.selectFrom('sweeps').select('name').distinct().orderBy('name').execute()).map((r) => r.name);
    const close = suggest(query.sweep, names);
    const hint = close ? `; did you mean "${close}"?` : names.length ? `; sweeps: ${names.join(', ')}` : '; the database has no sweeps';
    throw new TrialQueryError(`no sweep named "${query.sweep}"${hint}`);
  }
  if (version === 'all') return versions.map((v) => Number(v.id));
  if (version === 'latest') return [Number(versions[versions.length - 1]!.id)];
  const match = versions.find((v) => Number(v.version) === version);
  if (!match) {
    throw new TrialQueryError(`sweep "${query.sweep}" has no version ${version} (versions: ${versions.map((v) => v.version).join(', ')})`);
  }
  return [Number(match.id)];
}

/** Parse a filter and check the names it uses; a blank filter is none. */
async function checkedFilter(db: Kysely<Database>, text: string): Promise<ParsedFilter | undefined> {
  if (text.trim() === '') return undefined;
  let parsed: ParsedFilter;
  try {
    parsed = parseFilter(text);
  } catch (error) {
    throw error instanceof FilterError ? await withFieldHint(db, error) : error;
  }
  await assertKnownFields(db, parsed);
  return parsed;
}

async function sortField(db: Kysely<Database>, key: string | undefined): Promise<Field> {
  const text = key?.trim() ?? '';
  if (text === '') return { kind: 'attribute', name: 'id' };
  try {
    const field = parseField(text);
    // Reuse the filter's name check: a sort key is a one-field filter.
    const expr = { type: 'null' as const, field, negated: false };
    await assertKnownFields(db, { source: text, expr, spans: new Map([[field, { start: 0, end: text.length }]]) });
    return field;
  } catch (error) {
    throw error instanceof FilterError ? (await withFieldHint(db, error)).about('sort key') : error;
  }
}
