import type { ChangesResponse, SweepResponse } from '../../api-types.ts';
import { settingText } from '../../../report/compare-format.ts';
import type { Comparison } from '../../../report/comparison.ts';
import { ApiRequestError, getJson } from '../api.ts';
import { TrialCurves } from '../curves.ts';
import { fill, h, orderedStatuses, progressBar, statusBadge, trustedHtml, when } from '../dom.ts';
import { changeFeed, coalesce } from '../live.ts';
import { parallelFigure } from '../parallel.ts';
import { loadCharts } from '../views.ts';
import type { Page } from './page.ts';

const CURVES_ID = 'learning-curves';

/**
 * One sweep: the comparison as `regsweep compare` computes it (verdict, groups, pairs, curve table), the
 * metric-vs-setting and parallel-coordinates charts, and the learning curves of the chosen and running
 * settings. Finished trials refresh the comparison; running ones extend their curves point by point.
 */
export const sweepPage: Page = (main, url) => {
  const id = Number(url.pathname.split('/')[2]);
  const options = { by: url.searchParams.get('by') ?? undefined, metric: url.searchParams.get('metric') ?? undefined };
  const curves = new TrialCurves();
  let view: SweepResponse | undefined;
  let chartsKey = '';
  let drawnKey = '';
  const sections = {
    head: h('section', { id: 'sweep-head' }),
    verdict: h('section', { id: 'verdict', class: 'card' }),
    tables: h('section', { id: 'tables' }),
    charts: h('section', { id: 'charts', class: 'charts' }),
    curves: h('section', { id: 'curves' }),
  };
  main.replaceChildren(...Object.values(sections));

  // vega is a chunk of its own, loaded once the words are painted: its evaluation would hold them back
  let charts: ReturnType<typeof loadCharts> | undefined;
  const load = async () => {
    const next = await getJson<SweepResponse>(`/api/sweeps/${id}`, options);
    view = next;
    // the words first (head, verdict, tables): they show while the charts are drawn
    renderHead(sections.head, next);
    renderVerdict(sections.verdict, next);
    renderTables(sections.tables, next);
    main.setAttribute('data-content', 'sweep');
    // let the browser paint them before vega's parsing holds the thread; the frame's time is the bench's figure
    await new Promise((resolve) => requestAnimationFrame(() => {
      if (!performance.getEntriesByName('regsweep:content').length) performance.mark('regsweep:content');
      setTimeout(resolve, 0);
    }));
    charts ??= loadCharts();
    const { chartFigure } = await charts;
    const key = JSON.stringify([next.charts, next.parallel, next.curveSets.map((s) => s.label)]);
    if (key !== chartsKey) {
      chartsKey = key;
      const folded = next.charts.filter((c) => c.folded);
      const more = folded.length === 0 ? [] : [h('details', { class: 'card more-charts', id: 'more-charts' },
        h('summary', {}, `Metric vs the other tuned settings (${folded.map((c) => c.id.replace(/^metric-vs-/, '')).join(', ')})`))];
      // drawn when opened: three more faceted charts cost a second on a loaded machine
      more[0]?.addEventListener('toggle', () => { if (more[0]!.children.length === 1) more[0]!.append(...folded.map(chartFigure)); });
      sections.charts.replaceChildren(...next.charts.filter((c) => !c.folded).map(chartFigure), ...(next.parallel ? [parallelFigure(next.parallel)] : []), ...more);
      renderCurves(sections.curves, next);
    }
    await refreshCurves(next.curveSets.flatMap((s) => s.trialIds).filter((t) => !curves.has(t) || key !== drawnKey));
    drawnKey = key;
    // an older view while the server waits to rebuild a big sweep's: ask again when it says
    clearTimeout(refresh);
    if (next.refreshInMs !== null) refresh = setTimeout(reload, next.refreshInMs);
    main.setAttribute('data-ready', 'sweep');
    if (!performance.getEntriesByName('regsweep:ready').length) performance.mark('regsweep:ready');
  };
  const refreshCurves = async (ids: number[]) => {
    if (!view) return;
    if (ids.length) await curves.update(ids);
    const target = sections.curves.querySelector<HTMLElement>('.chart');
    if (target) await (await (charts ??= loadCharts())).renderWithData(CURVES_ID, view.curveSpec, target, 'curves', curves.rows(view.curveSets, view.curveKeys));
    sections.curves.setAttribute('data-points', String(view.curveSets.flatMap((s) => s.trialIds).reduce((n, t) => n + curves.count(t), 0)));
  };

  const reload = coalesce(load);
  const pending = new Set<number>();
  const extend = coalesce(async () => {
    const ids = [...pending];
    pending.clear();
    await refreshCurves(ids);
  });
  const onChanges = (changes: ChangesResponse) => {
    const mine = changes.trials.filter((t) => t.sweepId === id);
    if (mine.length === 0 || !view) return;
    const shown = new Set(view.curveSets.flatMap((s) => s.trialIds));
    for (const t of mine) if (shown.has(t.id) && t.curvePoints > curves.count(t.id)) pending.add(t.id);
    if (pending.size) extend();
    // a status change can move the comparison, the counts and which settings are running
    if (mine.some((t) => t.status !== 'running' || !shown.has(t.id))) reload();
  };

  let refresh: ReturnType<typeof setTimeout> | undefined;
  let stop = () => {};
  load().then(() => { stop = changeFeed.subscribe(onChanges); }, (error: Error) => {
    main.replaceChildren(h('h1', {}, 'Sweep'), h('p', { class: 'error', id: 'error' }, error.message));
    if (error instanceof ApiRequestError) main.setAttribute('data-ready', 'error');
  });
  return () => { stop(); clearTimeout(refresh); };
};

function renderHead(el: HTMLElement, v: SweepResponse): void {
  const s = v.sweep;
  fill(el,
    h('div', { class: 'crumbs' }, h('a', { href: '/' }, 'Sweeps'), ' / '),
    h('h1', {}, s.name, h('span', { class: 'version' }, ` v${s.version}`)),
    s.description ? h('p', { class: 'description' }, s.description) : null,
    h('div', { class: 'meta' },
      h('span', { class: 'statuses', id: 'sweep-counts', 'data-total': s.total }, orderedStatuses(s.counts).map(([st, n]) => statusBadge(st, n))),
      progressBar(s.counts, s.total),
      h('span', { class: 'muted' }, `objective ${s.objectiveMetric} (${s.objectiveDirection === 'maximize' ? 'max' : 'min'}) · ${s.total ? `${v.settings.toLocaleString('en-US')} settings × ${v.seeds} seed${v.seeds === 1 ? '' : 's'}` : 'no trials recorded yet'} · ${s.filePath} · created ${when(s.createdAt)}`),
      h('a', { href: `/trials?sweep=${encodeURIComponent(s.name)}&version=${s.version}`, class: 'button' }, `All ${s.total.toLocaleString('en-US')} trials →`)),
    stoppedLine(v));
}

/**
 * Trials stopped on purpose, counted: how many were pruned and raced out, and what the comparison left out
 * with them, in the words of `regsweep compare`'s excluded line.
 */
function stoppedLine(v: SweepResponse): HTMLElement | null {
  const pruned = v.sweep.counts.pruned ?? 0;
  const racedOut = v.sweep.counts['raced-out'] ?? 0;
  if (pruned + racedOut === 0) return null;
  const c = v.comparison;
  const saved = c?.stopped?.epochsSaved;
  const stopped = [
    pruned ? `${pruned.toLocaleString('en-US')} pruned` : '', racedOut ? `${racedOut.toLocaleString('en-US')} raced out` : '',
    typeof saved === 'number' ? `${saved.toLocaleString('en-US')} training epochs saved` : '',
  ].filter(Boolean).join(', ');
  const excluded = Object.entries(c?.excluded ?? {});
  const total = excluded.reduce((n, [, k]) => n + k, 0);
  const left = !c ? 'not compared yet.'
    : `compare counts ${(c.used ?? 0).toLocaleString('en-US')} completed trials and excludes ${total.toLocaleString('en-US')} (${excluded.map(([why, n]) => `${n.toLocaleString('en-US')} ${why}`).join(', ')}).`;
  return h('p', { class: 'stopped', id: 'stopped', 'data-pruned': pruned, 'data-raced-out': racedOut },
    h('strong', {}, `Stopped early: ${stopped}`), ` (drawn in the learning curves, ending in ×); ${left}`);
}

function renderVerdict(el: HTMLElement, v: SweepResponse): void {
  const c = v.comparison;
  if (!c) {
    el.replaceChildren(h('h2', {}, 'Verdict'), h('p', { class: 'muted', id: 'no-comparison' }, `No comparison yet: ${v.comparisonError}`));
    return;
  }
  const excluded = Object.entries(c.excluded ?? {}).map(([why, n]) => `${n} ${why}`).join(', ');
  el.replaceChildren(
    h('h2', {}, 'Verdict'),
    h('p', { class: 'verdict' }, c.verdict),
    h('p', { class: 'muted small' }, `${c.metric} compared by ${c.by}; each group's ${c.tunedParams.join(', ') || 'setting'} chosen on ${c.selectionMetric}; `
      + `${c.used ?? 0} trials used${excluded ? `, left out: ${excluded}` : ''}. Same numbers as regsweep compare ${v.sweep.name} --version ${v.sweep.version}.`));
}

function renderTables(el: HTMLElement, v: SweepResponse): void {
  if (!v.tables || !v.comparison) { el.replaceChildren(); return; }
  const groups = trustedHtml('div', v.tables.groups, { id: 'groups', class: 'scroll' });
  listChoices(groups, v.comparison);
  el.replaceChildren(
    h('div', { class: 'card' }, h('h2', {}, 'Groups at their chosen settings'), groups,
      v.tiesNote ? h('p', { class: 'muted small', id: 'ties' }, v.tiesNote) : null),
    h('div', { class: 'card' }, h('h2', {}, 'Pairs, matched by seed'), trustedHtml('div', v.tables.pairs, { id: 'pairs', class: 'scroll' })),
    h('details', { class: 'card' }, h('summary', {}, 'Every group at every value of each tuned setting'), trustedHtml('div', v.tables.curve, { id: 'curve-table', class: 'scroll' })));
}

/** Settings listed per group at first; the others behind "n more". */
const CHOICES_SHOWN = 3;

/**
 * The groups table's "chosen per seed" cells as lists, most chosen first: one line per setting with the seeds
 * that chose it (the report's one comma-separated line is thousands of pixels wide for 10 seeds of 4 params).
 */
function listChoices(table: HTMLElement, c: Comparison): void {
  table.querySelectorAll('tbody tr').forEach((tr, i) => {
    const choices = [...(c.groups[i]?.choices ?? [])].sort((a, b) => b.seeds - a.seeds);
    const cell = tr.children[1];
    if (!cell || choices.length <= 1) return;
    const line = (ch: (typeof choices)[number]) => h('li', {}, settingText(ch.setting) || 'default', h('span', { class: 'muted' }, ` ×${ch.seeds}`));
    const rest = choices.slice(CHOICES_SHOWN);
    cell.replaceChildren(h('ul', { class: 'choices' }, choices.slice(0, CHOICES_SHOWN).map(line)),
      ...(rest.length ? [h('details', {}, h('summary', { class: 'muted' }, `${rest.length} more`), h('ul', { class: 'choices' }, rest.map(line)))] : []));
  });
}

function renderCurves(el: HTMLElement, v: SweepResponse): void {
  const target = h('div', { class: 'chart' });
  const running = v.curveSets.filter((s) => s.role === 'running').length;
  const stopped = v.curveSets.filter((s) => s.role === 'pruned' || s.role === 'raced-out')
    .map((s) => `${s.trialIds.length < (s.of ?? 0) ? `${s.trialIds.length} of the ${s.of} trials` : `the ${s.trialIds.length} trial${s.trialIds.length > 1 ? 's' : ''}`} ${s.role === 'pruned' ? 'pruned' : 'raced out'}`
      + (s.trialIds.length < (s.of ?? 0) ? ' (the last with a curve)' : ''));
  el.replaceChildren(h('figure', { id: CURVES_ID, class: 'card' },
    h('figcaption', { class: 'title' }, 'Learning curves by setting'),
    v.curveSets.length ? target : h('p', { class: 'muted' }, 'No curves recorded yet.'),
    h('p', { class: 'caption' }, `Each line is a setting's mean across its seeds; the band runs from the lowest to the highest seed. `
      + `Shown: for each group, the trials the comparison used (each seed at its chosen setting)${running ? `, and ${running} setting${running > 1 ? 's' : ''} with trials running (updated live)` : ''}.`
      + (stopped.length ? ` Dashed, one line per trial, ending in × at the epoch it was stopped: ${stopped.join('; ')}.` : ''))));
}
