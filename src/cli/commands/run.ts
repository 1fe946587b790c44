import os from 'node:os';
import { defineCommand } from 'citty';
import { storeLabel } from '../../store/open-store.ts';
import type { SweepRecord } from '../../store/types.ts';
import { configurationTrials } from '../../sweep/ask-configuration.ts';
import { checkData } from '../../sweep/check-data.ts';
import { loadSweep } from '../../sweep/load-sweep.ts';
import type { Distribution } from '../../sweep/distributions.ts';
import { type SweepPlan, planSweep } from '../../sweep/plan.ts';
import { conditionOf } from '../../sweep/space.ts';
import { runSweep } from '../../sweep/runner.ts';
import { progressReporter } from '../progress.ts';
import { stopOnSignals } from '../stop-signal.ts';
import { handled } from '../errors.ts';
import { fmt } from '../format.ts';
import { withStore } from '../open-db.ts';
import { dbArgs, dbPath, intOption } from '../options.ts';

function list(values: unknown[], max = 6): string {
  const shown = values.slice(0, max).map((v) => (typeof v === 'number' ? fmt(v) : JSON.stringify(v)));
  return values.length > max ? `${shown.join(', ')}, ... (${values.length - max} more)` : shown.join(', ');
}

/** A search-space axis as written in a sweep file: `logUniform(1e-06, 1)`, `int(2, 16, 1)`, or its values. */
function describeAxis(d: Distribution): string {
  if (d.type === 'float') return `${d.log ? 'logUniform' : 'uniform'}(${fmt(d.low)}, ${fmt(d.high)})`;
  if (d.type === 'int') return `int(${d.low}, ${d.high}${d.step === 1 ? '' : `, ${d.step}`})`;
  return `${d.values.length} value${d.values.length === 1 ? '' : 's'}: ${list([...d.values])}`;
}

/** The search line of a dry run: the sampler, its budget and its settings. */
function describeSearch(plan: SweepPlan): string {
  const { method, budget, settings, learns } = plan.search;
  const shown = Object.entries(settings).map(([k, v]) => `${k} ${typeof v === 'number' ? fmt(v) : JSON.stringify(v)}`).join(', ');
  const what = method === 'grid' ? 'every configuration of the grid'
    : learns ? 'configurations asked one at a time from the results so far' : 'independent draws, asked as workers need work';
  return `  ${'search'.padEnd(16)} ${method}, budget ${budget} configuration${budget === 1 ? '' : 's'} (${what})${shown ? `; ${shown}` : ''}`;
}

/** Configurations 1..show of a sampler that does not learn, as they will be recorded (params by short name). */
function firstConfigurations(plan: SweepPlan, show: number): Array<[number, Record<string, unknown>]> {
  const history = { space: plan.search.space, baseKind: plan.search.baseKind, direction: plan.direction, configurations: [] };
  const out: Array<[number, Record<string, unknown>]> = [];
  for (let n = 1; n <= Math.min(show, plan.search.budget); n++) {
    const assignment = plan.search.sampler.ask(history, n);
    if (!assignment) break;
    out.push([n, configurationTrials(plan, assignment, n)[0]?.params ?? {}]);
  }
  return out;
}

/** The dry-run report: the sampler, trials per axis and a few resolved configs. */
export function describePlan(plan: SweepPlan, show = 3): string {
  const lines: string[] = [];
  lines.push(`sweep ${plan.name}: ${plan.byo ? 'own objective' : 'built-in MLP'}, optimizing ${plan.metric} (${plan.direction})`);
  lines.push(describeSearch(plan));
  if (plan.search.adaptive) {
    for (const [name, d] of Object.entries(plan.search.space)) {
      const condition = conditionOf(name);
      lines.push(`  ${name.padEnd(16)} ${describeAxis(d)}${condition ? `  (only where it applies to the kind)` : ''}`);
    }
    lines.push(`  ${'seeds'.padEnd(16)} ${plan.seeds.length}: ${list(plan.seeds)}`);
    const { budget } = plan.search;
    // A sampler that does not learn asks the same configurations whatever the results: the first ones are known now.
    const known = plan.search.learns ? [] : firstConfigurations(plan, show);
    lines.push(`  = ${known.length > 0 ? '' : 'up to '}${budget} configuration${budget === 1 ? '' : 's'} x ${plan.seeds.length} seed${plan.seeds.length === 1 ? '' : 's'} = ${budget * plan.seeds.length} trials, asked as workers need work`);
    if (known.length > 0) {
      lines.push(`first ${known.length} configuration${known.length === 1 ? '' : 's'} (the same every run):`);
      for (const [n, params] of known) lines.push(`  #${n}  ${JSON.stringify(params)}`);
    }
    return lines.join('\n');
  }
  const names = [...new Set(plan.assignments.flatMap((a) => Object.keys(a)))];
  for (const name of names) {
    const values = [...new Set(plan.assignments.map((a) => a[name]).filter((v) => v !== null).map((v) => JSON.stringify(v)))].map((s) => JSON.parse(s) as unknown);
    const cut = plan.assignments.filter((a) => a[name] === null).length;
    lines.push(`  ${name.padEnd(16)} ${values.length} value${values.length === 1 ? '' : 's'}: ${list(values)}${cut ? `  (not applicable in ${cut} configuration${cut === 1 ? '' : 's'})` : ''}`);
  }
  lines.push(`  ${'seeds'.padEnd(16)} ${plan.seeds.length}: ${list(plan.seeds)}`);
  lines.push(`  = ${plan.assignments.length} configuration${plan.assignments.length === 1 ? '' : 's'} x ${plan.seeds.length} seed${plan.seeds.length === 1 ? '' : 's'} = ${plan.trials.length} trials`);
  lines.push(`first ${Math.min(show, plan.trials.length)} resolved trial configs:`);
  for (const t of plan.trials.slice(0, show)) lines.push(`  ${t.trialKey}  ${JSON.stringify(t.config)}`);
  return lines.join('\n');
}

/**
 * The line saying which version of a sweep was recorded, shared by `run` and `enqueue`.
 *
 * @example sweepVersionLine('l2-demo', { sweep, created: true, previousVersion: null }, 'regsweep.db')
 * // 'sweep l2-demo: new, recorded as version 1 in regsweep.db'
 */
export function sweepVersionLine(name: string, e: { sweep: SweepRecord; created: boolean; previousVersion: number | null }, db: string): string {
  const v = e.sweep.version;
  if (e.created && e.previousVersion !== null) return `sweep ${name} changed since version ${e.previousVersion}: recorded as version ${v}`;
  if (e.created) return `sweep ${name}: new, recorded as version ${v} in ${db}`;
  return `sweep ${name}: version ${v} (unchanged) in ${db}`;
}

/** What `regsweep run` does, callable from other commands (the demo). Returns the exit code. */
export async function runSweepFile(args: {
  file: string; db?: string; concurrency?: string; retries?: string; 'dry-run'?: boolean; quiet?: boolean;
}): Promise<number> {
  const concurrency = intOption('concurrency', args.concurrency, 1);
  const retries = intOption('retries', args.retries, 0);
  const loaded = await loadSweep(args.file);
  const plan = planSweep(loaded);
  checkData(plan, loaded.displayPath); // before the database is opened: a data problem records nothing
  if (args['dry-run']) {
    console.log(describePlan(plan));
    return 0;
  }
  const db = storeLabel(dbPath(args));
  const stop = stopOnSignals();
  const progress = args.quiet ? undefined : progressReporter(plan.metric);
  try {
    return await withStore(args, 'write', async (storage) => {
      const summary = await runSweep(plan, {
        storage, concurrency, retries, signal: stop.signal,
        onEvent: (e) => {
          if (e.type === 'sweep') {
            console.log(sweepVersionLine(plan.name, e, db));
          } else if (e.type === 'start') {
            const parts = [`${e.total} trials: ${e.toRun} to run`, `${e.alreadyDone} already done`];
            if (e.requeued) parts.push(`${e.requeued} failed, interrupted or stale re-queued`);
            console.log(`${parts.join(', ')}; ${concurrency ?? os.availableParallelism()} worker threads`);
          }
          progress?.onEvent(e);
        },
      });
      progress?.stop();
      const s = summary;
      console.log(`done in ${(s.durationMs / 1000).toFixed(1)}s: ${s.completed} completed, ${s.diverged} diverged, ${s.failed} failed${s.stopped ? `, ${s.stopped} stopped (pruned or raced out)` : ''}${s.racedOutBeforeRun ? `, ${s.racedOutBeforeRun} raced out before they ran` : ''}${s.interrupted ? `, ${s.interrupted} interrupted` : ''}; best ${plan.metric} ${fmt(s.best) || '-'}`);
      if (s.failed > 0) console.log(`failed trials: regsweep runs ${plan.name} --where "status = 'failed'"`);
      if (stop.exitCode()) return stop.exitCode();
      return s.failed > 0 ? 1 : 0;
    });
  } finally {
    stop.dispose();
  }
}

export default defineCommand({
  meta: { name: 'run', description: 'Run a sweep file; resumes where a killed run stopped' },
  args: {
    file: { type: 'positional', description: 'sweep file, e.g. experiments/l2-demo.ts', required: true },
    ...dbArgs,
    concurrency: { type: 'string', description: `worker threads (default: one per core, ${os.availableParallelism()} here)`, valueHint: 'n' },
    retries: { type: 'string', description: 'extra attempts for a failed trial (default 0)', valueHint: 'n' },
    'dry-run': { type: 'boolean', description: 'print the trials per axis and a few resolved configs; run nothing' },
    quiet: { type: 'boolean', description: 'no progress output' },
  },
  run: handled(({ args }) => runSweepFile(args)),
});
