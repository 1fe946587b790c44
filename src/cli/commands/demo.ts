import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineCommand } from 'citty';
import { printComparison } from './compare.ts';
import { writeReport } from './report.ts';
import { runSweepFile } from './run.ts';
import { handled } from '../errors.ts';
import { dbArgs } from '../options.ts';

/** This package's folder, above this module both in the sources (src/cli/commands/) and in the build (dist/esm/). */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

export default defineCommand({
  meta: { name: 'demo', description: 'Run the classic L2 demo, compare, write report.html' },
  args: {
    ...dbArgs,
    concurrency: { type: 'string', description: 'worker threads (default: one per core)', valueHint: 'n' },
    out: { type: 'string', description: 'the HTML report to write (default report.html)', valueHint: 'path' },
  },
  run: handled(async ({ args }) => {
    const code = await runSweepFile({ file: path.join(packageRoot(), 'experiments', 'l2-demo.ts'), db: args.db, concurrency: args.concurrency });
    if (code !== 0) return code;
    console.log();
    await printComparison(args, 'l2-demo');
    const { out } = await writeReport({ sweep: 'l2-demo', db: args.db, out: args.out });
    console.log(`report: ${path.resolve(out)}`);
    return 0;
  }),
});
