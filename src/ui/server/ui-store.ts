import type { TrialQuery, TrialView } from '../../store/query-trials.ts';
import type { Storage } from '../../store/storage.ts';
import type { CurvePoint, SweepRecord, TrialStatus } from '../../store/types.ts';

/** One trial in the change feed: its status now, how often it changed, and how many curve points it has. */
export interface TrialChange {
  id: number;
  sweepId: number;
  status: TrialStatus;
  /** grows on every change of the trial (status or new curve points) */
  revision: number;
  /** curve points recorded so far: a client that has fewer fetches the rest */
  curvePoints: number;
}

/** What changed since a cursor: the sweeps created and the trials whose status or curve changed. */
export interface Changes {
  cursor: string;
  sweeps: SweepRecord[];
  trials: TrialChange[];
}

/**
 * The part of the storage contract the dashboard reads through, and nothing else: it never writes.
 * `queryTrials` ... `changesSince` are the reads of the "one door to the store" issue (#11).
 *
 * @example
 * const app = uiApp(store); // any Storage from openStore is a UiStore
 */
export type UiStore = Pick<Storage, 'listSweeps' | 'getSweep' | 'getSweepById' | 'listTrials' | 'getTrial' | 'getMetrics' | 'getParams' | 'getCurve'> & {
  queryTrials(query?: TrialQuery): Promise<TrialView[]>;
  countTrials(query?: TrialQuery): Promise<number>;
  trialOutcomes(sweepId: number): Promise<{ id: number; seed: number; status: TrialStatus }[]>;
  getCurves(trialIds: number[]): Promise<Map<number, CurvePoint[]>>;
  countByStatus(sweepId?: number): Promise<Record<TrialStatus, number>>;
  /** What changed since `cursor` (omit for "from now"). Polled every second. */
  changesSince(cursor?: string): Promise<Changes>;
};
