import fc from 'fast-check';
import packageStringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { PLAIN_CHARACTERS, stringWidth } from '../../src/text/string-width.ts';

// The characters the fast path answers for: printable ASCII (' ' to '~') and the listed symbols.
const plainChars = [
  ...Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)),
  ...PLAIN_CHARACTERS.slice(3),
];

describe('stringWidth (what the build gives cli-table3 for string-width)', () => {
  it('lists printable ASCII as a range, then single symbols', () => {
    expect(PLAIN_CHARACTERS.slice(0, 3)).toBe(' -~');
    expect(plainChars).toHaveLength(95 + 11);
  });

  it.each(plainChars)('counts %j as string-width does: one column', (c) => {
    expect(packageStringWidth(c)).toBe(1);
    expect(stringWidth(c)).toBe(1);
  });

  it('agrees with string-width on strings of those characters (property)', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...plainChars), { maxLength: 40 }), (chars) => {
      const s = chars.join('');
      expect(stringWidth(s)).toBe(packageStringWidth(s));
    }), { numRuns: 2000 });
  });

  it('leaves everything else to string-width: colour codes, wide characters, emoji, control characters', () => {
    for (const s of ['\x1b[36mval acc\x1b[39m', '古い', 'l2 👍', '1\uFE0F\u20E3', 'a\tb', 'e\u0301', '']) {
      expect(stringWidth(s)).toBe(packageStringWidth(s));
    }
    expect(stringWidth('\x1b[36mval acc\x1b[39m')).toBe(7);
    expect(stringWidth('古い')).toBe(4);
  });
});
