/**
 * Ctrl-C and SIGTERM as an AbortSignal for a command that runs trials. The first signal asks it to stop
 * cleanly (no new trials, running ones marked interrupted), after which it exits 130 (SIGINT) or 143
 * (SIGTERM); a second one leaves at once.
 *
 * @example
 * const stop = stopOnSignals();
 * try { await runSweep(plan, { storage, signal: stop.signal }); return stop.exitCode() || 0; } finally { stop.dispose(); }
 */
export function stopOnSignals(): { signal: AbortSignal; exitCode: () => number; dispose: () => void } {
  const controller = new AbortController();
  let code = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    if (code) process.exit(sig === 'SIGINT' ? 130 : 143); // second signal: leave now
    code = sig === 'SIGINT' ? 130 : 143;
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    exitCode: () => code,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
