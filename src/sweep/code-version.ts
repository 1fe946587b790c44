import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

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
      // node:child_process is required here, not imported at the top: every command imports this module for
      // its version, and only the ones that record a sweep need git (it is one of Node's costlier modules).
      const { execFileSync } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
      commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: new URL('../..', import.meta.url), stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    } catch {
      commit = null;
    }
  }
  return commit;
}
