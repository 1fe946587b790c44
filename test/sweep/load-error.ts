import { fileURLToPath } from 'node:url';
import { loadSweep } from '../../src/sweep/load-sweep.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The message `loadSweep` rejects a sweep file with (a path from the repository root); fails if it loads. */
export async function loadErrorOf(file: string): Promise<string> {
  try {
    await loadSweep(file, root);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`${file} loaded without error`);
}
