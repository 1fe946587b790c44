import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from './helpers.ts';

const exec = promisify(execFile);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'regsweep-dbfiles-'));
chmodSync(tmp, 0o755);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

/** A real regsweep database with a finished sweep, checkpointed into one file (no -wal). */
const good = path.join(tmp, 'good.db');
beforeAll(async () => {
  await exec(process.execPath, ['bin/regsweep.mjs', 'run', 'test/sweep/fixtures/byo.ts', '--db', good, '--quiet'], { cwd: root }).catch(() => {});
  const h = new Database(good);
  h.pragma('wal_checkpoint(TRUNCATE)');
  h.pragma('journal_mode = DELETE');
  h.close();
}, 60_000);

async function cli(args: string[], asUser?: { uid: number; gid: number }) {
  return exec(process.execPath, ['bin/regsweep.mjs', ...args], { cwd: root, ...asUser })
    .then((r) => ({ code: 0, ...r }))
    .catch((e: { code: number; stdout: string; stderr: string }) => e);
}

/** Whether `asUser` can start the CLI from this checkout at all (every folder above it readable). */
async function nobodyCanRunTheCli(asUser: { uid: number; gid: number }): Promise<boolean> {
  const r = await cli(['--help'], asUser);
  return r.code === 0;
}

const commands = (db: string) => [
  ['run', 'test/sweep/fixtures/byo.ts', '--db', db],
  ['compare', 'byo-quadratic', '--db', db, '--metric', 'validation_loss'],
];

function expectRefused(r: { code: number; stderr: string }, db: string, what: RegExp) {
  expect(r.code).not.toBe(0);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(db);
  expect(lines[0]).toMatch(what);
}

describe('a database file that cannot be used is refused and left byte for byte as it was', () => {
  it('not SQLite', async () => {
    const db = path.join(tmp, 'notes.db');
    writeFileSync(db, 'these are my notes, not a database\n'.repeat(100));
    const before = sha(db);
    for (const args of commands(db)) expectRefused(await cli(args), db, /is not an SQLite database/);
    expect(sha(db)).toBe(before);
    expect(existsSync(`${db}-wal`)).toBe(false);
  });

  it('truncated', async () => {
    const db = path.join(tmp, 'truncated.db');
    copyFileSync(good, db);
    truncateSync(db, Math.floor(statSync(db).size / 2));
    const before = sha(db);
    for (const args of commands(db)) expectRefused(await cli(args), db, /malformed|not a database/);
    expect(sha(db)).toBe(before);
  });

  it('written by a newer schema', async () => {
    const db = path.join(tmp, 'newer.db');
    copyFileSync(good, db);
    const h = new Database(db);
    h.prepare("insert into kysely_migration (name, timestamp) values ('9999-from-the-future', '2030-01-01T00:00:00.000Z')").run();
    h.close();
    const before = sha(db);
    for (const args of commands(db)) expectRefused(await cli(args), db, /newer version of regsweep/);
    expect(sha(db)).toBe(before);
  });

  it('read-only', async (ctx) => {
    const db = path.join(tmp, 'readonly.db');
    copyFileSync(good, db);
    chmodSync(db, 0o444);
    const before = sha(db);
    // root ignores file permissions: run the CLI as an unprivileged user then
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
    if (asUser && !(await nobodyCanRunTheCli(asUser))) {
      // A checkout that user cannot read (inside a 0700 home, say): nothing to set up short of
      // opening the user's folders to everyone.
      if (process.env.CI === 'true') throw new Error(`user ${asUser.uid} cannot run ${root}bin/regsweep.mjs (unreadable checkout) under CI`);
      console.log(`read-only test skipped: user ${asUser.uid} (nobody) cannot read this checkout (${root}); clone it where others can read to include it`);
      ctx.skip();
    }
    const r = await cli(commands(db)[0]!, asUser);
    expectRefused(r, db, /read-?only/);
    expect(sha(db)).toBe(before);
  });
});

describe('a path the user may not write to: one line naming it, exit 1, nothing lost', () => {
  it('permission denied: an export file in a folder of another user, a new database in one', async (ctx) => {
    // As root every write is allowed: act as nobody, in a folder of nobody's, next to one of root's.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
    if (asUser && !(await nobodyCanRunTheCli(asUser))) {
      if (process.env.CI === 'true') throw new Error(`user ${asUser.uid} cannot run ${root}bin/regsweep.mjs (unreadable checkout) under CI`);
      console.log(`permission test skipped: user ${asUser.uid} (nobody) cannot read this checkout (${root}); clone it where others can read to include it`);
      ctx.skip();
    }
    const own = path.join(tmp, 'own');
    const locked = path.join(tmp, 'locked');
    mkdirSync(own);
    mkdirSync(locked, { mode: 0o755 });
    const db = path.join(own, 'runs.db');
    copyFileSync(good, db);
    if (asUser) {
      chownSync(own, asUser.uid, asUser.gid);
      chownSync(db, asUser.uid, asUser.gid);
    } else {
      chmodSync(locked, 0o555); // not root: our own folder, made read-only
    }
    const before = sha(db);

    const out = path.join(locked, 'trials.csv');
    const exported = await cli(['export', 'byo-quadratic', '--db', db, '--out', out], asUser);
    expect([exported.code, exported.stderr, exported.stdout]).toEqual([1, `regsweep: ${out}: permission denied (EACCES); fix the permissions or choose another path.\n`, '']);
    expect(existsSync(out)).toBe(false);

    const fresh = path.join(locked, 'new.db');
    const run = await cli(['run', 'test/sweep/fixtures/byo.ts', '--db', fresh, '--quiet'], asUser);
    expect([run.code, run.stderr, run.stdout]).toEqual([1,
      `regsweep: ${fresh}: cannot open the database: its folder is not writable (EACCES), and regsweep writes beside the file (its -wal and -shm files); copy it to a writable folder or fix the permissions.\n`, '']);
    expect(existsSync(fresh)).toBe(false);
    expect(sha(db)).toBe(before); // the readable database was only read
  });
});
