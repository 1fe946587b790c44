import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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
function built(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return exec(process.execPath, ['bin/regsweep.mjs', ...args], {
    cwd: repoRoot, env: { ...process.env, REGSWEEP_FROM_SOURCE: '', NO_COLOR: '', FORCE_COLOR: undefined },
  })
    .then((r) => ({ code: 0, ...r }))
    .catch((e: { code: number; stdout: string; stderr: string }) => e);
}

describe('the build in dist/esm', () => {
  it('is current: built from the sources as they are (npm run build)', () => {
    expect(existsSync(path.join(outdir, 'main.mjs')), 'no build: run `npm run build` (npm ci runs it)').toBe(true);
    const info = JSON.parse(readFileSync(path.join(outdir, 'build-info.json'), 'utf8')) as { inputHash: string };
    expect(info.inputHash, 'the sources changed since the last build: run `npm run build`').toBe(inputHash());
  });

  it('is git-ignored', async () => {
    const r = await exec('git', ['check-ignore', 'dist/esm/main.mjs'], { cwd: repoRoot });
    expect(r.stdout.trim()).toBe('dist/esm/main.mjs');
  });

  it('answers --version and --help without loading the TypeScript loader, and without colour in a pipe', async () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect(await built(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    const help = await built(['runs', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('USAGE regsweep runs [OPTIONS] [SWEEP]');
    expect(help.stdout).not.toMatch(/\x1b\[/);
  });

  it('loads vega, pg and the TypeScript loader only in the commands that use them', () => {
    const commands = ['runs', 'show', 'sweeps', 'compare', 'export', 'report', 'run'];
    const files = new Map(commands.map((c) => [c, readdirSync(outdir).find((f) => f.startsWith(`${c}-`) && f.endsWith('.mjs'))!]));
    const packages = (entry: string) => {
      // Every npm package a chunk imports statically, through the chunks it imports statically.
      const seen = new Set<string>();
      const found = new Set<string>();
      const visit = (file: string) => {
        if (seen.has(file)) return;
        seen.add(file);
        const text = readFileSync(path.join(outdir, file), 'utf8');
        for (const [, spec] of text.matchAll(/(?:^|[;}\s])import\s*(?:[^"';]*?from\s*)?["']([^"']+)["']/g)) {
          if (spec!.startsWith('./')) visit(spec!.slice(2));
          else if (!spec!.startsWith('node:')) found.add(spec!);
        }
      };
      visit(entry);
      return [...found].sort();
    };
    expect(packages('main.mjs')).toEqual([]);
    for (const c of ['runs', 'show', 'sweeps', 'compare', 'export']) expect(packages(files.get(c)!), c).toEqual([]);
    expect(packages(files.get('report')!)).toEqual(['vega', 'vega-lite']);
    // run loads the TypeScript loader with the sweep file (a dynamic import in load-sweep), pg only for a URL.
    expect(packages(files.get('run')!)).toEqual([]);
    expect(readdirSync(outdir).filter((f) => f.endsWith('.mjs')).some((f) => /import\("tsx\/esm\/api"\)/.test(readFileSync(path.join(outdir, f), 'utf8')))).toBe(true);
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
