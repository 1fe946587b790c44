import path from 'node:path';

/**
 * A recorded file path as a user reads it: relative to `cwd` when the file is inside it, else as recorded.
 * The store keeps absolute paths (a worker started anywhere must find the sweep file); pages and messages
 * show `experiments/l1-vs-l2.ts` to whoever runs from the project's root.
 *
 * @example
 * displayPath('/home/ana/proj/experiments/l1-vs-l2.ts', '/home/ana/proj'); // 'experiments/l1-vs-l2.ts'
 * displayPath('/data/other.ts', '/home/ana/proj'); // '/data/other.ts'
 */
export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, file);
  const outside = rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
  return rel && !outside ? rel : file;
}
