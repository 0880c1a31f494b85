import {
  companyNameTokens,
  foldText,
  normaliseCity,
  normaliseEmail,
  normaliseEmails,
  normalisePhone,
  normalisePostCode,
  normaliseVat,
  parseAddress,
  personName,
  stripLegalForms,
  legalFormKind,
} from '../../src/plugins/marketing-setup/server/src/domain/duplicates/normalise';

describe('foldText', () => {
  it('lower-cases, strips accents and punctuation, keeps apostrophe names together', () => {
    expect(foldText('Société Générale S.A.')).toBe('societe generale s a');
    expect(foldText("D'Hondt")).toBe('dhondt');
    expect(foldText('Müller & Søn  GmbH')).toBe('muller son gmbh');
    expect(foldText('Straße')).toBe('strasse');
    expect(foldText(null)).toBe('');
    expect(foldText('  ')).toBe('');
  });
});

describe('company names: legal forms and connectors', () => {
  it.each([
    ['Fabrikam NV', ['fabrikam']],
    ['Fabrikam N.V.', ['fabrikam']],
    ['Fabrikkam n.v', ['fabrikkam']],
    ['NV Fabrikam', ['fabrikam']],
    ['Janssens BVBA', ['janssens']],
    ['Janssens B.V.B.A.', ['janssens']],
    ['Janssens BV BA', ['janssens']],
    ['Janssens bv', ['janssens']],
    ['Dupont SPRL', ['dupont']],
    ['Dupont S.R.L.', ['dupont']],
    ['Dupont SA', ['dupont']],
    ['Dupont Société Anonyme', ['dupont']],
    ['Peeters Naamloze Vennootschap', ['peeters']],
    ['Maes Comm.V', ['maes']],
    ['Maes Comm. V.', ['maes']],
    ['Maes GCV', ['maes']],
    ['Sportclub VZW', ['sportclub']],
    ['Les Amis A.S.B.L.', ['les', 'amis']],
    ['Coop CVBA', ['coop']],
    ['Bakker V.O.F.', ['bakker']],
    ['Contoso Ltd', ['contoso']],
    ['Contoso GmbH', ['contoso']],
    ['Contoso Inc.', ['contoso']],
    ['Peeters & Zn B.V.B.A.', ['peeters', 'zonen']],
    ['Peeters en Zonen', ['peeters', 'zonen']],
    ['Peeters and Co', ['peeters']],
    ['Ets. Dubois', ['etablissements', 'dubois']],
  ])('%s → %p', (name, expected) => {
    expect(companyNameTokens(name)).toEqual(expected);
  });

  it('keeps a name that is nothing but a legal form', () => {
    expect(companyNameTokens('NV')).toEqual(['nv']);
    expect(stripLegalForms(['s', 'a'])).toEqual(['s', 'a']);
    expect(stripLegalForms(['fabrikam', 'n', 'v'])).toEqual(['fabrikam']);
  });

  it('only removes legal forms at the start or the end', () => {
    expect(companyNameTokens('Bouw NV Kempen')).toEqual(['bouw', 'nv', 'kempen']);
  });
});

describe('personName', () => {
  const cut = (r: { first: string; surname: string }) => `${r.first} | ${r.surname}`;

  it('uses the parts when the surname is given, and still reads the words every sensible way', () => {
    const p = personName({ firstName: 'Jean Pierre', middleName: '', surname: 'Van den Broeck' });
    expect(p).toMatchObject({ first: 'jean pierre', surname: 'van den broeck' });
    expect(p.readings.map(cut)).toEqual([
      'jean pierre | van den broeck',
      'jean | pierre van den broeck',
      'pierre van den broeck | jean',
    ]);
  });

  it('never cuts a hyphenated first name in two (tester: "Pieter" the surname of "Pieter-Jan De Vos")', () => {
    const stored = personName({ firstName: 'Jean-Pierre', middleName: '', surname: 'Van den Broeck' });
    expect(stored).toMatchObject({ first: 'jean pierre', surname: 'van den broeck' });
    expect(stored.readings.map(cut)).toEqual(['jean pierre | van den broeck']);
    expect(personName({ firstName: 'Pieter-Jan', surname: 'De Vos' }).readings.map(cut)).toEqual([
      'pieter jan | de vos',
    ]);
    // Typed in one field: a hyphenated word of known first names is one first name, in either order.
    expect(personName({ name: 'Pieter-Jan De Vos' }).readings.map(cut)).toEqual(['pieter jan | de vos']);
    expect(personName({ name: 'Peeters Pieter-Jan' }).readings.map(cut)).toEqual([
      'pieter jan | peeters',
      'peeters | pieter jan',
    ]);
    // A first name field's hyphenated word is one first name even when unknown; a double surname is not.
    expect(personName({ firstName: 'Xandro-Kai', surname: 'Wuyts' }).readings.map(cut)).toEqual([
      'xandro kai | wuyts',
      'wuyts | xandro kai',
    ]);
    expect(personName({ name: 'Ilse Van Looy-Maes' }).readings.map(cut)).toContain('ilse van looy | maes');
  });

  it('reads "De Smet Geert" and "Geert De Smet" alike: particles belong to the surname', () => {
    expect(personName({ name: 'Geert De Smet' }).readings.map(cut)).toEqual(['geert | de smet']);
    expect(personName({ name: 'De Smet Geert' }).readings.map(cut)).toEqual(['geert | de smet']);
    // Parts stored the reference's way ("De" as middle name) are read the same.
    expect(personName({ firstName: 'Geert', middleName: 'De', surname: 'Smet' }).readings.map(cut)).toContain(
      'geert | de smet',
    );
    expect(personName({ name: 'Van den Broeck Inge' }).readings.map(cut)).toEqual(['inge | van den broeck']);
  });

  it('takes a known first name at the end as the sign of a name written surname first', () => {
    expect(personName({ name: 'Verhoeven Koen' })).toMatchObject({ first: 'koen', surname: 'verhoeven' });
    expect(personName({ name: 'Verhoeven Koen' }).readings.map(cut)).toEqual(['koen | verhoeven', 'verhoeven | koen']);
    expect(personName({ name: 'Koen Verhoeven' })).toMatchObject({ first: 'koen', surname: 'verhoeven' });
    // Unknown first name: the reference's order first, the other reading too.
    expect(personName({ name: 'Peeters Xandro' }).readings.map(cut)).toEqual(['peeters | xandro', 'xandro | peeters']);
    expect(personName({ name: 'Peeters' }).readings.map(cut)).toEqual([' | peeters']);
  });

  it('reads "Surname, First name" surname first, as the name split does (tester)', () => {
    expect(personName({ name: 'Verbruggen, Tom' })).toMatchObject({ first: 'tom', surname: 'verbruggen' });
    expect(personName({ name: 'Peeters, Xandro' })).toMatchObject({ first: 'xandro', surname: 'peeters' });
    expect(personName({ name: 'Peeters, Xandro' }).readings.map(cut)).toEqual(['xandro | peeters', 'peeters | xandro']);
    expect(personName({ name: 'De Smet, Geert Jan sr.' })).toMatchObject({
      first: 'geert jan',
      surname: 'de smet',
      generation: 'sr',
    });
    // A comma before a suffix alone is no surname first.
    expect(personName({ name: 'Tom Verbruggen, sr.' })).toMatchObject({ first: 'tom', surname: 'verbruggen' });
  });

  it('drops forms of address and titles', () => {
    expect(personName({ name: 'Dhr. Jan Peeters' })).toMatchObject({ first: 'jan', surname: 'peeters' });
    expect(personName({ firstName: 'Mme Hélène', surname: 'Dubois' })).toMatchObject({
      first: 'helene',
      surname: 'dubois',
    });
  });
});

describe('parseAddress', () => {
  it.each([
    ['Kerkstraat 12', 'kerkstraat', '12'],
    ['Kerkstr. 12', 'kerkstraat', '12'],
    ['Kerk straat 12', 'kerkstraat', '12'],
    // The box (flat) in any of its spellings; a number range is one building.
    ['KERKSTRAAT 12 bus 3', 'kerkstraat', '12', '3'],
    ['Kerkstraat 12/3', 'kerkstraat', '12', '3'],
    ['Kerkstraat 12 / 3', 'kerkstraat', '12', '3'],
    ['Kerkstraat 12 / Bus 3', 'kerkstraat', '12', '3'],
    ['Kerkstraat 12/b3', 'kerkstraat', '12', '3'],
    ['Kerkstraat 12 b3', 'kerkstraat', '12', '3'],
    ['Kerkstraat 12 bte 3', 'kerkstraat', '12', '3'],
    ['Kerkstraat 12 boîte 03', 'kerkstraat', '12', '3'],
    ['Kerkstraat 12 box 3', 'kerkstraat', '12', '3'],
    ['Kerkstraat 12A bus 3', 'kerkstraat', '12a', '3'],
    ['Kerkstraat 12A/3b', 'kerkstraat', '12a', '3b'],
    ['Kerkstraat 12-14', 'kerkstraat', '12'],
    ['Frankrijklei 50 bus 14', 'frankrijklei', '50', '14'],
    ['Kerkstraat 12A', 'kerkstraat', '12a'],
    ['St.-Pietersnieuwstr. 12', 'sintpietersnieuwstraat', '12'],
    ['Sint-Pietersnieuwstraat 12', 'sintpietersnieuwstraat', '12'],
    // The road to a town, in French and both Dutch forms, to one spelling (the town via the town table).
    ['Gentse Stwg. 5', 'gentsteenweg', '5'],
    ['Gentsesteenweg 5', 'gentsteenweg', '5'],
    ['Steenweg op Gent 5', 'gentsteenweg', '5'],
    ['Chaussée de Mons 5', 'monssteenweg', '5'],
    ['Bergensesteenweg 5', 'monssteenweg', '5'],
    ['Mechelsesteenweg 5', 'mechelensteenweg', '5'],
    ['Chaussée de Malines 5', 'mechelensteenweg', '5'],
    ["Chaussée d'Anvers 5", 'antwerpensteenweg', '5'],
    ['Antwerpsesteenweg 5', 'antwerpensteenweg', '5'],
    ['Brugsesteenweg 5', 'bruggesteenweg', '5'],
    ['Anderlechtsesteenweg 5', 'anderlechtsteenweg', '5'],
    ['Oude Steenweg 5', 'oudesteenweg', '5'],
    ['Digue de Mer 5', 'zeedijk', '5'],
    ['Kon. Astridlaan 1', 'koningastridlaan', '1'],
    ['Gr. Markt 1', 'grotemarkt', '1'],
    ['Marktpl. 3', 'marktplein', '3'],
    // French streets in Dutch word order, the commonest words translated: Brussels streets have both names.
    ['Rue de la Loi 16', 'wetstraat', '16'],
    ['16, rue de la Loi', 'wetstraat', '16'],
    ['Wetstraat 16', 'wetstraat', '16'],
    ['Rue du Marché 3', 'marktstraat', '3'],
    ["Rue de l'Église 93", 'kerkstraat', '93'],
    ['Place du Marché 87', 'marktplein', '87'],
    ['Chaussée de Gand 3', 'gentsteenweg', '3'],
    ['Av. Louise 54 bte 2', 'louiselaan', '54', '2'],
    ['Chée de Waterloo 10', 'waterloosteenweg', '10'],
    ['Chaussée de Waterloo 10', 'waterloosteenweg', '10'],
    ['Postbus', 'postbus', ''],
  ])('%s → %s %s %s', (address, street, number, box = '') => {
    expect(parseAddress(address)).toEqual({ street, number, box });
  });
});

describe('normaliseCity', () => {
  it.each([
    ['Sint-Niklaas', 'St.-Niklaas'],
    ['Sint-Niklaas', 'Saint-Nicolas'],
    ['Brussel', 'Bruxelles'],
    ['Brussel', 'BRUSSELS'],
    ['Antwerpen', 'Anvers'],
    ['Liège', 'Luik'],
    ['Liège', 'LIEGE'],
    ['Den Haag', "'s-Gravenhage"],
    ["'s-Hertogenbosch", 'Den Bosch'],
    ['Dendermonde', 'Termonde'],
    ['Lier', 'Lierre'],
    ['Sint-Truiden', 'Saint-Trond'],
    ['St.-Truiden', 'Saint-Trond'],
    ['Tienen', 'Tirlemont'],
    ['Uccle', 'Ukkel'],
    ['Braine-le-Comte', "'s-Gravenbrakel"],
    ['Woluwe-Saint-Lambert', 'Sint-Lambrechts-Woluwe'],
    ['Molenbeek-Saint-Jean', 'Sint-Jans-Molenbeek'],
  ])('%s = %s', (a, b) => {
    expect(normaliseCity(a)).toBe(normaliseCity(b));
  });

  it('drops a post code typed into the town', () => {
    expect(normaliseCity('2000 Antwerpen')).toBe(normaliseCity('Antwerpen'));
  });

  it('keeps other towns apart', () => {
    expect(normaliseCity('Gent')).not.toBe(normaliseCity('Genk'));
  });
});

describe('normalisePostCode', () => {
  it.each([
    ['2000', '2000'],
    ['B-2000', '2000'],
    ['BE 2000', '2000'],
    ['1012 ab', '1012AB'],
    ['NL-1012AB', '1012AB'],
    ['2000 Antwerpen', '2000'],
    ['SW1A 1AA', 'SW1A1AA'],
    ['', ''],
  ])('%p → %p', (input, expected) => {
    expect(normalisePostCode(input)).toBe(expected);
  });
});

describe('normalisePhone', () => {
  it.each([
    '03 123 45 67',
    '03/123.45.67',
    '031234567',
    '+32 3 123 45 67',
    '+32 (0)3 123 45 67',
    '0032 3 1234567',
    '0032 (0)3-123-45-67',
  ])('%s → 31234567', (phone) => {
    expect(normalisePhone(phone)).toBe('31234567');
  });

  it.each([
    '0475 12 34 56',
    '0475/12.34.56',
    '+32475123456',
    '0032 475 12 34 56',
    '+32 (0)475 12 34 56',
    '(0475) 12 34 56',
    '+32 475.12.34.56',
  ])('mobile %s → 475123456', (phone) => expect(normalisePhone(phone)).toBe('475123456'));

  it('unifies Dutch and mobile numbers the same way', () => {
    expect(normalisePhone('+31 20 123 4567')).toBe(normalisePhone('020-1234567'));
    expect(normalisePhone('0475 12 34 56')).toBe(normalisePhone('+32 475 123456'));
  });

  it('keeps the code of other countries', () => {
    expect(normalisePhone('+1 555 0100')).toBe('15550100');
    expect(normalisePhone(null)).toBe('');
  });
});

describe('normaliseVat', () => {
  it.each([
    'BE 0123.456.749',
    'BE0123456749',
    'be 0123 456 749',
    '0123.456.749',
    'BE 123.456.749', // the old 9-digit form
    'BTW BE 0123.456.749',
    'TVA: BE0123456749',
  ])('%s → BE0123456749', (vat) => {
    expect(normaliseVat(vat)).toBe('BE0123456749');
  });

  it('cleans other countries without guessing', () => {
    expect(normaliseVat('nl 123456789b01')).toBe('NL123456789B01');
    expect(normaliseVat('')).toBe('');
  });
});

describe('normaliseEmail', () => {
  it('trims and lower-cases', () => {
    expect(normaliseEmail('  Info@Fabrikam.BE ')).toBe('info@fabrikam.be');
    expect(normaliseEmail('mailto:jan@x.be')).toBe('jan@x.be');
    expect(normaliseEmail('Jan Peeters <Jan.Peeters@X.be>')).toBe('jan.peeters@x.be');
    expect(normaliseEmail(undefined)).toBe('');
  });
});

describe('normaliseEmails (tester, session 14)', () => {
  it('splits a field holding several addresses at ";" or ",", each normalised, once each', () => {
    expect(normaliseEmails('karen.baert@gmail.com; K.Baert@kbc.be')).toEqual([
      'karen.baert@gmail.com',
      'k.baert@kbc.be',
    ]);
    expect(normaliseEmails('bram@stroobants.be;b.stroobants@gmail.com;')).toEqual([
      'bram@stroobants.be',
      'b.stroobants@gmail.com',
    ]);
    expect(normaliseEmails('a@x.be, A@X.be')).toEqual(['a@x.be']);
    expect(normaliseEmails('Peeters, Jan <jan@x.be>')).toEqual(['jan@x.be']);
    expect(normaliseEmails(' ')).toEqual([]);
    expect(normaliseEmails('jan at x.be')).toEqual(['jan at x.be']); // no address: as written
  });
});

describe('legalFormKind', () => {
  it('reads the kind of entity from the form, wherever and however it is written', () => {
    expect(legalFormKind('Fabrikam N.V.')).toBe('nv');
    expect(legalFormKind('S.A. Lambert Construction')).toBe('nv');
    expect(legalFormKind('Peeters Bouw B.V.B.A.')).toBe('bv');
    expect(legalFormKind('Renard Toitures SPRL')).toBe('bv');
    expect(legalFormKind('Coppens & Jacobs CVBA')).toBe('bv');
    expect(legalFormKind('De Cock & Claeys Comm.V')).toBe('partnership');
    expect(legalFormKind('Vos & Zonen V.O.F.')).toBe('partnership');
    expect(legalFormKind('Tasolca ASBL')).toBe('non-profit');
    expect(legalFormKind('Lemmens & Zonen v.z.w.')).toBe('non-profit');
  });

  it('is empty without a form, or with one that says no kind here', () => {
    expect(legalFormKind('Orvolo Group')).toBe('');
    expect(legalFormKind('Fabrikam Ltd')).toBe('');
    expect(legalFormKind('')).toBe('');
  });
});

describe('parseAddress: the market square and other common French / Dutch street pairs (tester, match-fixes)', () => {
  it.each([
    ['Grand-Place 12', 'Grote Markt 12'],
    ["Grand'Place 12", 'Grote Markt 12'],
    ['Grand Place 12', 'Grote-Markt 12'],
    ['Grand-Place 12', 'Gr. Markt 12'],
    ['Rue du Château 4', 'Kasteelstraat 4'],
    ['Rue de la Croix 4', 'Kruisstraat 4'],
    ['Place de la Gare 4', 'Stationsplein 4'],
    ['Place du Marché 4', 'Marktplein 4'],
    ['Rue Longue 4', 'Langestraat 4'],
    ['Rue du Moulin 4', 'Molenstraat 4'],
  ])('%s = %s', (a, b) => {
    expect(parseAddress(a)).toEqual(parseAddress(b));
  });

  it('keeps other squares apart', () => {
    expect(parseAddress('Grand-Place 12').street).not.toBe(parseAddress('Marktplein 12').street);
    expect(parseAddress('Place Saint-Lambert 12').street).not.toBe(parseAddress('Grote Markt 12').street);
  });
});

describe('personName: generational suffixes (match-fixes)', () => {
  it('takes the suffix out of the name, wherever the split put it', () => {
    const sr = { first: 'daan', surname: 'verstraete', generation: 'sr' };
    expect(personName({ firstName: 'Daan', middleName: 'Verstraete', surname: 'sr.' })).toMatchObject(sr);
    expect(personName({ firstName: 'Daan', surname: 'Verstraete Sr' })).toMatchObject(sr);
    expect(personName({ firstName: 'Daan sr.', surname: 'Verstraete' })).toMatchObject(sr);
    expect(personName({ name: 'Daan Verstraete Senior' })).toMatchObject(sr);
    expect(personName({ name: 'Verstraete Daan sr.' })).toMatchObject(sr);
    expect(personName({ name: 'Albert Peeters II' })).toMatchObject({ surname: 'peeters', generation: 'ii' });
  });

  it('leaves a first name "Junior" and an initial "I." alone', () => {
    expect(personName({ name: 'Junior Mbaye' })).toMatchObject({ first: 'junior', generation: '' });
    expect(personName({ name: 'Peeters I.' })).toMatchObject({ first: 'i', surname: 'peeters', generation: '' });
  });
});
