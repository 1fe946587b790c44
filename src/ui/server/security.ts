import { timingSafeEqual } from 'node:crypto';
import os from 'node:os';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

/** The cookie a browser keeps the token in after opening the URL printed at start. */
export const TOKEN_COOKIE = 'regsweep_token';

/**
 * Whether a host name is a loopback address: the only hosts served without a token.
 *
 * @example
 * isLoopback('127.0.0.1'); // true
 * isLoopback('0.0.0.0');   // false
 */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** Only GET and HEAD: nothing the dashboard serves writes, and nothing else is answered. */
export const readOnly: MiddlewareHandler = async (c, next) => {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
    c.header('Allow', 'GET, HEAD');
    return c.json({ error: `method ${c.req.method} not allowed: the dashboard is read-only` }, 405);
  }
  await next();
};

/**
 * Refuse a request whose `Host` header names another host than the one bound or `localhost` (with the bound
 * port): a page on another site that points a DNS name at 127.0.0.1 (DNS rebinding) cannot read the dashboard.
 * Bound to every interface (`0.0.0.0`, `::`), each interface's address and the machine's name are accepted too.
 */
export function hostGuard(boundHost: string, port: () => number): MiddlewareHandler {
  return async (c, next) => {
    const header = (c.req.header('host') ?? '').toLowerCase();
    if (!allowedHosts(boundHost, port()).has(header)) {
      return c.json({ error: `host "${header}" refused: open the dashboard at the address it printed (DNS rebinding protection)` }, 403);
    }
    await next();
  };
}

function allowedHosts(boundHost: string, port: number): Set<string> {
  const names = new Set(['localhost', bracket(boundHost.toLowerCase())]);
  if (boundHost === '0.0.0.0' || boundHost === '::') {
    names.add(os.hostname().toLowerCase());
    for (const list of Object.values(os.networkInterfaces())) for (const a of list ?? []) names.add(bracket(a.address.toLowerCase()));
  }
  return new Set([...names].map((n) => `${n}:${port}`));
}

function bracket(host: string): string {
  return host.includes(':') ? `[${host.replace(/^\[|\]$/g, '')}]` : host;
}

/**
 * With a token, every request must carry it: `?token=` (which also sets a cookie, so the pages' own requests
 * carry it), the cookie, or an `Authorization: token <t>` / `Bearer <t>` header. Without one, everything passes.
 */
export function tokenGuard(token: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    if (token === undefined) return next();
    const fromQuery = c.req.query('token');
    const fromHeader = /^(?:token|bearer)\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const given = fromQuery ?? fromHeader ?? getCookie(c, TOKEN_COOKIE);
    if (given === undefined || !sameSecret(given, token)) {
      return c.json({ error: 'a token is required: open the URL with ?token= that `regsweep ui` printed at start' }, 401);
    }
    if (fromQuery !== undefined) setCookie(c, TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/' });
    await next();
  };
}

function sameSecret(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Headers every answer carries: no framing, no sniffing, no referrer, and scripts from this origin only (vega compiles its expressions, hence 'unsafe-eval'). */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('X-Frame-Options', 'DENY');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Content-Security-Policy', "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'");
};
