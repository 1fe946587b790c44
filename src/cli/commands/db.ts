import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineCommand } from 'citty';
import { CopyError, copyStore, isPostgresUrl, migrateStore, openStore, storeLabel, type CopyCounts } from '../../store/index.ts';
import { handled, UsageError } from '../errors.ts';
import { dbArgs, dbPath } from '../options.ts';

const migrate = defineCommand({
  meta: { name: 'migrate', description: 'Create the database or bring its schema up to date (opening it does this too).' },
  args: { ...dbArgs },
  run: handled(async ({ args }) => {
    const report = await migrateStore(dbPath(args));
    console.log(report.applied.length > 0
      ? `${report.label}: applied ${report.applied.join(', ')}; schema is now ${report.schemaVersion}`
      : `${report.label}: schema is up to date (${report.schemaVersion})`);
  }),
});

const copy = defineCommand({
  meta: {
    name: 'copy',
    description: 'Copy every sweep, trial, param, metric and curve from one database to another (SQLite file or postgres:// URL).',
  },
  args: {
    from: { type: 'string', required: true, description: 'source: an SQLite file path or a postgres:// URL', valueHint: 'path|url' },
    to: { type: 'string', required: true, description: 'target: created (SQLite) or migrated if needed; must not hold the same sweep versions', valueHint: 'path|url' },
  },
  run: handled(async ({ args }) => {
    const { from, to } = args;
    if (!isPostgresUrl(from) && !existsSync(from.replace(/^file:\/\//, ''))) throw new UsageError(`--from ${from}: no such file`);
    if (sameDatabase(from, to)) throw new UsageError('--from and --to name the same database');
    const source = await openStore(from, { migrate: false });
    try {
      const target = await openStore(to);
      try {
        const progress = process.stderr.isTTY ? printProgress : undefined;
        const counts = await copyStore(source, target, { targetLabel: storeLabel(to), onProgress: progress });
        if (progress) process.stderr.write('\r\x1b[K');
        console.log(`copied ${describe(counts)} from ${storeLabel(from)} to ${storeLabel(to)}`);
      } finally {
        await target.close();
      }
    } catch (error) {
      // A refused copy is the caller's choice of databases: one line, exit code 2.
      throw error instanceof CopyError ? new UsageError(error.message) : error;
    } finally {
      await source.close();
    }
  }),
});

export default defineCommand({
  meta: { name: 'db', description: 'Database maintenance: migrate, copy' },
  subCommands: { migrate, copy },
});

function describe(c: CopyCounts): string {
  return `${c.sweeps} sweep version${c.sweeps === 1 ? '' : 's'}, ${c.trials} trials, ${c.params} params, ` +
    `${c.metrics} metrics and ${c.curvePoints} curve points`;
}

function printProgress(done: CopyCounts, total: CopyCounts): void {
  process.stderr.write(`\r\x1b[Kcopying: trials ${done.trials}/${total.trials}, metrics ${done.metrics}/${total.metrics}, ` +
    `curve points ${done.curvePoints}/${total.curvePoints}`);
}

function sameDatabase(a: string, b: string): boolean {
  if (isPostgresUrl(a) || isPostgresUrl(b)) return a === b;
  return resolve(a.replace(/^file:\/\//, '')) === resolve(b.replace(/^file:\/\//, ''));
}
