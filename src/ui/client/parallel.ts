import { formatValue, isPercentMetric } from '../../report/compare-format.ts';
import type { ParallelCoordinates } from '../api-types.ts';
import { fmt, h } from './dom.ts';

/** Viridis, 9 stops: dark purple (worst) to yellow (best). */
const VIRIDIS = ['#440154', '#472d7b', '#3b528b', '#2c728e', '#21918c', '#28ae80', '#5ec962', '#addc30', '#fde725'].map((c) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)));
const LOW = -0.12;
const HIGH = 1.02;
const MARGIN = { top: 34, right: 150, bottom: 14, left: 56 };
const HEIGHT = 300;

/** Colour of `t` in [0, 1] on viridis. */
function viridis(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const [a, b] = [VIRIDIS[i]!, VIRIDIS[i + 1]!];
  return [0, 1, 2].map((k) => Math.round(a[k]! + f * (b[k]! - a[k]!))) as [number, number, number];
}

/**
 * The parallel coordinates as a figure drawn on a canvas (thousands of lines in milliseconds): one vertical
 * axis per param and the objective, one line per setting coloured by its objective, the best drawn last.
 */
export function parallelFigure(pc: ParallelCoordinates): HTMLElement {
  const width = Math.max(640, pc.axes.length * 150) + MARGIN.left + MARGIN.right;
  const canvas = h('canvas', { width, height: HEIGHT, style: `width:${width}px;height:${HEIGHT}px` }) as HTMLCanvasElement;
  const n = pc.lines.length;
  const fig = h('figure', { id: 'parallel-coordinates', class: 'card', 'data-lines': n },
    h('figcaption', { class: 'title' }, 'Parallel coordinates: swept params → objective'),
    h('div', { class: 'chart' }, canvas),
    h('p', { class: 'caption' }, `One line per setting (${n.toLocaleString('en-US')} with a completed seed), coloured by ${pc.objectiveMetric}, `
      + `mean across seeds (${pc.direction === 'maximize' ? 'yellow: highest' : 'yellow: lowest'}); the best are drawn on top. “–”: the param does not apply.`));
  requestAnimationFrame(() => { draw(canvas, pc, width); fig.setAttribute('data-rendered', ''); });
  return fig;
}

function draw(canvas: HTMLCanvasElement, pc: ParallelCoordinates, width: number): void {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = width * ratio;
  canvas.height = HEIGHT * ratio;
  const g = canvas.getContext('2d')!;
  g.scale(ratio, ratio);
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (k: number) => MARGIN.left + (pc.axes.length === 1 ? plotW / 2 : (k * plotW) / (pc.axes.length - 1));
  const y = (at: number) => MARGIN.top + (1 - (at - LOW) / (HIGH - LOW)) * plotH;

  let lo = Infinity;
  let hi = -Infinity;
  for (const v of pc.objective) { if (v < lo) lo = v; if (v > hi) hi = v; }
  const goodness = (v: number) => (hi === lo ? 1 : pc.direction === 'maximize' ? (v - lo) / (hi - lo) : (hi - v) / (hi - lo));
  const order = pc.objective.map((v, i) => [goodness(v), i] as const).sort((a, b) => a[0] - b[0]);
  const alpha = pc.lines.length > 2000 ? 0.25 : pc.lines.length > 300 ? 0.45 : 0.85;
  g.lineWidth = 1;
  for (const [t, i] of order) {
    const [r, gr, b] = viridis(t);
    g.strokeStyle = `rgba(${r},${gr},${b},${alpha})`;
    g.beginPath();
    pc.lines[i]!.forEach((at, k) => (k === 0 ? g.moveTo(x(k), y(at)) : g.lineTo(x(k), y(at))));
    g.stroke();
  }

  g.font = '11px system-ui, sans-serif';
  pc.axes.forEach((axis, k) => {
    g.strokeStyle = '#555';
    g.beginPath();
    g.moveTo(x(k), y(HIGH));
    g.lineTo(x(k), y(LOW));
    g.stroke();
    g.fillStyle = '#1d1d1f';
    g.font = '600 12px system-ui, sans-serif';
    g.textAlign = 'center';
    g.fillText(axis.title, x(k), MARGIN.top - 16);
    g.font = '11px system-ui, sans-serif';
    g.textAlign = 'left';
    for (const tick of axis.ticks) {
      g.fillStyle = 'rgba(255,255,255,0.8)';
      const w = g.measureText(tick.label).width;
      g.fillRect(x(k) + 4, y(tick.at) - 7, w + 2, 13);
      g.fillStyle = '#333';
      g.fillText(tick.label, x(k) + 5, y(tick.at) + 4);
    }
  });

  // colour legend: a gradient bar from the worst to the best objective
  const lx = width - 62;
  const [top, bottom] = [y(1), y(0)];
  const grad = g.createLinearGradient(0, bottom, 0, top);
  VIRIDIS.forEach((c, i) => grad.addColorStop(i / (VIRIDIS.length - 1), `rgb(${c.join(',')})`));
  g.fillStyle = grad;
  g.fillRect(lx, top, 10, bottom - top);
  g.fillStyle = '#333';
  g.textAlign = 'left';
  const [best, worst] = pc.direction === 'maximize' ? [hi, lo] : [lo, hi];
  const label = (v: number) => (isPercentMetric(pc.objectiveMetric) ? `${formatValue(v, pc.objectiveMetric)}%` : fmt(v));
  g.fillText(label(best), lx + 14, top + 8);
  g.fillText(label(worst), lx + 14, bottom);
}
