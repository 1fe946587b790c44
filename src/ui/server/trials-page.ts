import type { TrialQuery } from '../../store/query-trials.ts';
import type { TrialsCountResponse, TrialsResponse } from '../api-types.ts';
import { BadRequestError } from './http-errors.ts';
import type { UiStore } from './ui-store.ts';

/** Rows per page unless asked; the most a page may have. */
export const PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 500;
/** A page is read as the first (page + 1) x size rows: this far and no further. */
const MAX_SORTED_ROWS = 20_000;

export interface TrialsPageQuery {
  sweep?: string;
  version?: string;
  where?: string;
  sort?: string;
  desc?: boolean;
  page?: string;
  size?: string;
}

/**
 * One page of the trials table: the filter, sort and scope of `regsweep runs`, read as the first
 * (page + 1) x size + 1 rows (the extra one says whether a next page exists). The total comes separately
 * (`trialsCount`), so the rows never wait for it.
 *
 * @throws FilterError and TrialQueryError as `queryTrials` does; BadRequestError for a bad page or size.
 */
export async function trialsPage(store: UiStore, q: TrialsPageQuery): Promise<TrialsResponse> {
  const page = intParam('page', q.page, 0, 0);
  const size = intParam('size', q.size, PAGE_SIZE, 1, MAX_PAGE_SIZE);
  if ((page + 1) * size > MAX_SORTED_ROWS) throw new BadRequestError(`page ${page + 1} is past the first ${MAX_SORTED_ROWS} rows; narrow the filter`);
  const rows = await store.queryTrials({ ...scopeOf(q), sort: q.sort, desc: q.desc, limit: (page + 1) * size + 1 });
  const pageLimit = Math.floor(MAX_SORTED_ROWS / size);
  return {
    page, size, pageLimit, more: rows.length > (page + 1) * size && page + 1 < pageLimit,
    trials: rows.slice(page * size, (page + 1) * size).map((t) => ({
      id: t.id, sweep: t.sweep, sweepVersion: t.sweepVersion, sweepId: t.sweepId, status: t.status, seed: t.seed,
      params: t.params, metrics: Object.fromEntries(Object.entries(t.metrics).map(([k, v]) => [k, Number.isFinite(v) ? v : null])),
      objective: t.objective, durationMs: t.durationMs, finishedAt: t.finishedAt,
    })),
  };
}

/** How many trials match, exactly (`countTrials`, which plans its filter: two conditions on 50,000 trials in about a second). */
export async function trialsCount(store: UiStore, q: TrialsPageQuery): Promise<TrialsCountResponse> {
  return { total: await store.countTrials(scopeOf(q)) };
}

function scopeOf(q: TrialsPageQuery): TrialQuery {
  const version = q.version === undefined || q.version === '' ? undefined : q.version === 'all' ? 'all' : intParam('version', q.version, 1, 1);
  return { sweep: q.sweep || undefined, version, where: q.where ?? '' };
}

/** A whole number query parameter, checked: `page`, `size`, `version`. */
export function intParam(name: string, text: string | undefined, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new BadRequestError(`${name} must be a whole number from ${min} to ${max}, got "${text}"`);
  return n;
}
