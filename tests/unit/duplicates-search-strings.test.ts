import { FABRIKAM } from '../helpers/fabrikam';
import {
  DEFAULT_SEARCH_SETUP,
  type SearchLine,
  bcRuleFires,
  buildSearchStrings,
  matchingStrings,
  reportedHitPercent,
  requiredMatches,
  searchStringFor,
  validateSearchLine,
  validateSearchSetup,
} from '../../src/plugins/marketing-setup/server/src/domain/duplicates/search-strings';
import { violation } from '../helpers/violation';

describe('DEFAULT_SEARCH_SETUP', () => {
  it('is the reference default: 8 fields × first/last, length 5 = 16 lines', () => {
    expect(DEFAULT_SEARCH_SETUP).toHaveLength(16);
    expect([...new Set(DEFAULT_SEARCH_SETUP.map((l) => l.field))]).toEqual([
      'name',
      'address',
      'city',
      'phoneNo',
      'vatRegistrationNo',
      'postCode',
      'email',
      'mobilePhoneNo',
    ]);
    for (const field of new Set(DEFAULT_SEARCH_SETUP.map((l) => l.field))) {
      expect(DEFAULT_SEARCH_SETUP.filter((l) => l.field === field).map((l) => l.part)).toEqual(['first', 'last']);
    }
    expect(DEFAULT_SEARCH_SETUP.every((l) => l.length === 5)).toBe(true);
  });

  it('cannot be changed by accident', () => {
    expect(Object.isFrozen(DEFAULT_SEARCH_SETUP)).toBe(true);
    expect(Object.isFrozen(DEFAULT_SEARCH_SETUP[0])).toBe(true);
  });

  it('passes its own validation', () => {
    expect(validateSearchSetup(DEFAULT_SEARCH_SETUP)).toEqual(DEFAULT_SEARCH_SETUP);
  });
});

describe('validateSearchLine', () => {
  it.each([2, 5, 10])('accepts length %d', (length) => {
    expect(validateSearchLine({ field: 'name', part: 'first', length })).toEqual({
      field: 'name',
      part: 'first',
      length,
    });
  });

  it.each([1, 11, 0, -3, 2.5, '5', null])('refuses length %p with a message naming the field', (length) => {
    const e = violation(() => validateSearchLine({ field: 'name', part: 'last', length }));
    expect(e.message).toMatch(/Length for Name \(last\) must be a whole number from 2 to 10/);
    expect(e.path).toEqual(['length']);
  });

  it('refuses a field that is not a contact text field', () => {
    const e = violation(() => validateSearchLine({ field: 'salesperson', part: 'first', length: 5 }));
    expect(e.message).toMatch(/"salesperson" cannot be used for duplicate search/);
    expect(e.message).toMatch(/VAT Registration No\./);
    expect(e.path).toEqual(['field']);
  });

  it('refuses a part other than first or last', () => {
    const e = violation(() => validateSearchLine({ field: 'city', part: 'middle', length: 5 }));
    expect(e.message).toBe('Part of Field for City must be "first" or "last".');
    expect(e.path).toEqual(['part']);
  });

  it('drops unknown keys', () => {
    expect(validateSearchLine({ field: 'email', part: 'last', length: 4, id: 7 } as any)).toEqual({
      field: 'email',
      part: 'last',
      length: 4,
    });
  });
});

describe('validateSearchSetup', () => {
  it('refuses the same field and part twice (the reference key)', () => {
    const e = violation(() =>
      validateSearchSetup([
        { field: 'name', part: 'first', length: 5 },
        { field: 'name', part: 'first', length: 7 },
      ]),
    );
    expect(e.message).toBe('Name (first) appears twice in the search string setup.');
    expect(e.path).toEqual(['1', 'field']);
  });

  it('points at the offending line', () => {
    const e = violation(() =>
      validateSearchSetup([
        { field: 'name', part: 'first', length: 5 },
        { field: 'city', part: 'last', length: 11 },
      ]),
    );
    expect(e.path).toEqual(['1', 'length']);
  });
});

describe('searchStringFor (MakeContIndex)', () => {
  it('removes spaces and the listed punctuation, keeps other characters, upper-cases', () => {
    expect(searchStringFor('+32 (0)3 123-45-67', 'first', 5)).toBe('32031');
    expect(searchStringFor('+32 (0)3 123-45-67', 'last', 5)).toBe('34567');
    expect(searchStringFor('info@fabrikam.be', 'first', 5)).toBe('INFO@');
    expect(searchStringFor('info@fabrikam.be', 'last', 5)).toBe('KAMBE');
    expect(searchStringFor(`D'Hondt & Co.`, 'first', 10)).toBe(`D'HONDTCO`);
    expect(searchStringFor('a+b"c&d/e,f.g;h:i-j_k(l)m{n}o#p!q£r$s\\t', 'first', 10)).toBe('ABCDEFGHIJ');
    expect(searchStringFor('x*y', 'first', 5)).toBe('X*Y');
  });

  it('takes the whole value when it is shorter than the length', () => {
    expect(searchStringFor('Oslo', 'first', 5)).toBe('OSLO');
    expect(searchStringFor('Oslo', 'last', 5)).toBe('OSLO');
  });

  it('never cuts an accented character in half', () => {
    expect(searchStringFor('Société', 'first', 5)).toBe('SOCIÉ');
    expect(searchStringFor('Liège', 'last', 3)).toBe('ÈGE');
  });

  it('counts an astral character (emoji) as one character, never half of one', () => {
    expect(searchStringFor('😀Fabrikam', 'first', 3)).toBe('😀FA');
    expect(searchStringFor('Fabrikam😀', 'last', 2)).toBe('M😀');
  });

  it('cuts before upper-casing (ß → SS) and keeps at most 10 characters', () => {
    expect(searchStringFor('Straße', 'last', 5)).toBe('TRASSE');
    expect(searchStringFor('ßßßßßßßß', 'first', 8)).toBe('SSSSSSSSSS');
  });

  it('gives nothing for blank or punctuation-only values', () => {
    expect(searchStringFor(null, 'first', 5)).toBe('');
    expect(searchStringFor(undefined, 'first', 5)).toBe('');
    expect(searchStringFor('   ', 'first', 5)).toBe('');
    expect(searchStringFor('-./()', 'last', 5)).toBe('');
  });
});

describe('buildSearchStrings', () => {
  it('builds one string per line with a non-blank value', () => {
    const strings = buildSearchStrings(FABRIKAM, DEFAULT_SEARCH_SETUP);
    expect(strings).toHaveLength(14); // mobile phone is blank: its two lines give no string
    expect(strings).toContainEqual({ field: 'name', part: 'first', value: 'FABRI' });
    expect(strings).toContainEqual({ field: 'name', part: 'last', value: 'KAMNV' });
    expect(strings).toContainEqual({ field: 'vatRegistrationNo', part: 'first', value: 'BE012' });
    expect(strings).toContainEqual({ field: 'postCode', part: 'last', value: '2000' });
    expect(strings.some((s) => s.field === 'mobilePhoneNo')).toBe(false);
  });
});

describe('hit computation', () => {
  it('counts identical (field, part, string) triples', () => {
    const a = buildSearchStrings(FABRIKAM, DEFAULT_SEARCH_SETUP);
    expect(matchingStrings(a, buildSearchStrings({ ...FABRIKAM }, DEFAULT_SEARCH_SETUP))).toBe(14);
    expect(matchingStrings(a, buildSearchStrings({ ...FABRIKAM, city: 'Gent' }, DEFAULT_SEARCH_SETUP))).toBe(12);
    // The same text in another field is no match.
    expect(
      matchingStrings(
        [{ field: 'name', part: 'first', value: 'OSLO' }],
        [{ field: 'city', part: 'first', value: 'OSLO' }],
      ),
    ).toBe(0);
    // A triple given twice counts once, whichever side repeats it.
    const oslo = { field: 'city', part: 'first', value: 'OSLO' } as const;
    expect(matchingStrings([oslo, oslo], [oslo])).toBe(1);
    expect(matchingStrings([oslo], [oslo, oslo])).toBe(1);
  });

  it('requires ceil(lines × hit % / 100) with N = the number of setup lines', () => {
    expect(requiredMatches(16, 60)).toBe(10); // 9.6 → 10
    expect(requiredMatches(4, 50)).toBe(2);
    expect(requiredMatches(4, 51)).toBe(3);
    expect(requiredMatches(10, 70)).toBe(7); // exact, no float surprise
    expect(requiredMatches(3, 100)).toBe(3);
  });

  it.each([0, 101, 50.5])('refuses Search Hit %% %p', (hit) => {
    expect(violation(() => requiredMatches(16, hit)).path).toEqual(['searchHitPercent']);
  });

  it('fires the BC rule from the required number on, never without lines', () => {
    expect(bcRuleFires(10, 16, 60)).toBe(true);
    expect(bcRuleFires(9, 16, 60)).toBe(false);
    expect(bcRuleFires(0, 0, 60)).toBe(false);
  });

  it('reports hit % as matching / lines × 100, rounded', () => {
    expect(reportedHitPercent(14, 16)).toBe(88);
    expect(reportedHitPercent(2, 4)).toBe(50);
    expect(reportedHitPercent(1, 3)).toBe(33);
    expect(reportedHitPercent(0, 0)).toBe(0);
  });
});

describe('four lines (Name, City first/last 5)', () => {
  const lines: SearchLine[] = [
    { field: 'name', part: 'first', length: 5 },
    { field: 'name', part: 'last', length: 5 },
    { field: 'city', part: 'first', length: 5 },
    { field: 'city', part: 'last', length: 5 },
  ];
  const count = (a: Record<string, unknown>, b: Record<string, unknown>) =>
    matchingStrings(buildSearchStrings(a, lines), buildSearchStrings(b, lines));

  it('"Alpha Trading"/Oslo vs "Alpha Trading"/Bergen: 2 strings, a pair at 50 %, none at 51 %', () => {
    const n = count({ name: 'Alpha Trading', city: 'Oslo' }, { name: 'Alpha Trading', city: 'Bergen' });
    expect(n).toBe(2);
    expect(bcRuleFires(n, lines.length, 50)).toBe(true);
    expect(bcRuleFires(n, lines.length, 51)).toBe(false);
  });

  it('"Alpha Trading"/Oslo vs "Alpha Systems"/Bergen: 1 string, no pair at 50 %', () => {
    const n = count({ name: 'Alpha Trading', city: 'Oslo' }, { name: 'Alpha Systems', city: 'Bergen' });
    expect(n).toBe(1);
    expect(bcRuleFires(n, lines.length, 50)).toBe(false);
  });
});
