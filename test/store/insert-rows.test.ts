import { describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/store/index.ts';
import { InsertRows } from '../../src/store/insert-rows.ts';

describe('InsertRows', () => {
  it('reuses the SQL of a shape with the new values, and builds anew a row whose keys come in another order', async () => {
    const db = await openSqlite(':memory:');
    try {
      await db.insertInto('sweeps').values({
        name: 's', version: 1, file_path: 'f', content_hash: 'h', spec: '{}', objective_metric: 'm', objective_direction: 'maximize',
        package_version: '1', host: 'h', created_at: 'now',
      }).execute();
      await db.insertInto('trials').values([1, 2, 3].map((id) => ({ id, sweep_id: 1, trial_key: `k${id}`, config: '{}', seed: 1 }))).execute();
      const inserts = new InsertRows();
      let statements = 0;
      const counted = db.withPlugin({ transformQuery: (args) => { statements++; return args.node; }, transformResult: async (args) => args.result });
      // same shape twice: the second insert is not built (no query node through the plugin), its values land
      await inserts.insert(counted, 'metrics', [{ trial_id: 1, key: 'a', value: 0.5 }, { trial_id: 1, key: 'b', value: null }]);
      await inserts.insert(counted, 'metrics', [{ trial_id: 2, key: 'a', value: 1.5 }, { trial_id: 2, key: 'b', value: Infinity }]);
      expect(statements).toBe(1);
      // keys in another order in the second row: built (and bound by column name) again
      await inserts.insert(counted, 'metrics', [{ trial_id: 3, key: 'a', value: 2.5 }, { value: 3.5, key: 'b', trial_id: 3 } as never]);
      expect(statements).toBe(2);
      const rows = await db.selectFrom('metrics').select(['trial_id', 'key', 'value']).orderBy('trial_id').orderBy('key').execute();
      expect(rows).toEqual([
        { trial_id: 1, key: 'a', value: 0.5 }, { trial_id: 1, key: 'b', value: null },
        { trial_id: 2, key: 'a', value: 1.5 }, { trial_id: 2, key: 'b', value: Infinity },
        { trial_id: 3, key: 'a', value: 2.5 }, { trial_id: 3, key: 'b', value: 3.5 },
      ]);
    } finally {
      await db.destroy();
    }
  });
});
