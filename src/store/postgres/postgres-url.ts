/** Where a `postgres://` URL points, for messages: never includes the password. */
export interface PostgresTarget {
  host: string;
  port: number;
  database: string;
  user: string;
  /** the URL with its password replaced by `***`: what messages show */
  label: string;
  /** the password, if any, so that messages can be scrubbed of it; never print this */
  password: string;
}

/**
 * True for `postgres://` and `postgresql://` URLs.
 *
 * @example isPostgresUrl('postgresql://db.example.com/regsweep') // true
 */
export function isPostgresUrl(text: string): boolean {
  return /^postgres(ql)?:\/\//i.test(text);
}

/**
 * Host, port, database and user of a PostgreSQL URL, with libpq's defaults (PGHOST, PGPORT, PGUSER,
 * PGDATABASE, then localhost, 5432, the OS user, the user name), and a printable label.
 *
 * @example
 * parsePostgresUrl('postgres://sweeper:s3cret@db:5432/runs')
 * // { host: 'db', port: 5432, database: 'runs', user: 'sweeper', label: 'postgres://sweeper:***@db:5432/runs', ... }
 */
export function parsePostgresUrl(text: string): PostgresTarget | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  const password = decode(url.password) || (url.searchParams.get('password') ?? '');
  const user = decode(url.username) || url.searchParams.get('user') || process.env.PGUSER || process.env.USER || 'postgres';
  const host = decode(url.hostname) || url.searchParams.get('host') || process.env.PGHOST || 'localhost';
  const port = Number(url.port || url.searchParams.get('port') || process.env.PGPORT || 5432);
  const database = decode(url.pathname.replace(/^\//, '')) || url.searchParams.get('dbname') || process.env.PGDATABASE || user;
  return { host, port, database, user, label: redactPostgresUrl(text), password };
}

/**
 * The URL with any password (`user:password@` or `?password=`) replaced by `***`.
 *
 * @example redactPostgresUrl('postgres://sweeper:s3cret@db/runs') // 'postgres://sweeper:***@db/runs'
 */
export function redactPostgresUrl(text: string): string {
  // Cut the user info at the last `@` before the query, not the first `/`: a password someone forgot to
  // percent-encode may hold `/`, `#` or `@`, and must not leak half-redacted.
  let out = text;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(text)?.[0];
  if (scheme) {
    const query = text.indexOf('?', scheme.length);
    const at = text.lastIndexOf('@', query < 0 ? text.length : query);
    const colon = text.indexOf(':', scheme.length);
    if (at > scheme.length && colon >= 0 && colon < at) out = `${text.slice(0, colon)}:***${text.slice(at)}`;
  }
  return out.replace(/([?&]password=)[^&#]*/gi, '$1***');
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
