import { writeFile } from 'node:fs/promises';
import { defineCommand } from 'citty';
import { CompareError } from '../../report/compare.ts';
import { loadReportData, renderReport } from '../../report/html/index.ts';
import { loadComparison } from '../../report/load-comparison.ts';
import type { Comparison } from '../../report/comparison.ts';
import { packageVersion } from '../../sweep/code-version.ts';
import { handled, UsageError } from '../errors.ts';
import { withStore } from '../open-db.ts';
import { dbArgs, sweepVersionOption } from '../options.ts';
import { parseSelect } from './compare.ts';

/** Build and write the HTML report of a sweep; what `regsweep report` and the demo call. */
export async function writeReport(args: {
  sweep: string; db?: string; out?: string; by?: string; metric?: string; version?: string; select?: string;
}): Promise<{ out: string; bytes: number; comparison: Comparison }> {
  const select = parseSelect(args.select);
  const version = sweepVersionOption(args.version);
  const out = args.out ?? 'report.html';
  const { comparison, data } = await withStore(args, 'read', async (store) => {
    try {
      const comparison = await loadComparison(store, args.sweep, { by: args.by, metric: args.metric, version, select });
      return { comparison, data: await loadReportData(store, comparison) };
    } catch (err) {
      if (err instanceof CompareError) throw new UsageError(err.message, { cause: err });
      throw err;
    }
  });
  const html = await renderReport(comparison, data, { generator: `regsweep ${packageVersion()}` });
  await writeFile(out, html);
  return { out, bytes: Buffer.byteLength(html), comparison };
}

export default defineCommand({
  meta: { name: 'report', description: 'Write a self-contained HTML report with charts' },
  args: {
    sweep: { type: 'positional', description: 'sweep name, e.g. l2-demo', required: true },
    ...dbArgs,
    out: { type: 'string', description: 'the HTML file to write (default report.html)', valueHint: 'path' },
    by: { type: 'string', description: 'the param groups are formed by (default regularization)', valueHint: 'field' },
    metric: { type: 'string', description: 'metric compared (default test_accuracy); settings are chosen on its validation counterpart', valueHint: 'name' },
    version: { type: 'string', description: 'sweep version (default: the latest)', valueHint: 'n' },
    select: { type: 'string', description: 'how settings are chosen: per-seed (default; the calibrated verdict) or pooled (descriptive)', valueHint: 'how' },
  },
  run: handled(async ({ args }) => {
    const { out, bytes, comparison } = await writeReport(args);
    console.log(`wrote ${out} (${(bytes / 1024).toFixed(0)} kB): ${comparison.sweep.name} v${comparison.sweep.version}, ${comparison.metric} by ${comparison.by}`);
    console.log(comparison.verdict);
    return 0;
  }),
});
