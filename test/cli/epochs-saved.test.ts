import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { progressReporter } from '../../src/cli/progress.ts';
import { openStore } from '../../src/store/index.ts';
import { loadSweep } from '../../src/sweep/load-sweep.ts';
import { planSweep } from '../../src/sweep/plan.ts';
import { runSweep } from '../../src/sweep/runner.ts';
import type { StopDecision } from '../../src/sweep/stop-decision.ts';
import { runCli } from '../faults/helpers.ts';
import { repoRoot } from '../store/helpers.ts';

// Where pruned / raced-out counts and the training epochs saved show: the progress line of a run, `sweeps`,
// `runs`, `compare` (table, JSON, markdown) and the HTML report. Two sweeps, each run once here:
// - stops-byo (see the fixture): 5 epochs planned; x = 2 pruned on seed 1 at epoch 3 (5 - 3 = 2 saved), its
//   seeds 2 and 3 raced out before they ran (5 + 5): 12 epochs saved, 6 completed.
// - race-byo: an own objective without training.epochs, 15 trials raced out before they ran: epochs saved "—".

const dir = mkdtempSync(join(os.tmpdir(), 'regsweep-saved-'));
const db = join(dir, 'stops.db');
const progress = { stops: '', race: '' };
const summaries: { stopped: number; racedOutBeforeRun: number; completed: number }[] = [];
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stream that is not a terminal: the progress reporter writes plain lines to it. */
function captured(): { stream: NodeJS.WriteStream; text: () => string } {
  let out = '';
  const stream = { isTTY: false, write: (s: string) => { out += s; return true; } } as unknown as NodeJS.WriteStream;
  return { stream, text: () => out };
}

beforeAll(async () => {
  const store = await openStore(db);
  const gate = join(dir, 'asked-to-stop');
  process.env.REGSWEEP_TEST_GATE = gate;
  try {
    // prune x = 2 on seed 1 once it reported epoch 2; the gate opens once the stop is requested (setImmediate:
    // after the claim loop's await of this answer has stored the request)
    const pruneX2: StopDecision = {
      decide(trial, points) {
        const x = (trial.config as { extra: { x: number } }).extra.x;
        if (x !== 2 || trial.seed !== 1 || !points.some((p) => p.epoch >= 2)) return undefined;
        setImmediate(() => writeFileSync(gate, ''));
        return 'pruned';
      },
    };
    const stops = captured();
    const reporter = progressReporter('validation_loss', stops.stream);
    summaries.push(await runSweep(planSweep(await loadSweep('test/sweep/fixtures/stops-byo.ts', repoRoot)), {
      storage: store, concurrency: 1, stopDecision: pruneX2, onEvent: reporter.onEvent,
    }));
    progress.stops = stops.text();
    const race = captured();
    const raceReporter = progressReporter('validation_loss', race.stream);
    summaries.push(await runSweep(planSweep(await loadSweep('test/sweep/fixtures/race-byo.ts', repoRoot)), { storage: store, concurrency: 1, onEvent: raceReporter.onEvent }));
    progress.race = race.text();
  } finally {
    delete process.env.REGSWEEP_TEST_GATE;
    await store.close();
  }
});

/** The CLI on this test's database, without colour. */
function regsweep(args: string[]): ReturnType<typeof runCli> {
  return runCli([...args, '--db', db], { NO_COLOR: '1' });
}

const lastLine = (text: string) => text.trimEnd().split('\n').at(-1)!;

describe('pruned and raced-out trials, and the epochs they saved', () => {
  it('the progress line ends at 100% with the trials raced out before they ran counted', () => {
    expect(lastLine(progress.stops)).toMatch(/^ {2}9\/9 trials \(100%\), 0 failed, 1 pruned, 2 raced out, 12 epochs saved, \d+s elapsed, ETA 0s, best validation_loss 0\.01$/);
    expect(lastLine(progress.race)).toMatch(/^ {2}36\/36 trials \(100%\), 0 failed, 0 pruned, 15 raced out, — epochs saved, /);
    // and the run's summary (its "done" line) counts them apart from the trials stopped while running
    expect(summaries.map(({ completed, stopped, racedOutBeforeRun }) => ({ completed, stopped, racedOutBeforeRun }))).toEqual([
      { completed: 6, stopped: 1, racedOutBeforeRun: 2 }, { completed: 21, stopped: 0, racedOutBeforeRun: 15 },
    ]);
  });

  it('sweeps: a column and a JSON field, "—" and null for an own objective without training.epochs', async () => {
    const json = JSON.parse((await regsweep(['sweeps', '--format', 'json'])).stdout) as { name: string; counts: Record<string, number>; epochsSaved: number | null }[];
    expect(json.map((s) => [s.name, s.counts.completed, s.counts.pruned, s.counts['raced-out'], s.epochsSaved])).toEqual([
      ['race-byo', 21, 0, 15, null], ['stops-byo', 6, 1, 2, 12],
    ]);
    const table = (await regsweep(['sweeps'])).stdout.split('\n');
    expect(table[0]).toMatch(/^sweep\s+version\s+trials\s+status\s+epochs saved\s+objective\s/);
    expect(table[1]).toMatch(/^race-byo\s+1\s+36\s+21 completed, 15 raced-out\s+—\s+validation_loss \(min\)/);
    expect(table[2]).toMatch(/^stops-byo\s+1\s+9\s+6 completed, 1 pruned, 2 raced-out\s+12\s+validation_loss \(min\)/);
  });

  it('runs: epochs saved by each pruned or raced-out trial, in the table and the JSON', async () => {
    const trials = JSON.parse((await regsweep(['runs', 'stops-byo', '--format', 'json'])).stdout) as { params: { 'extra.x': number }; seed: number; status: string; epochsSaved?: number | null }[];
    expect(trials.map((t) => [t.params['extra.x'], t.seed, t.status, t.epochsSaved])).toEqual([
      [0, 1, 'completed', undefined], [0, 2, 'completed', undefined], [0, 3, 'completed', undefined],
      [1, 1, 'completed', undefined], [1, 2, 'completed', undefined], [1, 3, 'completed', undefined],
      [2, 1, 'pruned', 2], [2, 2, 'raced-out', 5], [2, 3, 'raced-out', 5],
    ]);
    const table = (await regsweep(['runs', 'stops-byo', '--where', 'params.extra.x = 2'])).stdout.split('\n');
    expect(table[0]).toMatch(/^\s*id\s+status\s+seed\s+extra\.x\s+validation_loss\s+epochs saved\s+duration$/);
    expect(table.slice(1, 4).map((l) => l.trim().split(/\s+/).slice(1, 4).concat(l.includes('raced-out') ? [l.trim().split(/\s+/).at(-1)!] : []))).toEqual([
      ['pruned', '1', '2'], ['raced-out', '2', '2', '5'], ['raced-out', '3', '2', '5'],
    ]);
    const unknown = JSON.parse((await regsweep(['runs', 'race-byo', '--where', "status = 'raced-out'", '--format', 'json'])).stdout) as { epochsSaved?: number | null }[];
    expect(unknown).toHaveLength(15);
    expect(unknown.every((t) => t.epochsSaved === null)).toBe(true);
  });

  it('compare and report: the excluded line, a JSON field and the markdown say it', async () => {
    const args = ['stops-byo', '--by', 'extra.x', '--metric', 'validation_loss'];
    const json = JSON.parse((await regsweep(['compare', ...args, '--format', 'json'])).stdout) as { stopped: unknown; excluded: unknown; groups: { group: string }[] };
    expect(json.stopped).toEqual({ pruned: 1, racedOut: 2, epochsSaved: 12 });
    expect(json.excluded).toEqual({ pruned: 1, 'raced-out': 2, 'extra.x 2: every configuration lost a seed to pruning or racing': 3 });
    expect(json.groups.map((g) => g.group)).toEqual(['0', '1']);
    const line = '6 completed trials counted; 6 excluded (1 pruned, 2 raced-out, 3 extra.x 2: every configuration lost a seed to pruning or racing); 12 training epochs saved by pruning and racing.';
    const table = await regsweep(['compare', ...args]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout.replace(/\s+/g, ' ')).toContain(line);
    expect((await regsweep(['compare', ...args, '--format', 'markdown'])).stdout).toContain(`\n${line}\n`);
    const html = join(dir, 'report.html');
    expect((await regsweep(['report', ...args, '--out', html])).code).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain('6 trials counted, left out: 1 pruned, 2 raced-out, 3 extra.x 2: every configuration lost a seed to pruning or racing; 12 training epochs saved by pruning and racing.');
    // (race-byo, its epochs saved unknown, cannot be compared: one configuration is left. test/report/stopped-trials.test.ts)
  });
});
