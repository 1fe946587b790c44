import type { SweepRow, SweepsResponse } from '../../api-types.ts';
import { getJson } from '../api.ts';
import { fmt, h, orderedStatuses, progressBar, statusBadge, when } from '../dom.ts';
import { changeFeed, coalesce } from '../live.ts';
import type { Page } from './page.ts';

/** Every sweep version: trials by status, progress, objective and best value. Rows update as trials change. */
export const sweepsPage: Page = (main) => {
  const body = h('tbody');
  const table = h('table', { class: 'list', id: 'sweeps' },
    h('thead', {}, h('tr', {}, ['sweep', 'version', 'trials', 'status', 'progress', 'objective', 'best', 'created', 'last activity'].map((c) => h('th', {}, c)))),
    body);
  main.replaceChildren(h('h1', {}, 'Sweeps'), h('p', { class: 'muted', id: 'sweeps-summary' }), h('div', { class: 'card scroll' }, table));
  const rows = new Map<number, HTMLTableRowElement>();

  const place = (s: SweepRow) => {
    const tr = sweepRow(s);
    const old = rows.get(s.id);
    if (old) old.replaceWith(tr);
    else body.prepend(tr);
    rows.set(s.id, tr);
  };
  const summary = () => {
    const text = `${rows.size} sweep versions`;
    main.querySelector('#sweeps-summary')!.textContent = text;
  };

  let stop = () => {};
  void getJson<SweepsResponse>('/api/sweeps').then(({ sweeps }) => {
    for (const s of [...sweeps].reverse()) place(s);
    summary();
    if (sweeps.length === 0) main.append(h('p', { class: 'empty' }, 'No sweeps in this database yet: regsweep run experiments/<sweep>.ts records one.'));
    main.setAttribute('data-ready', 'sweeps');
    // only the sweeps that changed are fetched again
    const changed = new Set<number>();
    const refresh = coalesce(async () => {
      const ids = [...changed];
      changed.clear();
      if (ids.length === 0) return;
      const { sweeps: fresh } = await getJson<SweepsResponse>('/api/sweeps', { ids: ids.join(',') });
      for (const s of fresh) place(s);
      summary();
    });
    stop = changeFeed.subscribe((changes) => {
      for (const id of changes.sweeps) changed.add(id);
      for (const t of changes.trials) changed.add(t.sweepId);
      refresh();
    });
  }, (error: Error) => main.append(h('p', { class: 'error' }, error.message)));
  return () => stop();
};

function sweepRow(s: SweepRow): HTMLTableRowElement {
  const direction = s.objectiveDirection === 'maximize' ? 'max' : 'min';
  return h('tr', { 'data-sweep-id': s.id, 'data-total': s.total },
    h('td', {}, h('a', { href: `/sweeps/${s.id}` }, s.name), s.description ? h('div', { class: 'muted small' }, s.description) : null),
    h('td', { class: 'num' }, `v${s.version}`),
    h('td', { class: 'num' }, s.total.toLocaleString('en-US')),
    h('td', { class: 'statuses' }, orderedStatuses(s.counts).map(([status, n]) => statusBadge(status, n))),
    h('td', {}, progressBar(s.counts, s.total)),
    h('td', {}, `${s.objectiveMetric} (${direction})`),
    h('td', { class: 'num best' }, fmt(s.best)),
    h('td', { class: 'nowrap' }, when(s.createdAt)),
    h('td', { class: 'nowrap' }, when(s.lastActivity)));
}
