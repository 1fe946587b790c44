import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from './helpers.ts';

// What the operating system refuses (a missing folder, a read-only file system) is one line naming the
// path, what happened and what to do; exit code 1; nothing written. Disk full: disk-full.test.ts.

const exec = promisify(execFile);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'regsweep-os-'));
const db = path.join(tmp, 'grid.db');
const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return exec(process.execPath, ['bin/regsweep.mjs', ...args], { cwd: root })
    .then((r) => ({ code: 0, ...r }))
    .catch((e: { code: number; stdout: string; stderr: string }) => e);
}

beforeAll(async () => {
  const r = await cli(['run', 'test/sweep/fixtures/small-grid.ts', '--db', db, '--quiet']);
  expect(r.code, r.stderr).toBe(0);
  const h = new Database(db);
  h.pragma('wal_checkpoint(TRUNCATE)');
  h.close();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a folder that does not exist', () => {
  const missing = path.join(tmp, 'no-such-folder');

  it('report --out, export --out: one line, exit code 1', async () => {
    const report = await cli(['report', 'small-grid', '--db', db, '--out', path.join(missing, 'r.html')]);
    expect([report.code, report.stderr]).toEqual([1,
      `regsweep: ${missing}/r.html: no such file or folder (ENOENT); check the path (a folder to write into must exist).\n`]);
    const csv = await cli(['export', 'small-grid', '--db', db, '--out', path.join(missing, 'x.csv')]);
    expect([csv.code, csv.stderr, csv.stdout]).toEqual([1,
      `regsweep: ${missing}/x.csv: no such file or folder (ENOENT); check the path (a folder to write into must exist).\n`, '']);
    expect(existsSync(missing)).toBe(false);
  });

  it('run --db in it: one line, exit code 1, nothing created', async () => {
    const r = await cli(['run', 'test/sweep/fixtures/small-grid.ts', '--db', path.join(missing, 'x.db'), '--quiet']);
    expect([r.code, r.stderr]).toEqual([1,
      `regsweep: ${missing}/x.db: cannot open the database: folder ${missing} does not exist; create it or pass another --db path.\n`]);
    expect(existsSync(missing)).toBe(false);
  });
});

describe('a database on a read-only file system', () => {
  const mnt = path.join(tmp, 'ro');
  let mounted = false;
  beforeAll(() => {
    mkdirSync(mnt);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mnt], { stdio: 'pipe' });
      mounted = true;
      copyFileSync(db, path.join(mnt, 'grid.db'));
      execFileSync('mount', ['-o', 'remount,ro', mnt], { stdio: 'pipe' });
    } catch (error) {
      const why = ((error as { stderr?: Buffer }).stderr?.toString() || String(error)).trim().split('\n')[0];
      if (process.env.CI === 'true') throw new Error(`read-only mount test: cannot mount a tmpfs under CI (${why})`);
      console.log(`read-only mount test skipped: cannot mount a tmpfs here (${why}); run as root to include it`);
    }
  });
  afterAll(() => {
    if (mounted) execFileSync('umount', [mnt]);
  });

  it('run, sweeps and runs: one line, exit code 1, the file as it was', async (ctx) => {
    if (!mounted) ctx.skip();
    const file = path.join(mnt, 'grid.db');
    const before = sha(file);
    const line = `regsweep: ${file}: cannot open the database: its folder is on a read-only file system (EROFS), and regsweep writes ` +
      'beside the file (its -wal and -shm files); copy it to a writable folder or fix the permissions. The file was not modified.\n';
    for (const args of [['run', 'test/sweep/fixtures/small-grid.ts', '--quiet'], ['sweeps'], ['runs', 'small-grid']]) {
      const r = await cli([...args, '--db', file]);
      expect([r.code, r.stderr]).toEqual([1, line]);
    }
    expect(sha(file)).toBe(before);
    const fresh = path.join(mnt, 'new.db');
    const r = await cli(['run', 'test/sweep/fixtures/small-grid.ts', '--db', fresh, '--quiet']);
    expect([r.code, r.stderr]).toEqual([1, `regsweep: ${fresh}: cannot open the database: its folder is on a read-only file system (EROFS), and ` +
      'regsweep writes beside the file (its -wal and -shm files); copy it to a writable folder or fix the permissions.\n']);
  });
});
