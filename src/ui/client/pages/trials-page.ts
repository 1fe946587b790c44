import type { SweepsResponse, TrialRowView, TrialsCountResponse, TrialsResponse } from '../../api-types.ts';
import { ApiRequestError, getJson } from '../api.ts';
import { duration, fmt, h, statusBadge, when } from '../dom.ts';
import { changeFeed, coalesce } from '../live.ts';
import type { Page } from './page.ts';

/** What the table shows, as the URL's query string holds it: `/trials?sweep=l2-demo&where=...&sort=...&desc=1&page=2`. */
interface TrialsState {
  sweep: string;
  version: string;
  where: string;
  sort: string;
  desc: boolean;
  page: number;
}

const EXAMPLE = "params.regularization = 'l1' and metrics.test_accuracy > 0.8";

/**
 * The trials table: the filter language, sort and scope of `regsweep runs`, a page at a time. A bad filter
 * is shown with a caret under the column where it goes wrong; the table refreshes as trials change.
 */
export const trialsPage: Page = (main, url) => {
  const state = readState(url);
  const sweepSelect = h('select', { name: 'sweep', id: 'sweep-select' }, h('option', { value: '' }, 'every sweep (latest versions)'));
  const where = h('input', { name: 'where', id: 'where', type: 'text', spellcheck: 'false', autocomplete: 'off', placeholder: EXAMPLE, value: state.where }) as HTMLInputElement;
  const sort = h('input', { name: 'sort', id: 'sort', type: 'text', spellcheck: 'false', placeholder: 'id, metrics.test_accuracy, params.lambda…', value: state.sort }) as HTMLInputElement;
  const desc = h('input', { name: 'desc', id: 'desc', type: 'checkbox' }) as HTMLInputElement;
  desc.checked = state.desc;
  const errorBox = h('div', { id: 'filter-error', class: 'filter-error', hidden: true });
  const summary = h('p', { id: 'trials-summary', class: 'muted' });
  const tableBox = h('div', { class: 'card scroll' });
  const pager = h('div', { class: 'pager' });
  const form = h('form', { class: 'card filters', id: 'trials-form' },
    h('label', {}, 'sweep ', sweepSelect),
    h('label', { class: 'grow' }, 'filter ', where),
    h('label', {}, 'sort ', sort),
    h('label', {}, desc, ' descending'),
    h('button', { type: 'submit' }, 'Apply'));
  main.replaceChildren(h('h1', {}, 'Trials'), form, errorBox, summary, tableBox, pager);

  void getJson<SweepsResponse>('/api/sweeps').then(({ sweeps }) => {
    const names = [...new Set(sweeps.map((s) => s.name))].sort();
    for (const name of names) sweepSelect.append(h('option', { value: name }, name));
    sweepSelect.value = state.sweep;
  });

  let requested = 0;
  const show = async () => {
    const ticket = ++requested;
    writeState(state);
    const query = { sweep: state.sweep, version: state.version, where: state.where };
    try {
      const res = await getJson<TrialsResponse>('/api/trials', { ...query, sort: state.sort, desc: state.desc ? 1 : undefined, page: state.page });
      if (ticket !== requested) return;
      errorBox.hidden = true;
      where.classList.remove('invalid');
      sort.classList.remove('invalid');
      renderTable(tableBox, res, state, (key) => {
        state.desc = state.sort === key ? !state.desc : key.startsWith('metrics.');
        state.sort = key;
        sort.value = key;
        desc.checked = state.desc;
        state.page = 0;
        void show();
      });
      const first = res.page * res.size;
      const shown = res.trials.length === 0 ? 'No trial matches.' : `${(first + 1).toLocaleString('en-US')}–${(first + res.trials.length).toLocaleString('en-US')}`;
      summary.textContent = res.trials.length ? `${shown} of …` : shown;
      const go = (page: number) => { state.page = page; void show(); };
      renderPager(pager, res, undefined, go);
      main.setAttribute('data-ready', 'trials');
      const count = await getJson<TrialsCountResponse>('/api/trials/count', query);
      if (ticket !== requested) return;
      if (res.trials.length) summary.textContent = `${shown} of ${count.total.toLocaleString('en-US')} trials`;
      summary.setAttribute('data-total', String(count.total));
      renderPager(pager, res, count, go);
    } catch (error) {
      if (ticket !== requested) return;
      if (!(error instanceof ApiRequestError)) throw error;
      showError(errorBox, error, error.body.filter?.subject === 'sort key' ? sort : where);
      main.setAttribute('data-ready', 'trials-error');
    }
  };

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    Object.assign(state, { sweep: sweepSelect.value, version: sweepSelect.value === state.sweep ? state.version : '', where: where.value, sort: sort.value, desc: desc.checked, page: 0 });
    void show();
  });
  sweepSelect.addEventListener('change', () => form.requestSubmit());
  desc.addEventListener('change', () => form.requestSubmit());

  void show();
  const refresh = coalesce(show);
  const stop = changeFeed.subscribe(() => refresh());
  return () => stop();
};

function readState(url: URL): TrialsState {
  const q = url.searchParams;
  return {
    sweep: q.get('sweep') ?? '', version: q.get('version') ?? '', where: q.get('where') ?? '', sort: q.get('sort') ?? '',
    desc: q.get('desc') === '1', page: Math.max(0, Number(q.get('page') ?? 0) || 0),
  };
}

function writeState(s: TrialsState): void {
  const q = new URLSearchParams();
  if (s.sweep) q.set('sweep', s.sweep);
  if (s.version) q.set('version', s.version);
  if (s.where) q.set('where', s.where);
  if (s.sort) q.set('sort', s.sort);
  if (s.desc) q.set('desc', '1');
  if (s.page) q.set('page', String(s.page));
  history.replaceState(null, '', `/trials${q.size ? `?${q}` : ''}`);
}

/** The server's message and, for a filter or sort key, the text with a caret under the column. */
function showError(box: HTMLElement, error: ApiRequestError, input: HTMLInputElement): void {
  const f = error.body.filter;
  box.hidden = false;
  if (!f) {
    box.replaceChildren(h('p', { class: 'message' }, error.message));
    return;
  }
  const line = f.source.replace(/[\r\n\t\v\f]/g, ' ');
  box.replaceChildren(
    h('p', { class: 'message' }, error.message),
    h('pre', { class: 'caret', 'data-column': f.column }, line, '\n', h('span', { class: 'pointer' }, `${' '.repeat(f.column - 1)}^ ${f.reason}`)));
  input.classList.add('invalid');
  input.focus();
  input.setSelectionRange(f.position, f.position);
}

function renderTable(box: HTMLElement, res: TrialsResponse, state: TrialsState, sortBy: (key: string) => void): void {
  const trials = res.trials;
  const params = [...new Set(trials.flatMap((t) => Object.keys(t.params)))];
  const objectives = [...new Set(trials.map((t) => t.objective.metric))];
  const sortMetric = state.sort.startsWith('metrics.') ? state.sort.slice('metrics.'.length) : undefined;
  const metrics = [...new Set([...objectives, 'test_accuracy', ...(sortMetric ? [sortMetric] : [])])].filter((m) => trials.some((t) => m in t.metrics));
  const several = new Set(trials.map((t) => `${t.sweep} v${t.sweepVersion}`)).size > 1 || !state.sweep;
  const head = (label: string, key: string | undefined, cls = '') => {
    const active = key !== undefined && (state.sort || 'id') === key;
    return h('th', { class: `${cls}${key ? ' sortable' : ''}${active ? ' sorted' : ''}`, title: key ? `sort by ${key}` : undefined, onclick: key ? () => sortBy(key) : undefined },
      label, active ? (state.desc ? ' ▼' : ' ▲') : '');
  };
  const row = (t: TrialRowView) => h('tr', { 'data-trial-id': t.id, 'data-status': t.status },
    h('td', { class: 'num' }, h('a', { href: `/trials/${t.id}` }, String(t.id))),
    several ? h('td', {}, h('a', { href: `/sweeps/${t.sweepId}` }, `${t.sweep} v${t.sweepVersion}`)) : null,
    h('td', {}, statusBadge(t.status)),
    h('td', { class: 'num' }, String(t.seed)),
    params.map((p) => h('td', { class: typeof t.params[p] === 'number' ? 'num' : '' }, p in t.params ? fmt(t.params[p]) : '')),
    metrics.map((m) => h('td', { class: 'num' }, fmt(t.metrics[m]))),
    h('td', { class: 'num' }, duration(t.durationMs)),
    h('td', { class: 'nowrap' }, when(t.finishedAt)));
  box.replaceChildren(h('table', { class: 'list', id: 'trials' },
    h('thead', {}, h('tr', {},
      head('id', 'id', 'num'), several ? head('sweep', undefined) : null, head('status', 'status'), head('seed', 'seed', 'num'),
      params.map((p) => head(p, `params.${p}`, 'num')),
      metrics.map((m) => head(m, `metrics.${m}`, 'num')),
      head('duration', 'duration', 'num'), head('finished', 'finished'))),
    h('tbody', {}, trials.map(row))));
}

function renderPager(el: HTMLElement, res: TrialsResponse, count: TrialsCountResponse | undefined, go: (page: number) => void): void {
  const pages = count ? Math.max(1, Math.ceil(count.total / res.size)) : undefined;
  el.replaceChildren(
    h('button', { type: 'button', disabled: res.page === 0, onclick: () => go(0) }, '« first'),
    h('button', { type: 'button', disabled: res.page === 0, onclick: () => go(res.page - 1), id: 'prev' }, '‹ previous'),
    h('span', { class: 'muted' }, `page ${res.page + 1}${pages ? ` of ${pages.toLocaleString('en-US')}` : ''}`
      + (pages && pages > res.pageLimit ? ` (the first ${res.pageLimit.toLocaleString('en-US')} can be paged; narrow the filter or sort for the others)` : '')),
    h('button', { type: 'button', disabled: !res.more, onclick: () => go(res.page + 1), id: 'next' }, 'next ›'));
}
