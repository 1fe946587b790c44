/**
 * A sweep definition that cannot be run: the message names the file and the field path, one problem a line.
 * The CLI prints it as is and exits with code 2.
 */
export class SweepConfigError extends Error {
  override name = 'SweepConfigError';
  constructor(readonly file: string, readonly problems: string[], options?: { cause?: unknown }) {
    super(problems.map((p) => `${file}: ${p}`).join('\n'), options);
  }
}

/** Edit distance, for "did you mean" hints. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length]![b.length]!;
}

/** ` (did you mean "x"?)` when a candidate is within two edits of `word`, else ''. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  let best: string | undefined, bestD = 3;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best ? ` (did you mean "${best}"?)` : '';
}
