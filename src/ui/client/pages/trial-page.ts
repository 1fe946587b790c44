import type { ChangesResponse, ChartPayload, TrialResponse } from '../../api-types.ts';
import { getJson } from '../api.ts';
import { TrialCurves } from '../curves.ts';
import { duration, fill, fmt, h, statusBadge, when } from '../dom.ts';
import { changeFeed, coalesce } from '../live.ts';
import { loadCharts } from '../views.ts';
import type { Page } from './page.ts';

const CURVES_ID = 'trial-curves';
const SPLITS = ['train', 'validation', 'test'];

/** One trial: params, final metrics per split, weight mass per input, curves (growing while it runs) and config. */
export const trialPage: Page = (main, url) => {
  const id = Number(url.pathname.split('/')[2]);
  const curves = new TrialCurves();
  let view: TrialResponse | undefined;

  const load = async () => {
    const [next, { chartFigure }] = await Promise.all([getJson<TrialResponse>(`/api/trials/${id}`), loadCharts()]);
    view = next;
    render(main, view, chartFigure);
    await extend();
    main.setAttribute('data-ready', 'trial');
  };
  const extend = async () => {
    if (!view) return;
    await curves.update([id]);
    const target = main.querySelector<HTMLElement>(`#${CURVES_ID} .chart`);
    if (target) await (await loadCharts()).renderWithData(CURVES_ID, view.curveSpec, target, 'curves', curves.splitRows(id));
    main.querySelector(`#${CURVES_ID}`)?.setAttribute('data-points', String(curves.count(id)));
  };
  const reload = coalesce(load);
  const grow = coalesce(extend);
  const onChanges = (changes: ChangesResponse) => {
    const mine = changes.trials.find((t) => t.id === id);
    if (!mine || !view) return;
    if (mine.status !== view.trial.status) reload();
    else if (mine.curvePoints > curves.count(id)) grow();
  };
  let stop = () => {};
  load().then(() => { stop = changeFeed.subscribe(onChanges); }, (error: Error) => {
    main.replaceChildren(h('h1', {}, `Trial ${url.pathname.split('/')[2]}`), h('p', { class: 'error', id: 'error' }, error.message));
    main.setAttribute('data-ready', 'error');
  });
  return () => stop();
};

function render(main: HTMLElement, v: TrialResponse, chartFigure: (chart: ChartPayload) => HTMLElement): void {
  const t = v.trial;
  const splits = [...SPLITS.filter((s) => s in v.metricsBySplit), ...Object.keys(v.metricsBySplit).filter((s) => !SPLITS.includes(s))];
  const names = [...new Set(splits.flatMap((s) => Object.keys(v.metricsBySplit[s] ?? {})))].sort();
  const metricsTable = h('table', { class: 'list', id: 'metrics' },
    h('thead', {}, h('tr', {}, h('th', {}, 'metric'), splits.map((s) => h('th', { class: 'num' }, s)))),
    h('tbody', {}, names.map((n) => h('tr', {}, h('td', {}, n), splits.map((s) => h('td', { class: 'num' }, n in (v.metricsBySplit[s] ?? {}) ? fmt(v.metricsBySplit[s]![n]) : ''))))));
  const paramsTable = h('table', { class: 'list', id: 'params' },
    h('tbody', {}, Object.entries(v.params).map(([k, val]) => h('tr', {}, h('th', {}, k), h('td', { class: 'num' }, fmt(val))))));
  fill(main,
    h('div', { class: 'crumbs' }, h('a', { href: '/' }, 'Sweeps'), ' / ', h('a', { href: `/sweeps/${v.sweep.id}` }, `${v.sweep.name} v${v.sweep.version}`), ' / '),
    h('h1', {}, `Trial ${t.id} `, statusBadge(t.status)),
    stoppedNote(t.status, v.summary),
    h('p', { class: 'muted' }, `seed ${t.seed} · ${duration(t.durationMs)} · started ${when(t.startedAt)} · finished ${when(t.finishedAt)} · ${t.attempts} attempt${t.attempts === 1 ? '' : 's'}${t.worker ? ` · worker ${t.worker}` : ''}`),
    t.error ? h('pre', { class: 'error' }, t.error) : null,
    h('div', { class: 'two' },
      h('div', { class: 'card' }, h('h2', {}, 'Swept params'), paramsTable),
      h('div', { class: 'card' }, h('h2', {}, 'Final metrics by split'), names.length ? metricsTable : h('p', { class: 'muted' }, 'No metrics recorded yet.'))),
    h('figure', { id: CURVES_ID, class: 'card' }, h('figcaption', { class: 'title' }, 'Learning curves by split'), h('div', { class: 'chart' }),
      h('p', { class: 'caption' }, t.status === 'running' ? 'Recorded so far; new points appear as the trial reports them.' : 'Every recorded evaluation.')),
    v.featureMassChart ? chartFigure(v.featureMassChart) : h('p', { class: 'muted card', id: 'feature-mass' }, 'No weight mass per input recorded (an own objective, or not finished).'),
    v.featureMass.length ? h('details', { class: 'card' }, h('summary', {}, 'Weight mass per input (sum of |w|)'),
      h('table', { class: 'list', id: 'feature-mass-table' }, h('tbody', {}, v.featureMass.map((m) => h('tr', {}, h('td', {}, m.input), h('td', { class: 'num' }, fmt(m.mass)), h('td', { class: 'num' }, `${(m.share * 100).toFixed(1)}%`)))))) : null,
    v.summary ? h('details', { class: 'card' }, h('summary', {}, 'Summary'), h('pre', { class: 'json' }, JSON.stringify(v.summary, null, 2))) : null,
    h('details', { class: 'card', open: true }, h('summary', {}, 'Resolved config'), h('pre', { class: 'json', id: 'config' }, JSON.stringify(v.config, null, 2))));
}

/** For a trial stopped on purpose, where and why: `stoppedEpoch` is in its summary. */
function stoppedNote(status: string, summary: Record<string, unknown> | null): HTMLElement | null {
  if (status !== 'pruned' && status !== 'raced-out') return null;
  const epoch = typeof summary?.stoppedEpoch === 'number' ? ` at epoch ${summary.stoppedEpoch}` : '';
  const why = status === 'pruned' ? 'by the pruner: its curve was behind its peers\' on the same seed' : 'by racing: its configuration lost the race over seeds';
  return h('p', { class: 'stopped', id: 'stopped' }, h('strong', {}, `Stopped${epoch}`), ` ${why}; its metrics are the last it reported, and compare leaves it out.`);
}
