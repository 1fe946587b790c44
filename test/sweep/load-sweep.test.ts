import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadSweep } from '../../src/sweep/load-sweep.ts';
import { loadErrorOf } from './load-error.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => `test/sweep/fixtures/${name}.ts`;

const messageOf = (name: string) => loadErrorOf(fixture(name));

describe('sweep file validation', () => {
  const cases: Array<[string, string]> = [
    ['typo', 'regularization.lamda: unknown key (did you mean "lambda"?)'],
    ['wrong-type', 'training.epochs: expected number, received string'],
    ['negative-lambda', 'search.space.lambda[1]: must be >= 0'],
    ['zero-epochs', 'training.epochs: must be > 0'],
    ['nan-lambda', 'regularization.lambda: expected number, received NaN'],
    ['zero-learning-rate', 'search.space.learningRate[1]: must be > 0'],
    ['zero-hidden', 'model.hidden[1]: must be > 0'],
    ['empty-space', 'search.space: is empty (leave it out to run the base configuration once per seed)'],
    ['missing-csv', 'data.path: file not found: data/nope.csv'],
    ['throws', 'failed to load: boom at import'],
    ['no-default', 'no default export (write `export default defineSweep({ ... })`)'],
    ['wrong-shape', 'the default export must be an object from defineSweep({ ... }), got an array'],
    ['does-not-exist', 'file not found'],
    ['stop/unknown-pruner', 'prune.method: must be one of "none", "median", "asha"'],
    ['stop/min-epochs', 'prune.minEpochs: must be below training.epochs (50)'],
    ['stop/race-too-many', 'race.minSeeds: must not exceed the number of seeds (5)'],
    ['stop/race-few-seeds', 'race: racing needs at least 3 seeds (the sweep has 2)'],
    ['stop/race-alpha', 'race.alpha: must be <= 0.5'],
    ['stop/race-alpha-zero', 'race.alpha: must be > 0'],
  ];
  for (const [name, message] of cases) {
    it(`${name}: names the file and the field`, async () => {
      expect(await messageOf(name)).toBe(`${fixture(name)}: ${message}`);
    });
  }

  it('the CLI prints the message alone and exits with code 2', async () => {
    const run = promisify(execFile);
    const err = await run(process.execPath, ['bin/regsweep.mjs', 'run', fixture('typo'), '--dry-run'], { cwd: root }).catch((e: unknown) => e) as { code: number; stderr: string; stdout: string };
    expect(err.code).toBe(2);
    expect(err.stderr).toBe(`regsweep: ${fixture('typo')}: regularization.lamda: unknown key (did you mean "lambda"?)\n`);
  });

  it('a bad pruner or race: one line naming the field, exit 2, nothing recorded', async () => {
    const { mkdtempSync, existsSync, rmSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'regsweep-bad-stop-'));
    try {
      const db = path.join(dir, 'r.db');
      const run = promisify(execFile);
      const err = await run(process.execPath, ['bin/regsweep.mjs', 'run', fixture('stop/race-too-many'), '--db', db], { cwd: root }).catch((e: unknown) => e) as { code: number; stderr: string };
      expect(err.code).toBe(2);
      expect(err.stderr).toBe(`regsweep: ${fixture('stop/race-too-many')}: race.minSeeds: must not exceed the number of seeds (5)\n`);
      expect(existsSync(db)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('loads a valid TypeScript sweep that imports regsweep by package name', async () => {
    const s = await loadSweep('experiments/l2-demo.ts', root);
    expect(s.name).toBe('l2-demo');
    expect(s.config.search?.space?.regularization).toEqual(['none', 'l2']);
  });
});

describe('a user project with regsweep installed as a dependency', () => {
  it("resolves `import { defineSweep } from 'regsweep'` to the installed package", async () => {
    const { mkdtempSync, mkdirSync, symlinkSync, writeFileSync, rmSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const project = mkdtempSync(path.join(os.tmpdir(), 'regsweep-user-'));
    try {
      mkdirSync(path.join(project, 'node_modules'));
      symlinkSync(root, path.join(project, 'node_modules', 'regsweep'), 'dir');
      writeFileSync(path.join(project, 'package.json'), '{ "name": "user-project", "private": true }');
      writeFileSync(path.join(project, 'mine.ts'), [
        "import { defineSweep, logGrid } from 'regsweep';",
        "export default defineSweep({ data: { kind: 'synthetic' }, search: { space: { regularization: ['none', 'l1'], lambda: logGrid(1e-3, 1e-1, 3) } }, seeds: 2 });",
      ].join('\n'));
      const run = promisify(execFile);
      const out = await run(process.execPath, [path.join(project, 'node_modules/regsweep/bin/regsweep.mjs'), 'run', 'mine.ts', '--dry-run'], { cwd: project });
      expect(out.stdout).toContain('= 4 configurations x 2 seeds = 8 trials');
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});
