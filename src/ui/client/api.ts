import type { ApiError } from '../api-types.ts';

/** A 4xx or 5xx from the dashboard's API, with the server's message (and, for a bad filter, where it goes wrong). */
export class ApiRequestError extends Error {
  constructor(readonly status: number, readonly body: ApiError) {
    super(body.error);
  }
}

/** GET a JSON endpoint; throws ApiRequestError with the server's message on an error status. */
export async function getJson<T>(path: string, params: Record<string, string | number | boolean | undefined> = {}): Promise<T> {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '' && v !== false) query.set(k, String(v));
  const url = query.size ? `${path}?${query}` : path;
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  const body = await res.json().catch(() => ({ error: `${res.status} ${res.statusText}` }));
  if (!res.ok) throw new ApiRequestError(res.status, body as ApiError);
  return body as T;
}
