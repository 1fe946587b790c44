import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { defineCommand } from 'citty';
import { exportTrials } from '../../report/export-trials.ts';
import type { TrialQuery } from '../../store/query-trials.ts';
import { asUsageError, handled, SystemError, systemErrorLine } from '../errors.ts';
import { withStore } from '../open-db.ts';
import { dbArgs, formatOption, versionOption } from '../options.ts';

export default defineCommand({
  meta: { name: 'export', description: "Export a sweep's trials (and curves) as CSV or JSON" },
  args: {
    sweep: { type: 'positional', required: true, description: 'sweep name, e.g. l2-demo' },
    ...dbArgs,
    format: { type: 'string', valueHint: 'csv|json', description: 'csv (default, a row per trial) or json (an array of trials)' },
    curves: { type: 'boolean', description: 'the per-epoch curves too (json: a curve per trial; csv: long format)' },
    out: { type: 'string', valueHint: 'file', description: 'write to this file instead of stdout' },
    version: { type: 'string', valueHint: 'n|all', description: 'sweep version (default: the latest; "all" for every version)' },
    where: { type: 'string', alias: 'w', valueHint: 'filter', description: 'only trials matching this filter (the syntax of regsweep runs --where)' },
  },
  run: handled(async ({ args }) => {
    const format = formatOption(args.format, ['csv', 'json'] as const);
    const query: TrialQuery = { sweep: args.sweep, version: versionOption(args.version), where: args.where };
    return withStore(args, 'read', async (store) => {
      try {
        await store.queryTrials({ ...query, limit: 0 }); // an unknown sweep or a bad filter fails before a file is made
      } catch (error) {
        throw asUsageError(error);
      }
      const out = args.out ? createWriteStream(args.out) : process.stdout;
      let failure: (Error & { code?: string }) | undefined;
      out.on('error', (err: Error) => { failure = err; });
      // read through a function: TypeScript cannot see the listener assign it
      const failed = (): (Error & { code?: string }) | undefined => failure;
      if (args.out) await Promise.race([once(out, 'open'), once(out, 'error')]).catch(() => undefined);
      if (failed()) throw new SystemError(systemErrorLine(failed(), args.out) ?? `cannot write ${args.out}: ${failed()!.message}`);
      let count: number;
      try {
        count = await exportTrials(store, query, { format, curves: args.curves ?? false }, out);
      } catch (error) {
        if (failed()?.code === 'EPIPE') return 0; // the reader went away (| head): not an error
        throw failed() ? new SystemError(systemErrorLine(failed(), args.out ?? 'stdout') ?? `cannot write ${args.out ?? 'stdout'}: ${failed()!.message}`) : error;
      }
      if (args.out) {
        out.end();
        await once(out, 'finish');
        console.error(`wrote ${count} trial${count === 1 ? '' : 's'} to ${args.out}`);
      }
      return 0;
    });
  }),
});
