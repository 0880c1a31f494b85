import {
  pickByCode,
  FileRows,
  advance,
  changesMatchKeys,
  checkMapping,
  checkRowCells,
  csvStart,
  decodeCsvBytes,
  detectDelimiter,
  mixedEncoding,
  readHeaders,
  unclosedQuoteLine,
  dryRunOutcome,
  errorsCsv,
  isLastChunk,
  isStale,
  pickMatch,
  rowType,
  companyNamed,
  lookupKeysOfContact,
  exportValue,
  vatMatchValue,
  withoutMatchedKey,
  unknownCode,
  unknownCompany,
  withRelations,
  csvCell,
  csvLine,
  exportHeader,
  matchKeyOf,
  normaliseHeader,
  unescapeFormula,
  rowToInput,
  suggestMapping,
  unchangedBy,
  twinNameOf,
  twinOf,
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

  test.each([
    ['Telefoon', 'phoneNo'],
    ['Tel.', 'phoneNo'],
    ['Phone', 'phoneNo'],
    ['Téléphone', 'phoneNo'],
    ['GSM', 'mobilePhoneNo'],
    ['Mobiel', 'mobilePhoneNo'],
    ['VAT', 'vatRegistrationNo'],
    ['BTW', 'vatRegistrationNo'],
    ['BTW-nummer', 'vatRegistrationNo'],
    ['TVA', 'vatRegistrationNo'],
    ['N° TVA', 'vatRegistrationNo'],
    ['Ondernemingsnummer', 'registrationNumber'],
    ['Land', 'countryRegion'],
    ['Country', 'countryRegion'],
    ['Pays', 'countryRegion'],
    ['Straat', 'address'],
    ['Adres', 'address'],
    ['Rue', 'address'],
    ['Gemeente', 'city'],
    ['Stad', 'city'],
    ['Ville', 'city'],
    ['Postcode', 'postCode'],
    ['Code postal', 'postCode'],
    ['E-mail', 'email'],
    ['Email', 'email'],
    ['Mail', 'email'],
    ['Naam', 'name'],
    ['Nom', 'name'],
    ['Bedrijf', 'company'], // the Dutch caption of Company (the company's No.): an exact caption stays as it was
    ['Firma', 'name'], // alone: a list of firms, the firm's name
    ['Voornaam', 'firstName'],
    ['Prénom', 'firstName'],
    ['Achternaam', 'surname'],
    ['Familienaam', 'surname'],
    ['Website', 'homePage'],
  ])('the header %s alone is suggested as %s (synonyms: no case, accents or punctuation)', (header, field) => {
    expect(suggestMapping([header])).toEqual({ [header]: field });
    expect(suggestMapping([` ${header.toUpperCase()}: `])).toEqual({ [` ${header.toUpperCase()}: `]: field });
  });

  test('a Belgian file made by hand: every column to its own field', () => {
    expect(
      suggestMapping([
        'Firma',
        'Voornaam',
        'Familienaam',
        'Straat',
        'Postcode',
        'Gemeente',
        'Land',
        'Tel.',
        'GSM',
        'E-mail',
        'BTW',
        'Ondernemingsnummer',
        'Website',
      ]),
    ).toEqual({
      // Beside the persons' names, the firm is the company they work for (linked, as a Company column).
      Firma: 'company',
      Voornaam: 'firstName',
      Familienaam: 'surname',
      Straat: 'address',
      Postcode: 'postCode',
      Gemeente: 'city',
      Land: 'countryRegion',
      'Tel.': 'phoneNo',
      GSM: 'mobilePhoneNo',
      'E-mail': 'email',
      BTW: 'vatRegistrationNo',
      Ondernemingsnummer: 'registrationNumber',
      Website: 'homePage',
    });
  });

  test('a French file: "Nom" beside "Prénom" is the surname (the name parts make the name of a person)', () => {
    expect(suggestMapping(['Nom', 'Prénom', 'Rue', 'Code postal', 'Ville', 'Pays', 'Téléphone', 'TVA'])).toEqual({
      Nom: 'surname',
      Prénom: 'firstName',
      Rue: 'address',
      'Code postal': 'postCode',
      Ville: 'city',
      Pays: 'countryRegion',
      Téléphone: 'phoneNo',
      TVA: 'vatRegistrationNo',
    });
    expect(suggestMapping(['Nom', 'Ville'])).toEqual({ Nom: 'name', Ville: 'city' });
  });

  test('an exact caption keeps its field before any synonym, and no field gets two columns', () => {
    // The synonym stands first in the file, the caption after it: the caption wins, the synonym is left unmapped.
    expect(suggestMapping(['Tel.', 'Phone No.', 'Mail', 'E-Mail', 'Stad', 'City'])).toEqual({
      'Tel.': null,
      'Phone No.': 'phoneNo',
      Mail: null,
      'E-Mail': 'email',
      Stad: null,
      City: 'city',
    });
    // Two synonyms of one field: the first one has it.
    expect(suggestMapping(['Telefoon', 'Tel.', 'Gemeente', 'Stad'])).toEqual({
      Telefoon: 'phoneNo',
      'Tel.': null,
      Gemeente: 'city',
      Stad: null,
    });
    // Nom beside a first name is the surname, and the surname's caption then takes it first.
    expect(suggestMapping(['Nom', 'Prénom', 'Achternaam'])).toEqual({
      Nom: null,
      Prénom: 'firstName',
      Achternaam: 'surname',
    });
    const many = suggestMapping(['Tel', 'Telefoon', 'Phone', 'GSM', 'Mobiel', 'VAT', 'BTW', 'TVA', 'Nom', 'Naam']);
    const fields = Object.values(many).filter(Boolean);
    expect(new Set(fields).size).toBe(fields.length);
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
      'T: "Vendor" is not a contact type; use Company or Person (also Bedrijf or Persoon, Entreprise, Société or Personne).',
    );
    expect(() => rowToInput({ P: 'maybe' }, mapping as any)).toThrow(
      'P: "maybe" is not yes or no (also ja or nee, oui or non).',
    );
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
    expect(csvLine(['a;b', 'c', 'd\te'], ';')).toBe('"a;b";c;"d\te"\r\n');
  });
  test("the export's formula escape comes off on import, nothing else does", () => {
    expect(unescapeFormula(csvCell('=SUM(A1)'))).toBe('=SUM(A1)');
    expect(unescapeFormula("'@Work BV")).toBe('@Work BV');
    expect(unescapeFormula("'s-Gravenwezel")).toBe("'s-Gravenwezel");
    expect(unescapeFormula("''=x")).toBe("''=x");
    expect(unescapeFormula(`'+HYPERLINK("http://evil.example","plus")`)).toBe(
      '+HYPERLINK("http://evil.example","plus")',
    );
    expect(unescapeFormula(csvCell('-Vanaf'))).toBe('-Vanaf');
    // A phone number is not escaped by the export: an apostrophe before one is the file's own.
    expect(unescapeFormula("'+32 475 12 34 56")).toBe("'+32 475 12 34 56");
  });
  test('a cell starting with + or - is a formula to a spreadsheet unless it is a phone number or a number', () => {
    expect(csvCell('+HYPERLINK("http://evil.example","plus")')).toBe(
      '"\'+HYPERLINK(""http://evil.example"",""plus"")"',
    );
    expect(csvCell("-2+3+cmd|' /C calc'!A0")).toBe("'-2+3+cmd|' /C calc'!A0");
    expect(csvCell('\t=1+1')).toBe('"\'\t=1+1"');
    for (const kept of ['+32 475 12 34 56', '0032 (0)475/12.34.56', '-12.5', '+', '- 3'])
      expect(csvCell(kept)).toBe(kept);
  });
  test("option values captioned in the export's language, as the import reads them back", () => {
    expect(['company', 'person'].map((v) => exportValue('type', v))).toEqual(['Company', 'Person']);
    expect(['company', 'person'].map((v) => exportValue('type', v, 'nl'))).toEqual(['Bedrijf', 'Persoon']);
    expect([true, false, 1, 0].map((v) => exportValue('privacyBlocked', v, 'nl'))).toEqual(['Ja', 'Nee', 'Ja', 'Nee']);
    expect(exportValue('correspondenceType', 'hardCopy', 'nl')).toBe('Afdruk');
    expect(exportValue('privacyBlocked', null)).toBeNull();
    expect(exportValue('name', 'company')).toBe('company');
    for (const [field, locale, value] of [
      ['type', 'nl', 'person'],
      ['privacyBlocked', 'nl', true],
      ['correspondenceType', 'en', 'hardCopy'],
      ['correspondenceType', 'nl', 'email'],
    ] as const)
      expect(rowToInput({ c: String(exportValue(field, value, locale)) }, { c: field }).data[field]).toBe(value);
  });
  test('header with Business Central captions in English or Dutch', () => {
    expect(exportHeader(['no', 'name', 'vatRegistrationNo'])).toBe('No.,Name,VAT Registration No.\r\n');
    expect(exportHeader(['no', 'name', 'vatRegistrationNo'], 'nl')).toBe('Nr.,Naam,Btw-nummer\r\n');
  });
});

describe('contact CSV: reading a file', () => {
  test('the separator is the one the header line uses most, outside quotes; comma by default', () => {
    expect(detectDelimiter('No.;Name;City\n1;A,B;C')).toBe(';');
    expect(detectDelimiter('\uFEFFNo.,Name\n')).toBe(',');
    expect(detectDelimiter('No.\tName\tCity')).toBe('\t');
    expect(detectDelimiter('"a;b;c",Name')).toBe(',');
    expect(detectDelimiter('Name')).toBe(',');
    // A quoted header cell may hold a line break: the header line ends at the first one outside quotes.
    expect(detectDelimiter('"Na\nme";City;Post Code\nAcme;Gent;9000')).toBe(';');
  });
  test('a workbook, a PDF or other binary data uploaded instead of the CSV is refused with what to do', () => {
    const xlsx = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
    expect(() => decodeCsvBytes(xlsx)).toThrow(
      'This file is a workbook or another zip archive (.xlsx, .ods), not a CSV text file. Save it as CSV (in Excel: File → Save As → CSV UTF-8) and upload that.',
    );
    expect(() => decodeCsvBytes(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1]))).toThrow(
      'an Excel 97–2003 workbook (.xls)',
    );
    expect(() => decodeCsvBytes(Buffer.from('%PDF-1.7\n'))).toThrow('a PDF document');
    expect(() => decodeCsvBytes(Buffer.from('Name\nA\u0000B\n'))).toThrow('This file is binary data');
    expect(decodeCsvBytes(Buffer.from('Name;City\nPK Bouw;Gent\n')).text).toBe('Name;City\nPK Bouw;Gent\n');
  });
  test("a file in UTF-8 is read as such; one that is not, as Windows-1252 (Excel's plain CSV on Windows)", () => {
    expect(decodeCsvBytes(Buffer.from('\uFEFFName\nLiège', 'utf8'))).toEqual({
      text: 'Name\nLiège', // the byte order mark read and dropped
      encoding: 'utf-8',
    });
    expect(decodeCsvBytes(Buffer.from('Name\nCafé République Liège', 'latin1'))).toMatchObject({
      encoding: 'windows-1252',
      text: 'Name\nCafé République Liège',
    });
    // Windows-1252's own letters in 0x80–0x9F (€, Š, œ) come out as such, not as control characters.
    expect(decodeCsvBytes(Uint8Array.from([0x80, 0x8a, 0x9c])).text).toBe('€Šœ');
  });
  test("Excel's Unicode text (UTF-16 with a byte order mark, little or big endian) is read as such", () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Name\tCity\r\nCafé Zoë\tLiège\r\n', 'utf16le')]);
    expect(decodeCsvBytes(le)).toEqual({ text: 'Name\tCity\r\nCafé Zoë\tLiège\r\n', encoding: 'utf-16le' });
    const be = Buffer.from('Name;City\nCafé;Gent\n', 'utf16le').swap16();
    expect(decodeCsvBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toEqual({
      text: 'Name;City\nCafé;Gent\n',
      encoding: 'utf-16be',
    });
    // Without a byte order mark: recognised by the NUL byte beside each Latin letter.
    expect(decodeCsvBytes(Buffer.from('Name;City\r\nCafé;Gent\r\n', 'utf16le'))).toEqual({
      text: 'Name;City\r\nCafé;Gent\r\n',
      encoding: 'utf-16le',
    });
    expect(decodeCsvBytes(Buffer.from('Name;City\nZoë;Gent\n', 'utf16le').swap16())).toMatchObject({
      text: 'Name;City\nZoë;Gent\n',
      encoding: 'utf-16be',
    });
    // A NUL here and there is binary data still.
    expect(() => decodeCsvBytes(Buffer.from('Name\nA\u0000B\u0000C\n'))).toThrow('This file is binary data');
    // A lone surrogate: not UTF-16 after all.
    expect(() => decodeCsvBytes(Uint8Array.from([0xff, 0xfe, 0x41, 0x00, 0x00, 0xd8]))).toThrow(
      'This file starts as UTF-16 text (Excel\'s "Unicode text") but is not readable as such. Save it as CSV UTF-8 and upload that.',
    );
  });
  test('a file whose lines are partly UTF-8 and partly Windows-1252 is refused, naming the first line that is not UTF-8', () => {
    const mixed = Buffer.concat([
      Buffer.from('Name;City\nCafé Zoë;Gent\nBakkerij;Brugge\n', 'utf8'),
      Buffer.from('Brasserie Liège;Luik\n', 'latin1'),
      Buffer.from('Crème;Gent\n', 'utf8'),
    ]);
    const message =
      'This file mixes two encodings: line 4 is not UTF-8 while other lines are (e.g. "Café" on line 2). Save it again as CSV UTF-8.';
    expect(mixedEncoding(mixed)).toBe(message);
    expect(() => decodeCsvBytes(mixed)).toThrow(message);
    // The UTF-8 line may come after the other one; the example is the first UTF-8 line's first word with a letter beyond ASCII.
    const later = Buffer.concat([Buffer.from('Name\nLiège\n', 'latin1'), Buffer.from('x;Zoë\n', 'utf8')]);
    expect(mixedEncoding(later)).toBe(
      'This file mixes two encodings: line 2 is not UTF-8 while other lines are (e.g. "Zoë" on line 3). Save it again as CSV UTF-8.',
    );
    // A UTF-8 byte order mark says UTF-8 too (Excel's CSV UTF-8 with a row pasted in from a plain CSV).
    expect(() =>
      decodeCsvBytes(Buffer.concat([Buffer.from('\uFEFFName\nA\n', 'utf8'), Buffer.from('Liège\n', 'latin1')])),
    ).toThrow(
      'This file mixes two encodings: it starts as UTF-8 (a byte order mark) but line 3 is not UTF-8. Save it again as CSV UTF-8.',
    );
  });
  test('a Windows-1252 file is not taken for a mixed one', () => {
    // "É" before "»" reads as a UTF-8 sequence (C9 BB), but not the whole line: the line has other bytes that are not UTF-8.
    const cp = Buffer.from('Name;Note\nCafé Zoë;«ÉTÉ» à Liège\nBrasserie;€ 5\n', 'latin1');
    cp[cp.indexOf(0x3f)] = 0x80; // latin1 has no €: write the byte Windows-1252 has for it
    expect(mixedEncoding(cp)).toBeNull();
    expect(decodeCsvBytes(cp)).toMatchObject({ encoding: 'windows-1252' });
    // Pure UTF-8 and pure ASCII are never mixed.
    expect(mixedEncoding(Buffer.from('Name\nCafé\n', 'utf8'))).toBeNull();
    expect(mixedEncoding(Buffer.from('Name\nCafe\n'))).toBeNull();
  });
  test("the header line starts after Excel's sep= line and blank lines", () => {
    expect(csvStart('Name;City\nA;B')).toEqual({ start: 0, lines: 0, delimiter: null });
    expect(csvStart('sep=;\r\nName;City\r\n')).toEqual({ start: 7, lines: 1, delimiter: ';' });
    expect(csvStart('\uFEFFSEP=,\nName\n')).toEqual({ start: 7, lines: 1, delimiter: ',' });
    expect(csvStart('sep=\t\nName\n')).toEqual({ start: 6, lines: 1, delimiter: '\t' });
    expect(csvStart('\n\r\n  \n;;;\nName;City\n')).toEqual({ start: 10, lines: 4, delimiter: null });
    // A blank line (or a byte order mark and a blank line) before the sep= line: it still names the separator.
    expect(csvStart('\nsep=;\nName;City\n')).toEqual({ start: 7, lines: 2, delimiter: ';' });
    expect(csvStart('\uFEFF\r\nsep=;\r\nName;City\r\n')).toEqual({ start: 10, lines: 2, delimiter: ';' });
    expect(csvStart('\n;;\nsep=,\n\nName,City\n')).toEqual({ start: 11, lines: 4, delimiter: ',' });
    // Only the first sep= line names it; a second one is no blank line: the header.
    expect(csvStart('sep=;\nsep=,\nName\n')).toEqual({ start: 6, lines: 1, delimiter: ';' });
    expect(() => csvStart('\nsep=|\nName|City\n')).toThrow(
      'Line 2 "sep=|" names a separator this import does not read; use a comma, semicolon or tab.',
    );
    expect(() => csvStart('sep=|\nName|City\n')).toThrow(
      'The first line "sep=|" names a separator this import does not read; use a comma, semicolon or tab.',
    );
  });
  test('the line a quote that is never closed opens on', () => {
    expect(unclosedQuoteLine('a,b\n1,2\n"x,3\n4,5\n6,7\n')).toBe(3);
    expect(unclosedQuoteLine('a,b\n"1 ""x""",2\n"3\n4",5\n')).toBeNull();
    expect(unclosedQuoteLine('a,b\n"1 ""x"",2\n')).toBe(2);
  });
  test('every header named; nameless columns only at the end; a name that comes again is numbered', () => {
    expect(readHeaders(['No.', ' Name '])).toEqual(['No.', 'Name']);
    expect(readHeaders(['Name', 'Type', 'City', '', ' '])).toEqual(['Name', 'Type', 'City']);
    expect(() => readHeaders(['No.', '', 'City'])).toThrow(
      'Column 2 of the header line has no name; name every column (only columns at the end may go without a name, when their cells are empty).',
    );
    expect(() => readHeaders(['Name', '__proto__'])).toThrow('A column may not be named "__proto__"; rename it.');
    expect(readHeaders(['Name', 'City', 'Name', 'Name'])).toEqual(['Name', 'City', 'Name (2)', 'Name (3)']);
    // A column already called "Name (2)" keeps its name; the second "Name" takes the next free number.
    expect(readHeaders(['Name', 'Name (2)', 'Name'])).toEqual(['Name', 'Name (2)', 'Name (3)']);
  });
  test('a row may be shorter than the header; longer only with empty cells', () => {
    expect(() => checkRowCells(3, ['a', 'b'], 4)).not.toThrow();
    expect(() => checkRowCells(3, ['a', 'b', 'c', 'd'], 4)).not.toThrow();
    expect(() => checkRowCells(1, ['A', 'Company', 'Gent', '', ' '], 3)).not.toThrow();
    expect(() => checkRowCells(3, ['a', 'b', 'c', 'd', '', 'x'], 4)).toThrow(
      'Row 3 has a value in column 6 ("x"), but the header line names only 4 columns; name that column in the header line or empty the cell.',
    );
  });
});

describe('contact CSV: a row against the database', () => {
  test('the matched contact: none, the one, or refused when two share the key', () => {
    const key = { field: 'vatRegistrationNo', value: 'BE1' } as const;
    expect(pickMatch(key, [])).toBeNull();
    expect(pickMatch(null, [{ id: 1 }])).toBeNull();
    expect(pickMatch(key, [{ id: 7 }])).toEqual({ id: 7 });
    expect(() => pickMatch(key, [{ id: 7 }, { id: 8 }])).toThrow(
      'More than one contact has VAT Registration No. "BE1"; give the No. of the one to update.',
    );
  });
  test('a row of a type matches a contact of that type only, by VAT no. or e-mail; by No. the contact itself', () => {
    const company = [{ id: 1, type: 'company' }];
    // Staff listed with the company's mailbox: a new person, not the company turned into one.
    expect(pickMatch({ field: 'email', value: 'info@solo.be' }, company, 'person')).toBeNull();
    expect(pickMatch({ field: 'vatRegistrationNo', value: 'BE1' }, company, 'person')).toBeNull();
    expect(pickMatch({ field: 'email', value: 'info@solo.be' }, company, 'company')).toEqual(company[0]);
    expect(pickMatch({ field: 'email', value: 'info@solo.be' }, company)).toEqual(company[0]);
    expect(pickMatch({ field: 'no', value: 'CT1' }, company, 'person')).toEqual(company[0]);
  });
  test('a company named by name when no contact has the cell as its No.: the one company of that name, never a guess', () => {
    expect(companyNamed('Fabrikam NV', [])).toBeNull();
    expect(companyNamed('Fabrikam NV', [{ id: 1 }])).toEqual({ id: 1 });
    expect(() => companyNamed('Fabrikam NV', [{ id: 1 }, { id: 2 }])).toThrow(
      'More than one company is named "Fabrikam NV"; give the company\'s No. in the Company column instead.',
    );
    // A company of the chunk not stored yet is looked up by its name too (so it is stored first).
    expect(lookupKeysOfContact({ type: 'company', no: 'CT9', name: 'Fabrikam NV' })).toEqual(['ct9', 'fabrikam nv']);
    // A person by its name too: a row without a match key compares itself with the contacts of its name.
    expect(lookupKeysOfContact({ type: 'person', no: 'CT10', name: 'Jan' })).toEqual(['ct10', 'jan']);
  });
  test("a row's type: its Type cell, else a person when it names a company or has name parts without a name", () => {
    expect(rowType({ data: { type: 'company', firstName: 'An' }, codes: {} })).toBe('company');
    expect(rowType({ data: { name: 'Jan' }, codes: { company: 'CT1' } })).toBe('person');
    expect(rowType({ data: { firstName: 'An', surname: 'Peeters', email: 'an@x.be' }, codes: {} })).toBe('person');
    expect(rowType({ data: { surname: 'Peeters' }, codes: {} })).toBe('person');
    expect(rowType({ data: { name: 'Peeters NV', firstName: 'An' }, codes: {} })).toBeUndefined();
    expect(rowType({ data: { name: 'Peeters NV' }, codes: {} })).toBeUndefined();
  });
  test('a row that says its Type picks the contact of that type among those sharing the key', () => {
    const key = { field: 'email', value: 'info@acme.be' } as const;
    const found = [
      { id: 1, type: 'company' },
      { id: 2, type: 'person' },
    ];
    expect(pickMatch(key, found, 'company')).toEqual({ id: 1, type: 'company' });
    expect(pickMatch(key, found, 'person')).toEqual({ id: 2, type: 'person' });
    expect(() => pickMatch(key, found)).toThrow('More than one contact has E-Mail "info@acme.be"');
    expect(() => pickMatch(key, [...found, { id: 3, type: 'person' }], 'person')).toThrow('More than one contact');
  });
  test('a VAT no. is matched without case and without the separators people write it with', () => {
    expect(['be0456789123', 'BE 0456.789.123', 'BE-0456/789.123', 'Be0456789123'].map(vatMatchValue)).toEqual(
      Array(4).fill('BE0456789123'),
    );
    expect(matchKeyOf({ data: { vatRegistrationNo: ' be 0456.789.123 ' }, codes: {} })).toEqual({
      field: 'vatRegistrationNo',
      value: 'BE0456789123',
    });
  });
  test("the key a row matched by is not written back in the row's spelling; another value is", () => {
    const vat = { field: 'vatRegistrationNo', value: 'BE0456789123' } as const;
    const stored = { vatRegistrationNo: 'BE 0456.789.123', email: 'bonjour@lumiere.be' };
    expect(withoutMatchedKey({ vatRegistrationNo: 'be0456789123', city: 'Luik' }, vat, stored)).toEqual({
      city: 'Luik',
    });
    const mail = { field: 'email', value: 'BONJOUR@LUMIERE.BE' } as const;
    expect(withoutMatchedKey({ email: 'BONJOUR@LUMIERE.BE', city: 'Luik' }, mail, stored)).toEqual({ city: 'Luik' });
    // Found by VAT no., the row's new e-mail is written.
    expect(withoutMatchedKey({ vatRegistrationNo: 'be0456789123', email: 'new@lumiere.be' }, vat, stored)).toEqual({
      email: 'new@lumiere.be',
    });
  });
  test('codes and company numbers that name nothing', () => {
    expect(unknownCode('salesperson', 'ZZ')).toMatchObject({
      message: 'Salesperson "ZZ" does not exist.',
      path: ['salesperson'],
    });
    expect(unknownCompany('CT9')).toMatchObject({
      message: 'Company "CT9" does not exist (give the company\'s No.).',
      path: ['company'],
    });
  });
  test('a row naming a company without a type is a person; a given type stays', () => {
    expect(withRelations({ name: 'Jan' }, { company: 'doc-1', salesperson: 'doc-2' })).toEqual({
      name: 'Jan',
      company: 'doc-1',
      salesperson: 'doc-2',
      type: 'person',
    });
    expect(withRelations({ name: 'Jan', type: 'company' }, { company: 'doc-1' })).toEqual({
      name: 'Jan',
      type: 'company',
      company: 'doc-1',
    });
    expect(withRelations({ name: 'Acme' }, { salesperson: 'doc-2' })).toEqual({ name: 'Acme', salesperson: 'doc-2' });
  });
  test('a dry run reports a written row with duplicates as a possible duplicate', () => {
    expect(dryRunOutcome('created', 0)).toBe('created');
    expect(dryRunOutcome('updated', 0)).toBe('updated');
    expect(dryRunOutcome('created', 2)).toBe('possibleDuplicate');
    expect(dryRunOutcome('updated', 1)).toBe('possibleDuplicate');
    expect(dryRunOutcome('unchanged', 0)).toBe('unchanged');
  });
});

describe('contact CSV: a row that changes nothing', () => {
  const stored = {
    no: 'CT000042',
    name: 'Brouwerij Het Anker',
    city: 'Mechelen',
    email: 'info@hetanker.be',
    phoneNo: null,
    privacyBlocked: 0, // SQLite's false
    salesperson: 'sp-ab',
    company: 'co-42',
  };
  test('every value it sets is the stored one (a flag as the database gives it, relations by document id)', () => {
    expect(unchangedBy({}, stored)).toBe(true);
    expect(
      unchangedBy(
        { name: 'Brouwerij Het Anker', city: 'Mechelen', privacyBlocked: false, salesperson: 'sp-ab' },
        stored,
      ),
    ).toBe(true);
    expect(unchangedBy({ privacyBlocked: false }, { ...stored, privacyBlocked: null })).toBe(true);
  });
  test('anything else is a change: another value, a value where none is stored, another form of the same value', () => {
    expect(unchangedBy({ city: 'Lier' }, stored)).toBe(false);
    expect(unchangedBy({ phoneNo: '015 20 38 80' }, stored)).toBe(false);
    expect(unchangedBy({ email: 'INFO@hetanker.be' }, stored)).toBe(false);
    expect(unchangedBy({ privacyBlocked: true }, stored)).toBe(false);
    expect(unchangedBy({ salesperson: 'sp-jr' }, stored)).toBe(false);
    expect(unchangedBy({ company: 'co-43' }, stored)).toBe(false);
    expect(unchangedBy({ surname: 'Wouters' }, stored)).toBe(false);
  });
});

describe('contact CSV: the job', () => {
  const before = { cursor: 4, processed: 4, created: 2, updated: 1, unchanged: 3, failed: 1 };
  test('a chunk moves the cursor past its last row and counts each outcome', () => {
    expect(
      advance(before, [
        { rowNo: 5, outcome: 'created', contactNo: 'CT5', error: null },
        { rowNo: 6, outcome: 'failed', contactNo: null, error: 'no' },
        { rowNo: 7, outcome: 'updated', contactNo: 'CT1', error: null },
        { rowNo: 8, outcome: 'created', contactNo: 'CT6', error: null },
        { rowNo: 9, outcome: 'unchanged', contactNo: 'CT2', error: null },
      ]),
    ).toEqual({ cursor: 9, processed: 9, created: 4, updated: 2, unchanged: 4, failed: 2 });
    expect(advance(before, [])).toEqual(before);
  });
  test('the last chunk reaches the row count or reads less than it asked for', () => {
    expect(isLastChunk(0, 2, 7, 2)).toBe(false);
    expect(isLastChunk(6, 1, 7, 2)).toBe(true);
    expect(isLastChunk(4, 2, 6, 2)).toBe(true);
    expect(isLastChunk(7, 0, 7, 2)).toBe(true);
  });
  test('a running job is stale after a minute without heartbeat, or without any', () => {
    const now = Date.parse('2026-12-06T10:00:00.000Z');
    expect(isStale('2026-12-06T09:59:30.000Z', now, 60_000)).toBe(false);
    expect(isStale('2026-12-06T09:58:59.000Z', now, 60_000)).toBe(true);
    expect(isStale(null, now, 60_000)).toBe(true);
  });
  test("the errors CSV: the file's columns, then the row and the reason", () => {
    expect(
      errorsCsv(
        ['Name', 'Salesperson Code'],
        [
          { rowNo: 5, cells: { Name: 'Bad', 'Salesperson Code': 'ZZ' }, error: 'Salesperson "ZZ" does not exist.' },
          { rowNo: 9, cells: { Name: 'x;y' }, error: null },
        ],
      ),
    ).toBe(
      '\uFEFFName,Salesperson Code,Row,Error\r\n' +
        'Bad,ZZ,5,"Salesperson ""ZZ"" does not exist."\r\n' +
        '"x;y",,9,\r\n',
    );
  });
  test('the errors CSV in the separator of the upload (semicolons, tabs)', () => {
    const rows = [{ rowNo: 5, cells: { Name: 'Brasserie Liège, Gent', City: 'Gent' }, error: 'Name is too long.' }];
    expect(errorsCsv(['Name', 'City'], rows, ';')).toBe(
      '\uFEFFName;City;Row;Error\r\n"Brasserie Liège, Gent";Gent;5;Name is too long.\r\n',
    );
    expect(errorsCsv(['Name', 'City'], rows, '\t')).toBe(
      '\uFEFFName\tCity\tRow\tError\r\n"Brasserie Liège, Gent"\tGent\t5\tName is too long.\r\n',
    );
  });
});

describe('contact CSV: what an update row changes for the rows after it', () => {
  const found = { no: 'CT000004', vatRegistrationNo: 'BE0123456789', email: 'info@fabrikam.com' };
  test('the same VAT no. again, a new name and salesperson: every match key still finds what it found', () => {
    expect(changesMatchKeys({ vatRegistrationNo: 'BE0123456789', name: 'Fabrikam NV', salesperson: 3 }, found)).toBe(
      false,
    );
    expect(changesMatchKeys({}, found)).toBe(false);
  });
  test('another VAT no., e-mail or No. (a case change of the e-mail too) changes what keys find', () => {
    expect(changesMatchKeys({ vatRegistrationNo: 'BE0999999999' }, found)).toBe(true);
    expect(changesMatchKeys({ email: 'sales@fabrikam.com' }, found)).toBe(true);
    expect(changesMatchKeys({ email: 'INFO@fabrikam.com' }, found)).toBe(true);
    expect(changesMatchKeys({ no: 'CT000099' }, found)).toBe(true);
    expect(changesMatchKeys({ email: 'new@example.org' }, { ...found, email: null })).toBe(true);
  });
});

describe('contact CSV: a row without a match key and the contacts of its name', () => {
  const row = (data: Record<string, unknown>) => ({ data, codes: {} });
  test('is looked up by its Name, or a person by first, middle and last name; a row with a key is not', () => {
    expect(twinNameOf(row({ name: ' Bakkerij Tweeling ', city: 'Gent' }))).toBe('Bakkerij Tweeling');
    expect(twinNameOf(row({ firstName: 'Geert', middleName: 'J.', surname: 'De  Smet' }))).toBe('Geert J. De Smet');
    expect(twinNameOf(row({ firstName: 'Geert', surname: '' }))).toBe('Geert');
    expect(twinNameOf(row({ city: 'Gent' }))).toBeNull();
    expect(twinNameOf(row({ name: 'Bakkerij Tweeling', email: 'info@tweeling.be' }))).toBeNull();
    expect(twinNameOf(row({ name: 'Bakkerij Tweeling', no: 'CT000004' }))).toBeNull();
  });
  test('is the first of them holding every value it sets (blank cells set nothing), else none', () => {
    const gent = { id: 1, name: 'Bakkerij Tweeling', type: 'company', city: 'Gent', phoneNo: '09 111 22 33' };
    const lier = { id: 2, name: 'Bakkerij Tweeling', type: 'company', city: 'Lier', phoneNo: null };
    const data = { name: 'Bakkerij Tweeling', type: 'company', city: 'Lier', phoneNo: undefined };
    expect(twinOf(data, [gent, lier])).toBe(lier);
    expect(twinOf({ name: 'Bakkerij Tweeling', type: undefined }, [gent, lier])).toBe(gent);
    expect(twinOf({ ...data, phoneNo: '03 480 00 00' }, [gent, lier])).toBeNull();
    expect(twinOf({ ...data, type: 'person' }, [gent, lier])).toBeNull();
    expect(twinOf(data, [])).toBeNull();
  });
  test('a contact is looked up by its name as well, whatever its type', () => {
    expect(lookupKeysOfContact({ type: 'person', name: 'Geert De Smet', email: 'g@x.be' })).toEqual([
      'g@x.be',
      'geert de smet',
    ]);
  });
});

describe('contact CSV: French and Dutch option values (outside tester)', () => {
  const mapping = { T: 'type', P: 'privacyBlocked', K: 'correspondenceType' } as const;
  test.each([
    ['Entreprise', 'company'],
    ['Société', 'company'],
    ['SOCIETE', 'company'],
    ['Bedrijf', 'company'],
    ['Company', 'company'],
    ['Personne', 'person'],
    ['Persoon', 'person'],
    ['Person', 'person'],
  ])('Type %s is %s', (cell, type) => {
    expect(rowToInput({ T: cell }, mapping as any).data).toEqual({ type });
  });
  test('Privacy Blocked oui / non, Correspondence Type papier / courriel', () => {
    expect(rowToInput({ P: 'Oui', K: 'Papier' }, mapping as any).data).toEqual({
      privacyBlocked: true,
      correspondenceType: 'hardCopy',
    });
    expect(rowToInput({ P: 'non', K: 'Courriel' }, mapping as any).data).toEqual({
      privacyBlocked: false,
      correspondenceType: 'email',
    });
  });
  test('a type no language has is refused with the words that are accepted', () => {
    expect(() => rowToInput({ T: 'Fournisseur' }, mapping as any)).toThrow(
      'T: "Fournisseur" is not a contact type; use Company or Person (also Bedrijf or Persoon, Entreprise, Société or Personne).',
    );
  });
});

describe('contact CSV: a company column beside a name column is the company link (outside tester)', () => {
  test.each([
    [['Prénom', 'Nom', 'Société'], { Prénom: 'firstName', Nom: 'surname', Société: 'company' }],
    [['Naam', 'Firma', 'E-mail'], { Naam: 'name', Firma: 'company', 'E-mail': 'email' }],
    [
      ['Voornaam', 'Achternaam', 'Onderneming'],
      { Voornaam: 'firstName', Achternaam: 'surname', Onderneming: 'company' },
    ],
    [['Nom', 'Entreprise'], { Nom: 'name', Entreprise: 'company' }],
  ])('%j', (headers, expected) => {
    expect(suggestMapping(headers)).toEqual(expected);
  });
  test("alone (a list of firms) it is the firm's name, not the Company Name the import ignores; an exact Company column keeps the link", () => {
    expect(suggestMapping(['Firma', 'Straat', 'Gemeente'])).toEqual({
      Firma: 'name',
      Straat: 'address',
      Gemeente: 'city',
    });
    expect(suggestMapping(['Prénom', 'Company', 'Société'])).toEqual({
      Prénom: 'firstName',
      Company: 'company',
      Société: null,
    });
    expect(suggestMapping(['Société', 'Rue', 'Ville', 'TVA'])).toEqual({
      Société: 'name',
      Rue: 'address',
      Ville: 'city',
      TVA: 'vatRegistrationNo',
    });
  });
});

describe('contact CSV: a row against the earlier rows of its file (outside tester: the dry run lied)', () => {
  const row = (data: Record<string, unknown>, codes: Record<string, string> = {}) => ({ data, codes });
  const alfa = row({ name: 'Alfa BV', email: 'info@alfa-beta.be', city: 'Gent' });
  test("another name with an earlier row's e-mail address is refused, naming that row", () => {
    const file = new FileRows<{ no: string }>();
    expect(file.verdict(2, alfa)).toBeNull();
    file.add(2, alfa, { no: 'CT000041' }, true);
    expect(file.verdict(3, row({ name: 'Beta BV', email: 'info@alfa-beta.be', city: 'Gent' }))).toEqual({
      kind: 'conflict',
      rowNo: 2,
      field: 'email',
      message:
        'Row 3 has the e-mail address of row 2 (Alfa BV) but another name (Beta BV); it is not merged into that ' +
        'contact. Give this row its own e-mail address or leave it blank; if it is the same contact, give both rows one name.',
    });
  });
  test("a person listed with the company's mailbox after the company is another contact, not a conflict", () => {
    const file = new FileRows<{ no: string }>();
    const contoso = row({ type: 'company', name: 'Contoso', email: 'info@contoso.com' });
    file.add(2, contoso, { no: 'CT000050' }, true);
    expect(file.verdict(3, row({ type: 'person', name: 'Anna Peeters', email: 'info@contoso.com' }))).toBeNull();
    expect(file.verdict(4, row({ firstName: 'Bert', surname: 'Claes', email: 'info@contoso.com' }))).toBeNull();
    expect(file.verdict(5, row({ name: 'Bert Claes', email: 'info@contoso.com' }, { company: 'CT000050' }))).toBeNull();
    // Without Type a row is a company: the same e-mail under another name is refused, as above.
    expect(file.verdict(6, row({ name: 'Contoso Two', email: 'info@contoso.com' }))).toMatchObject({
      kind: 'conflict',
    });
  });
  test("an exact repeat (VAT no. written another way, cells left blank) is the earlier row's contact", () => {
    const file = new FileRows<{ no: string }>();
    file.add(
      2,
      row({ name: 'Gamma NV', vatRegistrationNo: 'BE 0456.789.123', city: 'Gent' }),
      { no: 'CT000042' },
      true,
    );
    expect(file.verdict(3, row({ name: 'Gamma NV', vatRegistrationNo: 'be0456789123' }))).toEqual({
      kind: 'repeat',
      rowNo: 2,
      matchedBy: 'vatRegistrationNo',
      outcome: { no: 'CT000042' },
    });
  });
  test('the same name with other values is refused, naming the fields', () => {
    const file = new FileRows<{ no: string }>();
    file.add(2, alfa, { no: 'CT000041' }, true);
    expect(
      file.verdict(4, row({ name: 'Alfa BV', email: 'INFO@alfa-beta.be', city: 'Brussel' }, { salesperson: 'AB' })),
    ).toMatchObject({
      kind: 'conflict',
      rowNo: 2,
      message:
        'Row 4 has the e-mail address of row 2 (Alfa BV) but other values (City, Salesperson); a file gives a ' +
        'contact one row. Put these values in row 2 and leave this row out.',
    });
  });
  test('a refused row wrote nothing: the rows after it are written as any row (the next one with the key counts)', () => {
    const file = new FileRows<{ no: string }>();
    file.add(2, alfa, null);
    expect(file.verdict(3, alfa)).toBeNull();
    expect(file.verdict(3, row({ name: 'Beta BV', email: 'info@alfa-beta.be' }))).toBeNull();
    file.add(3, row({ name: 'Beta BV', email: 'info@alfa-beta.be' }), { no: 'CT000043' }, true);
    expect(file.verdict(4, alfa)).toMatchObject({ kind: 'conflict', rowNo: 3 });
  });
  test('a row that found a contact in the database: a later row with its key updates that contact, as before', () => {
    const file = new FileRows<{ no: string }>();
    file.add(2, alfa, { no: 'CT000001' }, false);
    expect(file.verdict(3, row({ name: 'Beta BV', email: 'info@alfa-beta.be' }))).toBeNull();
    expect(file.verdict(3, row({ email: 'info@alfa-beta.be', city: 'Gent' }))).toMatchObject({
      kind: 'repeat',
      rowNo: 2,
      outcome: { no: 'CT000001' },
    });
  });
  test('a row matched by e-mail meets an earlier row that was matched by VAT no. and had the address', () => {
    const file = new FileRows<{ no: string }>();
    file.add(2, row({ name: 'Delta', vatRegistrationNo: 'BE1', email: 'd@x.be' }), { no: 'CT1' }, true);
    expect(file.verdict(3, row({ name: 'Delta', email: 'd@x.be' }))).toMatchObject({ kind: 'repeat', rowNo: 2 });
    expect(file.verdict(3, row({ name: 'Epsilon', vatRegistrationNo: 'BE2', email: 'd@x.be' }))).toBeNull();
  });
  test('a row without a match key repeats an earlier row of its name whose values it holds', () => {
    const file = new FileRows<{ no: string }>();
    file.add(2, row({ firstName: 'José', surname: 'Lefèvre', city: 'Liège' }), { no: 'CT7' }, true);
    expect(file.verdict(3, row({ firstName: 'José', surname: 'Lefèvre' }))).toEqual({
      kind: 'repeat',
      rowNo: 2,
      matchedBy: 'name',
      outcome: { no: 'CT7' },
    });
    // Other values: a new contact (as without the earlier row); no refusal without a match key.
    expect(file.verdict(3, row({ firstName: 'José', surname: 'Lefèvre', city: 'Namur' }))).toBeNull();
  });
  test('the first row with the key is the one compared; rows after a rolled-back chunk are forgotten', () => {
    const file = new FileRows<{ no: string }>();
    file.add(2, alfa, { no: 'CT1' }, true);
    file.add(3, row({ name: 'Beta BV', email: 'info@alfa-beta.be' }), null);
    file.add(4, row({ name: 'Zeta', email: 'z@x.be' }), { no: 'CT2' }, true);
    expect(file.upTo).toBe(4);
    expect(file.verdict(5, row({ name: 'Beta BV', email: 'info@alfa-beta.be' }))).toMatchObject({ rowNo: 2 });
    file.forgetAfter(3);
    expect(file.upTo).toBe(3);
    expect(file.verdict(5, row({ name: 'Zeta', email: 'z@x.be' }))).toBeNull();
    expect(file.verdict(5, alfa)).toMatchObject({ kind: 'repeat', rowNo: 2 });
  });
});

describe('pickByCode: a code cell among codes that differ only in case', () => {
  const ab = { documentId: 'lower', code: 'ab' };
  const AB = { documentId: 'upper', code: 'AB' };
  test('the code written exactly wins (an exported `ab` beside `AB` comes back as `ab`)', () => {
    expect(pickByCode('salesperson', 'ab', [AB, ab])).toBe('lower');
    expect(pickByCode('salesperson', 'AB', [AB, ab])).toBe('upper');
  });
  test('none exactly: the one of another case; several: refused, naming them; none at all: null', () => {
    expect(pickByCode('salesperson', 'Ab', [AB])).toBe('upper');
    expect(() => pickByCode('salesperson', 'Ab', [AB, ab])).toThrow(
      'Salesperson "Ab" could be AB, ab: these codes differ only in case. Write the code as it is stored.',
    );
    expect(pickByCode('salesperson', 'Ab', [])).toBeNull();
  });
});
