import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSweep } from '../src/sweep/load-sweep.ts';
import { planSweep } from '../src/sweep/plan.ts';

// Every experiment shipped in experiments/ must load, validate and expand (no training here), so none rots.
const root = fileURLToPath(new URL('..', import.meta.url));
const files = readdirSync(new URL('../experiments', import.meta.url)).filter((f) => f.endsWith('.ts'));

describe('experiments/', () => {
  it('has the experiments the README describes', () => {
    expect(files.sort()).toEqual(['breast-cancer.ts', 'digits.ts', 'iris.ts', 'l1-vs-l2-tpe.ts', 'l1-vs-l2.ts', 'l2-demo.ts', 'wine.ts']);
  });
  for (const file of files) {
    it(`${file} validates and expands into trials`, async () => {
      const plan = planSweep(await loadSweep(`experiments/${file}`, root));
      // an adaptive search (tpe) asks its configurations as it runs: none is planned up front
      if (plan.search.adaptive) {
        expect(plan.trials).toEqual([]);
        expect(plan.search.budget).toBeGreaterThanOrEqual(20);
        expect(plan.trialsOf(plan.search.sampler.ask({ space: plan.search.space, baseKind: plan.search.baseKind, direction: plan.direction, configurations: [] }, 1)!)).toHaveLength(plan.seeds.length);
        return;
      }
      expect(plan.trials.length).toBeGreaterThan(0);
      expect(new Set(plan.trials.map((t) => t.trialKey)).size).toBe(plan.trials.length);
      expect(plan.seeds.length).toBeGreaterThanOrEqual(5);
    });
  }
});
