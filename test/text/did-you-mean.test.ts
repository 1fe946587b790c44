import { describe, expect, it } from 'vitest';
import { suggest as filterSuggest } from '../../src/store/filter/suggest.ts';
import { didYouMean as sweepDidYouMean } from '../../src/sweep/sweep-error.ts';
import { didYouMean, editDistance, suggest } from '../../src/text/did-you-mean.ts';

describe('did you mean', () => {
  it('is one implementation: sweep files and the filter language use the same functions', () => {
    expect(sweepDidYouMean).toBe(didYouMean);
    expect(filterSuggest).toBe(suggest);
  });

  it('suggests within a third of the word length, and at least 2, edits', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(suggest('lamda', ['lambda', 'seed'])).toBe('lambda'); // 1 edit
    expect(suggest('eps', ['epochs'])).toBeUndefined(); // 3 edits on a 3-letter word
    expect(suggest('learnRate', ['learningRate', 'seed'])).toBe('learningRate'); // 3 edits, 9 letters
    expect(suggest('rate', ['learningRate'])).toBeUndefined();
    expect(suggest('STATUS', ['stats', 'status'])).toBe('status'); // a case difference wins
  });

  it('ends a message the same way everywhere', () => {
    expect(`unknown key "lamda"${didYouMean('lamda', ['lambda'])}`).toBe('unknown key "lamda" (did you mean "lambda"?)');
    expect(didYouMean('zzz', ['lambda'])).toBe('');
  });
});
