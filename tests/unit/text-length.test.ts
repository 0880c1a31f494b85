import {
  indexAfter,
  longerThan,
  previewText,
  shortenText,
  textLength,
} from '../../src/plugins/marketing-setup/server/src/domain/text-length';

const U = '\u{1D518}'; // 𝔘: one character, two UTF-16 units
const SMILE = '\u{1F600}';

describe('text lengths in characters (code points), as PostgreSQL counts them', () => {
  it('counts a surrogate pair once, anything else (also a half pair, a combining mark) once per unit', () => {
    expect(textLength('')).toBe(0);
    expect(textLength('Fabrikam')).toBe(8);
    expect(textLength(U.repeat(50))).toBe(50);
    expect(U.repeat(50)).toHaveLength(100);
    expect(textLength(`a${SMILE}b`)).toBe(3);
    expect(textLength('\ud800x')).toBe(2); // an unpaired surrogate (refused elsewhere) is one
    expect(textLength('E\u0301')).toBe(2); // a letter and its combining accent: two code points, as PostgreSQL counts
  });
  it('longerThan: more characters than the limit', () => {
    expect(longerThan(U.repeat(50), 50)).toBe(false);
    expect(longerThan(U.repeat(51), 50)).toBe(true);
    expect(longerThan('x'.repeat(51), 50)).toBe(true);
  });
  it('shortens to whole characters, never half a surrogate pair', () => {
    expect(shortenText(U.repeat(60), 50)).toBe(U.repeat(50));
    expect(shortenText(`${'a'.repeat(49)}${SMILE}${SMILE}`, 50)).toBe(`${'a'.repeat(49)}${SMILE}`);
    expect(shortenText('short', 50)).toBe('short');
    expect(indexAfter(`${U}a${U}`, 2)).toBe(3);
    expect(indexAfter('ab', 5)).toBe(2);
    expect(previewText(`${SMILE.repeat(45)}`, 40)).toBe(`${SMILE.repeat(40)}…`);
    expect(previewText('Gent', 40)).toBe('Gent');
  });
});
