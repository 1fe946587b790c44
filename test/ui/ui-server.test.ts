// The dashboard's HTTP side on a real recorded sweep: what the API answers, and every security case of
// issue 14 (read-only, Host header, token, static path escapes, errors without stack traces).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comparison } from '../../src/report/comparison.ts';
import { copyStore, openStore } from '../../src/store/index.ts';
import type { SweepResponse, SweepsResponse, TrialResponse, TrialsResponse } from '../../src/ui/api-types.ts';
import { createTestDatabase, describePostgres } from '../store/postgres-fixture.ts';
import { rawRequest, regsweep, serveUi, smallGridDb } from './ui-fixture.ts';

const getJson = async <T>(base: string, path: string) => {
  const res = await fetch(base + path);
  return { status: res.status, body: (await res.json()) as T };
};

describe('regsweep ui, the API and its security', () => {
  let fixture: Awaited<ReturnType<typeof smallGridDb>>;
  let served: Awaited<ReturnType<typeof serveUi>>;
  let comparison: Comparison;
  beforeAll(async () => {
    fixture = await smallGridDb();
    served = await serveUi(fixture.db);
    const compared = await regsweep('compare', 'small-grid', '--db', fixture.db, '--format', 'json');
    comparison = JSON.parse(compared.stdout) as Comparison;
  });
  afterAll(async () => {
    await served?.close();
    fixture?.cleanup();
  });

  it('lists the sweep with its trials by status', async () => {
    const { status, body } = await getJson<SweepsResponse>(served.base, '/api/sweeps');
    expect(status).toBe(200);
    expect(body.sweeps).toHaveLength(1);
    expect(body.sweeps[0]).toMatchObject({ name: 'small-grid', version: 1, total: 10, objectiveMetric: 'validation_accuracy' });
    expect(body.sweeps[0]!.counts.completed).toBe(10);
  });

  it('gives a sweep page the comparison exactly as regsweep compare computes it, and its charts', async () => {
    const { status, body } = await getJson<SweepResponse>(served.base, '/api/sweeps/1');
    expect(status).toBe(200);
    expect(comparison.stopped).toEqual({ pruned: 0, racedOut: 0, epochsSaved: 0 });
    expect(body.comparison).toEqual(comparison);
    expect(body.tables?.groups).toContain('<td>l2</td>');
    // the tables read like the terminal's: each group's mean test accuracy over its seeds in percent, the
    // pairs' mean differences over paired seeds in signed percentage points
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    expect(body.tables?.groups).toContain('<th class="num">test_accuracy <br>%</th>');
    for (const g of comparison.groups) expect(body.tables?.groups).toContain(`<td class="num">${(mean(g.perSeed.map((s) => s.value)) * 100).toFixed(1)}</td>`);
    expect(body.tables?.pairs).toContain('<th class="num">mean diff <br>(points)</th>');
    for (const p of comparison.pairs) {
      const [a, b] = [p.a, p.b].map((name) => new Map(comparison.groups.find((g) => g.group === name)!.perSeed.map((s) => [s.seed, s.value])));
      const diff = mean([...a!].filter(([seed]) => b!.has(seed)).map(([seed, v]) => v - b!.get(seed)!)) * 100;
      expect(body.tables?.pairs).toContain(`<td>${p.a} − ${p.b}</td><td class="num">${p.n}</td><td class="num">${diff > 0 ? '+' : diff < 0 ? '-' : ''}${Math.abs(diff).toFixed(1)}</td>`);
    }
    // which choices an exact tie decided, counted here from the trials themselves: per group and seed, how
    // many settings share the best validation accuracy
    const runs = JSON.parse((await regsweep('runs', 'small-grid', '--db', fixture.db, '--format', 'json')).stdout) as
      { seed: number; params: Record<string, unknown>; metrics: Record<string, number> }[];
    const tied = comparison.groups.flatMap((g) => {
      const bySeed = new Map<number, typeof runs>();
      for (const r of runs.filter((x) => x.params.regularization === g.group)) bySeed.set(r.seed, [...bySeed.get(r.seed) ?? [], r]);
      const counts = [...bySeed.values()].map((rs) => rs.filter((r) => r.metrics.validation_accuracy === Math.max(...rs.map((x) => x.metrics.validation_accuracy))).length);
      const ties = counts.filter((n) => n > 1);
      return ties.length ? [`${g.group} on ${ties.length} of ${bySeed.size} seeds (up to ${Math.max(...ties)} settings tied)`] : [];
    });
    expect(tied.length).toBeGreaterThan(0);
    expect(body.tiesNote).toBe(`Exact ties on validation accuracy decided some choices, the earlier setting taken (lambda ascending): ${tied.join('; ')}. `
      + 'The validation split cannot tell tied settings apart, so which of them is chosen is arbitrary.');
    // the sweep file as recorded (absolute), shown relative to the directory the dashboard runs in
    expect((await served.store.getSweepById(1))?.filePath).toBe(path.resolve('test/sweep/fixtures/small-grid.ts'));
    expect(body.sweep.filePath).toBe(path.join('test', 'sweep', 'fixtures', 'small-grid.ts'));
    expect(body.charts.map((c) => c.id)).toEqual(['metric-vs-lambda', 'gap-vs-lambda', 'zero-fraction-vs-lambda']);
    // parallel coordinates: regularization, lambda, then the objective; one line per setting
    expect(body.parallel?.axes.map((a) => a.title)).toEqual(['regularization', 'lambda (log)', 'validation_accuracy']);
    expect(body.parallel?.lines).toHaveLength(5);
    // the objective, an accuracy, labelled in percent like the tables: its top tick is the best setting's mean
    const objectiveAxis = body.parallel!.axes.at(-1)!;
    expect(body.parallel?.objectiveMetric).toBe('validation_accuracy');
    expect(objectiveAxis.ticks.find((t) => t.at === 1)?.label).toBe(`${(Math.max(...body.parallel!.objective) * 100).toFixed(1)}%`);
    expect(objectiveAxis.ticks.every((t) => /^\d{1,3}\.\d%$/.test(t.label))).toBe(true);
    // the learning curves show, per group, the trials the comparison used: each seed's at its chosen setting
    expect(body.curveSets.map((s) => s.trialIds)).toEqual(comparison.groups.map((g) => g.perSeed.map((s) => s.trialId)));
    expect(body.curveSets.map((s) => s.label)).toEqual(comparison.groups.map((g) => (g.choices.length > 1 ? `${g.group} (setting chosen per seed)` : g.group + (g.chosen.lambda ? ` (lambda=${g.chosen.lambda})` : ''))));
  });

  it('pages, filters and sorts trials with the filter language of regsweep runs', async () => {
    const where = encodeURIComponent("params.regularization = 'l1'");
    const { body } = await getJson<TrialsResponse>(served.base, `/api/trials?sweep=small-grid&where=${where}&sort=metrics.test_accuracy&desc=1&size=3`);
    expect([body.trials.length, body.more]).toEqual([3, true]);
    expect((await getJson(served.base, `/api/trials/count?sweep=small-grid&where=${where}`)).body).toEqual({ total: 4 });
    expect((await getJson(served.base, '/api/trials/count')).body).toEqual({ total: 10 });
    const accuracies = body.trials.map((t) => t.metrics.test_accuracy!);
    expect(accuracies).toEqual([...accuracies].sort((a, b) => b - a));
    const second = await getJson<TrialsResponse>(served.base, `/api/trials?sweep=small-grid&where=${where}&sort=metrics.test_accuracy&desc=1&size=3&page=1`);
    expect([second.body.trials.length, second.body.more]).toEqual([1, false]);
  });

  it('answers a bad filter with 400, the message and where it goes wrong', async () => {
    const res = await rawRequest(served.ui.port, `/api/trials?where=${encodeURIComponent('params.lambda < and seed = 1')}`);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({
      error: "invalid filter: expected a value after '<' at column 17",
      filter: { subject: 'filter', source: 'params.lambda < and seed = 1', position: 16, column: 17, reason: "expected a value after '<'" },
    });
    const sort = await getJson<{ error: string }>(served.base, '/api/trials?sort=metrics.tset_accuracy');
    expect(sort.status).toBe(400);
    expect(sort.body.error).toBe('invalid sort key: unknown field "metrics.tset_accuracy" at column 1 (did you mean "metrics.test_accuracy"?)');
  });

  it('answers an unknown or malformed id with a 4xx and a message', async () => {
    expect(await getJson(served.base, '/api/trials/999')).toEqual({ status: 404, body: { error: 'no trial with id 999' } });
    expect(await getJson(served.base, '/api/sweeps/42')).toEqual({ status: 404, body: { error: 'no sweep with id 42' } });
    expect(await getJson(served.base, '/api/sweeps/abc')).toEqual({ status: 400, body: { error: 'a sweep id is a whole number, got "abc"' } });
    expect(await getJson(served.base, '/api/trials?sweep=smal-grid')).toEqual({ status: 400, body: { error: 'no sweep named "smal-grid"; did you mean "small-grid"?' } });
    expect(await getJson(served.base, '/api/changes?cursor=yesterday')).toEqual({
      status: 400, body: { error: 'not a change-feed cursor: "yesterday"; pass the cursor the last changesSince call returned, or none' },
    });
  });

  it('gives a trial its metrics by split, weight mass per input and config', async () => {
    const { body } = await getJson<TrialResponse>(served.base, '/api/trials/3');
    expect(body.trial).toMatchObject({ id: 3, status: 'completed' });
    expect(body.params).toEqual({ regularization: 'l1', lambda: 0.001 });
    expect(Object.keys(body.metricsBySplit)).toEqual(expect.arrayContaining(['train', 'validation', 'test']));
    expect(body.featureMass.map((m) => m.input)).toEqual(['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8', 'x9', 'x10']);
    expect(body.featureMass.reduce((a, m) => a + m.share, 0)).toBeCloseTo(1, 12);
    expect(body.config).toMatchObject({ regularization: { kind: 'l1', lambda: 0.001 } });
  });

  it('sends only the curve points after the epoch the page has', async () => {
    const all = await getJson<{ curves: Record<string, Record<string, [number, number][]>> }>(served.base, '/api/curves?t=3:-1');
    const later = await getJson<{ curves: Record<string, Record<string, [number, number][]>> }>(served.base, '/api/curves?t=3:10');
    expect(all.body.curves['3']!.validation_accuracy!.map(([e]) => e)).toEqual([10, 20, 30]);
    expect(later.body.curves['3']!.validation_accuracy!.map(([e]) => e)).toEqual([20, 30]);
  });

  it('refuses every method but GET and HEAD', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
      const res = await rawRequest(served.ui.port, '/api/sweeps', { method });
      expect([method, res.status, res.headers.allow]).toEqual([method, 405, 'GET, HEAD']);
      expect(JSON.parse(res.body)).toEqual({ error: `method ${method} not allowed: the dashboard is read-only` });
    }
    const head = await rawRequest(served.ui.port, '/', { method: 'HEAD' });
    expect([head.status, head.body]).toEqual([200, '']);
  });

  it('refuses a Host header other than the bound host or localhost (DNS rebinding)', async () => {
    const port = served.ui.port;
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, `localhost.evil.example:${port}`]) {
      const res = await rawRequest(port, '/api/sweeps', { host });
      expect([host, res.status]).toEqual([host, 403]);
      expect(JSON.parse(res.body)).toEqual({ error: `host "${host}" refused: open the dashboard at the address it printed (DNS rebinding protection)` });
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) expect((await rawRequest(port, '/api/sweeps', { host })).status).toBe(200);
  });

  it('serves no file outside the built assets, however the path is encoded', async () => {
    const asset = await rawRequest(served.ui.port, '/assets/app.css');
    expect([asset.status, asset.headers['content-type']]).toEqual([200, 'text/css; charset=utf-8']);
    for (const p of [
      '/assets/../package.json', '/assets/%2e%2e/package.json', '/assets/%2e%2e%2fpackage.json', '/assets/..%2f..%2fpackage.json',
      '/assets/%252e%252e%252fpackage.json', '/assets/%252e%252e/package.json', '/assets/..%5c..%5cpackage.json', '/assets/....//package.json',
      '/../../../etc/passwd', '/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/assets/build.ts', '/assets/.',
    ]) {
      const res = await rawRequest(served.ui.port, p);
      expect([p, res.status]).toEqual([p, 404]);
      expect(res.body).not.toContain('"name": "regsweep"');
      expect(res.body).not.toContain('root:');
    }
  });

  it('answers an unexpected failure with 500 and no stack trace or detail', async () => {
    const failing = await serveUi(fixture.db, {
      wrap: (store) => Object.assign(Object.create(store) as typeof store, {
        listSweeps: async () => { throw new Error('disk on fire at /secret/path'); },
      }),
    });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => { errors.push(args); };
    try {
      const res = await rawRequest(failing.ui.port, '/api/sweeps');
      expect(res.status).toBe(500);
      expect(JSON.parse(res.body)).toEqual({ error: 'internal error; the details are in the log of regsweep ui' });
      expect(res.body).not.toMatch(/secret|at |\.ts/);
      expect(errors).toHaveLength(1);
    } finally {
      console.error = original;
      await failing.close();
    }
  });

  it('on a non-loopback host, requires the token printed at start on every request', async () => {
    const open = await serveUi(fixture.db, { host: '0.0.0.0' });
    try {
      const { port, token, url } = open.ui;
      expect(token).toMatch(/^[0-9a-f]{48}$/);
      expect(url).toBe(`http://0.0.0.0:${port}/?token=${token}`);
      const host = `localhost:${port}`;
      for (const p of ['/', '/api/sweeps', '/assets/app.js', '/trials/1']) {
        const res = await rawRequest(port, p, { host });
        expect([p, res.status]).toEqual([p, 401]);
        expect(JSON.parse(res.body)).toEqual({ error: 'a token is required: open the URL with ?token= that `regsweep ui` printed at start' });
      }
      expect((await rawRequest(port, `/api/sweeps?token=${'0'.repeat(48)}`, { host })).status).toBe(401);
      expect((await rawRequest(port, '/api/sweeps?token=short', { host })).status).toBe(401);
      const first = await rawRequest(port, `/?token=${token}`, { host });
      expect(first.status).toBe(200);
      const cookie = String(first.headers['set-cookie']).split(';')[0]!;
      expect(cookie).toBe(`regsweep_token=${token}`);
      expect(String(first.headers['set-cookie'])).toMatch(/HttpOnly/);
      expect((await rawRequest(port, '/api/sweeps', { host, headers: { cookie } })).status).toBe(200);
      expect((await rawRequest(port, '/api/sweeps', { host, headers: { authorization: `token ${token}` } })).status).toBe(200);
      expect((await rawRequest(port, '/api/sweeps', { host, headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
      // the token does not lift the Host check
      expect((await rawRequest(port, `/api/sweeps?token=${token}`, { host: `evil.example:${port}` })).status).toBe(403);
    } finally {
      await open.close();
    }
  });
});

describePostgres('regsweep ui on PostgreSQL', () => {
  it('serves the same comparison, trials and change feed from a PostgreSQL store', async () => {
    const fixture = await smallGridDb();
    const target = await createTestDatabase();
    try {
      const sqlite = await openStore(fixture.db);
      const pgStore = await openStore(target.url);
      try { await copyStore(sqlite, pgStore); } finally { await sqlite.close(); await pgStore.close(); }
      const onSqlite = await serveUi(fixture.db);
      const onPg = await serveUi(target.url);
      try {
        for (const p of ['/api/sweeps/1', `/api/trials?where=${encodeURIComponent('metrics.test_accuracy > 0.6')}&sort=metrics.test_accuracy&desc=1`, '/api/trials/3', '/api/curves?t=3:10']) {
          const [a, b] = [await getJson<Record<string, unknown>>(onSqlite.base, p), await getJson<Record<string, unknown>>(onPg.base, p)];
          expect(b.status, p).toBe(200);
          const strip = (body: Record<string, unknown>) => JSON.parse(JSON.stringify(body, (k, v) => (['createdAt', 'lastActivity', 'filePath'].includes(k) ? undefined : v)));
          expect(strip(b.body), p).toEqual(strip(a.body));
        }
        const changes = await getJson<{ cursor: string; trials: unknown[] }>(onPg.base, '/api/changes');
        expect(changes.status).toBe(200);
        expect(changes.body.trials).toEqual([]);
      } finally {
        await onSqlite.close();
        await onPg.close();
      }
    } finally {
      await target.drop();
      fixture.cleanup();
    }
  });
});
