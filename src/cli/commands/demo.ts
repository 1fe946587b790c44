import { defineCommand } from 'citty';
import { fileURLToPath } from 'node:url';
import { dbArgs, handled } from '../shared.ts';

const demoFile = fileURLToPath(new URL('../../../experiments/l2-demo.ts', import.meta.url));

export default defineCommand({
  meta: { name: 'demo', description: 'Run the classic L2 demo (experiments/l2-demo.ts) and compare no regularization with L2.' },
  args: { ...dbArgs, concurrency: { type: 'string', description: 'worker threads (default: one per core)', valueHint: 'n' } },
  run: handled(async ({ args }) => {
    const run = (await import('./run.ts')).default;
    await run.run!({ args: { file: demoFile, db: args.db, concurrency: args.concurrency, _: [] } as never, rawArgs: [], cmd: run as never });
    if (process.exitCode) return;
    const { printComparison } = await import('./compare.ts');
    console.log();
    await printComparison(args, 'l2-demo');
  }),
});
