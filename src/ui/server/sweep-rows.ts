import type { SweepRecord, SweepSummary } from '../../store/types.ts';
import type { SweepRow } from '../api-types.ts';

/** A sweep version as the sweeps page lists it. */
export function sweepRow(summary: SweepSummary): SweepRow {
  const { sweep, counts } = summary;
  return {
    id: sweep.id, name: sweep.name, version: sweep.version, description: descriptionOf(sweep),
    objectiveMetric: sweep.objectiveMetric, objectiveDirection: sweep.objectiveDirection,
    counts: { ...counts }, total: Object.values(counts).reduce((a, b) => a + b, 0),
    best: summary.best, createdAt: sweep.createdAt, lastActivity: summary.lastActivity,
  };
}

function descriptionOf(sweep: SweepRecord): string | null {
  const spec = sweep.spec as { description?: unknown } | null;
  return spec && typeof spec.description === 'string' ? spec.description : null;
}
