import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, sql, statuses } from './helpers.ts';

// The disk fills up part-way through a sweep: a 2 MB tmpfs holds the database. regsweep stops with one
// line (exit code 1), the trials recorded before are kept, and once there is room again (the tmpfs grown
// to 64 MB) the same command resumes: only the trials not yet done run.
//
// Mounting needs root (as in CI). Where it cannot mount, the test says so in one line and skips; under
// CI=true it fails instead.

const exec = promisify(execFile);
const dir = mkdtempSync(path.join(os.tmpdir(), 'regsweep-diskfull-'));
const db = path.join(dir, 'full.db');
let mounted = false;

beforeAll(() => {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', dir], { stdio: 'pipe' });
    mounted = true;
  } catch (error) {
    const why = (error as { stderr?: Buffer }).stderr?.toString().trim() || String(error);
    if (process.env.CI === 'true') throw new Error(`disk-full test: cannot mount a tmpfs under CI (${why})`);
    console.log(`disk-full test skipped: cannot mount a small tmpfs here (${why.split('\n')[0]}); run as root to include it`);
  }
});
afterAll(() => {
  if (mounted) execFileSync('umount', [dir]);
  rmSync(dir, { recursive: true, force: true });
});

function run(): Promise<{ code: number; stdout: string; stderr: string }> {
  return exec(process.execPath, ['bin/regsweep.mjs', 'run', 'test/faults/fixtures/curve-heavy.ts', '--db', db, '--concurrency', '2', '--quiet'], { cwd: root })
    .then((r) => ({ code: 0, ...r }))
    .catch((e: { code: number; stdout: string; stderr: string }) => e);
}

interface Done { id: number; trial_key: string; finished_at: string; points: number }
const completed = () => sql<Done>(db,
  "select t.id, t.trial_key, t.finished_at, (select count(*) from metric_history h where h.trial_id = t.id) as points from trials t where t.status = 'completed' order by t.id");

describe('disk full during a run', () => {
  it('stops with one line, keeps what was recorded, and resumes once there is room', async (ctx) => {
    if (!mounted) ctx.skip();
    const full = await run();
    expect(full.code).toBe(1);
    expect(full.stderr).toBe(
      `regsweep: ${db}: disk full (SQLITE_FULL); free some space (or move the database) and run the same command again. Everything recorded before is kept.\n`,
    );
    const before = completed();
    expect(before.length).toBeGreaterThan(0);
    expect(before.length).toBeLessThan(40);
    expect(before.every((t) => t.points === 1200)).toBe(true); // each with its whole curve
    expect(sql<{ integrity_check: string }>(db, 'pragma integrity_check')).toEqual([{ integrity_check: 'ok' }]);

    execFileSync('mount', ['-o', 'remount,size=64m', dir]);
    const resumed = await run();
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain(`40 trials: ${40 - before.length} to run, ${before.length} already done`);
    expect(statuses(db)).toEqual({ completed: 40 });
    const after = completed();
    // The trials done before the disk filled are the same rows, untouched.
    expect(after.filter((t) => before.some((b) => b.id === t.id))).toEqual(before);
  });
});
