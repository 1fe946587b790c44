import { sql, type Kysely } from 'kysely';
import { toSweepRecord } from './rows.ts';
import type { Database } from './schema.ts';
import type { StorageDialect } from './storage-dialect.ts';
import { StoreError } from './store-error.ts';
import type { ChangeSet } from './types.ts';

/**
 * How far back before its cursor a poll looks again. A change is stamped (by the database's clock) inside
 * its transaction and becomes visible when that commits: a poll that ran in between skipped it, the next
 * one, looking this far back, sees it. Longer than any write transaction of the store (milliseconds).
 */
export const CHANGE_FEED_OVERLAP_MS = 5_000;

/** A cursor: the database's time at the last poll and the highest sweep id then seen. */
interface Cursor { at: string; sweepId: number }

/**
 * `Storage.changesSince`: trials whose `updated_at` is at most `CHANGE_FEED_OVERLAP_MS` before the cursor's
 * time, or later (one range read of the `trials_updated_at` index: nothing changed costs one index probe),
 * and sweep versions with a larger id than the cursor's. Without a cursor, nothing, and a cursor for now.
 */
export async function changesSince(db: Kysely<Database>, dialect: StorageDialect, cursor?: string): Promise<ChangeSet> {
  const from = cursor === undefined ? undefined : parseCursor(cursor);
  // The clock first: what commits after this instant is found by the next poll.
  const { rows } = await sql<{ now: string; sweep_id: number | null }>`select ${dialect.now} as now, (select max(id) from sweeps) as sweep_id`.execute(db);
  const next: Cursor = { at: rows[0]!.now, sweepId: Number(rows[0]!.sweep_id ?? 0) };
  if (from === undefined) return { cursor: formatCursor(next), sweeps: [], trials: [] };

  const since = new Date(Date.parse(from.at) - CHANGE_FEED_OVERLAP_MS).toISOString();
  const trials = await db.selectFrom('trials')
    .select(['id', 'sweep_id', 'status', 'revision', 'curve_points', 'updated_at'])
    .where('updated_at', '>=', since)
    .orderBy('updated_at').orderBy('id')
    .execute();
  const sweeps = await db.selectFrom('sweeps').selectAll().where('id', '>', from.sweepId).orderBy('id').execute();
  return {
    cursor: formatCursor({ at: next.at, sweepId: Math.max(next.sweepId, from.sweepId) }),
    sweeps: sweeps.map(toSweepRecord),
    trials: trials.map((t) => ({
      id: Number(t.id), sweepId: Number(t.sweep_id), status: t.status, revision: Number(t.revision),
      curvePoints: Number(t.curve_points), updatedAt: t.updated_at!,
    })),
  };
}

function formatCursor(c: Cursor): string {
  return `${c.at}~${c.sweepId}`;
}

function parseCursor(text: string): Cursor {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)~(\d+)$/.exec(text);
  if (!m || Number.isNaN(Date.parse(m[1]!))) {
    throw new StoreError('bad-cursor', `not a change-feed cursor: ${JSON.stringify(text)}; pass the cursor the last changesSince call returned, or none`);
  }
  return { at: m[1]!, sweepId: Number(m[2]) };
}
