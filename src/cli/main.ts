// First: tells citty, which reads NO_COLOR when it is loaded, whether to colour --help.
import './citty-color.ts';
import { defineCommand, runMain } from 'citty';
import { packageVersion } from '../sweep/code-version.ts';

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

// runMain prints a usage error or a command's failure itself and sets the exit code.
void runMain(main);
