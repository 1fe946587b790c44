import { studentTCdf } from '../../report/stats/index.ts';

/** One configuration in a race: its final metric by seed (completed trials only). */
export type SeedValues = ReadonlyMap<number, number>;

export interface RaceRuleSettings {
  /** seeds every configuration runs on before it can be dropped */
  minSeeds: number;
  /** the chance that the truly best configuration of a group is ever dropped, at most */
  alpha: number;
  /** seeds of the sweep: the most paired looks a configuration can get is seeds - minSeeds + 1 */
  seeds: number;
  direction: 'minimize' | 'maximize';
}

/**
 * The level each single test is run at: `alpha / (looks * (m - 1))`, Bonferroni over the most looks a pair
 * can get (seeds - minSeeds + 1) and over the m - 1 rivals of a configuration in its group. Whichever
 * configuration the "current best" turns out to be at each look, the truly best configuration c* is dropped
 * only if one of these (m - 1) * looks one-sided tests "c* worse than b" came out significant, each a false
 * positive since no b is truly better: so P(c* ever dropped) <= alpha, whatever the order trials finish in.
 *
 * @example perTestLevel({ minSeeds: 3, alpha: 0.05, seeds: 10, direction: 'maximize' }, 20) // 0.05 / (8 * 19)
 */
export function perTestLevel(settings: RaceRuleSettings, configurations: number): number {
  const looks = settings.seeds - settings.minSeeds + 1;
  return settings.alpha / (looks * Math.max(1, configurations - 1));
}

/**
 * One-sided paired t-test that `rival` is worse than `best` on the seeds both have: the p-value of
 * "mean(best - rival) in the better direction > 0". Consistent shifts (no spread) give 0 or 1.
 */
export function pairedWorseP(best: SeedValues, rival: SeedValues, direction: 'minimize' | 'maximize'): { n: number; p: number } {
  const d: number[] = [];
  for (const [seed, b] of best) {
    const r = rival.get(seed);
    if (r !== undefined) d.push(direction === 'maximize' ? b - r : r - b);
  }
  const n = d.length;
  if (n < 2) return { n, p: 1 };
  const mean = d.reduce((s, x) => s + x, 0) / n;
  const sd = Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  if (sd === 0) return { n, p: mean > 0 ? 0 : 1 };
  return { n, p: 1 - studentTCdf(mean / (sd / Math.sqrt(n)), n - 1) };
}

/**
 * Which configurations of one comparison group are dropped now. The current best is the configuration, among
 * those with at least `minSeeds` seeds that are not already out, with the best mean; each other such
 * configuration is dropped when `pairedWorseP` against the best, on at least `minSeeds` shared seeds, is below
 * `perTestLevel`. `configurations` is the group's size as planned (fixed before any trial runs).
 *
 * @example
 * raceDrops(new Map([['a', seedsA], ['b', seedsB]]), new Set(), settings, 2) // ['b'] when b is clearly worse
 */
export function raceDrops(group: ReadonlyMap<string, SeedValues>, out: ReadonlySet<string>, settings: RaceRuleSettings, configurations: number): string[] {
  const { minSeeds, direction } = settings;
  const inRace = [...group].filter(([key, v]) => !out.has(key) && v.size >= minSeeds);
  if (inRace.length < 2) return [];
  const meanOf = (v: SeedValues) => [...v.values()].reduce((s, x) => s + x, 0) / v.size;
  const sign = direction === 'maximize' ? 1 : -1;
  const [bestKey, best] = inRace.reduce((a, b) => (sign * meanOf(b[1]) > sign * meanOf(a[1]) ? b : a));
  const level = perTestLevel(settings, configurations);
  const drops: string[] = [];
  for (const [key, values] of inRace) {
    if (key === bestKey) continue;
    const { n, p } = pairedWorseP(best, values, direction);
    if (n >= minSeeds && p < level) drops.push(key);
  }
  return drops;
}
