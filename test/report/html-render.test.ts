import { describe, expect, it } from 'vitest';
import { buildCharts } from '../../src/report/html/charts.ts';
import { renderReport } from '../../src/report/html/render-report.ts';
import { renderSvg } from '../../src/report/html/render-svg.ts';
import { INPUTS, LAMBDAS, fixtureComparison, fixtureReportData } from './html-fixture.ts';

/** How many marks (paths or lines with geometry) the named Vega-Lite layer drew, over all its groups in `svg`. */
function countMarks(svg: string, name: string): number {
  // an empty group is self-closing (<g .../>): skip it rather than read on into the next group
  const groups = [...svg.matchAll(new RegExp(`<g class="mark-\\w+ role-mark ${name}_marks"[^>]*(?<!/)>(.*?)</g>`, 'gs'))];
  return groups.reduce((n, g) => n + [...g[1]!.matchAll(/<(?:path|line)\b[^>]*?(?:\sd="M[^"]+"|\sx2=")/g)].length, 0);
}

describe('renderSvg', () => {
  it('renders a Vega-Lite spec to a static SVG string without a DOM', async () => {
    const svg = await renderSvg({
      data: { values: [{ a: 1, b: 2 }, { a: 2, b: 3 }] }, mark: 'point', name: 'dots',
      encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' } },
    });
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(countMarks(svg, 'dots')).toBe(2);
  });

  it('refuses to load data from a URL: the report never touches the network', async () => {
    await expect(renderSvg({ data: { url: 'https://example.com/data.json' }, mark: 'point' })).rejects.toThrow(/offline/);
  });
});

describe('the charts as SVG', async () => {
  const c = fixtureComparison();
  const { charts } = buildCharts(c, fixtureReportData(c));
  const svgs = new Map(await Promise.all(charts.map(async (ch) => [ch.id, await renderSvg(ch.spec)] as const)));

  it('draws a point per lambda and group with lambda in both panels of the metric chart, and a rule for none', () => {
    const svg = svgs.get('metric-vs-lambda')!;
    expect(countMarks(svg, 'points')).toBe(2 * LAMBDAS.length * 2);
    expect(countMarks(svg, 'reference_rule')).toBe(2);
    expect(countMarks(svg, 'chosen')).toBe(4);
    expect(countMarks(svg, 'line')).toBe(4); // 2 groups x 2 panels
    expect(countMarks(svg, 'ci_band')).toBe(2);
    expect(countMarks(svg, 'reference_band')).toBe(1);
  });

  it('draws the gap and zero-fraction charts with points and the reference rule', () => {
    for (const id of ['gap-vs-lambda', 'zero-fraction-vs-lambda']) {
      expect(countMarks(svgs.get(id)!, 'points'), id).toBe(LAMBDAS.length * 2);
      expect(countMarks(svgs.get(id)!, 'reference_rule'), id).toBe(1);
    }
  });

  it('draws a bar per input and group, with the input names on the axis', () => {
    const svg = svgs.get('feature-mass')!;
    expect(countMarks(svg, 'bars')).toBe(INPUTS.length * 3);
    for (const input of INPUTS) expect(svg).toContain(`>${input}</text>`);
  });

  it('draws a validation and a test curve per group, and a training-loss curve per group', () => {
    const svg = svgs.get('learning-curves')!;
    expect(countMarks(svg, 'metric_lines')).toBe(2 * 3);
    expect(countMarks(svg, 'loss_lines')).toBe(3);
  });

  it('labels accuracy axes in percent and the train - test gap in points, as the tables write them', async () => {
    // The fixture's accuracies span 0.5..0.8 (metricDomain), its gaps 0.02..0.26: vega's ticks every 0.05.
    expect(yLabels(svgs.get('metric-vs-lambda')!)).toEqual(['50%', '55%', '60%', '65%', '70%', '75%', '80%']);
    expect(yLabels(svgs.get('gap-vs-lambda')!)).toEqual(['0', '+5', '+10', '+15', '+20', '+25']);
    expect(yLabels(svgs.get('learning-curves')!).every((l) => /^\d+(\.\d)?%$/.test(l))).toBe(true);
    // a metric that is not a proportion keeps its units
    const loss = { ...c, metric: 'test_loss', selectionMetric: 'validation_loss' };
    const [metric, gap] = buildCharts(loss, fixtureReportData(loss)).charts;
    expect(yLabels(await renderSvg(metric!.spec))).toEqual(['0.50', '0.55', '0.60', '0.65', '0.70', '0.75', '0.80']);
    expect(yLabels(await renderSvg(gap!.spec))).toEqual(['0.00', '0.05', '0.10', '0.15', '0.20', '0.25']);
  });
});

/** The tick labels of the first y axis in `svg`, in the order vega draws them (bottom up). */
function yLabels(svg: string): string[] {
  const axis = /<g class="mark-group role-axis" role="graphics-symbol" aria-roledescription="axis" aria-label="Y-axis.*?<g class="mark-text role-axis-label"[^>]*>(.*?)<\/g>/s.exec(svg);
  return [...(axis?.[1] ?? '').matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
}

describe('renderReport', async () => {
  const c = fixtureComparison();
  const html = await renderReport(c, fixtureReportData(c), { generatedAt: new Date('2026-01-02T00:00:00Z'), generator: 'regsweep test' });

  it('is one self-contained document: no scripts, nothing fetched, a CSP that forbids both', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<(?:link|img|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/url\((?!#)/i); // clip paths point inside the file: url(#clip1)
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  });

  it('holds every chart as inline SVG in a figure with its id and title', () => {
    for (const id of ['metric-vs-lambda', 'gap-vs-lambda', 'zero-fraction-vs-lambda', 'feature-mass', 'learning-curves']) {
      expect(html).toMatch(new RegExp(`<figure id="${id}" class="chart">\\s*<h3>[^<]+</h3>\\s*<figcaption>[^<]+</figcaption>\\s*<svg `));
    }
  });

  it('says which choices an exact tie on validation decided, under the groups table, and nothing when none did', async () => {
    expect(html).not.toContain('id="ties"');
    const tied = { ...c, groups: c.groups.map((g, i) => (i === 1 ? { ...g, ties: { seeds: 2, settings: 3 } } : g)) };
    const withTies = await renderReport(tied, fixtureReportData(tied), { generatedAt: new Date('2026-01-02T00:00:00Z'), generator: 'regsweep test' });
    expect(withTies).toContain(`<p class="note" id="ties">Exact ties on validation accuracy decided some choices, the earlier setting taken (lambda ascending): ${c.groups[1]!.group} on 2 of 5 seeds (up to 3 settings tied). `
      + 'The validation split cannot tell tied settings apart, so which of them is chosen is arbitrary.</p>\n</section>');
  });

  it("writes the bootstrap's resamples with grouped digits, as the terminal does", () => {
    // the fixture's 10_000 resamples, seed 0
    expect(html).toContain('a paired-bootstrap percentile interval (10,000 resamples of the seeds, seed 0)');
  });

  it('has the sweep, the verdict and the comparison tables', () => {
    expect(html).toContain('<title>fixture-sweep v2: test_accuracy by regularization</title>');
    expect(html).toContain('commit deadbeef');
    expect(html).toContain(`<p class="verdict">${c.verdict}</p>`);
    expect(html).toMatch(/<tr class="best"><td>l1<\/td><td>lambda = 0.001<\/td>/);
    expect(html).toContain('<td>l1 − none</td>');
    // l1 − none: 95% t-interval 0.03..0.11, in percentage points as regsweep compare prints it
    expect(html).toContain('<td class="num">+3.0..+11.0</td>');
    expect(html).toContain('<td class="num">5 / 0 / 0</td>');
    expect(html).toContain('Made by regsweep test on 2026-01-02T00:00:00.000Z');
  });

  it('escapes names, so a group or sweep name cannot inject markup', async () => {
    const evil = fixtureComparison();
    evil.sweep.name = '<img src=x onerror=alert(1)>';
    evil.groups[0]!.group = '<b>none</b>';
    const page = await renderReport(evil, fixtureReportData(evil));
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).not.toContain('<b>none</b>');
  });

  it('lists the charts it could not draw', async () => {
    const page = await renderReport({ ...c, tunedParams: [], curve: [] }, { ...fixtureReportData(c), featureMass: [], inputs: [] });
    expect(page).toContain('<li id="feature-mass">Weight mass per input feature: not drawn, the trials recorded no per-input weight mass');
    expect(page).not.toContain('<figure id="metric-vs-lambda"');
  });

  it('stays small', () => {
    expect(Buffer.byteLength(html)).toBeLessThan(250_000);
  });
});
