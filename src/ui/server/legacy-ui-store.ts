// TEMPORARY: the reads of issue #11 built on today's functions, until `Storage` has them. Delete after the
// rebase onto main that lands `Storage.changesSince`.
import { countTrials, queryTrials } from '../../store/query-trials.ts';
import type { OpenedStore } from '../../store/open-store.ts';
import { TRIAL_STATUSES, type CurvePoint, type TrialStatus } from '../../store/types.ts';
import type { Changes, TrialChange, UiStore } from './ui-store.ts';

/** A `UiStore` over an opened store of today. */
export function legacyUiStore(store: OpenedStore): UiStore {
  const feed = new PollingFeed(store);
  return {
    listSweeps: () => store.listSweeps(),
    getSweep: (name, version) => store.getSweep(name, version),
    getSweepById: (id) => store.getSweepById(id),
    listTrials: (id, options) => store.listTrials(id, options),
    getTrial: (id) => store.getTrial(id),
    getMetrics: (ids) => store.getMetrics(ids),
    getParams: (ids) => store.getParams(ids),
    getCurve: (id) => store.getCurve(id),
    queryTrials: (query) => queryTrials(store, query),
    countTrials: (query) => countTrials(store, query),
    trialOutcomes: async (sweepId) => (await store.listTrials(sweepId)).map((t) => ({ id: t.id, seed: t.seed, status: t.status })),
    getCurves: async (ids) => {
      const out = new Map<number, CurvePoint[]>();
      for (const id of ids) out.set(id, await store.getCurve(id));
      return out;
    },
    countByStatus: async (sweepId) => {
      const counts = Object.fromEntries(TRIAL_STATUSES.map((s) => [s, 0])) as Record<TrialStatus, number>;
      for (const s of await store.listSweeps()) {
        if (sweepId !== undefined && s.sweep.id !== sweepId) continue;
        for (const status of TRIAL_STATUSES) counts[status] += s.counts[status];
      }
      return counts;
    },
    changesSince: (cursor) => feed.since(cursor),
  };
}

/** Diffs the sweeps' counts every poll and, for a sweep whose counts moved, its trials' statuses. */
class PollingFeed {
  private seq = 0;
  private readonly log: { seq: number; change: TrialChange | { sweepId: number } }[] = [];
  private readonly signatures = new Map<number, string>();
  private readonly statuses = new Map<number, Map<number, TrialStatus>>();
  private readonly revisions = new Map<number, number>();
  private primed = false;

  constructor(private readonly store: OpenedStore) {}

  async since(cursor: string | undefined): Promise<Changes> {
    await this.scan();
    const from = cursor === undefined ? this.seq : Number(cursor);
    const entries = this.log.filter((e) => e.seq > from);
    const sweepIds = entries.flatMap((e) => ('status' in e.change ? [] : [e.change.sweepId]));
    const sweeps = [];
    for (const id of sweepIds) { const s = await this.store.getSweepById(id); if (s) sweeps.push(s); }
    const latest = new Map<number, TrialChange>();
    for (const e of entries) if ('status' in e.change) latest.set(e.change.id, e.change);
    return { cursor: String(this.seq), sweeps, trials: [...latest.values()] };
  }

  private async scan(): Promise<void> {
    for (const s of await this.store.listSweeps()) {
      const id = s.sweep.id;
      const signature = JSON.stringify([s.counts, s.lastActivity]);
      const known = this.signatures.get(id);
      this.signatures.set(id, signature);
      if (known === signature) continue;
      if (known === undefined && this.primed) this.log.push({ seq: ++this.seq, change: { sweepId: id } });
      if (known === undefined && !this.primed) continue;
      const before = this.statuses.get(id) ?? new Map<number, TrialStatus>();
      const now = new Map<number, TrialStatus>();
      for (const t of await this.store.listTrials(id)) {
        now.set(t.id, t.status);
        if ((before.get(t.id) ?? 'queued') === t.status) continue;
        const revision = (this.revisions.get(t.id) ?? 0) + 1;
        this.revisions.set(t.id, revision);
        const curvePoints = t.status === 'running' || t.status === 'queued' ? 0 : (await this.store.getCurve(t.id)).length;
        this.log.push({ seq: ++this.seq, change: { id: t.id, sweepId: id, status: t.status, revision, curvePoints } });
      }
      this.statuses.set(id, now);
    }
    this.primed = true;
  }
}
