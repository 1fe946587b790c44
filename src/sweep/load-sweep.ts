import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { z } from 'zod';
import { resolveTrainConfig } from '../nn/config.ts';
import { didYouMean } from '../text/did-you-mean.ts';
import { displayPath as shown } from '../text/display-path.ts';
import { importModule } from '../import-module.ts';
import { parseMetricName } from './metric-names.ts';
import { EncodedSpace } from './samplers/encoded-space.ts';
import { SEARCH_METHODS, type ValidSweep, configPaths, fieldSchema, sweepSchema } from './schema.ts';
import { PARAM_ALIASES, asDistribution, paramName, paramPath } from './space.ts';
import { SweepConfigError } from './sweep-error.ts';
import { checkStopSettings } from './stop-settings.ts';

/** A sweep file, loaded and validated. */
export interface LoadedSweep {
  /** absolute path of the sweep file */
  file: string;
  /** the path as the user gave it, for messages */
  displayPath: string;
  name: string;
  config: ValidSweep;
  /** source text of the file */
  source: string;
}

function keysOf(schemaPath: readonly PropertyKey[]): readonly string[] {
  const shapes: Record<string, readonly string[]> = {
    '': Object.keys(sweepSchema.shape),
    model: configPaths.filter((p) => p.startsWith('model.')).map((p) => p.slice(6)),
    training: configPaths.filter((p) => p.startsWith('training.')).map((p) => p.slice(9)),
    regularization: configPaths.filter((p) => p.startsWith('regularization.')).map((p) => p.slice(15)),
    search: ['method', 'trials', 'seed', 'startupTrials', 'candidates', 'space'],
    data: ['kind', 'inputs', 'hidden', 'classes', 'irrelevant', 'train', 'validation', 'test', 'noise', 'teacherScale', 'inputScale', 'seed', 'path', 'label', 'split', 'normalize'],
  };
  return shapes[schemaPath.join('.')] ?? [];
}

function formatPath(p: readonly PropertyKey[]): string {
  return p.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), '');
}

/** One line per zod issue: `field.path: what is wrong`. */
export function formatIssues(issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[] = []): string[] {
  const out: string[] = [];
  for (const issue of issues) {
    const at = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push(`${formatPath([...at, key])}: unknown key${didYouMean(key, keysOf(issue.path))}`);
      continue;
    }
    let what = issue.message;
    if (issue.code === 'too_small') {
      what = issue.origin === 'array' || issue.origin === 'string' ? 'must not be empty' : `must be ${issue.inclusive ? '>=' : '>'} ${issue.minimum}`;
    } else if (issue.code === 'too_big') {
      what = `must be ${issue.inclusive ? '<=' : '<'} ${issue.maximum}`;
    } else if (issue.code === 'invalid_type') {
      what = what.replace(/^Invalid input: /, '');
    } else if (issue.code === 'invalid_value') {
      what = `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    } else if (issue.code === 'invalid_union' && 'options' in issue) {
      what = `must be one of ${((issue as { options: unknown[] }).options).map((v) => JSON.stringify(v)).join(', ')}`;
    }
    out.push(`${formatPath(at) || '(sweep)'}: ${what}`);
  }
  return out;
}

/** Check every search-space axis: a known parameter, and values the field accepts. */
function checkSpace(config: ValidSweep): string[] {
  const space = config.search?.space;
  if (!space) return [];
  const problems: string[] = [];
  if (Object.keys(space).length === 0) problems.push('search.space: is empty (leave it out to run the base configuration once per seed)');
  const method = config.search?.method ?? 'grid';
  for (const [key, value] of Object.entries(space)) {
    const at = `search.space.${key}`;
    const schema = fieldSchema(paramPath(key));
    if (!schema) {
      problems.push(`${at}: unknown parameter${didYouMean(key, [...Object.keys(PARAM_ALIASES), ...configPaths])}`);
      continue;
    }
    const values: unknown[] = Array.isArray(value) ? value : value.type === 'choice' ? value.values : [value.low, value.high];
    if (!Array.isArray(value) && value.type === 'float' && method === 'grid') {
      problems.push(`${at}: a grid search needs a list of values or an int range (use method 'random' or 'tpe' for ${value.log ? 'logUniform' : 'uniform'}, or logGrid(...) for a list)`);
    }
    values.forEach((v, i) => {
      const r = schema.safeParse(v);
      if (!r.success) problems.push(...formatIssues(r.error.issues, ['search', 'space', key, ...(Array.isArray(value) ? [i] : value.type === 'choice' ? ['values', i] : [i === 0 ? 'low' : 'high'])]));
    });
  }
  return problems;
}

/**
 * Check the search method and its settings: a known method, a budget for every method but grid,
 * `startupTrials` only for tpe and within the budget, and something for tpe to learn about.
 */
function checkSearch(config: ValidSweep): string[] {
  const search = config.search;
  if (!search) return [];
  const method = search.method ?? 'grid';
  if (typeof method === 'string' && !(SEARCH_METHODS as readonly string[]).includes(method)) {
    return [`search.method: unknown method ${JSON.stringify(method)}: must be "grid", "random", "tpe" or a sampler object${didYouMean(method, SEARCH_METHODS)}`];
  }
  const name = typeof method === 'string' ? method : method.name;
  const problems: string[] = [];
  if (method !== 'grid' && search.trials === undefined) problems.push(`search.trials: a ${name} search needs a number of trials (the budget of configurations)`);
  if (search.startupTrials !== undefined && method !== 'tpe') problems.push(`search.startupTrials: only a tpe search has startup trials (method is ${JSON.stringify(name)})`);
  if (search.candidates !== undefined && method !== 'tpe') problems.push(`search.candidates: only a tpe search draws candidates (method is ${JSON.stringify(name)})`);
  if (method === 'tpe' && search.startupTrials !== undefined && search.trials !== undefined && search.startupTrials > search.trials) {
    problems.push(`search.startupTrials: ${search.startupTrials} is more than search.trials (${search.trials})`);
  }
  // A sampler that learns from results must never see the test split: that is what a comparison reports.
  if (method !== 'grid' && method !== 'random' && config.metric !== undefined && parseMetricName(config.metric).split === 'test') {
    problems.push(`metric: a ${name} search learns from its metric, so it must not be measured on the test split (use ${config.metric.replace(/^test_/, 'validation_')})`);
  }
  // an empty space is reported by checkSpace
  if (method === 'tpe' && !(search.space && Object.keys(search.space).length === 0)) {
    const space = Object.fromEntries(Object.entries(search.space ?? {}).map(([k, v]) => [paramName(k), asDistribution(v)]));
    const kind = resolveTrainConfig({ regularization: config.regularization }).regularization.kind;
    if (new EncodedSpace(space, kind).axes.length === 0) {
      problems.push('search.space: a tpe search needs a parameter with more than one value to search (a range or a list of two or more)');
    }
  }
  return problems;
}

/** The fewest epochs a trial of the sweep trains for: the base setting, or the smallest swept value. */
function smallestEpochs(config: ValidSweep): number {
  const base = resolveTrainConfig({ model: config.model, training: config.training, regularization: config.regularization }).training.epochs;
  const swept = config.search?.space?.epochs ?? config.search?.space?.['training.epochs'];
  const values = Array.isArray(swept) ? swept : swept && 'values' in swept ? swept.values : swept && 'low' in swept ? [swept.low] : [];
  return Math.min(base, ...values.filter((v): v is number => typeof v === 'number'));
}

function seedCount(config: ValidSweep): number {
  return typeof config.seeds === 'number' ? config.seeds : (config.seeds?.length ?? 1);
}

function isCjsWrapper(v: unknown): v is { default: unknown } {
  return typeof v === 'object' && v !== null && 'default' in v && Object.keys(v).every((k) => k === 'default' || k === '__esModule');
}

/**
 * Why a sweep file did not load. A syntax error is `file:line:column: message` (esbuild, through tsx,
 * reports `Transform failed with 1 error:\n<abs>:<line>:<col0>: ERROR: <what>`, its column 0-based), in the
 * sweep file or a file it imports;
 * anything else (an error thrown while the file ran, a missing import) is `file: failed to load: <first line>`.
 */
function loadError(err: unknown, abs: string, displayPath: string): SweepConfigError {
  const message = err instanceof Error ? err.message : String(err);
  const syntax = /^(.*):(\d+):(\d+): ERROR: (.*)$/m.exec(message);
  if (syntax) {
    // The sweep file, or a file it imports.
    const file = path.resolve(syntax[1]!) === abs ? displayPath : path.relative(process.cwd(), syntax[1]!) || syntax[1]!;
    return new SweepConfigError(`${file}:${syntax[2]}:${Number(syntax[3]) + 1}`, [syntax[4]!], { cause: err });
  }
  const first = message.split('\n')[0];
  return new SweepConfigError(displayPath, [`failed to load: ${first}`], { cause: err });
}

export interface LoadSweepOptions {
  /**
   * How to import the file (default: tsx's `tsImport`, whose modules are kept apart from the caller's). A
   * worker thread running regsweep's sources, which has tsx registered already, passes `import()`: the
   * file's `import ... from 'regsweep'` then reaches the modules the thread has loaded, instead of loading
   * the whole library a second time.
   */
  importModule?: (href: string) => Promise<unknown>;
}

/**
 * Load a sweep file (TypeScript, through tsx), validate its default export, and check that the
 * files it names exist. Throws a SweepConfigError naming the file and the field on any problem.
 *
 * @example
 * const sweep = await loadSweep('experiments/l2-demo.ts');
 */
export async function loadSweep(file: string, cwd = process.cwd(), options: LoadSweepOptions = {}): Promise<LoadedSweep> {
  const abs = path.resolve(cwd, file);
  const displayPath = shown(abs, cwd);
  if (!existsSync(abs)) throw new SweepConfigError(displayPath, ['file not found']);
  let mod: { default?: unknown };
  try {
    if (options.importModule) {
      mod = (await options.importModule(pathToFileURL(abs).href)) as { default?: unknown };
    } else {
      // The TypeScript loader is imported here, by the commands that load a sweep file, not at start-up.
      const { tsImport } = await importModule<typeof import('tsx/esm/api')>('tsx/esm/api');
      mod = await tsImport(pathToFileURL(abs).href, import.meta.url);
    }
  } catch (err) {
    throw loadError(err, abs, displayPath);
  }
  let exported = mod.default;
  // A sweep file outside an ESM package loads as CommonJS: its `export default` arrives one level down.
  if (isCjsWrapper(exported)) exported = exported.default;
  if (exported === undefined) throw new SweepConfigError(displayPath, ['no default export (write `export default defineSweep({ ... })`)']);
  if (typeof exported !== 'object' || exported === null || Array.isArray(exported)) {
    throw new SweepConfigError(displayPath, [`the default export must be an object from defineSweep({ ... }), got ${Array.isArray(exported) ? 'an array' : typeof exported}`]);
  }
  const parsed = sweepSchema.safeParse(exported);
  if (!parsed.success) throw new SweepConfigError(displayPath, formatIssues(parsed.error.issues));
  const config = parsed.data;
  const problems = [...checkSearch(config), ...checkSpace(config)];
  problems.push(...checkStopSettings(config, smallestEpochs(config), seedCount(config)));
  if (!config.data && !config.objective) problems.push('data: required (or give an objective function that makes its own data)');
  if (config.data?.kind === 'csv') {
    const csv = path.resolve(path.dirname(abs), config.data.path);
    if (!existsSync(csv)) problems.push(`data.path: file not found: ${path.relative(cwd, csv)}`);
  }
  if (problems.length > 0) throw new SweepConfigError(displayPath, problems);
  const name = config.name ?? path.basename(abs).replace(/\.[cm]?[jt]s$/, '');
  return { file: abs, displayPath, name, config, source: readFileSync(abs, 'utf8') };
}
