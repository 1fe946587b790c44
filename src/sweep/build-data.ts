import path from 'node:path';
import { type Splits, loadCsv, makeSynthetic, normalizeSplits, stratifiedSplit } from '../data/index.ts';
import type { Dataset } from '../data/dataset.ts';
import type { DataSpec } from './define-sweep.ts';

const csvCache = new Map<string, Dataset>();

/**
 * The train / validation / test splits a data spec describes. CSV paths are relative to `baseDir`
 * (the sweep file's folder); a parsed CSV is cached per process, splits are not.
 * @example buildSplits({ kind: 'synthetic', irrelevant: 5, seed: 3 }, process.cwd())
 */
export function buildSplits(spec: DataSpec, baseDir: string): Splits {
  const seed = typeof spec.seed === 'number' ? spec.seed : 1;
  if (spec.kind === 'synthetic') {
    const { kind: _kind, normalize = 'none', seed: _seed, ...options } = spec;
    return normalizeSplits(makeSynthetic({ ...options, seed }), normalize);
  }
  const file = path.resolve(baseDir, spec.path);
  const key = `${file}\0${spec.label}`;
  let ds = csvCache.get(key);
  if (!ds) {
    ds = loadCsv(file, { label: spec.label });
    csvCache.set(key, ds);
  }
  const splits = stratifiedSplit(ds, { validation: spec.split?.validation ?? 0.2, test: spec.split?.test ?? 0.2, seed });
  return normalizeSplits(splits, spec.normalize ?? 'zscore');
}
