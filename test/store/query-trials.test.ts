import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FilterError, chooseCorrelated, parseFilter } from '../../src/store/filter/index.ts';
import {
  TrialQueryError, type TrialQuery,
} from '../../src/store/query-trials.ts';
import { createQueryFixture, type QueryFixture } from './filter-fixture.ts';
import { describePostgres } from './postgres-fixture.ts';

function suite(backend: 'sqlite' | 'postgres'): void {
  let f: QueryFixture;
  beforeAll(async () => { f = await createQueryFixture(backend); });
  afterAll(async () => { await f.cleanup(); });

  const keys = async (query: TrialQuery) => (await f.store.queryTrials(query)).map((t) => t.trialKey);

  /** The message of the error a query raises. */
  async function failure(query: TrialQuery): Promise<string> {
    try {
      await f.store.queryTrials(query);
    } catch (error) {
      if (error instanceof FilterError || error instanceof TrialQueryError) return error.message;
      throw error;
    }
    return 'no error';
  }

  describe('scope', () => {
    it('without a sweep: the latest version of every sweep', async () => {
      expect(await keys({})).toEqual(['b1', 'b2', 'c1', 'c2']);
      expect(await keys({ version: 'all' })).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'b1', 'b2', 'c1', 'c2']);
    });

    it('with a sweep: its latest version, a given one, or all', async () => {
      expect(await keys({ sweep: 'alpha' })).toEqual(['b1', 'b2']);
      expect(await keys({ sweep: 'alpha', version: 1 })).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8']);
      expect(await keys({ sweep: 'alpha', version: 'all' })).toHaveLength(10);
      expect(await keys({ sweep: 'beta', where: 'metrics.f1 > 0.8' })).toEqual(['c2']);
    });

    it('names an unknown sweep or version, with what there is', async () => {
      expect(await failure({ sweep: 'alpah' })).toBe('no sweep named "alpah"; did you mean "alpha"?');
      expect(await failure({ sweep: 'zzz' })).toBe('no sweep named "zzz"; sweeps: alpha, beta');
      expect(await failure({ sweep: 'alpha', version: 3 })).toBe('sweep "alpha" has no version 3 (versions: 1, 2)');
      expect(await failure({ version: 2 })).toBe('a version number needs a sweep name');
    });
  });

  describe('trial views', () => {
    it('carry the sweep, params, metrics and objective of each trial', async () => {
      const [a3] = await f.store.queryTrials({ version: 'all', where: "trial_key = 'a3'", withConfig: true });
      expect(a3).toEqual({
        id: f.id.a3, sweep: 'alpha', sweepVersion: 1, sweepId: 1, trialKey: 'a3', status: 'completed', seed: 3,
        params: { flag: true, hidden: 16, lambda: 0.01, 'my-param': "it's", regularization: 'l1' },
        metrics: { test_accuracy: 0.95, validation_accuracy: 0.9 },
        objective: { metric: 'validation_accuracy', direction: 'maximize', value: 0.9 },
        durationMs: 300, attempts: 1, error: null, startedAt: expect.any(String), finishedAt: expect.any(String),
        config: { key: 'a3', regularization: 'l1', lambda: 0.01, hidden: 16, flag: true, 'my-param': "it's" },
        summary: { featureMass: { x1: 1, x2: 2 } },
      });
    });

    it('keep NaN metrics as NaN, with no objective value', async () => {
      const [a5] = await f.store.queryTrials({ version: 'all', where: "status = 'diverged'" });
      expect(a5!.metrics.test_accuracy).toBeNaN();
      expect(a5!.objective.value).toBeNull();
    });
  });

  describe('sort and limit', () => {
    const alpha1 = { sweep: 'alpha', version: 1 } as const;

    it('sorts on a metric either way, trials lacking it (or NaN) last', async () => {
      expect(await keys({ ...alpha1, sort: 'metrics.test_accuracy' })).toEqual(['a8', 'a4', 'a2', 'a1', 'a3', 'a5', 'a6', 'a7']);
      expect(await keys({ ...alpha1, sort: 'metrics.test_accuracy', desc: true })).toEqual(['a3', 'a1', 'a2', 'a4', 'a8', 'a5', 'a6', 'a7']);
    });

    it('applies the limit across the parts of a sort', async () => {
      expect(await keys({ ...alpha1, sort: 'metrics.test_accuracy', desc: true, limit: 3 })).toEqual(['a3', 'a1', 'a2']);
      expect(await keys({ ...alpha1, sort: 'metrics.test_accuracy', desc: true, limit: 6 })).toEqual(['a3', 'a1', 'a2', 'a4', 'a8', 'a5']);
      expect(await keys({ ...alpha1, limit: 0 })).toEqual([]);
    });

    it('sorts on a param: numbers, then strings, then trials lacking it; ties by id', async () => {
      expect(await keys({ ...alpha1, sort: 'params.lambda' })).toEqual(['a2', 'a4', 'a3', 'a6', 'a5', 'a8', 'a1', 'a7']);
      expect(await keys({ ...alpha1, sort: 'params.lambda', desc: true })).toEqual(['a8', 'a5', 'a3', 'a6', 'a2', 'a4', 'a1', 'a7']);
      // byte order: 'X' < 'i' < 'x'
      expect(await keys({ ...alpha1, sort: 'params.`my-param`' })).toEqual(['a5', 'a3', 'a1', 'a2', 'a7', 'a6', 'a8', 'a4']);
    });

    it('sorts on an attribute, nulls last', async () => {
      expect(await keys({ ...alpha1, sort: 'duration', desc: true })).toEqual(['a8', 'a5', 'a4', 'a3', 'a2', 'a1', 'a6', 'a7']);
      expect(await keys({ ...alpha1, sort: 'duration' })).toEqual(['a6', 'a1', 'a2', 'a3', 'a4', 'a5', 'a8', 'a7']);
      expect(await keys({ version: 'all', sort: 'sweep', desc: true, limit: 4 })).toEqual(['c1', 'c2', 'b1', 'b2']);
      expect(await keys({ version: 'all', sort: 'id', desc: true, limit: 2 })).toEqual(['c2', 'c1']);
    });

    it('filters, sorts and limits together', async () => {
      expect(await keys({ ...alpha1, where: "params.regularization = 'l1'", sort: 'metrics.test_accuracy', desc: true, limit: 2 })).toEqual(['a3', 'a2']);
      expect(await keys({ version: 'all', where: 'metrics.test_accuracy > 0.8', sort: 'params.lambda', limit: 3 })).toEqual(['a3', 'b1', 'a1']);
    });

    it('rejects an unknown sort key with a suggestion', async () => {
      expect(await failure({ sort: 'metrics.tst_accuracy' })).toBe('unknown field "metrics.tst_accuracy" at column 1 (did you mean "metrics.test_accuracy"?)');
      expect(await failure({ sort: 'durration' })).toBe('unknown field "durration" at column 1 (did you mean "duration"?)');
      expect(await failure({ sort: 'seed desc' })).toBe("expected only a field name, found 'desc' at column 6");
    });
  });

  describe('field names in filters', () => {
    it('must exist in the database; a typo gets a did-you-mean', async () => {
      expect(await failure({ where: 'metrics.tst_accuracy > 0.9' })).toBe('unknown field "metrics.tst_accuracy" at column 1 (did you mean "metrics.test_accuracy"?)');
      expect(await failure({ where: 'seed = 1 and params.test_accuracy > 1' })).toBe('unknown field "params.test_accuracy" at column 14 (did you mean "metrics.test_accuracy"?)');
      expect(await failure({ where: 'params.qqqqqqqq = 1' })).toBe('unknown field "params.qqqqqqqq" at column 1 (params in this database: dropout, flag, hidden, lambda, my-param, regularization)');
      expect(await failure({ where: 'lambda < 1' })).toBe('unknown field "lambda" at column 1 (did you mean "params.lambda"?)');
      expect(await failure({ where: "stauts = 'failed'" })).toBe('unknown field "stauts" at column 1 (did you mean "status"?)');
    });

    it('may exist only in another sweep: no error, no rows', async () => {
      expect(await keys({ sweep: 'beta', where: 'params.lambda < 1' })).toEqual([]);
    });

    it('a blank filter is no filter', async () => {
      expect(await keys({ where: '   ' })).toEqual(['b1', 'b2', 'c1', 'c2']);
    });
  });

  describe('counts, batches, columns and curves', () => {
    it('counts matching trials', async () => {
      expect(await f.store.countTrials({ version: 'all', where: "status = 'completed'" })).toBe(9);
      expect(await f.store.countTrials()).toBe(4);
    });

    it('pages through every match in id order, a batch at a time', async () => {
      const batches: string[][] = [];
      for await (const batch of f.store.trialBatches({ version: 'all', where: 'seed <= 6', sort: 'metrics.f1' }, 3)) {
        batches.push(batch.map((t) => t.trialKey));
      }
      expect(batches).toEqual([['a1', 'a2', 'a3'], ['a4', 'a5', 'a6'], ['b1', 'b2', 'c1'], ['c2']]);
    });

    it('lists the param and metric names of the matching trials', async () => {
      expect(await f.store.trialFieldNames({ sweep: 'alpha', version: 1 })).toEqual({
        params: ['flag', 'hidden', 'lambda', 'my-param', 'regularization'],
        metrics: ['test_accuracy', 'validation_accuracy'],
      });
      expect(await f.store.trialFieldNames({ sweep: 'beta', where: 'metrics.f1 > 0.8' })).toEqual({ params: ['dropout'], metrics: ['f1'] });
    });

    it('reads the curves of many trials in one go', async () => {
      const curves = await f.store.getCurves([f.id.c2!, f.id.a7!]);
      expect(curves.get(f.id.a7!)).toEqual([]);
      expect(curves.get(f.id.c2!)).toEqual([
        { key: 'f1', epoch: 0, value: 0.3 }, { key: 'f1', epoch: 10, value: 0.6 }, { key: 'f1', epoch: 20, value: 0.9 },
      ].map((p) => ({ ...p, value: expect.closeTo(p.value, 12) })));
    });
  });

  describe('chooseCorrelated', () => {
    const parsed = parseFilter("params.regularization = 'l1' and metrics.test_accuracy > 0.5");

    it('uses lists without a limit or when rows must all be read to sort', async () => {
      expect(await chooseCorrelated(f.store.db, parsed, { scopeSize: 12, limit: undefined, ordered: true })).toBe(false);
      expect(await chooseCorrelated(f.store.db, parsed, { scopeSize: 12, limit: 1, ordered: false })).toBe(false);
    });

    it('probes when a small page of common matches is wanted, lists when matches are rare', async () => {
      // 3 of 12 are l1 and 7 of 12 have test_accuracy > 0.5: about 12 * 3/12 * 7/12 = 1.75 matches in a full scan.
      expect(await chooseCorrelated(f.store.db, parsed, { scopeSize: 12, limit: 1, ordered: true })).toBe(true);
      expect(await chooseCorrelated(f.store.db, parsed, { scopeSize: 100_000, limit: 50, ordered: true })).toBe(false);
    });
  });
}

describe('sqlite', () => suite('sqlite'));
describePostgres('postgres', () => suite('postgres'));
