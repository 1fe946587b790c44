import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downsample, lineChart } from '../../src/cli/charts.ts';
import { useColor } from '../../src/cli/color.ts';
import { csvField, csvRow } from '../../src/report/export-trials.ts';
import { formatDuration } from '../../src/cli/format.ts';
import { listTable } from '../../src/cli/tables.ts';
import { createQueryFixture, rowCounts, type QueryFixture } from '../store/filter-fixture.ts';
import { runCli } from '../faults/helpers.ts';

let f: QueryFixture;
beforeAll(async () => { f = await createQueryFixture(); });
afterAll(async () => { await f.cleanup(); });


/** Run the CLI on the fixture database; stdout is a pipe, so not a TTY. */
function regsweep(args: string[], env: Record<string, string> = {}): ReturnType<typeof runCli> {
  return runCli([...args, '--db', f.path], { NO_COLOR: '', FORCE_COLOR: undefined, ...env });
}

const ANSI = /\x1b\[/;

describe('regsweep runs', () => {
  it('prints one JSON array of trial objects', async () => {
    const r = await regsweep(['runs', '--version', 'all', '--where', 'params.lambda < 0.01 and metrics.test_accuracy > 0.75', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const trials = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(trials).toEqual([expect.objectContaining({
      id: f.id.a2, sweep: 'alpha', sweepVersion: 1, trialKey: 'a2', status: 'completed', seed: 2,
      params: { flag: false, hidden: 8, lambda: 0.001, 'my-param': 'x-2', regularization: 'l1' },
      metrics: { test_accuracy: 0.8, validation_accuracy: 0.82 },
    })]);
  });

  it('sorts, limits, and prints [] when nothing matches', async () => {
    const sorted = await regsweep(['runs', 'alpha', '--version', '1', '--sort', 'metrics.test_accuracy', '--desc', '--limit', '3', '--format', 'json']);
    expect((JSON.parse(sorted.stdout) as { trialKey: string }[]).map((t) => t.trialKey)).toEqual(['a3', 'a1', 'a2']);
    const none = await regsweep(['runs', '--where', 'seed > 100', '--format', 'json']);
    expect([none.code, none.stdout]).toEqual([0, '[]\n']);
  });

  it('points at the mistake in a bad filter, exit code 2', async () => {
    const r = await regsweep(['runs', 'alpha', '--where', 'params.lambda < and seed = 1']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe([
      "regsweep: invalid filter: expected a value after '<' at column 17",
      '  params.lambda < and seed = 1',
      '                  ^',
      '',
    ].join('\n'));
  });

  it('names an unknown field or sweep in one line, exit code 2', async () => {
    const field = await regsweep(['runs', '--where', 'metrics.tst_accuracy > 0.9']);
    expect(field.code).toBe(2);
    expect(field.stderr.split('\n')[0]).toBe('regsweep: invalid filter: unknown field "metrics.tst_accuracy" at column 1 (did you mean "metrics.test_accuracy"?)');
    const prefix = await regsweep(['runs', '--where', 'foo.bar = 1']);
    expect(prefix.stderr.split('\n')[0]).toBe('regsweep: invalid filter: unknown field "foo.bar" at column 1 (the prefixes are params., metrics. and attributes.)');
    const sweep = await regsweep(['runs', 'alpah']);
    expect([sweep.code, sweep.stderr]).toEqual([2, 'regsweep: no sweep named "alpah"; did you mean "alpha"?\n']);
    const sort = await regsweep(['runs', '--sort', 'metrics.nope']);
    expect(sort.code).toBe(2);
    expect(sort.stderr).toMatch(/^regsweep: invalid sort key: unknown field "metrics.nope" at column 1/);
    const limit = await regsweep(['runs', '--limit', 'ten']);
    expect([limit.code, limit.stderr]).toEqual([2, 'regsweep: --limit must be an integer >= 0, got "ten"\n']);
  });

  it('takes a double-quoted name after params. or metrics. as in MLflow; elsewhere "..." is a string', async () => {
    const ids = async (where: string) => {
      const r = await regsweep(['runs', '--version', 'all', '--where', where, '--format', 'json']);
      expect(r.code, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as { id: number }[]).map((t) => t.id);
    };
    const mlflow = await ids('params."my-param" = "x-2" and metrics."test_accuracy" > 0.75');
    expect(mlflow).toEqual([f.id.a2]);
    expect(await ids("params.`my-param` = 'x-2' and metrics.test_accuracy > 0.75")).toEqual(mlflow);
    const failed = await ids("status = 'failed'");
    expect(failed).toContain(f.id.a6);
    expect(await ids('attributes."status" = "failed"')).toEqual(failed);
    const empty = await regsweep(['runs', '--where', 'params."" = 1']);
    expect([empty.code, empty.stderr.split('\n')[0]]).toEqual([2, 'regsweep: invalid filter: a name in double quotes cannot be empty at column 8']);
    const single = await regsweep(['runs', '--where', "params.'my-param' = 1"]);
    expect([single.code, single.stderr.split('\n')[0]]).toEqual([2, "regsweep: invalid filter: expected a name after 'params.' at column 8"]);
  });

  it('refuses an injection attempt and leaves the data as it was', async () => {
    const before = await rowCounts(f.store);
    for (const where of ["' ; DROP TABLE trials; --", "params.regularization = 'l1'; DROP TABLE trials; --"]) {
      const r = await regsweep(['runs', '--where', where]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^regsweep: invalid filter: /);
    }
    const literal = await regsweep(['runs', '--where', "params.regularization = ''';DROP TABLE trials;--'", '--format', 'json']);
    expect([literal.code, literal.stdout]).toEqual([0, '[]\n']);
    expect(await rowCounts(f.store)).toEqual(before);
  });

  it('prints CSV with params.* and metrics.* columns', async () => {
    const r = await regsweep(['runs', 'alpha', '--version', '1', '--where', "params.`my-param` like 'it%' or trial_key = 'a6'", '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\r\n');
    expect(lines[0]).toBe('id,sweep,sweep_version,trial_key,status,seed,duration_ms,attempts,error,params.flag,params.hidden,params.lambda,params.my-param,params.regularization,metrics.test_accuracy,metrics.validation_accuracy');
    expect(lines.slice(1)).toEqual([
      "3,alpha,1,a3,completed,3,300,1,,true,16,0.01,it's,l1,0.95,0.9",
      '6,alpha,1,a6,failed,6,50,1,boom,false,32,0.01,y,l2,,',
      '',
    ]);
  });

  it('prints a table without colour when piped or NO_COLOR, with it when forced', async () => {
    const plain = await regsweep(['runs', 'alpha', '--version', '1', '--limit', '2']);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).not.toMatch(ANSI);
    expect(plain.stdout).toBe([
      'id  status     seed  flag   hidden  lambda  my-param  regularization  validation_accuracy  test_accuracy  duration',
      ' 1  completed     1  true        8       -  x-1       none                           0.85            0.9    100 ms',
      ' 2  completed     2  false       8   0.001  x-2       l1                             0.82            0.8    200 ms',
      '(first 2 shown; --limit N for more, --limit 0 for all)',
      '',
    ].join('\n'));
    expect((await regsweep(['runs', '--limit', '1'], { FORCE_COLOR: '1' })).stdout).toMatch(ANSI);
    expect((await regsweep(['runs', '--limit', '1'], { FORCE_COLOR: '1', NO_COLOR: '1' })).stdout).not.toMatch(ANSI);
  });
});

describe('regsweep sweeps', () => {
  it('lists every version with counts by status and the best objective', async () => {
    const r = await regsweep(['sweeps']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^sweep\s+version\s+trials\s+status\s+objective\s+best\s+created\s+last activity$/);
    expect(lines[1]).toMatch(/^alpha\s+1\s+8\s+5 completed, 1 failed, 1 diverged, 1 queued\s+validation_accuracy \(max\)\s+0\.9\s/);
    expect(lines[2]).toMatch(/^alpha\s+2\s+2\s+2 completed\s+validation_accuracy \(max\)\s+0\.84\s/);
    expect(lines[3]).toMatch(/^beta\s+1\s+2\s+2 completed\s+f1 \(max\)\s+0\.9\s/);
    const json = JSON.parse((await regsweep(['sweeps', '--format', 'json'])).stdout) as { name: string; version: number; trials: number; best: number }[];
    expect(json.map((s) => [s.name, s.version, s.trials, s.best])).toEqual([['alpha', 1, 8, 0.9], ['alpha', 2, 2, 0.84], ['beta', 1, 2, 0.9]]);
  });
});

describe('regsweep show', () => {
  it('shows config, metrics per split, summary and the learning curves', async () => {
    const r = await regsweep(['show', String(f.id.a3)]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(ANSI);
    expect(r.stdout).toContain(`trial ${f.id.a3}  alpha v1  completed`);
    expect(r.stdout).toContain('params         flag=true  hidden=16  lambda=0.01  my-param=it\'s\n                 regularization=l1');
    expect(r.stdout).toMatch(/│ accuracy │\s+│\s+0\.9 │\s+0\.95 │/);
    expect(r.stdout).toContain('  feature mass:');
    expect(r.stdout).toContain('accuracy by epoch');
    expect(r.stdout).toContain('── validation   ·· test');
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('shows the error of a failed trial', async () => {
    const r = await regsweep(['show', String(f.id.a6)]);
    expect(r.stdout).toContain('error\n  boom');
    expect(r.stdout).toContain('(no learning curve recorded)');
  });

  it('names an unknown trial in one line, exit code 2', async () => {
    expect(await regsweep(['show', '999'])).toMatchObject({ code: 2, stderr: 'regsweep: no trial with id 999 in this database (regsweep runs lists them)\n' });
    expect(await regsweep(['show', 'abc'])).toMatchObject({ code: 2, stderr: 'regsweep: TRIAL must be a trial id (a positive integer), got "abc"\n' });
  });
});

describe('regsweep export', () => {
  it('writes CSV, JSON with curves, and long-format curve CSV', async () => {
    const csv = await regsweep(['export', 'beta']);
    expect(csv.stdout).toBe([
      'id,sweep,sweep_version,trial_key,status,seed,duration_ms,attempts,error,params.dropout,metrics.f1,metrics.test_accuracy',
      '11,beta,1,c1,completed,1,1000,1,,0.5,0.7,0.5',
      '12,beta,1,c2,completed,2,2000,1,,0.2,0.9,',
      '',
    ].join('\r\n'));
    const json = JSON.parse((await regsweep(['export', 'alpha', '--version', '1', '--format', 'json', '--curves'])).stdout) as { trialKey: string; config: unknown; curve: unknown[] }[];
    expect(json.map((t) => t.trialKey)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8']);
    expect(json[0]!.config).toEqual({ key: 'a1', regularization: 'none', lambda: null, hidden: 8, flag: true, 'my-param': 'x-1' });
    expect(json[0]!.curve).toHaveLength(6);
    expect(json[6]!.curve).toEqual([]);
    const curves = await regsweep(['export', 'beta', '--curves', '--where', 'metrics.f1 > 0.8']);
    expect(curves.stdout.split('\r\n').slice(0, 3)).toEqual(['trial_id,epoch,key,value', '12,0,f1,0.3', '12,10,f1,0.6']);
  });

  it('writes to a file with --out', async () => {
    const out = join(dirname(f.path), 'export.json');
    const r = await regsweep(['export', 'alpha', '--format', 'json', '--out', out]);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', `wrote 2 trials to ${out}\n`]);
    expect((JSON.parse(readFileSync(out, 'utf8')) as unknown[]).length).toBe(2);
  });

  it('names an unknown sweep, exit code 2', async () => {
    expect(await regsweep(['export', 'gamma'])).toMatchObject({ code: 2, stderr: 'regsweep: no sweep named "gamma"; sweeps: alpha, beta\n' });
  });
});

describe('--help', () => {
  it('describes every command and its options', async () => {
    const helps = await Promise.all(['sweeps', 'runs', 'show', 'export'].map((c) => regsweep([c, '--help'])));
    for (const h of helps) expect(h.code).toBe(0);
    expect(helps[1]!.stdout).toMatch(/--where.*filter, e.g./);
    expect(helps[1]!.stdout).toContain('--sort');
    expect(helps[3]!.stdout).toContain('--curves');
  });
});

describe('output helpers', () => {
  it('quote CSV fields as RFC 4180 says', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
    expect([csvField(null), csvField(Number.NaN), csvField(true), csvField(0.5)]).toEqual(['', 'NaN', 'true', '0.5']);
    expect(csvRow([1, 'x,y', null])).toBe('1,"x,y",\r\n');
  });

  it('decide colour from NO_COLOR, FORCE_COLOR and the terminal', () => {
    expect(useColor({ isTTY: true }, {})).toBe(true);
    expect(useColor({ isTTY: false }, {})).toBe(false);
    expect(useColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(useColor({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(useColor({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(useColor({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
  });

  it('drop the least useful columns to fit a width', () => {
    const columns = [{ head: 'id' }, { head: 'wide_column_a', priority: 2 }, { head: 'wide_column_b', priority: 1 }];
    expect(listTable(columns, [['1', 'a', 'b']], { color: false, width: 20 })).toBe('id  wide_column_a\n1   a');
  });

  it('format durations and downsample curves', () => {
    expect([formatDuration(392.3), formatDuration(4200), formatDuration(185_000), formatDuration(3_720_000), formatDuration(null)])
      .toEqual(['392 ms', '4.2 s', '3m 05s', '1h 02m', '']);
    expect(downsample([0, 1, 2, 3, 4], 3)).toEqual([0, 2, 4]);
    expect(downsample(Array.from({ length: 1000 }, (_, i) => i), 60)).toHaveLength(60);
  });

  it('draw curves that fit 80 columns, stopping a series at its first NaN', () => {
    const long = Array.from({ length: 500 }, (_, i) => Math.sin(i / 50));
    const chart = lineChart([
      { label: 'train', values: long, color: 'blue' },
      { label: 'test', values: [...long.slice(0, 100), Number.NaN, 5], color: 'magenta' },
    ], { color: false, xRange: ['0', '500'], xLabel: 'epoch' });
    const lines = chart.split('\n');
    expect(lines.at(-1)).toBe('           ── train   ·· test');
    expect(lines.at(-2)).toMatch(/^ {11}0 +500 {2}epoch$/);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    expect(chart).not.toContain('5.0');
  });
});
