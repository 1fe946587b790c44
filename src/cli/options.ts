import { UsageError } from './errors.ts';

// The flags several commands share, and the parsers of option values: each checks one flag and names it
// in a UsageError (exit code 2) when its value does not parse.

/** Flags every command that reads or writes runs shares. */
export const dbArgs = {
  db: {
    type: 'string',
    description: 'database: an SQLite file path, or a postgres://user:password@host:5432/dbname URL (default $REGSWEEP_DB or ./regsweep.db)',
    valueHint: 'path',
  },
} as const;

/** The database the user asked for. @example dbPath({}) // $REGSWEEP_DB or 'regsweep.db' */
export function dbPath(args: { db?: string }): string {
  return args.db ?? process.env.REGSWEEP_DB ?? 'regsweep.db';
}

/** Check a `--format` value. @example formatOption(args.format, ['table', 'json', 'csv']) // 'table' when unset */
export function formatOption<const F extends string>(value: string | undefined, formats: readonly F[]): F {
  if (value === undefined) return formats[0]!;
  if (!(formats as readonly string[]).includes(value)) throw new UsageError(`--format must be one of ${formats.join(', ')}, got "${value}"`);
  return value as F;
}

/** Check an integer option. @example intOption('limit', '20', 0) // 20 */
export function intOption(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer >= ${min}, got "${value}"`);
  return n;
}

/** `--version N` or `--version all`; unset is the latest. @example versionOption('all') // 'all' */
export function versionOption(value: string | undefined): number | 'all' | 'latest' {
  if (value === undefined || value === 'latest') return 'latest';
  if (value === 'all') return 'all';
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--version must be a version number (1, 2, ...) or "all", got "${value}"`);
  return n;
}

/**
 * `--version N` where one version is meant (compare, report): undefined for the latest.
 *
 * @example sweepVersionOption('2') // 2; sweepVersionOption('two') throws '--version must be an integer >= 1, got "two"'
 */
export function sweepVersionOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  return intOption('version', value, 1);
}

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
