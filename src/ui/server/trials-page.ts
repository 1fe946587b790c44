import type { TrialQuery } from '../../store/query-trials.ts';
import type { TrialsResponse } from '../api-types.ts';
import { BadRequestError } from './http-errors.ts';
import type { UiStore } from './ui-store.ts';

/** Rows per page unless asked; the most a page may have. */
export const PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 500;
/** Sorted on anything but the id, a page is read as the first (page + 1) x size rows: this far and no further. */
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
 * One page of the trials table: the filter, sort and scope of `regsweep runs`, and the total matching.
 * Sorted by id, a page is found by keyset (`afterId` of the previous page's last row is not known here,
 * so by limit); sorted on a metric, the first (page + 1) x size rows are read.
 *
 * @throws FilterError and TrialQueryError as `queryTrials` does; BadRequestError for a bad page or size.
 */
export async function trialsPage(store: UiStore, q: TrialsPageQuery): Promise<TrialsResponse> {
  const page = intParam('page', q.page, 0, 0);
  const size = intParam('size', q.size, PAGE_SIZE, 1, MAX_PAGE_SIZE);
  const version = q.version === undefined || q.version === '' ? undefined : q.version === 'all' ? 'all' : intParam('version', q.version, 1, 1);
  const scope: TrialQuery = { sweep: q.sweep || undefined, version, where: q.where ?? '' };
  if ((page + 1) * size > MAX_SORTED_ROWS) throw new BadRequestError(`page ${page} is past the first ${MAX_SORTED_ROWS} rows; narrow the filter`);
  const [rows, total] = await Promise.all([
    store.queryTrials({ ...scope, sort: q.sort, desc: q.desc, limit: (page + 1) * size }),
    store.countTrials(scope),
  ]);
  return {
    total, page, size,
    trials: rows.slice(page * size).map((t) => ({
      id: t.id, sweep: t.sweep, sweepVersion: t.sweepVersion, sweepId: t.sweepId, status: t.status, seed: t.seed,
      params: t.params, metrics: Object.fromEntries(Object.entries(t.metrics).map(([k, v]) => [k, Number.isFinite(v) ? v : null])),
      objective: t.objective, durationMs: t.durationMs, finishedAt: t.finishedAt,
    })),
  };
}

/** A whole number query parameter, checked: `page`, `size`, `version`. */
export function intParam(name: string, text: string | undefined, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new BadRequestError(`${name} must be a whole number from ${min} to ${max}, got "${text}"`);
  return n;
}
