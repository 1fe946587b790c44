import { describe, expect, it } from 'vitest';
import { groupColors, logTicks } from '../../src/report/html/chart-theme.ts';
import { buildCharts } from '../../src/report/html/charts.ts';
import { featureMassRows } from '../../src/report/html/feature-mass-chart.ts';
import { type ParamRow, metricDomain, paramCharts } from '../../src/report/html/param-charts.ts';
import { INPUTS, LAMBDAS, fixtureComparison, fixtureReportData } from './html-fixture.ts';

/** The inline rows of a chart spec (every chart here carries its data as `data.values`). */
function rowsOf(spec: unknown): ParamRow[] {
  return (spec as { data: { values: ParamRow[] } }).data.values;
}

describe('buildCharts', () => {
  const c = fixtureComparison();
  const { charts, omitted } = buildCharts(c, fixtureReportData(c));

  it('draws the five kinds of chart, in page order, each with an id, title and caption', () => {
    expect(charts.map((ch) => ch.id)).toEqual(['metric-vs-lambda', 'gap-vs-lambda', 'zero-fraction-vs-lambda', 'feature-mass', 'learning-curves']);
    for (const ch of charts) {
      expect(ch.title.length).toBeGreaterThan(5);
      expect(ch.caption.length).toBeGreaterThan(20);
    }
    expect(omitted).toEqual([]);
  });

  it('keeps every chart self-contained: inline data only, never a URL', () => {
    for (const ch of charts) {
      const json = JSON.stringify(ch.spec);
      expect(json).not.toMatch(/"url"\s*:/);
    }
  });

  it('says which charts it could not draw, and why', () => {
    const bare = { ...fixtureReportData(c), featureMass: [], inputs: [], learningCurves: [] };
    const r = buildCharts({ ...c, tunedParams: [], curve: [] }, bare);
    expect(r.charts).toEqual([]);
    expect(r.omitted.map((o) => o.id)).toEqual(['metric-vs-setting', 'feature-mass', 'learning-curves']);
    expect(r.omitted[1]!.reason).toMatch(/weight mass/);
  });
});

describe('paramCharts of a setting no two settings differ in alone (a random or TPE search)', () => {
  // the fixture's comparison, its lambda marked as drawn anew with every setting (compare's everySetting)
  const c = { ...fixtureComparison(), everySetting: ['lambda'] };
  const charts = paramCharts(c, 'lambda');

  it('draws points without a line or a CI band, and says each is its own setting', () => {
    for (const chart of charts) {
      const json = JSON.stringify(chart.spec);
      expect(json).toContain('"points"');
      expect(json).toContain('"chosen"');
      expect(json).not.toContain('"name":"line"');
      expect(json).not.toContain('"name":"ci_band"');
      expect(chart.caption).toMatch(/^Each point is one setting, mean across its seeds \(log scale\); the other settings differ from point to point \(no two settings of this search differ in lambda alone\), so read a trend, not a curve\./);
    }
    expect(new Set(rowsOf(charts[0]!.spec).map((r) => r.panel))).toEqual(new Set(['validation_accuracy (selection)', 'test_accuracy (held out)']));
    // a grid keeps its curves
    expect(JSON.stringify(paramCharts(fixtureComparison(), 'lambda')[0]!.spec)).toContain('"name":"line"');
  });
});

describe('paramCharts (metric, gap and zero fraction vs lambda)', () => {
  const c = fixtureComparison();
  const [metric, gap, zero] = paramCharts(c, 'lambda');

  it('puts one point per lambda and group with lambda in each of the two metric panels', () => {
    const rows = rowsOf(metric!.spec);
    const points = rows.filter((r) => !r.reference);
    expect(points).toHaveLength(2 * LAMBDAS.length * 2);
    expect(new Set(points.map((r) => r.panel))).toEqual(new Set(['validation_accuracy (selection)', 'test_accuracy (held out, 95% CI)']));
    const test = points.filter((r) => r.panel.startsWith('test_accuracy') && r.group === 'l1');
    expect(test.map((r) => [r.x, r.y, r.lo, r.hi])).toEqual(LAMBDAS.map((l, i) => [l, [0.74, 0.78, 0.75, 0.52][i], expect.closeTo([0.72, 0.76, 0.73, 0.5][i]!, 12), expect.closeTo([0.76, 0.8, 0.77, 0.54][i]!, 12)]));
    // the CI band is drawn for the compared metric only; the curve records no CI of the selection metric
    expect(points.filter((r) => r.panel.startsWith('validation')).every((r) => r.lo === null)).toBe(true);
  });

  it('draws the group without lambda (none) as a reference level with its CI, not as points', () => {
    const refs = rowsOf(metric!.spec).filter((r) => r.reference);
    expect(refs.map((r) => [r.group, r.x, r.y, r.lo, r.hi])).toEqual([
      ['none', null, 0.731, null, null],
      ['none', null, 0.71, 0.694, 0.726],
    ]);
    expect(rowsOf(gap!.spec).filter((r) => r.reference).map((r) => r.y)).toEqual([expect.closeTo(0.25, 12)]);
    const layers = JSON.stringify(metric!.spec);
    expect(layers).toContain('"reference_rule"');
    expect(layers).toContain('"strokeDash":[6,4]');
  });

  it('rings the lambda each group chose on validation', () => {
    const chosen = rowsOf(metric!.spec).filter((r) => r.chosen);
    expect(chosen.map((r) => [r.group, r.x])).toEqual([['l1', 0.001], ['l2', 0.01], ['l1', 0.001], ['l2', 0.01]]);
  });

  it('uses a log x axis labelled at the powers of ten', () => {
    const json = JSON.stringify(metric!.spec);
    expect(json).toContain('"type":"log"');
    expect(json).toContain('"values":[0.0001,0.001,0.01,0.1]');
    expect(json).toContain('lambda (log scale)');
  });

  it('draws the gap and the zero fraction from the curve', () => {
    expect(rowsOf(gap!.spec).filter((r) => !r.reference && r.group === 'l2').map((r) => r.y)).toEqual([0.24, 0.21, 0.2, 0.12]);
    expect(rowsOf(zero!.spec).filter((r) => !r.reference && r.group === 'l1').map((r) => r.y)).toEqual([0.05, 0.41, 0.78, 0.97]);
  });

  it('leaves out a chart whose numbers were not recorded', () => {
    const noGap = { ...c, curve: c.curve.map((p) => ({ ...p, trainGap: null, zeroFraction: null })) };
    expect(paramCharts(noGap, 'lambda').map((ch) => ch.id)).toEqual(['metric-vs-lambda']);
    const r = buildCharts(noGap, fixtureReportData(noGap));
    expect(r.omitted.map((o) => o.id)).toEqual(['gap-vs-lambda', 'zero-fraction-vs-lambda']);
  });

  it('uses a linear axis for a narrow range and an ordinal one for strings', () => {
    const narrow = { ...c, curve: c.curve.map((p) => (typeof p.value === 'number' ? { ...p, value: 1 + LAMBDAS.indexOf(p.value) } : p)) };
    expect(JSON.stringify(paramCharts(narrow, 'lambda')[0]!.spec)).not.toContain('"type":"log"');
    const words = { ...c, curve: c.curve.map((p) => (typeof p.value === 'number' ? { ...p, value: `v${LAMBDAS.indexOf(p.value)}` } : p)) };
    expect(JSON.stringify(paramCharts(words, 'lambda')[0]!.spec)).toContain('"type":"ordinal"');
  });
});

describe('metricDomain', () => {
  const row = (y: number, lo: number | null, hi: number | null): ParamRow => ({ panel: 'p', group: 'g', x: 1, y, lo, hi, reference: false, chosen: false });

  it('covers the means and the CI bounds', () => {
    expect(metricDomain([row(0.7, 0.65, 0.75), row(0.8, 0.7, 0.9)], 'test_accuracy')).toEqual([0.65, 0.9]);
  });

  it('never goes below 0, nor above 1 for an accuracy, however wide a 2-seed interval is', () => {
    expect(metricDomain([row(0.78, -0.81, 2.36)], 'test_accuracy')).toEqual([0, 1]);
    expect(metricDomain([row(0.78, -0.81, 2.36)], 'test_loss')).toEqual([0, 2.36]);
  });

  it('widens a single value into a visible range', () => {
    const [lo, hi] = metricDomain([row(0.5, null, null)], 'test_accuracy');
    expect(lo).toBeLessThan(0.5);
    expect(hi).toBeGreaterThan(0.5);
  });
});

describe('feature mass', () => {
  it('turns each group\'s mass into shares of its own total, so pruned inputs sit at zero', () => {
    const rows = featureMassRows(fixtureReportData());
    for (const g of ['none', 'l1', 'l2']) {
      const total = rows.filter((r) => r.group === g).reduce((s, r) => s + r.share, 0);
      expect(total).toBeCloseTo(1, 12);
    }
    const l1Noise = rows.filter((r) => r.group === 'l1' && r.input.startsWith('noise'));
    expect(l1Noise.every((r) => r.share < 0.001)).toBe(true);
  });

  it('puts the inputs on the x axis in data-set order, grouped by regularization', () => {
    const { charts } = buildCharts(fixtureComparison(), fixtureReportData());
    const spec = charts.find((ch) => ch.id === 'feature-mass')!.spec as { encoding: { x: { sort: string[] }; xOffset: { field: string } } };
    expect(spec.encoding.x.sort).toEqual(INPUTS);
    expect(spec.encoding.xOffset.field).toBe('group');
  });
});

describe('chart theme', () => {
  it('gives the usual groups fixed colours and others distinct ones', () => {
    expect(groupColors(['none', 'l1', 'l2']).range).toEqual(['#6b6b6b', '#d6604d', '#4c78a8']);
    expect(groupColors(['l2', 'none']).range).toEqual(['#4c78a8', '#6b6b6b']);
    const many = groupColors(['a', 'b', 'c', 'l1']).range;
    expect(new Set(many).size).toBe(4);
  });

  it('labels log axes at powers of ten, or at 1-2-5 steps over a short range', () => {
    expect(logTicks([0.0001, 0.00027, 0.1])).toEqual([0.0001, 0.001, 0.01, 0.1]);
    expect(logTicks([0.004, 0.6])).toEqual([0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5]);
    expect(logTicks([0.001, 0.01])).toEqual([0.001, 0.002, 0.005, 0.01]);
  });
});
