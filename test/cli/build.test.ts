import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { inputHash, outdir } from '../../scripts/build.mjs';
import { repoRoot } from '../store/helpers.ts';

// The other CLI tests run the TypeScript sources (REGSWEEP_FROM_SOURCE=1, vitest.config.ts). These run
// what users run: the build that `npm ci` makes (the `prepare` script) and bin/regsweep.mjs loads.

const exec = promisify(execFile);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'regsweep-build-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Run the built CLI: REGSWEEP_FROM_SOURCE unset, stdout a pipe. */
function built(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return exec(process.execPath, ['bin/regsweep.mjs', ...args], {
    cwd: repoRoot, env: { ...process.env, REGSWEEP_FROM_SOURCE: '', NO_COLOR: '', FORCE_COLOR: undefined, ...env },
  })
    .then((r) => ({ code: 0, ...r }))
    .catch((e: { code: number; stdout: string; stderr: string }) => e);
}

describe('the build in dist/esm', () => {
  it('is current: built from the sources as they are (npm run build)', () => {
    expect(existsSync(path.join(outdir, 'cli.cjs')), 'no build: run `npm run build` (npm ci runs it)').toBe(true);
    const info = JSON.parse(readFileSync(path.join(outdir, 'build-info.json'), 'utf8')) as { inputHash: string };
    expect(info.inputHash, 'the sources changed since the last build: run `npm run build`').toBe(inputHash());
  });

  it('is git-ignored', async () => {
    const r = await exec('git', ['check-ignore', 'dist/esm/cli.cjs'], { cwd: repoRoot });
    expect(r.stdout.trim()).toBe('dist/esm/cli.cjs');
  });

  it('answers --version and --help without loading the TypeScript loader, and without colour in a pipe', async () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect(await built(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    const help = await built(['runs', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('USAGE regsweep runs [OPTIONS] [SWEEP]');
    expect(help.stdout).not.toMatch(/\x1b\[/);
  });

  it('loads vega, pg and the TypeScript loader only in the commands that use them', async () => {
    const db = path.join(tmp, 'packages.db');
    await built(['run', 'test/sweep/fixtures/small-grid.ts', '--db', db, '--quiet']);
    // The npm packages a command loads, by require() or import(), as test/cli/fixtures/trace-packages.mjs sees them.
    const loaded = async (args: string[]) => {
      const trace = path.join(tmp, `trace-${args[0]}.txt`);
      writeFileSync(trace, '');
      const r = await exec(process.execPath, ['--import', './test/cli/fixtures/trace-packages.mjs', 'bin/regsweep.mjs', ...args], {
        cwd: repoRoot, env: { ...process.env, REGSWEEP_FROM_SOURCE: '', TRACE_PACKAGES: trace },
      });
      expect(r.stderr, args.join(' ')).toBe('');
      return [...new Set(readFileSync(trace, 'utf8').split('\n').filter(Boolean))].sort();
    };
    // better-sqlite3's compiled addon, loaded by its path; its JavaScript and kysely are in the build.
    for (const c of [['runs', 'small-grid'], ['show', '1'], ['sweeps'], ['compare', 'small-grid'], ['export', 'small-grid']]) {
      expect(await loaded([...c, '--db', db]), c[0]).toEqual(['better-sqlite3']);
    }
    const report = await loaded(['report', 'small-grid', '--db', db, '--out', path.join(tmp, 'packages.html')]);
    expect(report).toEqual(expect.arrayContaining(['vega', 'vega-lite']));
    expect(report.filter((p) => ['tsx', 'esbuild', 'zod', 'pg', 'hono'].includes(p))).toEqual([]);
    // run loads the TypeScript loader (and esbuild, its compiler) with the sweep file, zod to check it; pg only for a URL.
    expect(await loaded(['run', 'test/sweep/fixtures/small-grid.ts', '--db', path.join(tmp, 'packages-run.db'), '--quiet']))
      .toEqual(['better-sqlite3', 'esbuild', 'tsx', 'zod']);
  });

  it('keeps a code cache per command, which a later start uses, and a damaged one costs only a compile', async () => {
    const db = path.join(tmp, 'cache.db');
    await built(['run', 'test/sweep/fixtures/small-grid.ts', '--db', db, '--quiet']);
    const dir = path.join(tmp, 'code-cache');
    const sweeps = (env: Record<string, string>) => built(['sweeps', '--db', db, '--format', 'json'], env);
    const { size, mtimeMs } = statSync(path.join(outdir, 'cli.cjs'));
    const cacheFile = path.join(dir, `sweeps-${size}-${Math.trunc(mtimeMs)}-${process.versions.v8}.bin`);
    const first = await sweeps({ REGSWEEP_CODE_CACHE: dir });
    expect((JSON.parse(first.stdout) as { name: string }[]).map((s) => s.name)).toEqual(['small-grid']);
    const saved = readFileSync(cacheFile);
    const written = statSync(cacheFile);
    // V8 takes it: the second start does not write it again (a new file would be renamed over it), and answers the same.
    const second = await sweeps({ REGSWEEP_CODE_CACHE: dir });
    expect([second.stdout, second.stderr]).toEqual([first.stdout, '']);
    expect([statSync(cacheFile).ino, statSync(cacheFile).mtimeMs]).toEqual([written.ino, written.mtimeMs]);
    // A damaged cache: V8 refuses it, the command answers the same, and the cache is written anew.
    writeFileSync(cacheFile, Buffer.alloc(saved.length, 7));
    const third = await sweeps({ REGSWEEP_CODE_CACHE: dir });
    expect([third.stdout, third.stderr]).toEqual([first.stdout, '']);
    expect(readFileSync(cacheFile).equals(Buffer.alloc(saved.length, 7))).toBe(false);
    expect(readFileSync(cacheFile).length).toBeGreaterThan(1000);
    // A command that fails writes none (its cache would hold little but the error's path); nor does `off`.
    const failed = await built(['show', '1', '--db', path.join(tmp, 'none.db')], { REGSWEEP_CODE_CACHE: dir });
    expect([failed.code, failed.stderr]).toEqual([2, `regsweep: no database at ${path.join(tmp, 'none.db')} (regsweep run creates one)\n`]);
    const off = await sweeps({ REGSWEEP_CODE_CACHE: 'off' });
    expect(off.stdout).toBe(first.stdout);
    // under --enable-source-maps the build loads as a plain CommonJS file (Node maps its stack traces; not node:vm's)
    const mapped = await exec(process.execPath, ['--enable-source-maps', 'bin/regsweep.mjs', 'show', '1', '--db', db], {
      cwd: repoRoot, env: { ...process.env, REGSWEEP_FROM_SOURCE: '', REGSWEEP_CODE_CACHE: dir },
    });
    expect(mapped.stdout).toMatch(/^trial 1 {2}small-grid v1 {2}completed/);
    expect(readdirSync(dir).sort()).toEqual([path.basename(cacheFile)]);
  });

  it('never offers one build the code cache of another of the same length (V8 checks only the length)', async () => {
    // a copy of the install whose build is rewritten with one header in capitals: same length, new code
    const root = path.join(tmp, 'install');
    mkdirSync(path.join(root, 'bin'), { recursive: true });
    mkdirSync(path.join(root, 'dist', 'esm'), { recursive: true });
    copyFileSync(path.join(repoRoot, 'bin', 'regsweep.mjs'), path.join(root, 'bin', 'regsweep.mjs'));
    copyFileSync(path.join(repoRoot, 'package.json'), path.join(root, 'package.json'));
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'));
    const cli = path.join(root, 'dist', 'esm', 'cli.cjs');
    copyFileSync(path.join(outdir, 'cli.cjs'), cli);
    const db = path.join(tmp, 'same-length.db');
    await built(['run', 'test/sweep/fixtures/small-grid.ts', '--db', db, '--quiet']);
    const sweeps = () => exec(process.execPath, [path.join(root, 'bin', 'regsweep.mjs'), 'sweeps', '--db', db], {
      cwd: root, env: { ...process.env, REGSWEEP_FROM_SOURCE: '', REGSWEEP_CODE_CACHE: path.join(root, 'cache') },
    });
    expect((await sweeps()).stdout).toMatch(/ last activity\n/);
    const before = readFileSync(cli, 'utf8');
    writeFileSync(cli, before.replace('last activity', 'LAST ACTIVITY'));
    expect(readFileSync(cli).length).toBe(Buffer.byteLength(before));
    // with the first build's cache the header would still be the old one, in lower case
    expect((await sweeps()).stdout).toMatch(/ LAST ACTIVITY\n/);
    expect(readdirSync(path.join(root, 'cache'))).toHaveLength(2);
  });

  it('finds the demo sweep file from dist/esm (then stops at the database folder that does not exist)', async () => {
    const missing = path.join(tmp, 'no-such-folder');
    const r = await built(['demo', '--db', path.join(missing, 'demo.db')]);
    expect([r.code, r.stderr]).toEqual([1,
      `regsweep: ${missing}/demo.db: cannot open the database: folder ${missing} does not exist; create it or pass another --db path.\n`]);
  });

  it('runs a sweep (worker threads, a sweep file with its own objective) and lists it', async () => {
    const db = path.join(tmp, 'built.db');
    const run = await built(['run', 'test/sweep/fixtures/small-grid.ts', '--db', db, '--concurrency', '2', '--quiet']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/done in [\d.]+s: 10 completed, 0 diverged, 0 failed/);
    const byo = await built(['run', 'test/sweep/fixtures/byo.ts', '--db', db, '--concurrency', '2', '--quiet']);
    expect(byo.stdout).toMatch(/done in [\d.]+s: 9 completed, 0 diverged, 3 failed/);
    const sweeps = await built(['sweeps', '--db', db, '--format', 'json']);
    expect((JSON.parse(sweeps.stdout) as { name: string; trials: number }[]).map((s) => [s.name, s.trials]))
      .toEqual([['byo-quadratic', 12], ['small-grid', 10]]);
  });
});
