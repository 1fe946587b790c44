// The dashboard's front end: a router over four pages, links handled in the page (no reloads).
import { dropViews } from './views.ts';
import { h } from './dom.ts';
import type { Page } from './pages/page.ts';
import { sweepPage } from './pages/sweep-page.ts';
import { sweepsPage } from './pages/sweeps-page.ts';
import { trialPage } from './pages/trial-page.ts';
import { trialsPage } from './pages/trials-page.ts';

const ROUTES: [RegExp, Page, string][] = [
  [/^\/$/, sweepsPage, 'sweeps'],
  [/^\/sweeps\/\d+$/, sweepPage, 'sweeps'],
  [/^\/trials$/, trialsPage, 'trials'],
  [/^\/trials\/\d+$/, trialPage, 'trials'],
];

let leave = () => {};

function route(): void {
  leave();
  dropViews();
  const url = new URL(location.href);
  const main = document.getElementById('app')!;
  main.removeAttribute('data-ready');
  const match = ROUTES.find(([re]) => re.test(url.pathname));
  for (const a of document.querySelectorAll('[data-nav]')) a.classList.toggle('active', a.getAttribute('data-nav') === match?.[2]);
  if (!match) {
    main.replaceChildren(h('h1', {}, 'Not found'), h('p', {}, h('a', { href: '/' }, 'Back to the sweeps')));
    leave = () => {};
    return;
  }
  document.title = `regsweep · ${match[2]}`;
  leave = match[1](main, url);
  window.scrollTo(0, 0);
}

document.addEventListener('click', (e) => {
  const a = (e.target as Element).closest('a');
  if (!a || a.target || e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
  const url = new URL(a.href);
  if (url.origin !== location.origin) return;
  e.preventDefault();
  history.pushState(null, '', url);
  route();
});
window.addEventListener('popstate', route);
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', route);
else route();
