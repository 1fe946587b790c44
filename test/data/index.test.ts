import { describe, expect, it } from 'vitest';
import * as data from '../../src/data/index.ts';

describe('src/data barrel', () => {
  it('exports the public API', () => {
    expect(Object.keys(data).sort()).toEqual([
      'DataError', 'applyNormalizer', 'fitNormalizer', 'kFold', 'loadCsv', 'makeSynthetic', 'makeTeacher',
      'normalizeSplits', 'parseCsv', 'resolveSyntheticConfig', 'stratifiedSplit', 'subset', 'syntheticDefaults',
      'syntheticTeacher', 'teacherLabel',
    ]);
  });

  it('chains load, split and normalize', () => {
    const ds = data.parseCsv('a,b,y\n1,5,p\n2,6,q\n3,7,p\n4,8,q\n', { file: 't.csv', label: 'y' });
    const { train, test } = data.normalizeSplits(data.stratifiedSplit(ds, { validation: 0, test: 0.5, seed: 1 }), 'minmax');
    expect([train.n, test.n]).toEqual([2, 2]);
    expect(Math.min(...train.x)).toBe(0);
    expect(Math.max(...train.x)).toBe(1);
  });
});
