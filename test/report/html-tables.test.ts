import { describe, expect, it } from 'vitest';
import { compareTrials } from '../../src/report/compare.ts';
import { curveTable, featureMassTable, groupsTable, pairsTable, perSeedTable } from '../../src/report/html/report-tables.ts';
import { setting } from './compare-fixture.ts';
import { fixtureComparison, fixtureReportData } from './html-fixture.ts';

/** The cells of a table's rows (tags and classes stripped), and its headers. */
function parse(html: string): { head: string[]; rows: string[][] } {
  const cells = (row: string, tag: string) => [...row.matchAll(new RegExp(`<${tag}[^>]*>(.*?)</${tag}>`, 'g'))].map((m) => m[1]!.replace(/ <br>/g, ' '));
  const head = cells(/<thead>(.*?)<\/thead>/.exec(html)![1]!, 'th');
  const rows = [...html.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].slice(1).map((m) => cells(m[1]!, 'td'));
  return { head, rows };
}

const column = (t: ReturnType<typeof parse>, name: string) => t.rows.map((r) => r[t.head.indexOf(name)]!);

describe('report tables: the numbers of issue 15', () => {
  it('shows the bootstrap interval, P(a better) with its interval and the seeds for 80% power of each pair', () => {
    const html = pairsTable(fixtureComparison());
    expect(html).toContain('<th class="num">bootstrap <br>95% CI <br>(points)</th><th class="num">P(a better) <br>(95% CI)</th>');
    // l1 − l2 in the fixture: bootstrap 0.002..0.038 (+0.2..+3.8 points), P 0.7 (0.4..1), 14 seeds
    expect(html).toContain('<td class="num">+0.2..+3.8</td><td class="num">0.70 (0.40..1.00)</td>');
    expect(html).toContain('<td class="num">3 / 1 / 1</td><td class="num">14</td>');
  });

  it('labels a pooled choice and lists the per-seed choices with their counts', () => {
    const pooled = fixtureComparison();
    expect(groupsTable(pooled)).toContain('<th>chosen on mean <br>validation_accuracy (pooled)</th>');
    const perSeed = { ...pooled, select: 'per-seed' as const };
    perSeed.groups = perSeed.groups.map((g) => (g.group === 'l2' ? { ...g, choices: [{ setting: { lambda: 0.01 }, seeds: 3 }, { setting: { lambda: 0.1 }, seeds: 2 }] } : g));
    const html = groupsTable(perSeed);
    expect(html).toContain('<th>chosen per seed on <br>validation_accuracy (seeds)</th>');
    expect(html).toContain('<td>lambda = 0.01 (3) <br>lambda = 0.1 (2)</td>');
    expect(html).toContain('<th class="num">IQM <br>%</th>');
    expect(perSeedTable(perSeed)).toContain('<th>setting</th>');
  });
});

describe('report tables: numbers as regsweep compare prints them', () => {
  const c = fixtureComparison();

  it('shows accuracies in percent with one decimal, under headers that say so', () => {
    const t = parse(groupsTable(c));
    expect(t.head).toEqual([
      'regularization', 'chosen on mean validation_accuracy (pooled)', 'validation_accuracy %', 'test_accuracy %', '95% CI (%)', 'IQM %', 'train gap (points)',
      'zero weights', 'seeds',
    ]);
    // the fixture's l1: mean 0.78 (CI ±0.016), selection 0.801, IQM 0.781, train gap 0.18, 41% zeros, 5 seeds
    expect(t.rows[1]).toEqual(['l1', 'lambda = 0.001', '80.1', '78.0', '76.4..79.6', '78.1', '+18.0', '41.0%', '5']);
    expect(column(t, 'test_accuracy %')).toEqual(c.groups.map((g) => (g.mean * 100).toFixed(1)));
    expect(column(t, 'zero weights')).toEqual(c.groups.map((g) => `${(g.zeroFraction! * 100).toFixed(1)}%`));
  });

  it('shows differences in signed percentage points and p-values as the terminal does', () => {
    const t = parse(pairsTable(c));
    expect(t.head.slice(0, 6)).toEqual(['pair (a − b)', 'paired seeds', 'mean diff (points)', '95% CI (t) (points)', 'bootstrap 95% CI (points)', 'P(a better) (95% CI)']);
    // l1 − none: diff 0.07 (0.03..0.11), bootstrap 0.045..0.095; t p 0.004 (Holm 0.012), Wilcoxon p 0.0625 (Holm 0.1875)
    expect(t.rows[0]!.slice(0, 10)).toEqual(['l1 − none', '5', '+7.0', '+3.0..+11.0', '+4.5..+9.5', '1.00 (1.00..1.00)', '0.004', '0.012', '0.063', '0.19']);
    // l1 − l2: the t-interval -0.01..0.05 crosses 0
    expect(t.rows[2]![3]).toBe('-1.0..+5.0');
  });

  it('writes the same numbers in the curve and per-seed tables', () => {
    const curve = parse(curveTable(c));
    expect(column(curve, 'test_accuracy %')).toEqual(c.curve.map((p) => (p.mean * 100).toFixed(1)));
    expect(column(curve, 'train gap (points)')).toEqual(c.curve.map((p) => `+${(p.trainGap! * 100).toFixed(1)}`));
    const seeds = parse(perSeedTable(c));
    const perSeed = c.groups.flatMap((g) => g.perSeed);
    expect(column(seeds, 'test_accuracy %')).toEqual(perSeed.map((s) => (s.value * 100).toFixed(1)));
    expect(column(seeds, 'train %')).toEqual(perSeed.map((s) => (s.train! * 100).toFixed(1)));
  });

  it('shows a loss in its units, every cell of a column to the same decimals', () => {
    const losses = { none: [0.874, 0.9012, 0.8533, 0.8875, 0.866], l2: [0.7731, 0.8049, 0.7604, 0.79, 0.7811] };
    const rows = Object.entries(losses).flatMap(([group, test], i) => setting(
      { regularization: group },
      { validation_loss: test.map((v) => v - 0.0213), test_loss: test, train_loss: test.map((v) => v - 0.512) },
      { firstId: 1 + 10 * i },
    ));
    const loss = compareTrials({ name: 'losses', version: 1, id: 1 }, rows, { metric: 'test_loss' });
    const groups = parse(groupsTable(loss));
    expect(groups.head.slice(2)).toEqual(['validation_loss', 'test_loss', '95% CI', 'IQM', 'train gap', 'zero weights', 'seeds']);
    // the largest mean, 0.876, shown with 3 significant digits: 3 decimals for every value and difference
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    expect(column(groups, 'test_loss')).toEqual([mean(losses.none).toFixed(3), mean(losses.l2).toFixed(3)]);
    expect(column(groups, 'train gap')).toEqual(['-0.512', '-0.512']);
    const pairs = parse(pairsTable(loss));
    expect(pairs.head[2]).toBe('mean diff');
    // l2 − none: -0.0946 on average; its largest interval bound sets the column to 3 decimals as well
    const diff = mean(losses.l2) - mean(losses.none);
    expect(pairs.rows[0]!.slice(0, 3)).toEqual(['l2 − none', '5', `-${Math.abs(diff).toFixed(3)}`]);
    for (const cell of [pairs.rows[0]![3]!, pairs.rows[0]![4]!]) expect(cell).toMatch(/^-\d\.\d{3}\.\.-\d\.\d{3}$/);
  });

  it('gives each group of the weight-mass table one number of decimals', () => {
    const data = fixtureReportData(c);
    const t = parse(featureMassTable(c, data));
    // l1: 2..4 on the relevant inputs (2 decimals for 3 significant digits of 4), 0.001 on the noise
    expect(column(t, 'l1')).toEqual(data.inputs.map((input) => data.featureMass.find((m) => m.group === 'l1' && m.input === input)!.mean.toFixed(2)));
    // none: 8..13 and 5 (1 decimal)
    expect(column(t, 'none')).toEqual(data.inputs.map((input) => data.featureMass.find((m) => m.group === 'none' && m.input === input)!.mean.toFixed(1)));
  });
});

describe('report tables: the best group', () => {
  it('highlights every group whose mean ties the best up to rounding, as compare ranks them', () => {
    const c = fixtureComparison();
    const best = Math.max(...c.groups.map((g) => g.mean));
    // 0.1 + 0.2 and 0.3: the same mean summed in another order, 5.6e-17 apart
    const tied = { ...c, groups: c.groups.map((g, i) => ({ ...g, mean: i === 0 ? 0.1 + 0.2 : i === 1 ? 0.3 : best - 0.5 })) };
    const rows = [...groupsTable(tied).matchAll(/<tr( class="best")?><td>([^<]*)<\/td>/g)].map((m) => [m[2], m[1] !== undefined]);
    expect(rows).toEqual([[c.groups[0]!.group, true], [c.groups[1]!.group, true], [c.groups[2]!.group, false]]);
  });
});
