import path from 'node:path';
import { DataError } from '../data/data-error.ts';
import { displayPath as shown } from '../text/display-path.ts';
import type { Dataset, Splits } from '../data/dataset.ts';
import { buildSplits } from './build-data.ts';
import { canonicalJson } from './canonical.ts';
import type { DataSpec } from './define-sweep.ts';
import { parseMetricName } from './metric-names.ts';
import type { SweepPlan } from './plan.ts';
import { SweepConfigError } from './sweep-error.ts';

/**
 * Build every distinct data set a sweep's trials use, once, before anything is recorded, so that a data
 * problem is one message and not a failed trial per configuration: a CSV file that cannot be read or
 * parsed, a label column that is not there (with "did you mean"), a non-numeric cell (`file:line:column`),
 * a single class, a split left without rows or a class left out of a split, a synthetic spec that cannot
 * be drawn or whose teacher gives every training row one class, a split that the objective metric is
 * measured on left without rows. An adaptive search's data is checked on every seed. Throws a DataError (problems inside the data file, paths relative to `cwd`) or a
 * SweepConfigError naming `displayPath` (problems with the sweep's `data` settings).
 *
 * @example
 * const plan = planSweep(await loadSweep('experiments/iris.ts'));
 * checkData(plan, 'experiments/iris.ts'); // throws before `regsweep run` opens the database
 */
export function checkData(plan: SweepPlan, displayPath: string, cwd = process.cwd()): void {
  const seen = new Set<string>();
  // A grid's trials cover every data set (data settings can be swept). A search whose configurations are
  // asked later (random, tpe) has none yet: it runs on the sweep's data, whose every seed the trials of any
  // one configuration cover.
  for (const trial of plan.trials.length > 0 ? plan.trials : plan.trialsOf({})) {
    const spec = trial.config.data;
    if (!spec) continue;
    const key = canonicalJson(spec);
    if (seen.has(key)) continue;
    seen.add(key);
    let splits: Splits;
    try {
      splits = buildSplits(spec, path.dirname(plan.file));
    } catch (error) {
      if (error instanceof DataError) {
        throw new DataError(error.what, { file: shown(error.file, cwd), line: error.line, column: error.column, cause: error });
      }
      if (error instanceof RangeError) {
        const field = spec.kind === 'csv' && /fraction/.test(error.message) ? 'data.split' : 'data';
        throw new SweepConfigError(displayPath, [`${field}: ${error.message.replace(/^synthetic /, '')}`], { cause: error });
      }
      throw error;
    }
    if (spec.kind === 'csv') checkCsvSplits(spec, splits, shown(path.resolve(path.dirname(plan.file), spec.path), cwd));
    else checkSyntheticClasses(splits, displayPath);
    if (!plan.byo) checkMetricSplit(plan.metric, spec, splits, displayPath);
  }
}

/** A teacher whose output is one class on every training row (e.g. tiny scales) leaves nothing to learn. */
function checkSyntheticClasses(splits: Splits, displayPath: string): void {
  const train = splits.train;
  const first = train.y[0];
  for (let r = 1; r < train.n; r++) if (train.y[r] !== first) return;
  const only = first === undefined ? '' : ` ("${train.classNames[first]}")`;
  throw new SweepConfigError(displayPath, [
    `data: the synthetic teacher labels ${train.n === 1 ? 'the only train row' : `all ${train.n} train rows`} with one class${only}, so there is nothing to learn; raise data.teacherScale or data.inputScale, or add data.train rows`,
  ]);
}

/** The split the objective is measured on must have rows, or every trial records no objective. */
function checkMetricSplit(metric: string, spec: DataSpec, splits: Splits, displayPath: string): void {
  const { split } = parseMetricName(metric);
  if (split === null || splits[split].n > 0) return;
  const field = spec.kind === 'csv' ? `data.split.${split}` : `data.${split}`;
  throw new SweepConfigError(displayPath, [`${field}: the ${split} split has no rows, but the objective ${metric} is measured on it; give it rows or choose another metric`]);
}

/** Every split asked for has rows, and every class has rows in each split that has any. */
function checkCsvSplits(spec: Extract<DataSpec, { kind: 'csv' }>, splits: Splits, file: string): void {
  for (const name of ['train', 'validation', 'test'] as const) {
    const part: Dataset = splits[name];
    const asked = name === 'train' ? undefined : spec.split?.[name];
    if (part.n === 0) {
      if (asked === 0) continue;
      const total = splits.train.n + splits.validation.n + splits.test.n;
      throw new DataError(`${total} data rows are too few for a ${name} split (it would have none); add rows or change data.split`, { file });
    }
    const counts = new Int32Array(part.nClasses);
    for (let r = 0; r < part.n; r++) counts[part.y[r]!]!++;
    const missing = part.classNames.filter((_, k) => counts[k] === 0);
    if (missing.length > 0) {
      const c = missing[0]!;
      const rows = countOf(splits.train, c) + countOf(splits.validation, c) + countOf(splits.test, c);
      throw new DataError(
        `class "${c}" has ${rows} row${rows === 1 ? '' : 's'}: too few to have one in the ${name} split; ` +
          'add rows of it or change data.split',
        { file },
      );
    }
  }
}

function countOf(ds: Dataset, className: string): number {
  const k = ds.classNames.indexOf(className);
  let n = 0;
  for (let r = 0; r < ds.n; r++) if (ds.y[r] === k) n++;
  return n;
}
