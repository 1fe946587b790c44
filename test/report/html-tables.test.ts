import { describe, expect, it } from 'vitest';
import { groupsTable, pairsTable, perSeedTable } from '../../src/report/html/report-tables.ts';
import { fixtureComparison } from './html-fixture.ts';

describe('report tables: the numbers of issue 15', () => {
  it('shows the bootstrap interval, P(a better) with its interval and the seeds for 80% power of each pair', () => {
    const html = pairsTable(fixtureComparison());
    expect(html).toContain('<th>95% CI (bootstrap)</th><th>P(a better)</th><th>95% CI</th>');
    // l1 − l2 in the fixture: bootstrap 0.002..0.038, P 0.7 (0.4..1), 14 seeds
    expect(html).toContain('<td class="num">0.002 .. 0.038</td><td class="num">0.7</td><td class="num">0.4 .. 1</td>');
    expect(html).toContain('<td class="num">3 / 1 / 1</td><td class="num">14</td>');
  });

  it('labels a pooled choice and lists the per-seed choices with their counts', () => {
    const pooled = fixtureComparison();
    expect(groupsTable(pooled)).toContain('<th>chosen on mean validation_accuracy (pooled)</th>');
    const perSeed = { ...pooled, select: 'per-seed' as const };
    perSeed.groups = perSeed.groups.map((g) => (g.group === 'l2' ? { ...g, choices: [{ setting: { lambda: 0.01 }, seeds: 3 }, { setting: { lambda: 0.1 }, seeds: 2 }] } : g));
    const html = groupsTable(perSeed);
    expect(html).toContain('<th>chosen per seed on validation_accuracy (seeds)</th>');
    expect(html).toContain('<td>lambda = 0.01 (3), lambda = 0.1 (2)</td>');
    expect(html).toContain('<th>IQM</th>');
    expect(perSeedTable(perSeed)).toContain('<th>setting</th>');
  });
});
