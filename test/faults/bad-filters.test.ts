import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from './helpers.ts';

const exec = promisify(execFile);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'regsweep-filters-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const db = path.join(tmp, 'f.db');
const sha = () => createHash('sha256').update(readFileSync(db)).digest('hex');

beforeAll(async () => {
  await exec(process.execPath, ['bin/regsweep.mjs', 'run', 'test/sweep/fixtures/small-grid.ts', '--db', db, '--quiet'], { cwd: root });
  const h = new Database(db);
  h.pragma('wal_checkpoint(TRUNCATE)');
  h.close();
}, 60_000);

// Each bad filter: exit code 2, the message with a caret under the column, and the database untouched.
const cases: Array<[string, string, number]> = [
  ['(seed = 1', "expected ')' at column 10 (to close the '(' at column 1)", 10],
  ['seed = 1)', "expected AND, OR or the end of the filter, found ')' at column 9", 9],
  ['seed =< 1', "expected a value after '=' at column 7", 7],
  ['seed contains 1', 'expected an operator (=, !=, <, <=, >, >=, IN, LIKE, IS) after seed at column 6', 6],
  ['seed ~ 1', "unexpected character '~' at column 6", 6],
  ['metrics.tset_accuracy > 0.5', 'unknown field "metrics.tset_accuracy" at column 1 (did you mean "metrics.test_accuracy"?)', 1],
  ["' ; DROP TABLE trials; --", "unterminated string: no closing ' at column 1", 1],
  ["status = 'x'; DROP TABLE trials; --", "unexpected character ';' at column 13", 13],
];

describe('bad filters', () => {
  for (const [filter, message, column] of cases) {
    it(`${filter}`, async () => {
      const before = sha();
      const r = await exec(process.execPath, ['bin/regsweep.mjs', 'runs', '--db', db, '--where', filter], { cwd: root }).catch((e: { code: number; stderr: string }) => e) as { code: number; stderr: string };
      expect(r.code).toBe(2);
      const lines = r.stderr.split('\n');
      expect(lines[0]).toBe(`regsweep: invalid filter: ${message}`);
      expect(lines[1]).toBe(`  ${filter}`);
      expect(lines[2]).toBe(`${' '.repeat(column + 1)}^`);
      expect(sha()).toBe(before);
    });
  }

  it('a quoted injection attempt is just a string that matches nothing', async () => {
    const before = sha();
    const r = await exec(process.execPath, ['bin/regsweep.mjs', 'runs', '--db', db, '--format', 'json', '--where', "params.regularization = '; DROP TABLE trials; --'"], { cwd: root });
    expect(JSON.parse(r.stdout)).toEqual([]);
    expect(sha()).toBe(before);
    const h = new Database(db, { readonly: true });
    expect((h.prepare('select count(*) as n from trials').get() as { n: number }).n).toBe(10);
    h.close();
  });
});
