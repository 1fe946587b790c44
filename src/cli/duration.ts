import { UsageError } from './shared.ts';

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;

/**
 * A duration flag in milliseconds: `500ms`, `2s`, `1.5m`, `1h`, or a bare number of seconds. Undefined
 * when the flag was not given; a UsageError naming the flag when it does not parse or is not positive.
 *
 * @example durationOption('grace', '2s') // 2000
 */
export function durationOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(value);
  const ms = m ? Number(m[1]) * UNIT_MS[(m[2] ?? 's') as keyof typeof UNIT_MS] : NaN;
  if (!(ms > 0)) throw new UsageError(`--${name} must be a duration such as 30s, 500ms, 2m or 1h, got "${value}"`);
  return ms;
}

