import { Rng } from '../../nn/prng.ts';
import type { Assignment } from '../space.ts';
import { EncodedSpace } from './encoded-space.ts';
import { ParzenEstimator } from './parzen-estimator.ts';
import { RandomSampler } from './random-sampler.ts';
import type { ConfigurationRecord, Sampler, SearchHistory } from './sampler.ts';

/** Settings of the TPE sampler; every one is optional. */
export interface TpeSamplerOptions {
  /** seed of the startup draws and of the candidates (default 0) */
  seed?: number;
  /** configurations 1..startupTrials are random draws (the random sampler's, same seed); default 10 */
  startupTrials?: number;
  /** candidates drawn from l(x) per ask; the one with the largest l(x) / g(x) is proposed (default 24) */
  candidates?: number;
  /** weight of the prior component of each estimator, against 1 per configuration (default 1) */
  priorWeight?: number;
}

/**
 * How many finished configurations are "good": `min(ceil(0.1 n), 25)`, Optuna's default gamma (Watanabe
 * 2023, section 3.1, "linear" splitting with the 25 cap of Hyperopt's linear forgetting).
 * @example goodCount(10) // 1
 */
export function goodCount(finished: number): number {
  return Math.min(Math.ceil(0.1 * finished), 25);
}

/** A generator for ask number `n` of a sampler seeded `seed`: the same (seed, n) gives the same stream, whoever asked before. */
function rngFor(seed: number, n: number): Rng {
  const base = new Rng(seed).state;
  const mixed = new Rng(n).state;
  const s = Uint32Array.of(base[0]! ^ mixed[0]!, base[1]! ^ mixed[1]!, base[2]! ^ mixed[2]!, base[3]! ^ mixed[3]! ^ 0x9e3779b9);
  if ((s[0]! | s[1]! | s[2]! | s[3]!) === 0) s[0] = 1;
  return new Rng(s);
}

/**
 * Split finished configurations into good and bad (Bergstra et al. 2011, section 4): the best `goodCount`
 * completed ones by objective are good; the other completed ones, every diverged or failed one, and every
 * one still running (the "constant liar": a configuration asked but not finished is assumed bad, so
 * parallel workers asking at once are pushed apart) are bad. A configuration is running until all of its
 * seeds are in; its seeds done so far are not used before then.
 */
export function splitGoodBad(history: SearchHistory): { good: ConfigurationRecord[]; bad: ConfigurationRecord[] } {
  const sign = history.direction === 'maximize' ? -1 : 1;
  const byNumber = [...history.configurations].sort((a, b) => a.number - b.number);
  const completed = byNumber.filter((c) => c.state === 'completed' && c.objective !== null && Number.isFinite(c.objective))
    .sort((a, b) => sign * (a.objective! - b.objective!) || a.number - b.number);
  const finished = byNumber.filter((c) => c.state !== 'running').length;
  const good = completed.slice(0, Math.min(goodCount(finished), completed.length));
  const isGood = new Set(good);
  return { good, bad: byNumber.filter((c) => !isGood.has(c)) };
}

/**
 * The tree-structured Parzen estimator (TPE) of Bergstra, Bardenet, Bengio and Kégl, "Algorithms for
 * hyper-parameter optimization", NeurIPS 2011, with the component choices of Watanabe 2023, "Tree-structured
 * Parzen estimator: understanding its algorithm components and their roles for better empirical
 * performance" (arXiv 2304.11127), as Optuna's `TPESampler(multivariate=True, constant_liar=True)` makes them:
 *
 * - configurations 1..`startupTrials` (10) are the random sampler's draws with the same seed (and so is any
 *   configuration asked while none has completed yet);
 * - after that, finished configurations split into good and bad (`splitGoodBad`: gamma = min(ceil(0.1 n), 25),
 *   running ones counted bad), l(x) and g(x) are Parzen estimators of each group (`ParzenEstimator`:
 *   uniform weights, prior weight 1, multivariate kernels with bandwidth 0.2 n^(-1/(d+4)) of the width and
 *   the magic clip, conditional settings per regularization kind), `candidates` (24) points are drawn from
 *   l(x) and the one maximizing l(x) / g(x) (the expected-improvement criterion of TPE) is proposed;
 * - a configuration's objective is the mean of the objective metric over its seeds (validation split);
 *   diverged and failed configurations count as bad.
 *
 * Where this differs from Optuna's defaults, measured with bench:search (README, "Choosing a sampler"):
 * Optuna ramps down the weights of all but the newest 25 observations of a group (no ratio changed, so the
 * weights stay uniform), and leaves failed trials out of both groups (counting diverged configurations bad
 * needs fewer configurations on the synthetic problem, whose largest learning rates diverge). The defaults
 * of Watanabe's c-TPE sampler on OptunaHub (gamma ceil(0.25 sqrt n), Scott bandwidths clipped at 1% of the
 * width, categorical prior weight 0.2), 100 candidates, and gamma ceil(0.2 n) did not do better on both.
 *
 * Deterministic: configuration n depends only on the seed, n and the configurations recorded before it, so
 * a sweep run with concurrency 1 proposes the same configurations every time.
 *
 * @example
 * search: { method: 'tpe', trials: 40, seed: 1, space: { regularization: ['none', 'l1', 'l2', 'elasticnet'], lambda: logUniform(1e-6, 1) } }
 */
export class TpeSampler implements Sampler {
  readonly name = 'tpe';
  readonly settings: Readonly<Required<TpeSamplerOptions>>;
  private readonly startup: RandomSampler;
  private encoded: { space: SearchHistory['space']; baseKind: unknown; encoded: EncodedSpace } | undefined;

  constructor(options: TpeSamplerOptions = {}) {
    this.settings = {
      seed: options.seed ?? 0,
      startupTrials: options.startupTrials ?? 10,
      candidates: options.candidates ?? 24,
      priorWeight: options.priorWeight ?? 1,
    };
    this.startup = new RandomSampler({ seed: this.settings.seed });
  }

  private space(history: SearchHistory): EncodedSpace {
    if (this.encoded?.space !== history.space || this.encoded.baseKind !== history.baseKind) {
      this.encoded = { space: history.space, baseKind: history.baseKind, encoded: new EncodedSpace(history.space, history.baseKind) };
    }
    return this.encoded.encoded;
  }

  ask(history: SearchHistory, n: number): Assignment {
    const { good, bad } = splitGoodBad(history);
    const space = this.space(history);
    if (n <= this.settings.startupTrials || good.length === 0 || space.axes.length === 0) return this.startup.ask(history, n);
    const dims = space.dims;
    const settings = { priorWeight: this.settings.priorWeight };
    const l = new ParzenEstimator(dims, good.map((c) => space.encode(c.params)), settings);
    const g = new ParzenEstimator(dims, bad.map((c) => space.encode(c.params)), settings);
    const rng = rngFor(this.settings.seed, n);
    let best: Float64Array | undefined, bestScore = -Infinity;
    for (let i = 0; i < this.settings.candidates; i++) {
      const x = l.sample(rng);
      const score = l.logDensity(x) - g.logDensity(x);
      if (best === undefined || score > bestScore) [best, bestScore] = [x, score];
    }
    return space.decode(best!);
  }
}
