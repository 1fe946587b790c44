import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let version: string | undefined;
/** This package's version, recorded with every sweep. */
export function packageVersion(): string {
  if (version === undefined) {
    try {
      version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
    } catch {
      version = 'unknown';
    }
  }
  return version;
}

let commit: string | null | undefined;
/** The git commit of this package's checkout, or null when it is not one (an installed package). */
export function gitCommit(): string | null {
  if (commit === undefined) {
    try {
      commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: new URL('../..', import.meta.url), stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    } catch {
      commit = null;
    }
  }
  return commit;
}
