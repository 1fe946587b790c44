// The server's cache of sweep views on a real recorded sweep: kept while the counts by status stay, built
// again when they change, but no sooner than twice its build time after the last build (answered meanwhile
// with the last view and when to ask again).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type OpenedStore, openStore } from '../../src/store/index.ts';
import { SweepViewCache } from '../../src/ui/server/sweep-view-cache.ts';
import { smallGridDb } from './ui-fixture.ts';

let fixture: Awaited<ReturnType<typeof smallGridDb>>;
let store: OpenedStore;
beforeAll(async () => {
  fixture = await smallGridDb();
  store = await openStore(fixture.db);
});
afterAll(async () => {
  await store?.close();
  fixture?.cleanup();
});

it('answers from the cache until the counts change, then rebuilds no sooner than twice the build time', async () => {
  let now = 1000;
  // the clock moved by 300 ms while the first build runs: that is its build time
  const clock = () => now;
  const cache = new SweepViewCache(store, clock);
  const building = cache.get(1, {});
  now += 300;
  const first = await building;
  expect(first.refreshInMs).toBeNull();
  expect(first.sweep.counts.completed).toBe(10);
  expect(await cache.get(1, {})).toBe(first);

  // a trial recorded: the counts change
  await store.addTrials(1, [{ trialKey: 'extra', config: {}, seed: 99, params: { regularization: 'none', lambda: null } }]);
  now += 100;
  const stale = await cache.get(1, {});
  expect(stale.sweep.counts.queued).toBe(0);
  expect(stale.refreshInMs).toBe(2 * 300 - 100);
  expect(stale.comparison).toEqual(first.comparison);

  now += 500;
  const fresh = await cache.get(1, {});
  expect(fresh.refreshInMs).toBeNull();
  expect(fresh.sweep.counts).toMatchObject({ completed: 10, queued: 1 });
  expect(fresh.sweep.total).toBe(11);
});
