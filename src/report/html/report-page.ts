import { displayPath } from '../../text/display-path.ts';
import { groupDigits } from '../../text/plain-format.ts';
import { savedText, tiesNote } from '../compare-text.ts';
import type { Comparison } from '../comparison.ts';
import type { OmittedChart } from './chart-spec.ts';
import { escapeHtml } from './html-text.ts';
import type { ReportData } from './load-report-data.ts';
import { curveTable, featureMassTable, groupsTable, pairsTable, perSeedTable } from './report-tables.ts';

/** A chart rendered to SVG, ready for the page. */
export interface RenderedChart {
  id: string;
  title: string;
  caption: string;
  /** a complete `<svg>` element */
  svg: string;
}

export interface ReportPageInput {
  comparison: Comparison;
  data: ReportData;
  charts: RenderedChart[];
  omitted: OmittedChart[];
  /** when the report was made */
  generatedAt: Date;
  /** e.g. `regsweep 0.1.0` */
  generator: string;
}

// Nothing may leave the file: no scripts, no fetches. The policy makes a browser enforce it too.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const CSS = `
:root { color-scheme: light; --fg: #1d1d1f; --muted: #5f6368; --line: #e3e3e3; --best: #f3f8ee; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: var(--fg); background: #fff; }
main { max-width: 1240px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 22px; margin: 0 0 4px; font-weight: 600; }
h1 small { font-size: 15px; color: var(--muted); font-weight: normal; }
h2 { font-size: 17px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); font-weight: 600; }
h3 { font-size: 15px; margin: 0 0 2px; font-weight: 600; }
.meta { color: var(--muted); margin: 0; }
.verdict { font-size: 16px; padding: 10px 14px; background: #f6f8fa; border-left: 4px solid #4c78a8; margin: 12px 0 0; }
table { border-collapse: collapse; margin: 8px 0; font-variant-numeric: tabular-nums; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: left; white-space: nowrap; vertical-align: top; }
th { font-weight: 600; background: #fafafa; white-space: normal; vertical-align: bottom; }
td.num, th.num { text-align: right; }
table.compare th { white-space: nowrap; } /* headers break where written (<br>) */
tr.best td { background: var(--best); font-weight: 600; }
.scroll { overflow-x: auto; }
figure { margin: 24px 0 0; }
figcaption { color: var(--muted); margin: 0 0 8px; max-width: 820px; }
figure svg { max-width: 100%; height: auto; display: block; }
details { margin: 10px 0; }
summary { cursor: pointer; font-weight: 600; }
pre { background: #f6f8fa; padding: 10px; overflow-x: auto; font-size: 12px; }
.note { color: var(--muted); }
ul.omitted { color: var(--muted); }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
`;

/**
 * The report as one self-contained HTML document: sweep information, the verdict, the comparison
 * tables, the charts as inline SVG and the detail tables. No scripts and no external resources, so it
 * opens offline and can be mailed or archived as is.
 *
 * @example
 * const html = reportPage({ comparison, data, charts, omitted: [], generatedAt: new Date(), generator: 'regsweep 0.1.0' });
 * await writeFile('report.html', html);
 */
export function reportPage(input: ReportPageInput): string {
  const { comparison: c, data, charts, omitted } = input;
  const s = data.sweep;
  const title = `${c.sweep.name} v${c.sweep.version}: ${c.metric} by ${c.by}`;
  const meta = [
    `sweep #${c.sweep.id}`,
    s ? `recorded ${s.createdAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}` : undefined,
    s?.filePath ? `from ${displayPath(s.filePath)}` : undefined,
    s?.gitCommit ? `commit ${s.gitCommit.slice(0, 10)}` : undefined,
    s ? `on ${s.host}` : undefined,
  ].filter((x): x is string => x !== undefined);
  const seeds = [...new Set(c.groups.map((g) => g.n))].join('/');
  const excluded = Object.entries(c.excluded ?? {}).filter(([, n]) => n > 0).map(([why, n]) => `${n} ${why}`);
  const counted = c.used === undefined ? '' : ` ${c.used} trials counted${excluded.length ? `, left out: ${excluded.join(', ')}` : ''}${savedText(c)}.`;
  const tuned = c.tunedParams.length === 0
    ? `nothing tuned besides ${c.by}`
    : c.select === 'pooled'
      ? `${c.tunedParams.join(', ')} chosen per ${c.by} on mean ${c.selectionMetric} over seeds (pooled choice: descriptive, p-values not calibrated)`
      : `${c.tunedParams.join(', ')} chosen for each seed on that seed's ${c.selectionMetric} (the tuning repeated per seed: calibrated tests)`;
  const figures = charts.map((ch) => `<figure id="${escapeHtml(ch.id)}" class="chart">
<h3>${escapeHtml(ch.title)}</h3>
<figcaption>${escapeHtml(ch.caption)}</figcaption>
${ch.svg}
</figure>`);
  const omittedList = omitted.length
    ? `<ul class="omitted">${omitted.map((o) => `<li id="${escapeHtml(o.id)}">${escapeHtml(o.title)}: not drawn, ${escapeHtml(o.reason)}.</li>`).join('')}</ul>`
    : '';
  const massDetails = data.featureMass.length
    ? `<details><summary>Weight mass per input (absolute, mean across seeds)</summary><div class="scroll">${featureMassTable(c, data)}</div></details>`
    : '';
  const ties = tiesNote(c);
  const specDetails = s ? `<details><summary>Sweep definition</summary><pre>${escapeHtml(JSON.stringify(s.spec, null, 2))}</pre></details>` : '';

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${escapeHtml(input.generator)}">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header>
<h1>${escapeHtml(c.sweep.name)} <small>version ${c.sweep.version}</small></h1>
<p class="meta">${escapeHtml(meta.join(' · '))}</p>
<p class="meta">${escapeHtml(`${c.metric} (${c.higherIsBetter ? 'higher' : 'lower'} is better) compared across ${c.by}; ${tuned}; ${seeds} seeds per group.${counted}`)}</p>
</header>

<section id="verdict">
<h2>Verdict</h2>
<p class="verdict">${escapeHtml(c.verdict)}</p>
</section>

<section id="groups">
<h2>${escapeHtml(c.select === 'pooled' ? `Chosen setting per ${c.by} (pooled, descriptive)` : `Settings chosen per seed, per ${c.by}`)}</h2>
<div class="scroll">${groupsTable(c)}</div>
<p class="note">${escapeHtml(`Mean across seeds at the setting(s) chosen; the 95% CI is a t-interval over seeds; IQM: interquartile mean (the middle half of the seeds). Train gap: train metric − ${c.metric}. The best group is highlighted.`)}</p>
${ties ? `<p class="note" id="ties">${escapeHtml(ties)}</p>
` : ''}</section>

<section id="pairs">
<h2>Pairwise comparison</h2>
<div class="scroll">${pairsTable(c)}</div>
<p class="note">${escapeHtml(`Differences of ${c.metric} paired by seed, with a 95% t-interval and a paired-bootstrap percentile interval (${groupDigits(c.bootstrap.resamples)} resamples of the seeds, seed ${c.bootstrap.seed}). P(a better): share of seeds on which a does better (ties half), with its bootstrap interval. p-values are two-sided, Holm-adjusted over the ${c.pairs.length} pair${c.pairs.length === 1 ? '' : 's'}. Seeds for 80% power: the seeds at which a difference of this size would be found by the paired t-test at 0.05 four times in five.`)}</p>
</section>

<section id="charts">
<h2>Charts</h2>
${figures.join('\n')}
${omittedList}
</section>

<section id="details">
<h2>Details</h2>
<details><summary>Every ${escapeHtml(c.by)} at every setting</summary><div class="scroll">${curveTable(c)}</div></details>
<details><summary>Every seed at the setting chosen for it</summary><div class="scroll">${perSeedTable(c)}</div></details>
${massDetails}
${specDetails}
</section>

<footer>${escapeHtml(`Made by ${input.generator} on ${input.generatedAt.toISOString()}. Self-contained: no scripts, no network.`)}</footer>
</main>
</body>
</html>
`;
}
