import { once, type EventEmitter } from 'node:events';
import type { Storage } from '../store/storage.ts';
import type { TrialQuery, TrialView } from '../store/query-trials.ts';

/** The formats `exportTrials` writes. */
export type ExportFormat = 'csv' | 'json';

/** What an export reads through. */
export type ExportSource = Pick<Storage, 'trialBatches' | 'getCurves' | 'trialFieldNames'>;

/**
 * Write every trial of a query to `out`, a batch of trials at a time: `csv` one row per trial with
 * `params.*` and `metrics.*` columns; `json` one array of trial objects (config and summary included,
 * and a `curve` array per trial with `curves`); `csv` with `curves` the learning curves in long format
 * (`trial_id,epoch,key,value`). Returns how many trials were written.
 *
 * @example
 * const n = await exportTrials(store, { sweep: 'l2-demo' }, { format: 'json', curves: true }, process.stdout);
 */
export async function exportTrials(
  store: ExportSource,
  query: TrialQuery,
  options: { format: ExportFormat; curves: boolean },
  out: NodeJS.WritableStream,
): Promise<number> {
  let count = 0;
  if (options.format === 'json') {
    await write(out, '[');
    for await (const batch of store.trialBatches({ ...query, withConfig: true })) {
      const curves = options.curves ? await store.getCurves(batch.map((t) => t.id)) : undefined;
      const text = batch.map((t) => JSON.stringify(curves ? { ...t, curve: curves.get(t.id) } : t)).join(',\n');
      await write(out, `${count === 0 ? '\n' : ',\n'}${text}`);
      count += batch.length;
    }
    await write(out, count === 0 ? ']\n' : '\n]\n');
  } else if (options.curves) {
    await write(out, csvRow(['trial_id', 'epoch', 'key', 'value']));
    for await (const batch of store.trialBatches(query)) {
      const curves = await store.getCurves(batch.map((t) => t.id));
      const rows: string[] = [];
      for (const [id, points] of curves) for (const p of points) rows.push(csvRow([id, p.epoch, p.key, p.value]));
      await write(out, rows.join(''));
      count += batch.length;
    }
  } else {
    const { params, metrics } = await store.trialFieldNames(query);
    await write(out, trialCsvHeader(params, metrics));
    for await (const batch of store.trialBatches(query)) {
      await write(out, batch.map((t) => trialCsvRow(t, params, metrics)).join(''));
      count += batch.length;
    }
  }
  return count;
}

/**
 * One CSV field, RFC 4180: quoted when it holds a comma, a quote, a line break or edge spaces; quotes doubled.
 *
 * @example csvField('say "hi", then') // '"say ""hi"", then"'
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? (Number.isNaN(value) ? 'NaN' : String(value)) : typeof value === 'string' ? value : JSON.stringify(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record, CRLF-terminated as RFC 4180 asks. @example csvRow([1, 'a,b']) // '1,"a,b"\r\n' */
export function csvRow(values: unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** The fixed columns of a trial CSV before its `params.*` and `metrics.*` columns. */
const TRIAL_CSV_COLUMNS = ['id', 'sweep', 'sweep_version', 'trial_key', 'status', 'seed', 'duration_ms', 'attempts', 'error'] as const;

/**
 * The header of a trial CSV: fixed columns, then one column per param and per metric.
 *
 * @example trialCsvHeader(['lambda'], ['test_accuracy']) // 'id,sweep,...,params.lambda,metrics.test_accuracy\r\n'
 */
export function trialCsvHeader(params: string[], metrics: string[]): string {
  return csvRow([...TRIAL_CSV_COLUMNS, ...params.map((p) => `params.${p}`), ...metrics.map((m) => `metrics.${m}`)]);
}

/**
 * One trial as a CSV record matching `trialCsvHeader(params, metrics)`; a missing value is an empty field, NaN is `NaN`.
 *
 * @example out.write(trialCsvHeader(p, m) + trials.map((t) => trialCsvRow(t, p, m)).join(''))
 */
export function trialCsvRow(t: TrialView, params: string[], metrics: string[]): string {
  return csvRow([
    t.id, t.sweep, t.sweepVersion, t.trialKey, t.status, t.seed, t.durationMs, t.attempts, t.error,
    ...params.map((p) => t.params[p]), ...metrics.map((m) => t.metrics[m]),
  ]);
}

/**
 * Write to a stream, waiting for it to drain when its buffer is full, so a long export does not pile up
 * in memory. Rejects if the stream fails while we wait.
 *
 * @example
 * for (const row of rows) await write(out, csvRow(row));
 */
export async function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream as EventEmitter, 'drain');
}
