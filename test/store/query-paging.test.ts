// A page of filtered trials read by per-trial probes (the `correlated` strategy) when the scope is several
// sweep versions: the same trials, in the same order, as the head of the whole list. On SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseCorrelated, parseFilter } from '../../src/store/filter/index.ts';
import type { TrialQuery } from '../../src/store/query-trials.ts';
import { createQueryFixture, type QueryFixture } from './filter-fixture.ts';
import { describePostgres } from './postgres-fixture.ts';

function suite(backend: 'sqlite' | 'postgres'): void {
  let f: QueryFixture;
  beforeAll(async () => { f = await createQueryFixture(backend); });
  afterAll(async () => { await f.cleanup(); });

  const keys = async (query: TrialQuery) => (await f.store.queryTrials(query)).map((t) => t.trialKey);

  it('pages the latest versions of two sweeps as the head of the whole list', async () => {
    const where = 'metrics.test_accuracy >= 0.5';
    // the precondition: a page of 2 among the 4 trials in scope is read by probes
    expect(await chooseCorrelated(f.store.db, parseFilter(where), { scopeSize: 4, limit: 2, ordered: true })).toBe(true);
    expect(await keys({ where })).toEqual(['b1', 'b2', 'c1']);
    expect(await keys({ where, limit: 2 })).toEqual(['b1', 'b2']);
    expect(await keys({ where, limit: 1, afterId: f.id.b2 })).toEqual(['c1']);
  });

  it('pages every version of one sweep the same way', async () => {
    const where = 'params.hidden >= 8 and metrics.test_accuracy > 0.8';
    const all = await keys({ sweep: 'alpha', version: 'all', where });
    expect(all).toEqual(['a1', 'a3', 'b1', 'b2']);
    for (const limit of [1, 2, 3]) expect(await keys({ sweep: 'alpha', version: 'all', where, limit })).toEqual(all.slice(0, limit));
  });
}

describe('sqlite', () => suite('sqlite'));
describePostgres('postgres', () => suite('postgres'));
