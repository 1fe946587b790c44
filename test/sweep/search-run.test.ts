// Configurations asked lazily and atomically: regsweep run threads on SQLite, regsweep worker processes on
// PostgreSQL, kill -9 and resume.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import type { Storage } from '../../src/store/storage.ts';
import { configurationState } from '../../src/sweep/ask-configuration.ts';
import { choice, logUniform, uniform } from '../../src/sweep/distributions.ts';
import { loadSweep } from '../../src/sweep/load-sweep.ts';
import { planSweep } from '../../src/sweep/plan.ts';
import { runSweep } from '../../src/sweep/runner.ts';
import { sampleRandom } from '../../src/sweep/space.ts';
import { root, startCli, waitFor } from '../faults/helpers.ts';
import { createTestDatabase, describePostgres } from '../store/postgres-fixture.ts';

// The same sweep (12 configurations x 2 seeds, an objective of its own) searched by tpe and at random: both ask
// their configurations lazily through the store.
const searches = [
  { method: 'tpe', name: 'search-resume', fixture: 'test/sweep/fixtures/search-resume.ts' },
  { method: 'random', name: 'search-resume-random', fixture: 'test/sweep/fixtures/search-resume-random.ts' },
] as const;
const budget = 12, seeds = [1, 2];
const tmp = mkdtempSync(path.join(os.tmpdir(), 'regsweep-search-run-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Configuration { number: number; params: string; trials: Array<{ id: number; seed: number; status: string; worker: string | null }> }

/** The sweep's trials grouped by configuration number (params as canonical text). */
async function configurations(store: Storage, name: string): Promise<Configuration[]> {
  const sweep = (await store.getSweep(name))!;
  const trials = await store.listTrials(sweep.id);
  const params = await store.getParams(trials.map((t) => t.id));
  const out = new Map<number, Configuration>();
  for (const t of trials) {
    expect(t.configNumber, `trial ${t.id} has a configuration number`).toBeDefined();
    const c = out.get(t.configNumber!) ?? { number: t.configNumber!, params: JSON.stringify(params.get(t.id)), trials: [] };
    expect(JSON.stringify(params.get(t.id))).toBe(c.params);
    c.trials.push({ id: t.id, seed: t.seed, status: t.status, worker: t.worker });
    out.set(c.number, c);
  }
  return [...out.values()].sort((a, b) => a.number - b.number);
}

/** Every configuration 1..budget once, each with one trial per seed, all completed. */
function expectWholeBudget(configs: Configuration[]): void {
  expect(configs.map((c) => c.number)).toEqual(Array.from({ length: budget }, (_, i) => i + 1));
  for (const c of configs) {
    expect(c.trials.map((t) => t.seed).sort()).toEqual(seeds);
    expect(c.trials.every((t) => t.status === 'completed'), JSON.stringify(c)).toBe(true);
  }
}

/** For the random search: configuration n holds the n-th draw of seed 5, whichever thread or process asked it. */
function expectRandomDraws(configs: Configuration[]): void {
  const space = { regularization: choice(['none', 'l2']), lambda: logUniform(1e-6, 1), learningRate: logUniform(1e-4, 10) };
  const drawn = sampleRandom(space, budget, 5, 'none');
  for (const c of configs) expect(JSON.parse(c.params), `configuration ${c.number}`).toEqual(drawn[c.number - 1]);
}

describe('configuration state from its trials', () => {
  const t = (status: string, objective: number | null = null) => ({ seed: 1, status: status as never, objective });
  it('diverged or failed as soon as a seed is; completed when every seed completed with the metric; else running', () => {
    expect(configurationState([t('completed', 0.5), t('diverged')])).toBe('diverged');
    expect(configurationState([t('completed', 0.5), t('failed')])).toBe('failed');
    expect(configurationState([t('completed', 0.5), t('running')])).toBe('running');
    expect(configurationState([t('queued'), t('interrupted')])).toBe('running');
    expect(configurationState([t('completed', 0.5), t('completed', 0.7)])).toBe('completed');
    expect(configurationState([t('completed', 0.5), t('completed', null)])).toBe('failed');
  });
});

for (const { method, name, fixture } of searches) {
  describe(`regsweep run with a ${method} search (SQLite)`, () => {
    it('two worker threads share the budget: configurations 1..12 asked once each, every seed run once', async () => {
      const db = path.join(tmp, `threads-${method}.db`);
      const run = startCli(['run', fixture, '--db', db, '--concurrency', '2']);
      const { code } = await run.exit;
      expect(code, run.output()).toBe(0);
      expect(run.output()).toContain('24 trials: 24 to run, 0 already done; 2 worker threads');
      const store = await openStore(db);
      let seventh: Configuration;
      try {
        const configs = await configurations(store, name);
        expectWholeBudget(configs);
        if (method === 'random') expectRandomDraws(configs);
        seventh = configs[6]!;
      } finally {
        await store.close();
      }
      const sweeps = startCli(['sweeps', '--db', db]);
      await sweeps.exit;
      expect(sweeps.output()).toMatch(new RegExp(`${name}\\s+1\\s+24\\s+12/12 ${method}\\s+24 completed`));
      const id = seventh.trials[0]!.id;
      const runs = startCli(['runs', '--db', db, '--where', `id = ${id}`]);
      await runs.exit;
      expect(runs.output()).toMatch(/^id\s+status\s+seed\s+configuration\s/);
      expect(runs.output()).toMatch(new RegExp(`^\\s*${id}\\s+completed\\s+\\d\\s+${method} #7\\s`, 'm'));
      const show = startCli(['show', String(id), '--db', db]);
      await show.exit;
      expect(show.output()).toContain(`  sampler        ${method}, configuration 7 of 12\n`);
    }, 150_000); // several CLI processes, each loading TypeScript: slow on a loaded machine

    // Random search is deterministic by construction (configuration n is the n-th draw of its seed, checked
    // above), and asks through the same store calls as tpe: this, the kill -9 and the worker-of-every-sweep
    // cases below run for tpe only, whose asks depend on results.
    if (method === 'tpe') it('with concurrency 1 the same seed asks the same configurations', async () => {
      const plan = planSweep(await loadSweep(fixture, root));
      const asked: string[][] = [];
      for (const run of ['a', 'b']) {
        const store = await openStore(path.join(tmp, `determinism-${method}-${run}.db`));
        try {
          await runSweep(plan, { storage: store, concurrency: 1 });
          asked.push((await configurations(store, name)).map((c) => c.params));
        } finally {
          await store.close();
        }
      }
      expect(asked[0]).toHaveLength(budget);
      expect(asked[1]).toEqual(asked[0]);
    });

    if (method === 'tpe') it('kill -9 mid-sweep, then run again: configurations recorded are kept and only the rest are asked', async () => {
      const db = path.join(tmp, `kill9-${method}.db`);
      const markers = mkdtempSync(path.join(tmp, 'markers-'));
      process.env.REGSWEEP_TEST_MARKERS = markers;
      const run = startCli(['run', fixture, '--db', db, '--concurrency', '2']);
      delete process.env.REGSWEEP_TEST_MARKERS;
      await waitFor(() => existsSync(path.join(markers, 'hung')), 60_000, 'the 9th objective call');
      run.child.kill('SIGKILL');
      expect((await run.exit).signal).toBe('SIGKILL');

      let before: Configuration[];
      const store = await openStore(db);
      try {
        before = await configurations(store, name);
      } finally {
        await store.close();
      }
      expect(before.length).toBeGreaterThanOrEqual(4);
      expect(before.length).toBeLessThan(budget);
      expect(before.some((c) => c.trials.some((t) => t.status === 'running'))).toBe(true);

      const again = startCli(['run', fixture, '--db', db, '--concurrency', '2']);
      expect((await again.exit).code, again.output()).toBe(0);
      const after = await openStore(db);
      try {
        const configs = await configurations(after, name);
        expectWholeBudget(configs);
        for (const c of before) {
          const now = configs.find((x) => x.number === c.number)!;
          expect(now.params).toBe(c.params);
          expect(now.trials.map((t) => t.id).sort()).toEqual(c.trials.map((t) => t.id).sort());
        }
      } finally {
        await after.close();
      }
    }, 150_000); // several CLI processes, each loading TypeScript: slow on a loaded machine
  });

  if (method === 'tpe') describe(`regsweep worker with a ${method} search (SQLite)`, () => {
    it(`a worker of every sweep (no --sweep) asks the configurations of an enqueued ${method} sweep, up to the budget`, async () => {
      const db = path.join(tmp, `worker-any-${method}.db`);
      const enqueue = startCli(['enqueue', fixture, '--db', db]);
      expect((await enqueue.exit).code, enqueue.output()).toBe(0);
      const worker = startCli(['worker', '--db', db, '--concurrency', '2']);
      expect((await worker.exit).code, worker.output()).toBe(0);
      expect(worker.output()).toMatch(/ran 24 trials \(24 completed, 0 diverged, 0 failed\); nothing left to run\n$/);
      const store = await openStore(db);
      try {
        expectWholeBudget(await configurations(store, name));
      } finally {
        await store.close();
      }
    }, 150_000);
  });

  // On PostgreSQL for tpe only: random asks through the same atomic store call, and its n-th-draw rule is
  // checked across threads above; each of these cases costs about 18 s of worker processes starting.
  if (method === 'tpe') describePostgres(`regsweep worker with a ${method} search (PostgreSQL)`, () => {
    it('two worker processes share one budget: no configuration asked twice, none past the budget', async () => {
      const database = await createTestDatabase('regsweep_search');
      try {
        const enqueue = startCli(['enqueue', fixture, '--db', database.url]);
        expect((await enqueue.exit).code, enqueue.output()).toBe(0);
        expect(enqueue.output()).toContain(`${method}: 0 of 12 configurations asked; workers ask for the rest (x 2 seeds) as they need work\n`);
        // each worker's first trial waits at the gate until both hold one: however late one process starts
        // (loading the sweep file), the other cannot run the whole budget alone
        const gate = path.join(tmp, `gate-${method}`);
        const workers = [0, 1].map(() => startCli(['worker', '--sweep', name, '--db', database.url, '--concurrency', '1'], { REGSWEEP_TEST_GATE: gate }));
        await waitFor(() => readdirSync(tmp).filter((f) => f.startsWith(`gate-${method}.`)).length === 2, 60_000, 'both workers holding a trial');
        writeFileSync(gate, '');
        for (const w of workers) expect((await w.exit).code, w.output()).toBe(0);
        const store = await openStore(database.url);
        try {
          const configs = await configurations(store, name);
          expectWholeBudget(configs);
          const byWorker = new Set(configs.flatMap((c) => c.trials.map((t) => t.worker)));
          expect(byWorker.size).toBe(2);
        } finally {
          await store.close();
        }
      } finally {
        await database.drop();
      }
    }, 150_000); // several CLI processes, each loading TypeScript: slow on a loaded machine
  });
}

describe('a racing random search (SQLite)', () => {
  it('asks its whole budget when enqueued, so the race runs 3 seeds of every configuration before any fourth', async () => {
    const store = await openStore(path.join(tmp, 'race-random.db'));
    try {
      const plan = planSweep(await loadSweep('test/sweep/fixtures/race-random.ts', root));
      const summary = await runSweep(plan, { storage: store, concurrency: 1 });
      const trials = await store.listTrials(summary.sweep.id);
      expect(await store.countConfigurations()).toEqual(new Map([[summary.sweep.id, 6]]));
      const params = await store.getParams(trials.map((t) => t.id));
      const xOf = (id: number) => params.get(id)!['extra.x'] as number;
      // configuration n is the n-th draw of seed 2
      const drawn = sampleRandom({ 'extra.x': uniform(0, 5) }, 6, 2, 'none').map((a) => a['extra.x'] as number);
      for (const t of trials) expect(xOf(t.id)).toBe(drawn[t.configNumber! - 1]);
      // the smallest x runs on every seed; every other configuration on the first 3, its other 3 raced out
      const best = Math.min(...drawn);
      for (const t of trials) {
        const expected = xOf(t.id) === best || t.seed <= 3 ? 'completed' : 'raced-out';
        expect({ x: xOf(t.id), seed: t.seed, status: t.status }).toEqual({ x: xOf(t.id), seed: t.seed, status: expected });
      }
      const ran = trials.filter((t) => t.status === 'completed').sort((a, b) => a.startedAt!.localeCompare(b.startedAt!) || a.id - b.id);
      expect(ran.slice(0, 18).every((t) => t.seed <= 3)).toBe(true);
      expect(ran.slice(18).map((t) => t.seed)).toEqual([4, 5, 6]);
    } finally {
      await store.close();
    }
  });
});
