import type { Storage } from '../store/storage.ts';

/**
 * Keeps the heartbeats of a worker's running trials fresh: every `everyMs` it refreshes the trials `ids()`
 * names. A failed refresh is reported (`onError`) and tried again at the next beat, never swallowed: a worker
 * that cannot beat for longer than the grace period will see its trials taken over, and should say why.
 *
 * @example
 * const beat = new Heartbeat(storage, worker, 5_000, () => [...running.keys()], (e) => warn(e));
 * beat.start(); ... beat.stop();
 */
export class Heartbeat {
  private timer: NodeJS.Timeout | undefined;
  private beating = false;

  constructor(
    private readonly storage: Pick<Storage, 'heartbeat'>,
    private readonly worker: string,
    private readonly everyMs: number,
    private readonly ids: () => number[],
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.beat(), this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async beat(): Promise<void> {
    const ids = this.ids();
    if (ids.length === 0 || this.beating) return; // a slow database: one beat at a time
    this.beating = true;
    try {
      await this.storage.heartbeat(ids, this.worker);
    } catch (error) {
      this.onError(error);
    } finally {
      this.beating = false;
    }
  }
}
