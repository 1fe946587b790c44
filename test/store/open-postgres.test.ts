import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.ts';
import { StoreError, migrateStore, openKyselyStore, redactPostgresUrl } from '../../src/store/index.ts';
import { collect, spawnTs, storeWorkerScript, waitForLine } from './helpers.ts';
import {
  createTestDatabase, describePostgres, testPgHostPort, testPgUrl, withAdmin, withConnection, withDatabase,
} from './postgres-fixture.ts';
import { newSweep, newTrials, result } from './storage-suite.ts';

const latest = Object.keys(migrations).sort().at(-1)!;

async function openError(url: string): Promise<StoreError> {
  const error = await openKyselyStore(url).then(
    async (store) => { await store.close(); throw new Error(`openKyselyStore(${redactPostgresUrl(url)}) should have failed`); },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  expect((error as StoreError).message).not.toContain('\n');
  return error as StoreError;
}

describe('PostgreSQL errors that need no server', () => {
  it('says the server cannot be reached (connection refused), without the password', async () => {
    const error = await openError('postgres://sweeper:s3cret-pw@127.0.0.1:1/regsweep');
    expect(error.code).toBe('open-failed');
    expect(error.message).toBe(
      'cannot reach PostgreSQL at 127.0.0.1:1: connection refused (ECONNREFUSED); check the host and port, and that the server is running.',
    );
    expect((error.cause as { code?: string }).code).toBe('ECONNREFUSED');
  });

  it('says the host is unknown, without the password (postgresql:// too)', async () => {
    const error = await openError('postgresql://sweeper:s3cret-pw@no-such-host.invalid:5433/regsweep');
    expect(error.code).toBe('open-failed');
    // Without a resolver the lookup fails as EAI_AGAIN instead.
    expect(error.message).toMatch(new RegExp(
      '^cannot reach PostgreSQL at no-such-host\\.invalid:5433: (host not found \\(ENOTFOUND\\)|host name lookup failed \\(EAI_AGAIN\\)); ' +
        'check the host and port, and that the server is running\\.$',
    ));
    expect(error.message).not.toContain('s3cret-pw');
  });

  it('refuses other URL schemes, without the password', async () => {
    const error = await openError('mysql://sweeper:s3cret-pw@localhost/x');
    expect(error.code).toBe('unsupported-url');
    expect(error.message).toBe(
      'Unsupported database URL mysql://sweeper:***@localhost/x; pass the path of an SQLite file such as regsweep.db, or a postgres:// URL.',
    );
  });

  it('redacts passwords in every form', () => {
    expect(redactPostgresUrl('postgres://u:s3cret@h:5432/db')).toBe('postgres://u:***@h:5432/db');
    expect(redactPostgresUrl('postgres://u:p@ss/w0rd@h/db?sslmode=require')).toBe('postgres://u:***@h/db?sslmode=require');
    expect(redactPostgresUrl('postgresql://h/db?user=u&password=s3cret')).toBe('postgresql://h/db?user=u&password=***');
    expect(redactPostgresUrl('postgres://u@h/db')).toBe('postgres://u@h/db');
  });
});

describePostgres('opening a PostgreSQL store', () => {
  const drops: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const drop of drops.splice(0)) await drop();
  });
  async function freshDatabase(options?: string) {
    const database = await createTestDatabase('regsweep_t', options);
    drops.push(database.drop);
    return database;
  }

  it('says the database does not exist and how to create it', async () => {
    const url = withDatabase(testPgUrl!, 'regsweep_no_such_db');
    const error = await openError(url);
    expect(error.code).toBe('open-failed');
    expect(error.message).toBe(
      `database "regsweep_no_such_db" does not exist on PostgreSQL at ${testPgHostPort()}; ` +
        'create it with `createdb regsweep_no_such_db` and try again.',
    );
    expect((error.cause as { code?: string }).code).toBe('3D000');
  });

  it('says the password was wrong, without showing it', async () => {
    // scripts/pg-test-server.sh makes the server ask this role (and only it) for its password.
    await withAdmin((c) => c.query(`
      do $$ begin
        create role regsweep_password_check login password 'the-right-one';
      exception when duplicate_object then
        alter role regsweep_password_check login password 'the-right-one';
      end $$`));
    const u = new URL(testPgUrl!);
    u.username = 'regsweep_password_check';
    u.password = 'wr0ng-s3cret';
    const error = await openError(u.toString());
    expect(
      (error.cause as { code?: string }).code,
      `the server at REGSWEEP_TEST_PG accepted a wrong password; start it with scripts/pg-test-server.sh (${error.message})`,
    ).toBe('28P01');
    expect(error.code).toBe('open-failed');
    expect(error.message).toBe(
      `PostgreSQL at ${testPgHostPort()} rejected the password of user "regsweep_password_check" (password authentication failed); ` +
        'check the user and password in the URL.',
    );
    expect(error.message).not.toContain('wr0ng-s3cret');
  });

  it('creates every table and index in an empty database, and migrates once', async () => {
    const { url } = await freshDatabase();
    const store = await openKyselyStore(url);
    await store.upsertSweep(newSweep());
    await store.close();
    const { rows } = await withConnection(url, (c) => c.query<{ name: string }>(
      "select indexname as name from pg_indexes where schemaname = 'public' order by indexname",
    ));
    expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining([
      'metric_history_trial_key_epoch', 'metrics_key_value', 'params_name_num', 'params_name_text',
      'trials_queued_id', 'trials_queued_sweep_id', 'trials_sweep_status',
    ]));
    expect(await migrateStore(url)).toEqual({ applied: [], schemaVersion: latest, label: url });
  });

  it('sorts and compares text by code point, as SQLite does, even in a database with a natural-language collation', async () => {
    const { url } = await freshDatabase("template template0 locale_provider icu icu_locale 'en-US' lc_collate 'C' lc_ctype 'C'");
    const store = await openKyselyStore(url);
    try {
      // The database's own collation puts 'alpha' before 'Zeta'; regsweep's columns do not.
      const { rows } = await sql<{ lt: boolean }>`select 'alpha' < 'Zeta' as lt`.execute(store.db);
      expect(rows[0]!.lt).toBe(true);
      for (const name of ['alpha', 'Zeta', 'Beta']) await store.upsertSweep(newSweep({ name }));
      expect((await store.listSweeps()).map((s) => s.sweep.name)).toEqual(['Beta', 'Zeta', 'alpha']);
      const sweep = (await store.getSweep('alpha'))!;
      await store.addTrials(sweep.id, newTrials(1));
      const [trial] = await store.listTrials(sweep.id);
      await store.claimTrial(trial!.id, 'w:1');
      await store.finishTrial(trial!.id, 'w:1', result({ curve: [{ epoch: 0, key: 'b', value: 1 }, { epoch: 0, key: 'B', value: 2 }] }));
      expect((await store.getCurve(trial!.id)).map((p) => p.key)).toEqual(['B', 'b']);
    } finally {
      await store.close();
    }
  });

  it('lets several processes open a new database at the same moment', async () => {
    const { url } = await freshDatabase();
    const children = [0, 1, 2, 3].map(() => spawnTs(storeWorkerScript, ['open', url]));
    const results = children.map(collect);
    await Promise.all(children.map((c) => waitForLine(c, 'ready')));
    for (const child of children) child.stdin!.write('go\n');
    for (const o of await Promise.all(results)) expect(o.code, o.stderr).toBe(0);
    const store = await openKyselyStore(url);
    try {
      const names = await store.db.selectFrom('kysely_migration' as never).select('name' as never).execute();
      expect(names).toHaveLength(Object.keys(migrations).length);
    } finally {
      await store.close();
    }
  });

  it('refuses a database written by a newer schema, and leaves it unchanged', async () => {
    const { url } = await freshDatabase();
    const store = await openKyselyStore(url);
    await store.upsertSweep(newSweep());
    await store.db.insertInto('kysely_migration' as never)
      .values({ name: '9999-from-the-future', timestamp: new Date().toISOString() } as never).execute();
    await store.close();
    const u = new URL(url);
    u.password = 'hunter22';
    const error = await openError(u.toString());
    expect(error.code).toBe('schema-too-new');
    expect(error.message).toBe(
      `${redactPostgresUrl(u.toString())} was written by a newer version of regsweep (unknown schema migration 9999-from-the-future); ` +
        'upgrade regsweep to use it. The database was not modified.',
    );
    expect(error.message).not.toContain('hunter22');
    await expect(migrateStore(url)).rejects.toThrow(/newer version of regsweep/);
  });

  it('refuses a database of another program', async () => {
    const { url } = await freshDatabase();
    await withConnection(url, (c) => c.query("create table customers (id serial primary key, name text); insert into customers (name) values ('Ada')"));
    const error = await openError(url);
    expect(error.code).toBe('foreign-database');
    expect(error.message).toBe(
      `${url} is a PostgreSQL database but not a regsweep one (it has tables customers and no schema record); ` +
        'pass another database, or create one with `createdb <name>`. The database was not modified.',
    );
  });
});
