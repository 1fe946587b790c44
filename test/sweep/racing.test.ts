import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/nn/prng.ts';
import { type Storage, openStore } from '../../src/store/index.ts';
import { loadSweep } from '../../src/sweep/load-sweep.ts';
import { planSweep } from '../../src/sweep/plan.ts';
import { type RaceRuleSettings, pairedWorseP, perTestLevel, raceDrops } from '../../src/sweep/racing/race-rule.ts';
import { runSweep } from '../../src/sweep/runner.ts';
import { createTestDatabase, describePostgres } from '../store/postgres-fixture.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'regsweep-race-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the paired test of racing', () => {
  it('one-sided p agrees with the closed form of Student t with 2 degrees of freedom', () => {
    // best - rival = 1, 2, 3: mean 2, sd 1, t = 2 sqrt(3); for df = 2, P(T > t) = (1 - t / sqrt(t^2 + 2)) / 2
    const t = 2 * Math.sqrt(3);
    const best = new Map([[1, 5], [2, 6], [3, 7]]);
    const rival = new Map([[1, 4], [2, 4], [3, 4], [9, 100]]); // seed 9: not shared, not used
    const r = pairedWorseP(best, rival, 'maximize');
    expect(r.n).toBe(3);
    expect(r.p).toBeCloseTo((1 - t / Math.sqrt(t * t + 2)) / 2, 10);
    // minimizing, the same numbers say the rival is better: p = 1 - that
    expect(pairedWorseP(best, rival, 'minimize').p).toBeCloseTo(1 - (1 - t / Math.sqrt(t * t + 2)) / 2, 10);
    expect(pairedWorseP(new Map([[1, 2], [2, 2]]), new Map([[1, 1], [2, 1]]), 'maximize').p).toBe(0); // a shift, no spread
    expect(pairedWorseP(new Map([[1, 1]]), new Map([[1, 0]]), 'maximize')).toEqual({ n: 1, p: 1 });
  });

  it('splits alpha over the looks and the rivals (Bonferroni)', () => {
    expect(perTestLevel({ minSeeds: 3, alpha: 0.05, seeds: 10, direction: 'maximize' }, 20)).toBeCloseTo(0.05 / (8 * 19), 15);
  });
});

/** Standard normal draws (Box-Muller) from the project's seeded generator. */
function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/**
 * Race m configurations over `seeds` seeds, looking after each seed from minSeeds on, as the runner does
 * (every configuration in the race gets each seed). Configuration c scores mu[c] + seed effect + noise.
 * Returns which configurations were dropped.
 */
function simulateRace(rng: Rng, mu: number[], settings: RaceRuleSettings, noise = 1): Set<string> {
  const values = new Map(mu.map((_, c) => [String(c), new Map<number, number>()]));
  const out = new Set<string>();
  for (let seed = 1; seed <= settings.seeds; seed++) {
    const seedEffect = 2 * normal(rng); // a harder or easier seed for everyone: what pairing removes
    mu.forEach((m, c) => { if (!out.has(String(c))) values.get(String(c))!.set(seed, m + seedEffect + noise * normal(rng)); });
    if (seed >= settings.minSeeds) for (const key of raceDrops(values, out, settings, mu.length)) out.add(key);
  }
  return out;
}

describe('racing drops the truly best configuration at most alpha of the time (simulation)', () => {
  const settings: RaceRuleSettings = { minSeeds: 3, alpha: 0.1, seeds: 10, direction: 'maximize' };
  const runs = 2000;

  it('all equal: a given configuration is dropped in at most alpha of the races', () => {
    const rng = new Rng(7);
    const dropped = Array(8).fill(0) as number[];
    for (let r = 0; r < runs; r++) {
      const out = simulateRace(rng, Array(8).fill(0), settings);
      for (const k of out) dropped[Number(k)]!++;
    }
    // alpha = 0.1; the binomial standard error of 2000 races is 0.0067, so 0.1 + 3 se = 0.12. The bound is per
    // configuration (the one that is truly best), not for all 8 at once: that some tied one goes is no loss.
    for (const d of dropped) expect(d / runs).toBeLessThan(0.12);
  });

  it('a best configuration ahead by 0.5 noise sd among close rivals: dropped at most alpha of the time, while clearly worse ones go', () => {
    const rng = new Rng(11);
    let bestDropped = 0, badDropped = 0;
    const mu = [0.5, 0.4, 0.3, 0.3, 0, -3, -3, -3];
    for (let r = 0; r < runs; r++) {
      const out = simulateRace(rng, mu, settings);
      if (out.has('0')) bestDropped++;
      badDropped += ['5', '6', '7'].filter((k) => out.has(k)).length;
    }
    expect(bestDropped / runs).toBeLessThan(0.12);
    // power: a configuration 3 noise sd behind is dropped almost always (so this test can fail)
    expect(badDropped / (3 * runs)).toBeGreaterThan(0.9);
  });

  it('without the Bonferroni split (alpha at every look) an equal configuration would be dropped more than alpha of the time', () => {
    const rng = new Rng(7);
    let dropped0 = 0;
    const naive = { ...settings, seeds: settings.minSeeds }; // one look, level alpha / (m - 1) ...
    for (let r = 0; r < runs; r++) {
      const values = new Map(Array.from({ length: 8 }, (_, c) => [String(c), new Map<number, number>()]));
      const out = new Set<string>();
      for (let seed = 1; seed <= 10; seed++) {
        const e = 2 * normal(rng);
        for (const [k, v] of values) if (!out.has(k)) v.set(seed, e + normal(rng));
        // ... but every seed a look at that level, and against 1 rival: alpha per test
        if (seed >= 3) for (const key of raceDrops(values, out, naive, 2)) out.add(key);
      }
      if (out.has('0')) dropped0++;
    }
    expect(dropped0 / runs).toBeGreaterThan(0.15);
  });
});

async function checkRace(store: Storage) {
  const plan = planSweep(await loadSweep('test/sweep/fixtures/race-byo.ts', root));
  const summary = await runSweep(plan, { storage: store, concurrency: 1 });
  const trials = await store.listTrials(summary.sweep.id);
  const params = await store.getParams(trials.map((t) => t.id));
  const xOf = (id: number) => params.get(id)!['extra.x'] as number;
  // x = 0 runs on every seed; every other configuration on the first 3, its other 3 recorded raced-out (not deleted)
  for (const t of trials) {
    const expected = xOf(t.id) === 0 || t.seed <= 3 ? 'completed' : 'raced-out';
    expect({ x: xOf(t.id), seed: t.seed, status: t.status }).toEqual({ x: xOf(t.id), seed: t.seed, status: expected });
  }
  expect(trials).toHaveLength(36);
  expect(await store.countByStatus(summary.sweep.id)).toMatchObject({ completed: 6 * 3 + 3, 'raced-out': 5 * 3, queued: 0 });
  // the first 3 seeds of every configuration ran before any fourth seed
  const ran = trials.filter((t) => t.status === 'completed').sort((a, b) => a.startedAt!.localeCompare(b.startedAt!) || a.id - b.id);
  expect(ran.slice(0, 18).every((t) => t.seed <= 3)).toBe(true);
  expect(ran.slice(18).map((t) => t.seed)).toEqual([4, 5, 6]);
  // a resume runs nothing more
  const again = await runSweep(plan, { storage: store, concurrency: 1 });
  expect(again.ran).toBe(0);
}

describe('racing an own objective over seeds', () => {
  it('sqlite', async () => {
    const store = await openStore(path.join(tmp, 'race.db'));
    try {
      await checkRace(store);
    } finally {
      await store.close();
    }
  });
  describePostgres('PostgreSQL', () => {
    it('postgres', async () => {
      const database = await createTestDatabase();
      const store = await openStore(database.url);
      try {
        await checkRace(store);
      } finally {
        await store.close();
        await database.drop();
      }
    });
  });
});
