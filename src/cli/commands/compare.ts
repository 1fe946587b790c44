import { defineCommand } from 'citty';
import { CompareError, DEFAULT_BY, DEFAULT_METRIC } from '../../report/compare.ts';
import { renderCompareMarkdown } from '../../report/compare-markdown.ts';
import { renderCompareTables } from '../../report/compare-table.ts';
import { type LoadComparisonOptions, loadComparison } from '../../report/load-comparison.ts';
import { SELECTIONS, type Selection } from '../../report/select-settings.ts';
import { useColor } from '../color.ts';
import { handled, UsageError } from '../errors.ts';
import { withStore } from '../open-db.ts';
import { dbArgs, formatOption, sweepVersionOption } from '../options.ts';

const FORMATS = ['table', 'json', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

/**
 * Load the comparison of a sweep from the database and print it; a comparison that cannot be made is a UsageError.
 *
 * @example
 * await printComparison({ db: 'regsweep.db' }, 'l2-demo'); // tables and verdict
 */
export async function printComparison(
  args: { db?: string },
  sweep: string,
  options: LoadComparisonOptions & { format?: Format } = {},
): Promise<void> {
  const comparison = await withStore(args, 'read', async (store) => {
    try {
      return await loadComparison(store, sweep, options);
    } catch (err) {
      if (err instanceof CompareError) throw new UsageError(err.message, { cause: err });
      throw err;
    }
  });
  const format = options.format ?? 'table';
  if (format === 'json') console.log(JSON.stringify(comparison, null, 2));
  else if (format === 'markdown') console.log(renderCompareMarkdown(comparison));
  else console.log(renderCompareTables(comparison, { color: useColor(), width: Math.min(process.stdout.columns || 80, 100) }));
}

/** `--select per-seed|pooled`, or undefined for the default; anything else is a UsageError naming the flag. */
export function parseSelect(value: string | undefined): Selection | undefined {
  if (value === undefined) return undefined;
  if (!(SELECTIONS as readonly string[]).includes(value)) throw new UsageError(`--select must be one of ${SELECTIONS.join(', ')}, got "${value}"`);
  return value as Selection;
}

export default defineCommand({
  meta: { name: 'compare', description: 'Which regularization wins on held-out data, and how surely' },
  args: {
    sweep: { type: 'positional', description: 'sweep name, e.g. l2-demo', required: true },
    ...dbArgs,
    by: { type: 'string', description: `the param groups are formed by (default ${DEFAULT_BY})`, valueHint: 'field' },
    metric: { type: 'string', description: `metric compared (default ${DEFAULT_METRIC}); settings are chosen on its validation counterpart`, valueHint: 'name' },
    version: { type: 'string', description: 'sweep version (default: the latest)', valueHint: 'n' },
    format: { type: 'string', description: 'table (default), json or markdown', valueHint: 'format' },
    select: { type: 'string', description: 'how settings are chosen: per-seed (default; the calibrated verdict) or pooled (the best mean over seeds; descriptive)', valueHint: 'how' },
  },
  run: handled(async ({ args }) => {
    const format = formatOption(args.format, FORMATS);
    const version = sweepVersionOption(args.version);
    await printComparison(args, args.sweep, { by: args.by, metric: args.metric, version, format, select: parseSelect(args.select) });
    return 0;
  }),
});
