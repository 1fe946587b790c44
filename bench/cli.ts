// bench:cli: how long the built command line takes to answer, against bare `node -e 0` measured in the
// same rounds (so machine load affects both alike). One JSON line per command:
//   {"bench":"cli","command":"runs l2-demo --limit 3","median_ms":..,"node_ms":..,"ratio":..,"goal":2,"ok":true}
// Goals (issue 16): --version <= 1.3x bare node; runs, show, sweeps and compare on the demo database <= 2x.
//
//   npm run bench:cli                  # 9 rounds after one warm-up round
//   npm run bench:cli -- --rounds 15
//
// The demo database is made once with `regsweep run experiments/l2-demo.ts` (.scratch/bench-cli-demo.db).
// The command line's code cache (bin/regsweep.mjs) goes to a fresh folder: the warm-up round writes it, as a
// user's first run of each command does. One more line times `compare` without it (REGSWEEP_CODE_CACHE=off).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(root, 'bin', 'regsweep.mjs');
const db = path.join(root, '.scratch', 'bench-cli-demo.db');
const roundsArg = process.argv.indexOf('--rounds');
const rounds = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 9;
if (!(Number.isInteger(rounds) && rounds >= 5)) throw new Error(`--rounds must be an integer >= 5, got ${process.argv[roundsArg + 1]}`);

// The bench measures the build that `npm ci` makes; refuse a missing or stale one.
const { inputHash } = (await import(path.join(root, 'scripts', 'build.mjs'))) as { inputHash: () => string };
const info = path.join(root, 'dist', 'esm', 'build-info.json');
if (!existsSync(info) || (JSON.parse(readFileSync(info, 'utf8')) as { inputHash: string }).inputHash !== inputHash()) {
  console.error('bench:cli: the build in dist/esm is missing or older than the sources; run `npm run build` first');
  process.exit(1);
}
const codeCache = mkdtempSync(path.join(os.tmpdir(), 'regsweep-bench-cli-'));
process.on('exit', () => rmSync(codeCache, { recursive: true, force: true }));
const env = { ...process.env, REGSWEEP_FROM_SOURCE: '', NO_COLOR: '1', REGSWEEP_CODE_CACHE: codeCache };

if (!existsSync(db)) {
  mkdirSync(path.dirname(db), { recursive: true });
  console.error(`bench:cli: recording the demo sweep into ${path.relative(root, db)} (once)...`);
  const made = spawnSync(process.execPath, [bin, 'run', 'experiments/l2-demo.ts', '--db', db, '--quiet'], { cwd: root, env, stdio: 'inherit' });
  if (made.status !== 0) process.exit(made.status ?? 1);
}

interface Case { name: string; args: string[]; goal: number | null; env?: Record<string, string> }
const cases: Case[] = [
  { name: '--version', args: [bin, '--version'], goal: 1.3 },
  { name: 'runs l2-demo --limit 3', args: [bin, 'runs', 'l2-demo', '--limit', '3', '--db', db], goal: 2 },
  { name: 'show 1', args: [bin, 'show', '1', '--db', db], goal: 2 },
  { name: 'sweeps', args: [bin, 'sweeps', '--db', db], goal: 2 },
  { name: 'compare l2-demo', args: [bin, 'compare', 'l2-demo', '--db', db], goal: 2 },
  { name: 'compare l2-demo (no code cache)', args: [bin, 'compare', 'l2-demo', '--db', db], goal: null, env: { REGSWEEP_CODE_CACHE: 'off' } },
];

function time(args: string[], extra: Record<string, string> = {}): number {
  const start = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, env: { ...env, ...extra }, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited with ${r.status}: ${r.stderr.toString()}`);
  return ms;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const bare = ['-e', '0'];
const samples = new Map<string, number[]>([['node', []], ...cases.map((c) => [c.name, []] as [string, number[]])]);
// Round-robin, bare node first in each round; round 0 warms the file cache and is not counted.
for (let round = 0; round <= rounds; round++) {
  const node = time(bare);
  const times = cases.map((c) => time(c.args, c.env));
  if (round === 0) continue;
  samples.get('node')!.push(node);
  cases.forEach((c, i) => samples.get(c.name)!.push(times[i]!));
}

const nodeMs = median(samples.get('node')!);
console.log(JSON.stringify({ bench: 'cli', command: 'node -e 0', median_ms: round1(nodeMs), rounds }));
for (const c of cases) {
  const ms = median(samples.get(c.name)!);
  const ratio = ms / nodeMs;
  console.log(JSON.stringify({
    bench: 'cli', command: `regsweep ${c.name}`, median_ms: round1(ms), node_ms: round1(nodeMs),
    ratio: Math.round(ratio * 100) / 100, ...(c.goal === null ? {} : { goal: c.goal, ok: ratio <= c.goal }), rounds,
  }));
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
