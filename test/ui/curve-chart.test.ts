// The dashboard's learning-curve chart, rendered to SVG with rows inline (the front end inserts them live).
import { describe, expect, it } from 'vitest';
import { renderSvg } from '../../src/report/html/render-svg.ts';
import { curveChart } from '../../src/ui/server/curve-chart.ts';

describe('curveChart', () => {
  it('draws accuracies in percent, with (%) in the panel title, and losses in their units', async () => {
    const rows = [10, 20, 30].flatMap((epoch, i) => [
      { set: 'l2', line: 'l2', key: 'validation_accuracy', epoch, mean: [0.7, 0.75, 0.8][i]!, lo: 0.6, hi: 0.9, n: 3 },
      { set: 'l2', line: 'l2', key: 'train_loss', epoch, mean: [0.6, 0.4, 0.2][i]!, lo: 0.1, hi: 0.7, n: 3 },
    ]);
    const spec = { ...curveChart(['validation_accuracy', 'train_loss'], { domain: ['l2'], range: ['#4c78a8'] }, true), data: { values: rows } };
    const svg = await renderSvg(spec as Parameters<typeof renderSvg>[0]);
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
    expect(texts).toContain('validation_accuracy (%)');
    expect(texts).toContain('train_loss');
    // the y axes: accuracy's band 0.6..0.9 becomes 60..90; the loss's 0.1..0.7 stays
    const yAxes = [...svg.matchAll(/aria-label="Y-axis for a linear scale with values from ([^"]*)"/g)].map((m) => m[1]);
    expect(yAxes).toEqual(['60 to 90', '0.1 to 0.7']);
  });
});
