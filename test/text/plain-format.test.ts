import { describe, expect, it } from 'vitest';
import { compareCodeUnits, groupDigits } from '../../src/text/plain-format.ts';

describe('formatting without Intl', () => {
  it('groupDigits writes what toLocaleString("en-US") writes for integers', () => {
    const values = [0, 7, 12, 999, 1000, 10_000, 65_535, 123_456, 1_000_000, 9_876_543_210, -1, -1000, -1_234_567];
    for (const v of values) expect(groupDigits(v)).toBe(v.toLocaleString('en-US'));
  });

  it('compareCodeUnits orders by UTF-16 code units, capitals before small letters', () => {
    expect(['none', 'l2', 'elasticnet', 'l1', 'B', 'a'].sort(compareCodeUnits)).toEqual(['B', 'a', 'elasticnet', 'l1', 'l2', 'none']);
    expect(compareCodeUnits('x', 'x')).toBe(0);
  });
});
