import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.ts';
import { repoRoot } from '../store/helpers.ts';
import { createTestDatabase, describePostgres } from '../store/postgres-fixture.ts';

const exec = promisify(execFile);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'regsweep-readonly-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
const ANSI = /\x1b\[/;

/** Colour settings cleared: vitest sets TEST, which citty reads as "no colour", and CI may be set. */
const PLAIN_ENV = { NO_COLOR: undefined, FORCE_COLOR: undefined, CI: undefined, TEST: undefined, TERM: 'xterm' };

/** Run the CLI with stdout a pipe; `env` on top of this process's. */
function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return exec(process.execPath, ['bin/regsweep.mjs', ...args], { cwd: repoRoot, env: { ...process.env, ...PLAIN_ENV, ...env } })
    .then((r) => ({ code: 0, ...r }))
    .catch((e: { code: number; stdout: string; stderr: string }) => e);
}

const READ_COMMANDS = [['runs'], ['show', '1'], ['sweeps'], ['compare', 'l2-demo'], ['report', 'l2-demo'], ['export', 'l2-demo'], ['ui', '--port', '0']];

describe('commands that only read never create or migrate a database', () => {
  it.each(READ_COMMANDS.map((c) => [c.join(' '), c]))('%s --db typo.db: one line, exit code 2, no file made', async (_, command) => {
    const db = path.join(tmp, `typo-${command[0]}.db`);
    const out = command[0] === 'report' || command[0] === 'export' ? ['--out', path.join(tmp, `${command[0]}.out`)] : [];
    const r = await cli([...command, '--db', db, ...out]);
    expect([r.code, r.stderr, r.stdout]).toEqual([2, `regsweep: no database at ${db} (regsweep run creates one)\n`, '']);
    expect(existsSync(db)).toBe(false);
  });

  it('an older schema: says to run regsweep db migrate, and leaves the file as it was', async () => {
    const db = path.join(tmp, 'old.db');
    expect((await cli(['db', 'migrate', '--db', db])).code).toBe(0);
    // Undo the latest migration, as a database from the previous regsweep would be.
    const latest = Object.keys(migrations).sort().at(-1)!;
    const h = new Database(db);
    const k = new Kysely<any>({ dialect: new SqliteDialect({ database: h }) });
    await migrations[latest]!.down!(k);
    await k.deleteFrom('kysely_migration').where('name', '=', latest).execute();
    h.pragma('wal_checkpoint(TRUNCATE)');
    await k.destroy();
    const before = sha(db);
    for (const command of [['sweeps'], ['runs']]) {
      const r = await cli([...command, '--db', db]);
      expect([r.code, r.stderr]).toEqual([1,
        `regsweep: ${db} was written by an older regsweep (schema migration ${latest} not applied); ` +
        `run \`regsweep db migrate --db ${db}\` to bring it up to date, then try again. The file was not modified.\n`]);
    }
    expect(sha(db)).toBe(before);
    expect((await cli(['db', 'migrate', '--db', db])).stdout).toBe(`${db}: applied ${latest}; schema is now ${latest}\n`);
    expect(await cli(['sweeps', '--db', db])).toEqual({ code: 0, stdout: 'no sweeps yet: record one with regsweep run experiments/<name>.ts\n', stderr: '' });
  });
});

describePostgres('on PostgreSQL', () => {
  it('an empty database (no regsweep tables): one line, exit code 2, no tables made', async () => {
    const database = await createTestDatabase('regsweep_ro');
    try {
      const r = await cli(['runs', '--db', database.url]);
      expect([r.code, r.stderr]).toEqual([2, `regsweep: no database at ${database.url}: it has no regsweep tables (regsweep run creates them)\n`]);
      const after = await cli(['sweeps', '--db', database.url]);
      expect(after.code).toBe(2); // still none: the first command made no tables
    } finally {
      await database.drop();
    }
  });
}, { note: true });

const COMMANDS = ['run', 'enqueue', 'worker', 'demo', 'sweeps', 'runs', 'show', 'export', 'compare', 'report', 'ui', 'db'];

// The --help tests run the build (as users do; test/cli/build.test.ts checks it is current): a dozen
// starts through the TypeScript loader take minutes on a loaded machine.
const BUILT = { REGSWEEP_FROM_SOURCE: '' };

/** The built `regsweep ...` on a pseudo-terminal (util-linux `script`), so that stdout is a TTY. */
function onTerminal(args: string[], env: Record<string, string | undefined>): string {
  const command = [process.execPath, 'bin/regsweep.mjs', ...args].join(' ');
  return execFileSync('script', ['-qec', command, '/dev/null'], { cwd: repoRoot, env: { ...process.env, ...PLAIN_ENV, ...BUILT, ...env } }).toString();
}

describe('--help', () => {
  it('has no ANSI codes when stdout is a pipe, for every command', async () => {
    const helps = await Promise.all([[], ...COMMANDS.map((c) => [c])].map((c) => cli([...c, '--help'], BUILT)));
    for (const h of helps) {
      expect(h.code).toBe(0);
      expect(h.stdout).toMatch(/^USAGE regsweep/m);
      expect(h.stdout).not.toMatch(ANSI);
    }
    expect((await cli(['runs', '--help'], { ...BUILT, FORCE_COLOR: '1' })).stdout).toMatch(ANSI);
  });

  it('is coloured on a terminal unless NO_COLOR is set (to anything)', (ctx) => {
    try {
      execFileSync('script', ['--version'], { stdio: 'ignore' });
    } catch {
      if (process.env.CI === 'true') throw new Error('util-linux `script` is needed for the terminal test under CI');
      console.log('skipped: no `script` command (util-linux) to give the CLI a terminal');
      ctx.skip();
    }
    expect(onTerminal(['runs', '--help'], {})).toMatch(ANSI);
    expect(onTerminal(['runs', '--help'], { NO_COLOR: 'true' })).not.toMatch(ANSI);
  });
});
