import { StoreError } from '../store-error.ts';
import type { PostgresTarget } from './postgres-url.ts';

/** Network error codes that mean the server could not be reached at all. */
const UNREACHABLE: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset by the server',
};

/**
 * Turn a failure to connect to PostgreSQL into one line a user can act on: server unreachable,
 * authentication failed (28P01, 28000) or database missing (3D000). The password never appears; the
 * driver's error is the `cause`.
 *
 * @example
 * try { await pool.connect() } catch (error) { throw connectError(error, target) }
 */
export function connectError(error: unknown, target: PostgresTarget): StoreError {
  const at = `PostgreSQL at ${target.host}:${target.port}`;
  const code = codeOf(error);
  let message: string;
  if (code && code in UNREACHABLE) {
    message = `cannot reach ${at}: ${UNREACHABLE[code]} (${code}); check the host and port, and that the server is running.`;
  } else if (isTimeout(error)) {
    message = `cannot reach ${at}: no answer within ${CONNECT_TIMEOUT_MS / 1000} s; check the host and port, and that the server is running.`;
  } else if (code === '28P01') {
    message = `${at} rejected the password of user "${target.user}" (password authentication failed); check the user and password in the URL.`;
  } else if (code === '28000') {
    message = `${at} rejected user "${target.user}": ${oneLine(error)}; check the user in the URL and the server's pg_hba.conf.`;
  } else if (code === '3D000') {
    message = `database "${target.database}" does not exist on ${at}; create it with \`createdb ${target.database}\` and try again.`;
  } else {
    message = `Cannot open PostgreSQL database ${target.label}: ${oneLine(error)}`;
  }
  return new StoreError('open-failed', scrub(message, target), { cause: error });
}

/** How long a new connection may take before `connectError` reports the server unreachable. */
export const CONNECT_TIMEOUT_MS = 10_000;

/** The error's `code`: a Node system error code or a PostgreSQL SQLSTATE. An AggregateError (IPv6 then IPv4) has it too. */
function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  const inner = (error as { errors?: unknown[] } | null)?.errors?.[0];
  return inner === undefined ? undefined : codeOf(inner);
}

/** pg's own connection timeouts carry no code, only these messages. */
function isTimeout(error: unknown): boolean {
  return /timeout expired|connection timeout|timeout exceeded when trying to connect/i.test(oneLine(error));
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.trim();
}

/** Belt and braces: a driver message should never hold the password, but if one ever does, hide it. */
function scrub(message: string, target: PostgresTarget): string {
  return target.password.length >= 3 ? message.replaceAll(target.password, '***') : message;
}
