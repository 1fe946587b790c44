import type { SelectQueryBuilder } from 'kysely';
import type { Database } from '../schema.ts';
import type { Field } from './ast.ts';
import { ATTRIBUTE_COLUMNS } from './compile.ts';

/** A query over `trials join sweeps`, before its select list. */
export type TrialsQuery = SelectQueryBuilder<Database, 'trials' | 'sweeps', object>;

/**
 * The sorted result as consecutive parts, each a query ordered on its own; read them in turn until
 * enough rows are in. A metric sort is the trials that have the metric, walked in the order of the
 * `(key, value)` index (so `LIMIT` stops the walk early), then those lacking it (or NaN) by id. A param
 * sort is numbers (on the `(name, value_num)` index), then strings, then trials lacking it. Ties and
 * attribute sorts go by id; trials lacking the key come last in either direction.
 *
 * `ordered` is true when every part reads rows in its final order, so a page can stop early.
 *
 * @example
 * for (const part of sortParts(q, { kind: 'metric', name: 'test_accuracy' }, true).parts) rows.push(...await part.selectAll('trials').limit(10).execute());
 */
export function sortParts(q: TrialsQuery, field: Field, desc: boolean): { parts: TrialsQuery[]; ordered: boolean } {
  const dir = desc ? 'desc' : 'asc';
  const cast = (query: unknown) => query as TrialsQuery;
  if (field.kind === 'metric') {
    const having = q.innerJoin('metrics as sort_m', (join) => join.onRef('sort_m.trial_id', '=', 'trials.id').on('sort_m.key', '=', field.name))
      .where('sort_m.value', 'is not', null).orderBy('sort_m.value', dir).orderBy('trials.id');
    const lacking = q.where((eb) => eb.not(eb.exists(
      eb.selectFrom('metrics as m2').select('m2.trial_id').whereRef('m2.trial_id', '=', 'trials.id')
        .where('m2.key', '=', field.name).where('m2.value', 'is not', null),
    ))).orderBy('trials.id');
    return { parts: [cast(having), lacking], ordered: true };
  }
  if (field.kind === 'param') {
    const joined = q.innerJoin('params as sort_p', (join) => join.onRef('sort_p.trial_id', '=', 'trials.id').on('sort_p.name', '=', field.name));
    const numbers = joined.where('sort_p.value_num', 'is not', null).orderBy('sort_p.value_num', dir).orderBy('trials.id');
    const strings = joined.where('sort_p.value_text', 'is not', null).orderBy('sort_p.value_text', dir).orderBy('trials.id');
    const lacking = q.where((eb) => eb.not(eb.exists(
      eb.selectFrom('params as p2').select('p2.trial_id').whereRef('p2.trial_id', '=', 'trials.id').where('p2.name', '=', field.name)
        .where((pb) => pb.or([pb('p2.value_num', 'is not', null), pb('p2.value_text', 'is not', null)])),
    ))).orderBy('trials.id');
    return { parts: [cast(numbers), cast(strings), lacking], ordered: true };
  }
  switch (field.name) {
    case 'id': return { parts: [q.orderBy('trials.id', dir)], ordered: true };
    case 'sweep': return { parts: [q.orderBy('sweeps.name', dir).orderBy('sweeps.version', dir).orderBy('trials.id')], ordered: false };
    case 'version': return { parts: [q.orderBy('sweeps.version', dir).orderBy('trials.id')], ordered: false };
    default: return { parts: [q.orderBy(ATTRIBUTE_COLUMNS[field.name], (ob) => ob[dir]().nullsLast()).orderBy('trials.id')], ordered: false };
  }
}
