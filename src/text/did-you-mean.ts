/**
 * The one "did you mean" of regsweep: sweep-file keys, CSV columns, filter fields, sweep names and
 * compare options all suggest with this rule, so a typo gets the same hint wherever it is made.
 *
 * The candidate closest to `word` by edit distance, if it is close enough to be a likely typo: at most
 * a third of the word's length, and at least 2, edits away. A candidate that differs only in case wins
 * over any other.
 *
 * @example
 * suggest('tst_accuracy', ['test_accuracy', 'test_loss']) // 'test_accuracy'
 * suggest('foo', ['test_accuracy']) // undefined
 */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(2, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = candidate.toLowerCase() === word.toLowerCase() ? 0.5 : editDistance(word, candidate);
    if (d <= limit && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * `suggest` as the end of a message: ` (did you mean "x"?)`, or '' when nothing is close.
 *
 * @example `unknown key "epocs"${didYouMean('epocs', ['epochs', 'seed'])}` // 'unknown key "epocs" (did you mean "epochs"?)'
 */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const best = suggest(word, candidates);
  return best === undefined ? '' : ` (did you mean "${best}"?)`;
}

/** Levenshtein distance, one row at a time. @example editDistance('kitten', 'sitting') // 3 */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}
