import type { ParamValue } from '../store/types.ts';
import type { SeedResult, SettingChoice, Ties } from './comparison.ts';
import { mean } from './stats/index.ts';

/**
 * How a group's tuned settings (e.g. lambda) are chosen before the groups are compared:
 * - `per-seed` (the default): each seed's own validation result picks that seed's setting, and that seed's
 *   test result is used. The whole tuning procedure is repeated on every seed (nested selection, Cawley &
 *   Talbot, JMLR 2010), so the randomness of the choice is in the per-seed differences the tests see and
 *   their p-values hold their level.
 * - `pooled`: one setting per group, the best mean over all seeds ("the best setting on average"). Good for
 *   describing the sweep; its p-values are not calibrated, because the choice saw every seed's validation
 *   result and so the test results it is judged on share that luck.
 */
export type Selection = 'per-seed' | 'pooled';
export const SELECTIONS: readonly Selection[] = ['per-seed', 'pooled'];
export const DEFAULT_SELECT: Selection = 'per-seed';

/** A setting of the tuned params within a group, with its results by seed. */
export interface Cell {
  setting: Record<string, ParamValue>;
  bySeed: Map<number, SeedResult>;
}

/** What a selection procedure made of one group. */
export interface GroupChoice {
  /** the setting shown for the group: the pooled choice, or per seed the one chosen most often */
  chosen: Cell;
  /** one result per seed, at the setting chosen for that seed, by seed */
  perSeed: SeedResult[];
  /** every setting chosen, with how many seeds chose it, most often first */
  choices: SettingChoice[];
  /** the choices an exact tie on the selection value decided (the earlier setting taken) */
  ties: Ties;
}

/**
 * Choose a group's setting(s) from its cells, which come in setting order (null first, then ascending):
 * that order breaks ties. `better(x, y)` says whether selection value x beats y.
 *
 * @example
 * chooseSettings(cells, 'per-seed', (x, y) => x > y).choices; // [{ setting: { lambda: 0.01 }, seeds: 7 }, ...]
 */
export function chooseSettings(cells: readonly Cell[], select: Selection, better: (x: number, y: number) => boolean): GroupChoice {
  return select === 'pooled' ? choosePooled(cells, better) : choosePerSeed(cells, better);
}

/** The best mean selection value over seeds; ties: more seeds, then the earlier setting (`ties`: every seed, when settings tied). */
function choosePooled(cells: readonly Cell[], better: (x: number, y: number) => boolean): GroupChoice {
  let chosen = cells[0];
  for (const cell of cells.slice(1)) {
    const [s, c] = [selectionMean(cell), selectionMean(chosen)];
    if (better(s, c) || (s === c && cell.bySeed.size > chosen.bySeed.size)) chosen = cell;
  }
  const perSeed = [...chosen.bySeed.values()].sort((x, y) => x.seed - y.seed);
  const best = selectionMean(chosen);
  const tied = cells.filter((c) => selectionMean(c) === best && c.bySeed.size === chosen.bySeed.size).length;
  return { chosen, perSeed, choices: [{ setting: chosen.setting, seeds: perSeed.length }], ties: { seeds: tied > 1 ? perSeed.length : 0, settings: tied > 1 ? tied : 0 } };
}

/** For each seed, the setting with the best selection value on that seed; ties: the earlier setting. */
function choosePerSeed(cells: readonly Cell[], better: (x: number, y: number) => boolean): GroupChoice {
  const seeds = [...new Set(cells.flatMap((c) => [...c.bySeed.keys()]))].sort((x, y) => x - y);
  const count = new Map<Cell, number>();
  const perSeed: SeedResult[] = [];
  const ties: Ties = { seeds: 0, settings: 0 };
  for (const seed of seeds) {
    let best: Cell | undefined;
    let tied = 0;
    for (const cell of cells) {
      const r = cell.bySeed.get(seed);
      if (r === undefined) continue;
      if (best === undefined || better(r.selection, best.bySeed.get(seed)!.selection)) [best, tied] = [cell, 1];
      else if (r.selection === best.bySeed.get(seed)!.selection) tied++;
    }
    perSeed.push(best!.bySeed.get(seed)!);
    count.set(best!, (count.get(best!) ?? 0) + 1);
    if (tied > 1) [ties.seeds, ties.settings] = [ties.seeds + 1, Math.max(ties.settings, tied)];
  }
  const order = (cell: Cell) => cells.indexOf(cell);
  const ranked = [...count].sort(([x, nx], [y, ny]) => ny - nx || order(x) - order(y));
  return { chosen: ranked[0][0], perSeed, choices: ranked.map(([cell, seedCount]) => ({ setting: cell.setting, seeds: seedCount })), ties };
}

function selectionMean(cell: Cell): number {
  return mean([...cell.bySeed.values()].map((r) => r.selection));
}
