import { hostname } from 'node:os';

/**
 * The `host:pid` name a process claims trials under.
 *
 * @example workerName() // 'gpu-box:41277'
 */
export function workerName(pid: number = process.pid): string {
  return `${hostname()}:${pid}`;
}

/**
 * True if `worker` is a `host:pid` on this host whose process no longer exists, so its running trials
 * can be requeued without waiting for the heartbeat to go stale. Workers on other hosts are never dead
 * by this test (their heartbeat decides).
 *
 * @example isDeadLocalWorker(`${os.hostname()}:999999`) // true, unless that pid exists
 */
export function isDeadLocalWorker(worker: string): boolean {
  const colon = worker.lastIndexOf(':');
  if (colon < 0 || worker.slice(0, colon) !== hostname()) return false;
  const pidText = worker.slice(colon + 1);
  const pid = Number(pidText);
  if (!/^\d+$/.test(pidText) || !Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0); // signal 0: existence check only
    return false;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
