// The PostgreSQL server the tests use: REGSWEEP_TEST_PG (start one with `source scripts/pg-test-server.sh`).
// Every test gets a database of its own, created through that URL's connection and dropped afterwards.
// Without the variable the PostgreSQL cases are skipped, except in CI (CI=true), where they fail.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'vitest';

/** The admin URL, e.g. `postgres://postgres@127.0.0.1:54329/regsweep_test`, or undefined. */
export const testPgUrl: string | undefined = process.env.REGSWEEP_TEST_PG || undefined;

const MISSING = 'REGSWEEP_TEST_PG is not set: start a server with `source scripts/pg-test-server.sh`';

/**
 * `describe` for cases that need the server. Without one: skipped (say why with `note: true`, once per
 * run: the storage suite does it), or, when CI=true, one failing test saying why.
 *
 * @example describePostgres('opening a PostgreSQL store', () => { it(...) });
 */
export function describePostgres(title: string, body: () => void, options: { note?: boolean } = {}): void {
  if (testPgUrl) {
    describe(title, body);
  } else if (process.env.CI === 'true') {
    describe(title, () => it('has a PostgreSQL server to test against', () => {
      throw new Error(`${MISSING} (CI=true, so the PostgreSQL tests must run)`);
    }));
  } else {
    if (options.note) console.warn(`PostgreSQL store tests skipped: ${MISSING}.`);
    describe.skip(title, body);
  }
}

/** `url` with another database name (and the same user, host and port). */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Run `fn` on a connection of its own to `url`. */
export async function withConnection<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Run `fn` on a connection to the admin URL. */
export function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  return withConnection(testPgUrl!, fn);
}

/**
 * A new, empty database on the test server, and a function that drops it (closing any connection left).
 * Its name starts with `prefix`; `options` are appended to `CREATE DATABASE` (e.g. a locale).
 *
 * @example
 * const { url, drop } = await createTestDatabase();
 * const store = await openStore(url);
 */
export async function createTestDatabase(prefix = 'regsweep_t', options = ''): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdmin((c) => c.query(`create database ${name} ${options}`));
  return {
    name,
    url: withDatabase(testPgUrl!, name),
    drop: () => withAdmin(async (c) => { await c.query(`drop database if exists ${name} with (force)`); }),
  };
}

/** Host and port of the test server, as messages show them. */
export function testPgHostPort(): string {
  const u = new URL(testPgUrl!);
  return `${u.hostname}:${u.port || 5432}`;
}
