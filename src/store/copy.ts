import type { Insertable, Kysely } from 'kysely';
import { schemaStatus } from './migrate.ts';
import type { Database } from './schema.ts';
import type { Storage } from './storage.ts';
import type { StorageDialect } from './storage-dialect.ts';

/** What `copyStore` copied (or, in `onProgress`, has copied so far). */
export interface CopyCounts {
  sweeps: number;
  trials: number;
  params: number;
  metrics: number;
  /** rows of `metric_history` */
  curvePoints: number;
}

export interface CopyOptions {
  /** Most rows read from the source at once (default 10 000); one trial's rows are never split. */
  batchSize?: number;
  /** Names the target in messages, e.g. its path or its URL without the password. */
  targetLabel?: string;
  /** Called after each batch with the counts so far and the totals to expect. */
  onProgress?: (done: CopyCounts, total: CopyCounts) => void;
}

/** Why a copy was refused before anything was written. */
export type CopyErrorCode = 'sweep-exists' | 'schema-differs';

/**
 * A copy refused before it wrote anything: the target already holds a sweep version the source has, or
 * the two databases are at different schema versions.
 *
 * @example
 * try { await copyStore(from, to) } catch (e) { if (e instanceof CopyError && e.code === 'sweep-exists') ... }
 */
export class CopyError extends Error {
  override name = 'CopyError';
  constructor(readonly code: CopyErrorCode, message: string) {
    super(message);
  }
}

/** The source: a store `openStore` opened (a `KyselyStorage`), or anything with its database. */
export type CopySource = Storage | { readonly db: Kysely<Database> };

/** The target: a migrated store `openStore` opened, or anything with its database and how to write to it. */
export type CopyTarget = Storage | { readonly db: Kysely<Database>; readonly dialect: Pick<StorageDialect, 'writeTransaction' | 'maxParameters'> };

/** The database behind a store: copying reads and writes tables directly, below the `Storage` contract. */
function tablesOf<T extends CopySource | CopyTarget>(store: T, role: string): Extract<T, { db: unknown }> {
  if ('db' in store) return store as Extract<T, { db: unknown }>;
  throw new TypeError(`copyStore: the ${role} is not a store opened by openStore`);
}

const DEFAULT_BATCH_SIZE = 10_000;
/** Rows per multi-row INSERT, at most. */
const MAX_ROWS_PER_INSERT = 5_000;

/**
 * Copy every sweep version with its trials, params, final metrics and learning curves from one regsweep
 * database to another, SQLite or PostgreSQL in either direction. Everything is kept as recorded
 * (versions, statuses, attempts, workers, timestamps, summaries, NaN as null); ids are renumbered by the
 * target, consistently. The source is read in one snapshot (a read transaction), `batchSize` rows at a
 * time, so a table of millions of curve points is never in memory at once; the target is written in one
 * transaction, so a failed copy leaves it as it was. A target that already holds a sweep version the
 * source has is refused, as is a pair at different schema versions (`CopyError`).
 *
 * @example
 * const from = await openStore('regsweep.db', { migrate: false });
 * const to = await openStore('postgres://sweeper@db.example.com/regsweep');
 * const counts = await copyStore(from, to); // { sweeps: 3, trials: 1200, params: 6000, metrics: 2400, curvePoints: 480000 }
 */
export async function copyStore(fromStore: CopySource, toStore: CopyTarget, options: CopyOptions = {}): Promise<CopyCounts> {
  const from = tablesOf(fromStore, 'source') as { db: Kysely<Database> };
  const to = tablesOf(toStore, 'target') as Extract<CopyTarget, { dialect: unknown }>;
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  const target = options.targetLabel ?? 'the target database';
  await assertSameSchema(from.db, to.db, target);
  const rowsPerInsert = (columns: number) => Math.max(1, Math.min(MAX_ROWS_PER_INSERT, Math.floor(to.dialect.maxParameters / columns)));

  // Repeatable read: every batch sees the source as it was when the copy started, even if a sweep is
  // running against it. (SQLite's read transaction is a snapshot anyway; it ignores the setting.)
  return from.db.transaction().setIsolationLevel('repeatable read').execute(async (src) => {
    const sweeps = await src.selectFrom('sweeps').selectAll().orderBy('id').execute();
    const ranges = {
      params: await trialRanges(src, 'params', batchSize),
      metrics: await trialRanges(src, 'metrics', batchSize),
      metric_history: await trialRanges(src, 'metric_history', batchSize),
    };
    const trialCount = await src.selectFrom('trials').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const total: CopyCounts = {
      sweeps: sweeps.length,
      trials: Number(trialCount.n),
      params: sum(ranges.params),
      metrics: sum(ranges.metrics),
      curvePoints: sum(ranges.metric_history),
    };

    return to.dialect.writeTransaction(to.db, async (dst) => {
      const done: CopyCounts = { sweeps: 0, trials: 0, params: 0, metrics: 0, curvePoints: 0 };
      const progress = () => options.onProgress?.({ ...done }, total);

      // Sweeps: refuse the whole copy if any version is already there.
      const existing = new Set((await dst.selectFrom('sweeps').select(['name', 'version']).execute())
        .map((s) => `${s.name}\0${Number(s.version)}`));
      const clashes = sweeps.filter((s) => existing.has(`${s.name}\0${Number(s.version)}`));
      if (clashes.length > 0) {
        const first = clashes[0]!;
        throw new CopyError(
          'sweep-exists',
          `${target} already holds sweep ${first.name} version ${Number(first.version)}` +
            `${clashes.length > 1 ? ` and ${clashes.length - 1} more of the versions being copied` : ''}; ` +
            'nothing was copied. Copy into a new database, or one without these sweeps.',
        );
      }
      const sweepIds = new Map<number, number>(); // source id -> target id
      for (const { id, ...row } of sweeps) {
        const inserted = await dst.insertInto('sweeps').values({ ...row, version: Number(row.version) })
          .returning('id').executeTakeFirstOrThrow();
        sweepIds.set(Number(id), Number(inserted.id));
        done.sweeps++;
      }
      progress();

      // Trials, in id order, a batch at a time; (sweep_id, trial_key) is unique, so it maps new ids to old.
      const trialIds = new Map<number, number>(); // source id -> target id
      for (let after = -1; ;) {
        const batch = await src.selectFrom('trials').selectAll().where('id', '>', after).orderBy('id').limit(batchSize).execute();
        if (batch.length === 0) break;
        const oldIdByKey = new Map<string, number>();
        const rows: Insertable<Database['trials']>[] = batch.map(({ id, ...t }) => {
          const sweepId = sweepIds.get(Number(t.sweep_id))!;
          oldIdByKey.set(`${sweepId}\0${t.trial_key}`, Number(id));
          return {
            ...t,
            sweep_id: sweepId,
            seed: Number(t.seed),
            attempts: Number(t.attempts),
            duration_ms: t.duration_ms === null ? null : Number(t.duration_ms),
          };
        });
        for (const part of chunk(rows, rowsPerInsert(13))) {
          const inserted = await dst.insertInto('trials').values(part).returning(['id', 'sweep_id', 'trial_key']).execute();
          for (const r of inserted) trialIds.set(oldIdByKey.get(`${Number(r.sweep_id)}\0${r.trial_key}`)!, Number(r.id));
        }
        done.trials += batch.length;
        after = Number(batch[batch.length - 1]!.id);
        progress();
      }
      const newTrialId = (old: number | string): number => {
        const id = trialIds.get(Number(old));
        if (id === undefined) throw new Error(`copy: row for trial ${old}, which the source does not have`);
        return id;
      };

      for (const [lo, hi, n] of ranges.params) {
        const rows = await src.selectFrom('params').selectAll()
          .where('trial_id', '>=', lo).where('trial_id', '<=', hi).orderBy('trial_id').orderBy('name').execute();
        const mapped = rows.map((r) => ({ ...r, trial_id: newTrialId(r.trial_id), value_num: nullableNumber(r.value_num) }));
        for (const part of chunk(mapped, rowsPerInsert(5))) await dst.insertInto('params').values(part).execute();
        done.params += n;
        progress();
      }
      for (const [lo, hi, n] of ranges.metrics) {
        const rows = await src.selectFrom('metrics').selectAll()
          .where('trial_id', '>=', lo).where('trial_id', '<=', hi).orderBy('trial_id').orderBy('key').execute();
        const mapped = rows.map((r) => ({ ...r, trial_id: newTrialId(r.trial_id), value: nullableNumber(r.value) }));
        for (const part of chunk(mapped, rowsPerInsert(3))) await dst.insertInto('metrics').values(part).execute();
        done.metrics += n;
        progress();
      }
      for (const [lo, hi, n] of ranges.metric_history) {
        const rows = await src.selectFrom('metric_history').selectAll()
          .where('trial_id', '>=', lo).where('trial_id', '<=', hi).orderBy('trial_id').orderBy('key').orderBy('epoch').execute();
        const mapped = rows.map((r) => ({ ...r, trial_id: newTrialId(r.trial_id), epoch: Number(r.epoch), value: nullableNumber(r.value) }));
        for (const part of chunk(mapped, rowsPerInsert(4))) await dst.insertInto('metric_history').values(part).execute();
        done.curvePoints += n;
        progress();
      }
      return done;
    });
  });
}

/** Both databases must have exactly the same migrations, so every column means the same on both sides. */
async function assertSameSchema(from: Kysely<Database>, to: Kysely<Database>, target: string): Promise<void> {
  const [a, b] = [await schemaStatus(from), await schemaStatus(to)];
  if (a.unknown.length > 0 || a.pending.length > 0) {
    throw new CopyError(
      'schema-differs',
      a.applied.length === 0 && a.unknown.length === 0
        ? 'the source is not a regsweep database (it has no schema record); nothing was copied.'
        : 'the source database is at another schema version than this regsweep; run `regsweep db migrate` on it ' +
          '(or upgrade regsweep) first. Nothing was copied.',
    );
  }
  if (b.unknown.length > 0 || b.pending.length > 0) {
    throw new CopyError('schema-differs', `${target} is at another schema version than this regsweep; nothing was copied.`);
  }
}

/**
 * Split the trials that have rows in `table` into ranges `[lo, hi, rows]` of consecutive trial ids holding
 * about `batchSize` rows each (one trial's rows are never split, so a range may hold more).
 */
async function trialRanges(
  db: Kysely<Database>, table: 'params' | 'metrics' | 'metric_history', batchSize: number,
): Promise<Array<[number, number, number]>> {
  const counts = await db.selectFrom(table).select((eb) => [eb.ref('trial_id').as('id'), eb.fn.countAll().as('n')])
    .groupBy('trial_id').orderBy('trial_id').execute();
  const ranges: Array<[number, number, number]> = [];
  let current: [number, number, number] | undefined;
  for (const c of counts) {
    const id = Number(c.id);
    const n = Number(c.n);
    if (current && current[2] + n <= batchSize) {
      current[1] = id;
      current[2] += n;
    } else {
      current = [id, id, n];
      ranges.push(current);
    }
  }
  return ranges;
}

function sum(ranges: Array<[number, number, number]>): number {
  return ranges.reduce((total, [, , n]) => total + n, 0);
}

function nullableNumber(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}

function* chunk<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
