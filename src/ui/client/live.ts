import type { ChangesResponse } from '../api-types.ts';
import { getJson } from './api.ts';

type Listener = (changes: ChangesResponse) => void;

const POLL_MS = 1000;

/**
 * The store's change feed, polled once a second while a page listens: each poll asks for what changed since
 * the cursor of the last one, so nothing is sent twice. Pages subscribe on render and unsubscribe on leave.
 */
class ChangeFeed {
  private cursor: string | undefined;
  private readonly listeners = new Set<Listener>();
  /** the last revision seen of each trial: the feed may report a trial again, listeners hear of it once */
  private readonly revisions = new Map<number, number>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private polling = false;

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    this.schedule();
    return () => this.listeners.delete(listener);
  }

  private schedule(): void {
    if (this.timer === undefined && !this.polling) this.timer = setTimeout(() => void this.poll(), this.cursor === undefined ? 0 : POLL_MS);
  }

  private async poll(): Promise<void> {
    this.timer = undefined;
    this.polling = true;
    const indicator = document.getElementById('live');
    try {
      const changes = await getJson<ChangesResponse>('/api/changes', { cursor: this.cursor });
      const first = this.cursor === undefined;
      this.cursor = changes.cursor;
      changes.trials = changes.trials.filter((t) => {
        const fresh = t.revision > (this.revisions.get(t.id) ?? -1);
        if (fresh) this.revisions.set(t.id, t.revision);
        return fresh;
      });
      indicator?.classList.remove('offline');
      if (!first && (changes.trials.length || changes.sweeps.length)) for (const l of [...this.listeners]) l(changes);
    } catch {
      indicator?.classList.add('offline');
    } finally {
      this.polling = false;
      if (this.listeners.size) this.schedule();
    }
  }
}

export const changeFeed = new ChangeFeed();

/**
 * Run `task` now, and again after it ends if asked meanwhile: at most one in flight and one waiting, so a
 * burst of changes costs two requests.
 */
export function coalesce(task: () => Promise<void>): () => void {
  let running = false;
  let again = false;
  const run = async () => {
    if (running) { again = true; return; }
    running = true;
    try { await task(); } catch (e) { console.error(e); } finally {
      running = false;
      if (again) { again = false; void run(); }
    }
  };
  return () => void run();
}
