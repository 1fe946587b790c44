import { Rng } from '../nn/prng.ts';
import type { Distribution } from './distributions.ts';
import type { SpaceValue } from './define-sweep.ts';

/** Short parameter names and the config paths they stand for. Params are recorded under the short name. */
export const PARAM_ALIASES: Readonly<Record<string, string>> = {
  regularization: 'regularization.kind',
  lambda: 'regularization.lambda',
  lambda2: 'regularization.lambda2',
  l1Method: 'regularization.l1Method',
  regularizeBias: 'regularization.regularizeBias',
  learningRate: 'training.learningRate',
  epochs: 'training.epochs',
  batchSize: 'training.batchSize',
  momentum: 'training.momentum',
  hidden: 'model.hidden',
  activation: 'model.activation',
  loss: 'model.loss',
  init: 'model.init',
  initScale: 'model.initScale',
};
const PATH_TO_ALIAS = Object.fromEntries(Object.entries(PARAM_ALIASES).map(([k, v]) => [v, k]));

/** The short name of a parameter key (`regularization.lambda` -> `lambda`); other dotted paths stay as they are. */
export function paramName(key: string): string {
  return PATH_TO_ALIAS[key] ?? key;
}
/** The config path of a parameter name (`lambda` -> `regularization.lambda`). */
export function paramPath(name: string): string {
  return PARAM_ALIASES[name] ?? name;
}

/** Regularization settings that only apply to some kinds: the conditional part of the space. */
const APPLIES: Record<string, (kind: unknown) => boolean> = {
  lambda: (kind) => kind !== 'none',
  lambda2: (kind) => kind === 'elasticnet',
  l1Method: (kind) => kind === 'l1' || kind === 'elasticnet',
};

/**
 * The condition under which a regularization setting applies, by kind (`lambda` unless `none`, `lambda2`
 * for `elasticnet`, `l1Method` for `l1` and `elasticnet`); undefined for a parameter that always applies.
 * @example conditionOf('lambda2')?.('l2') // false
 */
export function conditionOf(name: string): ((kind: unknown) => boolean) | undefined {
  return APPLIES[paramName(name)];
}

/** A parameter assignment: short name -> value; `null` marks a parameter that does not apply. */
export type Assignment = Record<string, unknown>;

/** A space value as a distribution: a plain list is a choice. */
export function asDistribution(v: SpaceValue): Distribution {
  return Array.isArray(v) ? { type: 'choice', values: v } : (v as Distribution);
}

/** The values a grid takes along one axis. */
export function gridValues(d: Distribution): unknown[] {
  if (d.type === 'choice') return [...d.values];
  if (d.type === 'int') {
    const out: number[] = [];
    for (let v = d.low; v <= d.high; v += d.step) out.push(v);
    return out;
  }
  throw new TypeError('a grid search needs a list of values or an int range');
}

/** Draw one value from a distribution. */
export function sample(d: Distribution, rng: Rng): unknown {
  if (d.type === 'choice') return d.values[rng.int(d.values.length)];
  if (d.type === 'int') return d.low + d.step * rng.int(Math.floor((d.high - d.low) / d.step) + 1);
  if (d.log) return Math.exp(rng.uniform(Math.log(d.low), Math.log(d.high)));
  return rng.uniform(d.low, d.high);
}

/**
 * Null out the regularization settings that do not apply to the assignment's kind (`lambda` when the kind
 * is `none`, `lambda2` unless `elasticnet`, `l1Method` unless `l1` or `elasticnet`). `baseKind` is the kind
 * used when the assignment does not sweep `regularization` itself.
 */
export function applyConditions(a: Assignment, baseKind: unknown): Assignment {
  const kind = 'regularization' in a ? a.regularization : baseKind;
  const out: Assignment = {};
  for (const [name, value] of Object.entries(a)) out[name] = APPLIES[name] && !APPLIES[name](kind) ? null : value;
  return out;
}

function dedupe(list: Assignment[]): Assignment[] {
  const seen = new Set<string>();
  return list.filter((a) => {
    const key = JSON.stringify(Object.entries(a));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Every configuration of a grid: the Cartesian product of the axes, with conditional settings nulled and
 * duplicates removed. Axis order is the space's key order.
 * @example expandGrid({ regularization: ['none', 'l2'], lambda: [0.1, 0.01] }, 'none').length // 3
 */
export function expandGrid(space: Record<string, SpaceValue>, baseKind: unknown): Assignment[] {
  let combos: Assignment[] = [{}];
  for (const [key, value] of Object.entries(space)) {
    const name = paramName(key);
    const values = gridValues(asDistribution(value));
    combos = combos.flatMap((c) => values.map((v) => ({ ...c, [name]: v })));
  }
  return dedupe(combos.map((c) => applyConditions(c, baseKind)));
}

/**
 * `trials` configurations drawn from the space with a generator seeded by `seed`: the same seed gives the
 * same draws. Conditional settings are nulled; duplicates (possible with choices) are kept out.
 */
export function sampleRandom(space: Record<string, SpaceValue>, trials: number, seed: number, baseKind: unknown): Assignment[] {
  const rng = new Rng(seed);
  const out: Assignment[] = [];
  for (let i = 0; i < trials; i++) out.push(drawAssignment(space, rng, baseKind));
  return out;
}

/**
 * One random configuration: a value of every axis in the space's key order from `rng` (the sequence
 * `sampleRandom` and the random sampler share), conditional settings nulled.
 */
export function drawAssignment(space: Readonly<Record<string, SpaceValue>>, rng: Rng, baseKind: unknown): Assignment {
  const a: Assignment = {};
  for (const [key, value] of Object.entries(space)) a[paramName(key)] = sample(asDistribution(value), rng);
  return applyConditions(a, baseKind);
}

/** Set `value` at a dotted `path` of a plain object (creating objects on the way). A single number for `model.hidden` means one layer. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let obj = target;
  for (const part of parts.slice(0, -1)) {
    if (typeof obj[part] !== 'object' || obj[part] === null) obj[part] = {};
    obj = obj[part] as Record<string, unknown>;
  }
  obj[parts[parts.length - 1]!] = path === 'model.hidden' && typeof value === 'number' ? [value] : value;
}
