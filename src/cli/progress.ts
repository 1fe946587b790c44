import cliProgress from 'cli-progress';
import type { RunEvent } from '../sweep/runner.ts';
import { fmt } from './format.ts';

function seconds(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/** Epochs a stopped trial did not train: its planned epochs less the one it stopped at (0 when unknown). */
export function epochsSaved(config: unknown, summary: unknown): number {
  const planned = (config as { training?: { epochs?: number } } | null)?.training?.epochs;
  const stopped = (summary as { stoppedEpoch?: number } | null)?.stoppedEpoch;
  return typeof planned === 'number' && typeof stopped === 'number' ? Math.max(0, planned - stopped) : 0;
}

/**
 * Show a running sweep's progress on stderr: a bar on a terminal (done / total, failed, elapsed, ETA,
 * best objective), plain lines every 10% or 15 s otherwise.
 */
export function progressReporter(metric: string, stream: NodeJS.WriteStream = process.stderr): { onEvent: (e: RunEvent) => void; stop: () => void } {
  const tty = Boolean(stream.isTTY) && !process.env.CI;
  let bar: cliProgress.SingleBar | undefined;
  let total = 0, done = 0, failed = 0, pruned = 0, racedOut = 0, saved = 0, best: number | null = null, started = 0, lastLine = 0, lastPct = -1;
  const line = () => {
    const elapsed = performance.now() - started;
    const eta = done > 0 ? ((total - done) * elapsed) / done : NaN;
    const stops = pruned + racedOut > 0 ? `, ${pruned} pruned, ${racedOut} raced out, ${saved} epochs saved` : '';
    stream.write(`  ${done}/${total} trials (${Math.floor((100 * done) / Math.max(total, 1))}%), ${failed} failed${stops}, ${seconds(elapsed)} elapsed${Number.isFinite(eta) ? `, ETA ${seconds(eta)}` : ''}, best ${metric} ${fmt(best) || '-'}\n`);
  };
  return {
    onEvent(e) {
      if (e.type === 'start') {
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
          saved += epochsSaved(e.trial.config, e.result.summary);
        }
        best = e.best;
        if (bar) bar.update(done, { failed, best: fmt(best) || '-', stops: pruned + racedOut > 0 ? ` | ${pruned} pruned, ${racedOut} raced out, ${saved} epochs saved` : '' });
        else {
          const pct = Math.floor((10 * done) / total);
          if (pct > lastPct || performance.now() - lastLine > 15_000 || done === total) {
            lastPct = pct;
            lastLine = performance.now();
            line();
          }
        }
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
