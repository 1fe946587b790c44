import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, sql } from './helpers.ts';

// Mistakes in a sweep's data or in the sweep file itself are found before anything is recorded: one
// line, exit code 2, no database created, an existing database byte for byte as it was.

const exec = promisify(execFile);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'regsweep-baddata-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
const fixture = (name: string) => `test/faults/fixtures/${name}.ts`;

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return exec(process.execPath, ['bin/regsweep.mjs', ...args], { cwd: root })
    .then((r) => ({ code: 0, ...r }))
    .catch((e: { code: number; stdout: string; stderr: string }) => e);
}

const cases: Array<[string, string]> = [
  ['data-label-typo', 'data/iris.csv: no label column "specie" (did you mean "species"?); columns are: sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm, species'],
  ['data-label-typo-random', 'data/iris.csv: no label column "specie" (did you mean "species"?); columns are: sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm, species'],
  ['data-bad-cell', 'test/faults/fixtures/data/bad-cell.csv:4:2: non-numeric value "oops" in column "b"'],
  ['data-one-class', 'test/faults/fixtures/data/one-class.csv: only one class ("x") in label column "species"; need at least 2'],
  ['data-rare-class', 'test/faults/fixtures/data/rare-class.csv: class "z" has 2 rows: too few to have one in the validation split; add rows of it or change data.split'],
  ['data-two-rows', 'test/faults/fixtures/data/two-rows.csv: 2 data rows are too few for a test split (it would have none); add rows or change data.split'],
  ['data-bad-split', 'test/faults/fixtures/data-bad-split.ts: data.split: validation + test fractions must be < 1, got 0.5 + 0.6'],
  // the default 4-class teacher with scales so small that its output is its last bias's argmax on every row
  ['data-synthetic-one-class', 'test/faults/fixtures/data-synthetic-one-class.ts: data: the synthetic teacher labels all 200 train rows with one class ("c3"), so there is nothing to learn; raise data.teacherScale or data.inputScale, or add data.train rows'],
  ['data-no-validation', 'test/faults/fixtures/data-no-validation.ts: data.validation: the validation split has no rows, but the objective validation_accuracy is measured on it; give it rows or choose another metric'],
  // an adaptive search plans no trial up front; its data is checked all the same
  ['data-label-typo-tpe', 'data/iris.csv: no label column "specie" (did you mean "species"?); columns are: sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm, species'],
];

// Written at test time: a fixture in the repository would break `tsc --noEmit`.
const syntaxError = path.join(tmp, 'syntax-error.ts');
writeFileSync(syntaxError, [
  "import { defineSweep } from 'regsweep';",
  '',
  'export default defineSweep({',
  '  model: { hidden: [3] ,', // the brace opened here is never closed; esbuild notices at line 6
  "  data: { kind: 'synthetic' },",
  '});',
  '',
].join('\n'));

describe('regsweep run: a bad data set or sweep file records nothing', () => {
  it.each(cases)('%s: one line, exit code 2, no database created', async (name, message) => {
    const db = path.join(tmp, `${name}.db`);
    const r = await cli(['run', fixture(name), '--db', db]);
    expect([r.code, r.stderr, r.stdout]).toEqual([2, `regsweep: ${message}\n`, '']);
    expect(existsSync(db)).toBe(false);
  });

  it('a sweep file that does not compile: file:line:column: message', async () => {
    const db = path.join(tmp, 'syntax.db');
    const r = await cli(['run', syntaxError, '--db', db]);
    expect([r.code, r.stderr, r.stdout]).toEqual([2, `regsweep: ${syntaxError}:6:2: Expected "}" but found ")"\n`, '']);
    expect(existsSync(db)).toBe(false);
  });
});

describe('regsweep enqueue: a bad data set leaves an existing database as it was', () => {
  const db = path.join(tmp, 'queue.db');
  beforeAll(async () => {
    const made = await cli(['enqueue', 'test/sweep/fixtures/queue-quick.ts', '--db', db]);
    expect(made.code, made.stderr).toBe(0);
  });

  it.each(cases.filter(([name]) => name === 'data-label-typo' || name === 'data-bad-cell'))('%s', async (name, message) => {
    const before = sha(db);
    const r = await cli(['enqueue', fixture(name), '--db', db]);
    expect([r.code, r.stderr]).toEqual([2, `regsweep: ${message}\n`]);
    expect(sha(db)).toBe(before);
    expect(sql<{ n: number }>(db, 'select count(*) as n from sweeps')).toEqual([{ n: 1 }]);
  });
});
