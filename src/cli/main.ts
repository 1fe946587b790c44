import { packageVersion } from '../sweep/code-version.ts';
import { useColor } from './color.ts';

// citty prints --help and usage errors in colour unless NO_COLOR=1, which it reads when it is loaded:
// tell it what useColor decided (a terminal, NO_COLOR, FORCE_COLOR) before loading it.
if (!useColor()) process.env.NO_COLOR = '1';
const { defineCommand, runMain } = await import('citty');

// One command per file under ./commands, loaded lazily so that a command pays only for what it imports
// (vega for `report`, the TypeScript loader for `run`, `enqueue` and `worker`).
const main = defineCommand({
  meta: { name: 'regsweep', version: packageVersion(), description: 'Sweeps of neural-network training: does L1, L2 or none generalize better?' },
  subCommands: {
    run: () => import('./commands/run.ts').then((m) => m.default),
    enqueue: () => import('./commands/enqueue.ts').then((m) => m.default),
    worker: () => import('./commands/worker.ts').then((m) => m.default),
    demo: () => import('./commands/demo.ts').then((m) => m.default),
    sweeps: () => import('./commands/sweeps.ts').then((m) => m.default),
    runs: () => import('./commands/runs.ts').then((m) => m.default),
    show: () => import('./commands/show.ts').then((m) => m.default),
    export: () => import('./commands/export.ts').then((m) => m.default),
    compare: () => import('./commands/compare.ts').then((m) => m.default),
    report: () => import('./commands/report.ts').then((m) => m.default),
    db: () => import('./commands/db.ts').then((m) => m.default),
    ui: () => import('./commands/ui.ts').then((m) => m.default),
  },
});

await runMain(main);
