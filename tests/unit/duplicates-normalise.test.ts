import {
  companyNameTokens,
  foldText,
  normaliseCity,
  normaliseEmail,
  normalisePhone,
  normalisePostCode,
  normaliseVat,
  parseAddress,
  personName,
  stripLegalForms,
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
  it('uses the parts when the surname is given', () => {
    expect(personName({ firstName: 'Jean-Pierre', middleName: '', surname: 'Van den Broeck' })).toEqual({
      first: 'jean pierre', surname: 'van den broeck', surnameFirst: null,
    });
  });

  it('splits a name typed in one field both ways, particles with the surname', () => {
    expect(personName({ name: 'Inge Van den Broeck' })).toEqual({
      first: 'inge', surname: 'van den broeck', surnameFirst: { first: 'van den broeck', surname: 'inge' },
    });
    expect(personName({ name: 'Van den Broeck Inge' }).surnameFirst).toEqual({ first: 'inge', surname: 'van den broeck' });
    expect(personName({ name: 'Peeters Jan' })).toEqual({
      first: 'peeters', surname: 'jan', surnameFirst: { first: 'jan', surname: 'peeters' },
    });
    expect(personName({ name: 'Peeters' })).toEqual({ first: '', surname: 'peeters', surnameFirst: null });
  });

  it('drops forms of address and titles', () => {
    expect(personName({ name: 'Dhr. Jan Peeters' })).toMatchObject({ first: 'jan', surname: 'peeters' });
    expect(personName({ firstName: 'Mme Hélène', surname: 'Dubois' })).toMatchObject({ first: 'helene', surname: 'dubois' });
  });
});

describe('parseAddress', () => {
  it.each([
    ['Kerkstraat 12', 'kerkstraat', '12'],
    ['Kerkstr. 12', 'kerkstraat', '12'],
    ['Kerk straat 12', 'kerkstraat', '12'],
    ['KERKSTRAAT 12 bus 3', 'kerkstraat', '12'],
    ['Kerkstraat 12/3', 'kerkstraat', '12'],
    ['Kerkstraat 12 b3', 'kerkstraat', '12'],
    ['Kerkstraat 12A', 'kerkstraat', '12a'],
    ['St.-Pietersnieuwstr. 12', 'sintpietersnieuwstraat', '12'],
    ['Sint-Pietersnieuwstraat 12', 'sintpietersnieuwstraat', '12'],
    ['Gentse Stwg. 5', 'gentsesteenweg', '5'],
    ['Gentsesteenweg 5', 'gentsesteenweg', '5'],
    ['Kon. Astridlaan 1', 'koningastridlaan', '1'],
    ['Gr. Markt 1', 'grotemarkt', '1'],
    ['Marktpl. 3', 'marktplein', '3'],
    ['Rue de la Loi 16', 'ruedelaloi', '16'],
    ['16, rue de la Loi', 'ruedelaloi', '16'],
    ['Av. Louise 54 bte 2', 'avenuelouise', '54'],
    ['Chée de Waterloo 10', 'chausseedewaterloo', '10'],
    ['Chaussée de Waterloo 10', 'chausseedewaterloo', '10'],
    ['Postbus', 'postbus', ''],
  ])('%s → %s %s', (address, street, number) => {
    expect(parseAddress(address)).toEqual({ street, number });
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
