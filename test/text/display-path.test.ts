import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayPath } from '../../src/text/display-path.ts';

describe('displayPath', () => {
  it('shows a file inside the working directory relative to it, any other as recorded', () => {
    expect(displayPath('/home/ana/proj/experiments/l1-vs-l2.ts', '/home/ana/proj')).toBe(path.join('experiments', 'l1-vs-l2.ts'));
    expect(displayPath('/home/ana/other/l1-vs-l2.ts', '/home/ana/proj')).toBe('/home/ana/other/l1-vs-l2.ts');
    // a sibling whose name starts with the directory's is not inside it
    expect(displayPath('/home/ana/proj2/a.ts', '/home/ana/proj')).toBe('/home/ana/proj2/a.ts');
    expect(displayPath('/home/ana/proj', '/home/ana/proj')).toBe('/home/ana/proj');
    // a name that starts with two dots is inside
    expect(displayPath('/home/ana/proj/..hidden.ts', '/home/ana/proj')).toBe('..hidden.ts');
  });

  it('defaults to the current directory', () => {
    expect(displayPath(path.resolve('experiments/l1-vs-l2.ts'))).toBe(path.join('experiments', 'l1-vs-l2.ts'));
  });
});
