// npm run bench:prune — JSON lines: what ASHA + racing saves on real sweeps, and whether it changes the answer.
//
// For each case (experiments/l1-vs-l2.ts, experiments/wine.ts on data/wine.csv, experiments/breast-cancer.ts on
// data/breast_cancer.csv, experiments/digits.ts on
// data/digits.csv, experiments/iris.ts on data/iris.csv; BENCH_CASE=<name> runs one), the sweep runs twice for
// real on a fresh SQLite database with 2 worker threads: once in full, once with `prune: asha` and `race`.
// - epochsFull: epochs trained by the full sweep; epochsUsed: by the pruned one (a stopped trial counts the
//   epochs up to where it stopped, a trial raced out before it ran counts 0); savings = epochsFull / epochsUsed.
// - sameChoice: for every regularization kind, the configuration with the best mean validation metric among
//   those with all their seeds completed is the same in both runs (an exact tie goes to the lower key).
// - sameVerdict: the kinds ranked by the mean test accuracy of their chosen configuration come out in the same
//   order (the winner first; an exact tie in kind name order); verdictTest: those mean test accuracies.
// - wrongDrops: the share of `REPLAYS` repetitions, each with the configurations in another (seeded, shuffled)
//   order, in which the full sweep's best configuration (best mean validation metric) was pruned on some seed
//   or raced out. The repetitions are not retrained: the full sweep's recorded curves are replayed through the
//   same pruner, race and next-trial classes, one trial at a time (bench/prune-replay.ts). Training is
//   deterministic per seed, so a replayed trial's curve is what a rerun would record; what changes with the
//   order is which other configurations have reported at each rung and seed.
// The asha+race line also gives the wrongDrops of each kind's best configuration (wrongDropsKindBest; and
// wrongDropsKindBestUpToTies: every configuration with its validation value on every seed was lost), the kinds
// whose choice differs (with both choices), and sameChoiceUpToTies: every kind's choice is the full sweep's or
// has the same validation value as it on every seed; replaySameChoiceUpToTiesAndVerdict is its share of replays.
// rungBound: the most successive halving with one or two rungs could have saved keeping every kind's choice, with
// every configuration's value at a rung known, on the mean over 1 to 3 seeds, the rungs and η picked by looking at
// the answer (strictly, and up to exact ties; `rungBound` below): when even that is under 3, no setting of this
// pruner meets the goal.
// BENCH_TIE=loss breaks an exact tie on the mean validation metric by the mean validation loss first (see `beats`).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng } from '../src/nn/prng.ts';
import { type Storage, openStore } from '../src/store/index.ts';
import type { ParamValue, SweepRecord } from '../src/store/types.ts';
import { configurationKey } from '../src/sweep/pruners/comparison-group.ts';
import { loadSweep } from '../src/sweep/load-sweep.ts';
import { type SweepPlan, planSweep } from '../src/sweep/plan.ts';
import { runSweep } from '../src/sweep/runner.ts';
import type { PruneSettings, RaceSettings } from '../src/sweep/stop-settings.ts';
import { type RecordedTrial, replay } from './prune-replay.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// BENCH_DB_DIR: keep the databases there, and reuse a full sweep already recorded there (to try other settings)
const keep = process.env.BENCH_DB_DIR;
const tmp = keep ?? mkdtempSync(path.join(os.tmpdir(), 'regsweep-bench-prune-'));
const only = process.env.BENCH_CASE;
const REPLAYS = Number(process.env.BENCH_REPLAYS ?? 20);
const CONCURRENCY = 2;

interface Case { name: string; file: string; prune: PruneSettings; race: RaceSettings }
const cases: Case[] = [
  { name: 'l1-vs-l2', file: 'experiments/l1-vs-l2.ts', prune: { method: 'asha', minEpochs: 100, reductionFactor: 5, startupTrials: 4 }, race: { minSeeds: 3, alpha: 0.05 } },
  { name: 'wine', file: 'experiments/wine.ts', prune: { method: 'asha', minEpochs: 100, reductionFactor: 5, startupTrials: 4 }, race: { minSeeds: 3, alpha: 0.05 } },
  // 60 epochs: the rung at half of them, as for the other two (README: "prune late")
  { name: 'breast-cancer', file: 'experiments/breast-cancer.ts', prune: { method: 'asha', minEpochs: 30, reductionFactor: 5, startupTrials: 4 }, race: { minSeeds: 3, alpha: 0.05 } },
  { name: 'iris', file: 'experiments/iris.ts', prune: { method: 'asha', minEpochs: 100, reductionFactor: 5, startupTrials: 4 }, race: { minSeeds: 3, alpha: 0.05 } },
  // 20 epochs of 1,078 images (about wine's number of steps); settings fixed as for the others before its first run
  { name: 'digits', file: 'experiments/digits.ts', prune: { method: 'asha', minEpochs: 10, reductionFactor: 5, startupTrials: 4 }, race: { minSeeds: 3, alpha: 0.05 } },
];

/** The plan with a pruner and a race: a new version of the sweep, as editing the file would make, each invocation (never a resume of an earlier one). */
function withStops(plan: SweepPlan, c: Case): SweepPlan {
  const spec = { ...plan.spec, prune: c.prune, race: c.race };
  return { ...plan, name: `${plan.name}-pruned`, spec, contentHash: `${plan.contentHash}-pruned-${Date.now()}`, prune: c.prune, race: c.race };
}

interface Ended { key: string; kind: string; seed: number; status: string; epochs: number; validation: number; loss: number; test: number }

/** Every trial of a recorded sweep: its configuration, kind, seed, status, epochs trained and final metrics. */
async function endsOf(store: Storage, sweep: SweepRecord, epochs: number): Promise<{ ended: Ended[]; recorded: RecordedTrial[] }> {
  const trials = await store.listTrials(sweep.id);
  const ids = trials.map((t) => t.id);
  const [params, metrics, curves] = await Promise.all([store.getParams(ids), store.getMetrics(ids), store.getCurves(ids)]);
  const ended: Ended[] = [];
  const recorded: RecordedTrial[] = [];
  for (const t of trials) {
    const p = params.get(t.id)! as Record<string, ParamValue>;
    const m = metrics.get(t.id)!;
    const stoppedEpoch = (t.summary as { stoppedEpoch?: number } | null)?.stoppedEpoch;
    const used = t.status === 'completed' || t.status === 'diverged' ? epochs : t.status === 'queued' || (t.status === 'raced-out' && stoppedEpoch === undefined) ? 0 : (stoppedEpoch ?? epochs);
    ended.push({ key: configurationKey(p), kind: String(p.regularization ?? 'none'), seed: t.seed, status: t.status, epochs: used, validation: m[sweep.objectiveMetric] ?? Number.NaN, loss: m.validation_loss ?? Number.NaN, test: m.test_accuracy ?? Number.NaN });
    const curve = curves.get(t.id)!.filter((q) => q.key === sweep.objectiveMetric).map((q) => ({ epoch: q.epoch, value: q.value }));
    recorded.push({ seed: t.seed, params: p, curve, metrics: m });
  }
  return { ended, recorded };
}

function replayedEnds(ends: Awaited<ReturnType<typeof replay>>, sweep: SweepRecord): Ended[] {
  return ends.map((e) => ({
    key: configurationKey(e.trial.params), kind: String(e.trial.params.regularization ?? 'none'), seed: e.trial.seed, status: e.status, epochs: e.epochs,
    validation: e.trial.metrics[sweep.objectiveMetric] ?? Number.NaN, loss: e.trial.metrics.validation_loss ?? Number.NaN, test: e.trial.metrics.test_accuracy ?? Number.NaN,
  }));
}

// BENCH_TIE=loss: an exact tie on the mean validation metric goes first to the lower mean validation loss, then to
// the lower key (a rule tried for wine's four tied L2 settings; see the README's pruning section)
const TIE_BY_LOSS = process.env.BENCH_TIE === 'loss';

/** Whether configuration a is chosen over b: a better mean validation metric; an exact tie to the lower key (BENCH_TIE=loss: the lower mean validation loss first). */
function beats(a: { key: string; val: number; loss: number }, b: { key: string; val: number; loss: number }, maximize: boolean): boolean {
  if (a.val !== b.val) return maximize ? a.val > b.val : a.val < b.val;
  if (TIE_BY_LOSS && a.loss !== b.loss) return a.loss < b.loss;
  return a.key < b.key;
}

/** Per kind, the configuration with the best mean validation metric among those with all seeds completed; and the kinds' order by test accuracy. */
function choices(ended: Ended[], seeds: number, maximize: boolean): { chosen: Map<string, string>; verdict: string[]; lost: string[]; test: Record<string, number> } {
  const byConfig = new Map<string, Ended[]>();
  for (const e of ended) byConfig.set(e.key, [...(byConfig.get(e.key) ?? []), e]);
  const best = new Map<string, { key: string; val: number; loss: number; test: number }>();
  const kinds = new Set(ended.map((e) => e.kind));
  for (const [key, es] of byConfig) {
    if (es.length !== seeds || es.some((e) => e.status !== 'completed')) continue;
    const val = es.reduce((s, e) => s + e.validation, 0) / seeds;
    const test = es.reduce((s, e) => s + e.test, 0) / seeds;
    const loss = es.reduce((s, e) => s + e.loss, 0) / seeds;
    const kind = es[0]!.kind;
    const b = best.get(kind);
    // an exact tie (configurations with the same value on every seed happen with a small validation set) goes to
    // the lower key, so the choice does not depend on the order trials are listed in
    // (BENCH_TIE=loss: first to the lower mean validation loss)
    if (!b || beats({ key, val, loss }, b, maximize)) best.set(kind, { key, val, loss, test });
  }
  const verdict = [...best].sort((a, b) => b[1].test - a[1].test || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
  const test = Object.fromEntries(verdict.map((k) => [k, Number(best.get(k)!.test.toFixed(4))]));
  return { chosen: new Map([...best].map(([k, v]) => [k, v.key])), verdict, lost: [...kinds].filter((k) => !best.has(k)), test };
}

/**
 * What successive halving with one or two rungs could have saved while keeping every kind's choice, with more
 * knowledge than a real run has: every configuration's value at a rung known when deciding (no asynchrony), on the
 * mean over the first `s` seeds (1 to 3), the rungs any one or two evaluation epochs, each with η in 2..8. At the
 * first rung a configuration goes on unless at least max(1, floor(N / η1)) of its kind are strictly better there;
 * at the second, unless at least max(1, floor(N / (η1 η2))) of the kind's configurations still going are (kinds of
 * 4 or more; a diverged value never goes on). A configuration stopped at a rung costs s × that rung's epochs; one
 * that goes on costs all its seeds in full, plus s × its last rung when s > 1 (its first seeds trained to the rung
 * again: nothing is kept between trials). Racing is left out (it saves about 1.0x on these cases). The best savings
 * over these settings that keep every kind's choice (strictly, and up to exact ties), and the setting: an upper
 * bound for this family of rules, found by looking at the answer.
 */
function rungBound(recorded: RecordedTrial[], cf: ReturnType<typeof choices>, tied: (a: string, b: string) => boolean, epochs: number, maximize: boolean) {
  const byConfig = new Map<string, { kind: string; bySeed: Map<number, Map<number, number>> }>();
  for (const r of recorded) {
    const key = configurationKey(r.params);
    let c = byConfig.get(key);
    if (!c) byConfig.set(key, (c = { kind: String(r.params.regularization ?? 'none'), bySeed: new Map() }));
    c.bySeed.set(r.seed, new Map(r.curve.map((q) => [q.epoch, q.value])));
  }
  const seeds = [...new Set(recorded.map((r) => r.seed))].sort((a, b) => a - b);
  const rungs = [...new Set(recorded.flatMap((r) => r.curve.map((q) => q.epoch)))].filter((e) => e < epochs).sort((a, b) => a - b);
  const full = byConfig.size * seeds.length * epochs;
  const byKind = new Map<string, string[]>();
  for (const [key, c] of byConfig) byKind.set(c.kind, [...(byKind.get(c.kind) ?? []), key]);
  const kinds = [...byKind.values()];
  const chosen = [...cf.chosen.values()];
  const etas = [2, 3, 4, 5, 6, 8];
  type Setting = { savings: number; seeds: number; rungs: number[]; etas: number[] };
  let strict: Setting = { savings: 0, seeds: 0, rungs: [], etas: [] };
  let upToTies = strict;
  for (let s = 1; s <= 3; s++) {
    // value of each configuration at each rung, on the mean over the first s seeds (NaN: diverged or missing)
    const at = new Map([...byConfig].map(([key, c]) => [key, new Map(rungs.map((r) => [r, seeds.slice(0, s).reduce((sum, seed) => sum + (c.bySeed.get(seed)?.get(r) ?? Number.NaN), 0) / s]))]));
    const plans: { rungs: number[]; etas: number[] }[] = [];
    for (const r1 of rungs) {
      for (const e1 of etas) {
        plans.push({ rungs: [r1], etas: [e1] });
        for (const r2 of rungs) if (r2 > r1) for (const e2 of etas) plans.push({ rungs: [r1, r2], etas: [e1, e2] });
      }
    }
    for (const plan of plans) {
      let used = 0;
      const kept = new Set<string>();
      for (const keys of kinds) {
        let going = keys;
        let share = keys.length;
        plan.rungs.forEach((rung, i) => {
          share /= plan.etas[i]!;
          const keep = Math.max(1, Math.floor(share));
          const value = (k: string) => at.get(k)!.get(rung)!;
          const stays = going.filter((k) => keys.length < 4 || (!Number.isNaN(value(k)) && going.filter((o) => (maximize ? value(o) > value(k) : value(o) < value(k))).length < keep));
          for (const k of going) if (!stays.includes(k)) used += s * rung;
          going = stays;
        });
        for (const k of going) { kept.add(k); used += seeds.length * epochs + (s > 1 ? s * plan.rungs.at(-1)! : 0); }
      }
      const savings = Number((full / used).toFixed(2));
      if (savings > strict.savings && chosen.every((k) => kept.has(k))) strict = { savings, seeds: s, ...plan };
      if (savings > upToTies.savings && chosen.every((k) => [...kept].some((x) => tied(x, k)))) upToTies = { savings, seeds: s, ...plan };
    }
  }
  return { strict, upToTies };
}

function shuffled<T>(items: T[], rng: Rng): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) { const j = rng.int(i + 1); [a[i], a[j]] = [a[j]!, a[i]!]; }
  return a;
}

try {
  for (const c of cases.filter((k) => !only || k.name === only)) {
    if (process.env.BENCH_PRUNE) c.prune = JSON.parse(process.env.BENCH_PRUNE) as PruneSettings;
    if (process.env.BENCH_RACE) c.race = JSON.parse(process.env.BENCH_RACE) as RaceSettings;
    const plan = planSweep(await loadSweep(path.join(root, c.file)));
    const epochs = plan.trialsOf({})[0]!.config.training.epochs;
    const maximize = plan.direction === 'maximize';
    const store = await openStore(path.join(tmp, `${c.name}.db`));
    try {
      const t0 = performance.now();
      const full = await runSweep(plan, { storage: store, concurrency: CONCURRENCY });
      const t1 = performance.now();
      const pruned = process.env.BENCH_REPLAY_ONLY
        ? { sweep: (await store.upsertSweep({ ...full.sweep, spec: withStops(plan, c).spec, name: `${plan.name}-replay`, contentHash: `${Date.now()}` })).sweep }
        : await runSweep(withStops(plan, c), { storage: store, concurrency: CONCURRENCY });
      const t2 = performance.now();
      const F = await endsOf(store, full.sweep, epochs);
      // BENCH_REPLAY_ONLY: the pruned run is not run but replayed in the plan's order (to try settings quickly)
      const P = process.env.BENCH_REPLAY_ONLY ? { ended: replayedEnds(await replay(pruned.sweep, F.recorded), pruned.sweep) } : await endsOf(store, pruned.sweep, epochs);
      const epochsFull = F.ended.reduce((s, e) => s + e.epochs, 0);
      const epochsUsed = P.ended.reduce((s, e) => s + e.epochs, 0);
      const cf = choices(F.ended, plan.seeds.length, maximize);
      const cp = choices(P.ended, plan.seeds.length, maximize);
      const sameChoice = [...cf.chosen].every(([kind, key]) => cp.chosen.get(kind) === key);
      // a different choice that has the same validation value as the full sweep's on every seed (an exact tie)
      const tiedOnEverySeed = (a: string, b: string) => {
        const valuesOf = (key: string) => F.ended.filter((e) => e.key === key).sort((x, y) => x.seed - y.seed).map((e) => e.validation).join();
        return valuesOf(a) === valuesOf(b);
      };
      const sameChoiceUpToTies = [...cf.chosen].every(([kind, key]) => cp.chosen.has(kind) && tiedOnEverySeed(cp.chosen.get(kind)!, key));
      const sameVerdict = cf.verdict.join() === cp.verdict.join();

      // repetitions: the full sweep's curves replayed in other orders of the configurations
      // the best of the kinds' choices; an exact tie (wine: L1's and L2's choices both 353 of 360) to the lower key
      const bestOverall = [...cf.chosen.values()].map((key) => {
        const es = F.ended.filter((e) => e.key === key);
        return { key, val: es.reduce((s, e) => s + e.validation, 0) / es.length, loss: es.reduce((s, e) => s + e.loss, 0) / es.length };
      }).reduce((a, b) => (beats(b, a, maximize) ? b : a)).key;
      const configs = [...new Set(F.recorded.map((r) => configurationKey(r.params)))];
      const rng = new Rng(2026);
      let wrong = 0;
      const replaySavings: number[] = [];
      let replaySame = 0, replaySameUpToTies = 0;
      const wrongByKind = new Map<string, number>([...cf.chosen.keys()].map((k) => [k, 0]));
      const wrongByKindUpToTies = new Map(wrongByKind);
      const prunedRecord = pruned.sweep;
      for (let r = 0; r < REPLAYS; r++) {
        const order = shuffled(configs, rng);
        const rank = new Map(order.map((k, i) => [k, i]));
        const trials = [...F.recorded].sort((a, b) => rank.get(configurationKey(a.params))! - rank.get(configurationKey(b.params))! || a.seed - b.seed);
        const ends = await replay(prunedRecord, trials);
        const re = replayedEnds(ends, prunedRecord);
        replaySavings.push(epochsFull / re.reduce((s, e) => s + e.epochs, 0));
        const cr = choices(re, plan.seeds.length, maximize);
        const verdictSame = cr.verdict.join() === cf.verdict.join();
        if ([...cf.chosen].every(([kind, key]) => cr.chosen.get(kind) === key) && verdictSame) replaySame++;
        if ([...cf.chosen].every(([kind, key]) => cr.chosen.has(kind) && tiedOnEverySeed(cr.chosen.get(kind)!, key)) && verdictSame) replaySameUpToTies++;
        const lostConfig = (key: string) => ends.some((e) => configurationKey(e.trial.params) === key && e.status !== 'completed');
        if (lostConfig(bestOverall)) wrong++;
        for (const [kind, key] of cf.chosen) if (lostConfig(key)) wrongByKind.set(kind, wrongByKind.get(kind)! + 1);
        // lost up to ties: every configuration with the chosen one's validation value on every seed was lost
        for (const [kind, key] of cf.chosen) if (configs.filter((k) => tiedOnEverySeed(k, key)).every(lostConfig)) wrongByKindUpToTies.set(kind, wrongByKindUpToTies.get(kind)! + 1);
      }
      const count = (st: string) => P.ended.filter((e) => e.status === st).length;
      const counts = { completed: count('completed'), pruned: count('pruned'), 'raced-out': count('raced-out') };
      replaySavings.sort((a, b) => a - b);
      const bound = rungBound(F.recorded, cf, tiedOnEverySeed, epochs, maximize);
      console.log(JSON.stringify({ case: c.name, method: 'full', epochsFull, epochsUsed: epochsFull, savings: 1, sameChoice: true, sameVerdict: true, wrongDrops: 0, trials: F.ended.length, seconds: Number(((t1 - t0) / 1000).toFixed(1)), verdict: cf.verdict, verdictTest: cf.test }));
      console.log(JSON.stringify({
        case: c.name, method: 'asha+race', epochsFull, epochsUsed, savings: Number((epochsFull / epochsUsed).toFixed(2)), sameChoice, sameVerdict,
        wrongDrops: Number((wrong / REPLAYS).toFixed(3)), replays: REPLAYS,
        replaySavingsMedian: Number(replaySavings[replaySavings.length >> 1]!.toFixed(2)), replaySameChoiceAndVerdict: Number((replaySame / REPLAYS).toFixed(3)),
        replaySameChoiceUpToTiesAndVerdict: Number((replaySameUpToTies / REPLAYS).toFixed(3)),
        prune: c.prune, race: c.race, completed: counts.completed, pruned: counts.pruned, racedOut: counts['raced-out'],
        seconds: Number(((t2 - t1) / 1000).toFixed(1)), verdict: cp.verdict, verdictTest: cp.test, lostKinds: cp.lost,
        wrongDropsKindBest: Object.fromEntries([...wrongByKind].map(([k, n]) => [k, Number((n / REPLAYS).toFixed(3))])),
        wrongDropsKindBestUpToTies: Object.fromEntries([...wrongByKindUpToTies].map(([k, n]) => [k, Number((n / REPLAYS).toFixed(3))])),
        rungBound: bound,
        choiceDiffers: Object.fromEntries([...cf.chosen].filter(([kind, key]) => cp.chosen.get(kind) !== key).map(([kind, key]) => [kind, { full: key, pruned: cp.chosen.get(kind) ?? null }])), sameChoiceUpToTies,
      }));
    } finally {
      await store.close();
    }
  }
} finally {
  if (!keep) rmSync(tmp, { recursive: true, force: true });
}
