import type { Storage } from '../../store/storage.ts';

/**
 * The part of the storage contract the dashboard reads through, and nothing else: it never writes. Any
 * store from `openStore` (SQLite or PostgreSQL) is one.
 *
 * @example
 * const store = await openStore('regsweep.db');
 * const ui = await startUi(store, { port: 0 });
 */
export type UiStore = Pick<Storage,
  | 'listSweeps' | 'getSweep' | 'getSweepById' | 'getTrial' | 'getMetrics' | 'getParams' | 'getCurves'
  | 'queryTrials' | 'countTrials' | 'trialOutcomes' | 'sweepColumns' | 'countByStatus' | 'changesSince' | 'stoppedTrials'>;
