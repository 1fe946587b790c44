import cliProgress from 'cli-progress';
import { epochsSaved, plannedEpochsKnown, stoppedEpochsOf } from '../sweep/epochs-saved.ts';
import type { RunEvent } from '../sweep/runner.ts';
import { epochsSavedCell, fmt } from './format.ts';

function seconds(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/**
 * Show a running sweep's progress on stderr: a bar on a terminal (done / total, failed, elapsed, ETA,
 * best objective), plain lines every 10% or 15 s otherwise. Once a trial is pruned or raced out, the counts
 * and the training epochs saved (`epochsSaved`; `—` for an own objective without training.epochs) too.
 * Trials raced out before they ran count as done: the bar ends at 100%.
 */
export function progressReporter(metric: string, stream: NodeJS.WriteStream = process.stderr): { onEvent: (e: RunEvent) => void; stop: () => void } {
  const tty = Boolean(stream.isTTY) && !process.env.CI;
  let bar: cliProgress.SingleBar | undefined;
  let total = 0, done = 0, failed = 0, pruned = 0, racedOut = 0, best: number | null = null, started = 0, lastLine = 0, lastPct = -1;
  let known = true, saved: number | null = 0;
  const save = (e: number | null) => { saved = saved === null || e === null ? null : saved + e; };
  const stopsText = (sep: string) => (pruned + racedOut > 0 ? `${sep}${pruned} pruned, ${racedOut} raced out, ${epochsSavedCell(saved)} epochs saved` : '');
  const line = () => {
    const elapsed = performance.now() - started;
    const eta = done > 0 ? ((total - done) * elapsed) / done : NaN;
    const stops = stopsText(', ');
    stream.write(`  ${done}/${total} trials (${Math.floor((100 * done) / Math.max(total, 1))}%), ${failed} failed${stops}, ${seconds(elapsed)} elapsed${Number.isFinite(eta) ? `, ETA ${seconds(eta)}` : ''}, best ${metric} ${fmt(best) || '-'}\n`);
  };
  const advance = () => {
    if (bar) bar.update(done, { failed, best: fmt(best) || '-', stops: stopsText(' | ') });
    else {
      const pct = Math.floor((10 * done) / total);
      if (pct > lastPct || performance.now() - lastLine > 15_000 || done === total) {
        lastPct = pct;
        lastLine = performance.now();
        line();
      }
    }
  };
  return {
    onEvent(e) {
      if (e.type === 'sweep') {
        known = plannedEpochsKnown(e.sweep.spec);
        if (!known) saved = null;
      } else if (e.type === 'start') {
        total = e.toRun;
        started = performance.now();
        if (total === 0) return;
        if (tty) {
          bar = new cliProgress.SingleBar({
            format: '  {bar} {value}/{total} trials | {failed} failed{stops} | {duration_formatted} | ETA {eta_formatted} | best {best}',
            hideCursor: true, stream, etaBuffer: 20, barsize: 24,
          }, cliProgress.Presets.shades_classic);
          bar.start(total, 0, { failed: 0, best: '-', stops: '' });
        }
      } else if (e.type === 'trial') {
        done++;
        if (e.result.status === 'failed') failed++;
        if (e.result.status === 'pruned' || e.result.status === 'raced-out') {
          if (e.result.status === 'pruned') pruned++;
          else racedOut++;
          save(epochsSaved(stoppedEpochsOf(e.trial.config, e.result.summary), known));
        }
        best = e.best;
        advance();
      } else if (e.type === 'raced-out') {
        // queued trials that will never run: done, as far as this run's work goes
        done += e.trials.length;
        racedOut += e.trials.length;
        for (const t of e.trials) save(epochsSaved(t, known));
        if (total > 0) advance();
      } else if (e.type === 'warning') {
        // above the bar, which redraws below it
        if (bar) bar.update(done, { failed, best: fmt(best) || '-' });
        stream.write(`${bar ? '\n' : ''}  warning: ${e.message}\n`);
      } else if (e.type === 'stopping') {
        bar?.stop();
        bar = undefined;
        stream.write('  stopping: no new trials; marking running trials interrupted...\n');
      }
    },
    stop() {
      bar?.stop();
    },
  };
}
