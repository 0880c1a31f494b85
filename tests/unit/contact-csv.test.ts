import {
  checkMapping,
  csvCell,
  csvLine,
  exportHeader,
  matchKeyOf,
  normaliseHeader,
  rowToInput,
  suggestMapping,
} from '../../src/plugins/marketing-setup/server/src/domain/contact-csv';

describe('contact CSV: headers', () => {
  test('normalised without case, spaces, punctuation or accents', () => {
    expect(normaliseHeader(' E-Mail ')).toBe('email');
    expect(normaliseHeader('No.')).toBe('no');
    expect(normaliseHeader('Country/Region Code')).toBe('countryregioncode');
    expect(normaliseHeader('Één')).toBe('een');
  });

  test('suggestions from English and Dutch captions, attribute names and Business Central code columns', () => {
    expect(
      suggestMapping([
        'No.',
        'Naam',
        'e-mail',
        'phoneNo',
        'Btw-nummer',
        'Salesperson Code',
        'Company No.',
        'Plaats',
        'Whatever',
      ]),
    ).toEqual({
      'No.': 'no',
      Naam: 'name',
      'e-mail': 'email',
      phoneNo: 'phoneNo',
      'Btw-nummer': 'vatRegistrationNo',
      'Salesperson Code': 'salesperson',
      'Company No.': 'company',
      Plaats: 'city',
      Whatever: null,
    });
  });

  test('a field is suggested for its first column only', () => {
    expect(suggestMapping(['Name', 'Naam'])).toEqual({ Name: 'name', Naam: null });
  });
});

describe('contact CSV: mapping', () => {
  test('skipped columns are left out', () => {
    expect(checkMapping(['A', 'B'], { A: 'name', B: null })).toEqual({ A: 'name' });
  });
  test.each([
    [{ C: 'name' }, 'The file has no column "C" (its columns: A, B).'],
    [
      { A: 'businessRelation' },
      'Column "A" cannot be imported into "businessRelation": that is not a contact field an import may set.',
    ],
    [{ A: 'name', B: 'name' }, 'Columns "A" and "B" are both mapped to Name; map one of them.'],
    [{ A: null }, 'No column is mapped to a contact field, so there is nothing to import.'],
  ])('%j is refused', (mapping, message) => {
    expect(() => checkMapping(['A', 'B'], mapping as any)).toThrow(message);
  });
});

describe('contact CSV: cells', () => {
  const mapping = {
    T: 'type',
    P: 'privacyBlocked',
    S: 'salesperson',
    C: 'company',
    N: 'name',
    K: 'correspondenceType',
  } as const;
  test('values of their field; blank cells set nothing; relations kept as codes', () => {
    expect(
      rowToInput({ T: 'Persoon', P: 'ja', S: 'AB', C: 'CT000001', N: ' Anna ', K: 'E-Mail' }, mapping as any),
    ).toEqual({
      data: { type: 'person', privacyBlocked: true, name: 'Anna', correspondenceType: 'email' },
      codes: { salesperson: 'AB', company: 'CT000001' },
    });
    expect(rowToInput({ T: '', P: ' ', N: 'X' }, mapping as any)).toEqual({ data: { name: 'X' }, codes: {} });
  });
  test('a value that is none of its field names the column', () => {
    expect(() => rowToInput({ T: 'Vendor' }, mapping as any)).toThrow(
      'T: "Vendor" is not a contact type; use Company or Person.',
    );
    expect(() => rowToInput({ P: 'maybe' }, mapping as any)).toThrow('P: "maybe" is not yes or no.');
  });
  test('match key: No., else VAT Registration No., else e-mail', () => {
    expect(matchKeyOf({ data: { no: 'CT1', vatRegistrationNo: 'BE1', email: 'a@b' }, codes: {} })).toEqual({
      field: 'no',
      value: 'CT1',
    });
    expect(matchKeyOf({ data: { vatRegistrationNo: 'BE1', email: 'a@b' }, codes: {} })).toEqual({
      field: 'vatRegistrationNo',
      value: 'BE1',
    });
    expect(matchKeyOf({ data: { email: 'a@b' }, codes: {} })).toEqual({ field: 'email', value: 'a@b' });
    expect(matchKeyOf({ data: { name: 'x' }, codes: {} })).toBeNull();
  });
});

describe('contact CSV: writing', () => {
  test('quotes what needs it, keeps phone numbers, defuses formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('+32 9 123 45 67')).toBe('+32 9 123 45 67');
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell(true)).toBe('Yes');
    expect(csvCell(null)).toBe('');
    expect(csvLine(['a', 1, null])).toBe('a,1,\r\n');
  });
  test('header with Business Central captions in English or Dutch', () => {
    expect(exportHeader(['no', 'name', 'vatRegistrationNo'])).toBe('No.,Name,VAT Registration No.\r\n');
    expect(exportHeader(['no', 'name', 'vatRegistrationNo'], 'nl')).toBe('Nr.,Naam,Btw-nummer\r\n');
  });
});
