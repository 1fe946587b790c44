import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, type Compilable } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.ts';
import {
  StoreError, migrateToLatest, openSqlite, openKyselyStore, schemaStatus, sqliteDialect, type Database,
} from '../../src/store/index.ts';
import { collect, sha256File, spawnTs, storeWorkerScript, tempDir, waitForLine } from './helpers.ts';
import { newSweep } from './storage-suite.ts';

const latest = Object.keys(migrations).sort().at(-1)!;

let dir: string;
let remove: () => void;
beforeEach(() => ({ dir, remove } = tempDir()));
afterEach(() => remove());

/** Raw access for inspecting and tampering with a file, bypassing the store. */
function raw(path: string, fn: (db: BetterSqlite3.Database) => void): void {
  const db = new BetterSqlite3(path);
  try { fn(db); } finally { db.close(); }
}

async function openError(path: string): Promise<StoreError> {
  const error = await openKyselyStore(path).then(
    async (store) => { await store.close(); throw new Error(`openKyselyStore(${path}) should have failed`); },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

describe('opening an SQLite store', () => {
  it('creates every table and index on an empty file and records the migration', async () => {
    const path = join(dir, 'new.db');
    const store = await openKyselyStore(path);
    await store.close();
    raw(path, (db) => {
      const objects = db.prepare("select type, name from sqlite_master where name not like 'sqlite_%' order by type, name").all();
      expect(objects).toEqual(expect.arrayContaining([
        { type: 'table', name: 'sweeps' }, { type: 'table', name: 'trials' }, { type: 'table', name: 'params' },
        { type: 'table', name: 'metrics' }, { type: 'table', name: 'metric_history' }, { type: 'table', name: 'kysely_migration' },
        { type: 'index', name: 'trials_sweep_status' }, { type: 'index', name: 'params_name_num' },
        { type: 'index', name: 'params_name_text' }, { type: 'index', name: 'metrics_key_value' },
        { type: 'index', name: 'metric_history_trial_key_epoch' }, { type: 'index', name: 'trials_queued_id' },
        { type: 'index', name: 'trials_queued_sweep_id' },
      ]));
      expect(db.prepare('select name from kysely_migration order by name').all()).toEqual(Object.keys(migrations).sort().map((name) => ({ name })));
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const columns = (table: string) => (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
      expect(columns('params')).toEqual(['trial_id', 'name', 'value_num', 'value_text', 'value_type']);
      expect(columns('trials')).toContain('heartbeat_at');
    });
  });

  it('turns on foreign keys and a busy timeout for the connection', async () => {
    const store = await openKyselyStore(join(dir, 'fk.db'));
    try {
      await expect(store.db.insertInto('metrics').values({ trial_id: 12345, key: 'x', value: 1 }).execute())
        .rejects.toThrow(/FOREIGN KEY/);
    } finally {
      await store.close();
    }
  });

  it('reopens without re-running migrations, and migrateToLatest reports what it applied', async () => {
    const path = join(dir, 'm.db');
    const fresh = await openSqlite(path, { migrate: false });
    expect(await schemaStatus(fresh)).toEqual({ applied: [], pending: Object.keys(migrations).sort(), unknown: [] });
    expect(await migrateToLatest(fresh, { dialect: sqliteDialect, label: path }))
      .toEqual({ applied: Object.keys(migrations).sort(), schemaVersion: latest });
    expect(await migrateToLatest(fresh, { dialect: sqliteDialect, label: path })).toEqual({ applied: [], schemaVersion: latest });
    await fresh.destroy();
    const store = await openKyselyStore(`file://${path}`);
    await store.upsertSweep(newSweep());
    await store.close();
  });

  it('answers range filters on params from the partial (name, value) indexes', async () => {
    const store = await openKyselyStore(join(dir, 'plan.db'));
    try {
      const plan = async (query: Compilable) => {
        const { sql, parameters } = query.compile();
        const { rows } = await store.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${sql}`, [...parameters]));
        return rows.map((r) => r.detail).join('; ');
      };
      expect(await plan(store.db.selectFrom('params').select('trial_id').where('name', '=', 'lambda')
        .where('value_num', '>=', 0.01).where('value_num', '<', 0.1))).toMatch(/USING (COVERING )?INDEX params_name_num/);
      expect(await plan(store.db.selectFrom('params').select('trial_id').where('name', '=', 'penalty')
        .where('value_text', '=', 'l1'))).toMatch(/USING (COVERING )?INDEX params_name_text/);
      expect(await plan(store.db.selectFrom('metrics').select('trial_id').where('key', '=', 'test_accuracy')
        .where('value', '>', 0.9))).toMatch(/USING (COVERING )?INDEX metrics_key_value/);
      // claimNext's pick of the oldest queued trial of any sweep: the partial index of queued trials, no sort.
      const next = await plan(store.db.selectFrom('trials').select('id').where('status', '=', 'queued').orderBy('id').limit(1));
      expect(next).toMatch(/USING (COVERING )?INDEX trials_queued_id/);
      expect(next).not.toMatch(/TEMP B-TREE/);
    } finally {
      await store.close();
    }
  });

  it('lets several processes open a new file at the same moment', async () => {
    const path = join(dir, 'race.db');
    const children = [0, 1, 2, 3].map(() => spawnTs(storeWorkerScript, ['open', path]));
    const results = children.map(collect);
    await Promise.all(children.map((c) => waitForLine(c, 'ready')));
    for (const child of children) child.stdin!.write('go\n');
    for (const o of await Promise.all(results)) expect(o.code, o.stderr).toBe(0);
    raw(path, (db) => expect(db.prepare('select count(*) as n from kysely_migration').get()).toEqual({ n: Object.keys(migrations).length }));
  });
});

describe('refusing databases it must not touch', () => {
  for (const journal of ['wal', 'delete'] as const) {
    it(`refuses a database written by a newer schema and leaves it byte for byte unchanged (${journal} journal)`, async () => {
      const path = join(dir, `newer-${journal}.db`);
      const store = await openKyselyStore(path);
      await store.upsertSweep(newSweep());
      await store.close();
      raw(path, (db) => {
        db.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run('9999-from-the-future', new Date().toISOString());
        db.pragma(`journal_mode = ${journal}`);
      });
      const before = sha256File(path);

      const error = await openError(path);
      expect(error.code).toBe('schema-too-new');
      expect(error.message).toContain(path);
      expect(error.message).toContain('9999-from-the-future');
      expect(error.message).toMatch(/newer version of regsweep/);
      expect(sha256File(path)).toBe(before);

      // Not with migrate: false either, nor through migrateToLatest on a handle opened some other way.
      await expect(openSqlite(path, { migrate: false })).rejects.toThrow(/newer version/);
      const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new BetterSqlite3(path) }) });
      await expect(migrateToLatest(db, { dialect: sqliteDialect, label: path })).rejects.toThrow(/newer version/);
      await db.destroy();
      expect(sha256File(path)).toBe(before);
      expect(existsSync(`${path}-wal`)).toBe(false);
    });
  }

  it('gives a one-line message naming the path for a file that is not SQLite, and leaves it unchanged', async () => {
    const path = join(dir, 'notes.txt');
    writeFileSync(path, 'these are my notes, not a database\n'.repeat(200));
    const before = sha256File(path);
    const error = await openError(path);
    expect(error.code).toBe('not-a-database');
    expect(error.message).toBe(
      `${path} is not an SQLite database (file is not a database); pass the path of a regsweep .db file or a new file name.`,
    );
    expect(error.message).not.toContain('\n');
    expect((error.cause as { code?: string }).code).toBe('SQLITE_NOTADB');
    expect(sha256File(path)).toBe(before);
  });

  it('refuses an SQLite database of another program and leaves it unchanged', async () => {
    const path = join(dir, 'other.db');
    raw(path, (db) => db.exec("create table customers (id integer primary key, name text); insert into customers (name) values ('Ada')"));
    const before = sha256File(path);
    const error = await openError(path);
    expect(error.code).toBe('foreign-database');
    expect(error.message).toContain(path);
    expect(error.message).toContain('customers');
    expect(sha256File(path)).toBe(before);
  });

  it('names the path when the directory does not exist', async () => {
    const path = join(dir, 'missing', 'x.db');
    const error = await openError(path);
    expect(error.code).toBe('open-failed');
    expect(error.message).toContain(path);
  });
});
