import { applyContactFieldRules, splitName } from '../../src/plugins/marketing-setup/server/src/domain/contact-fields';
import { partsSpellName } from '../../src/plugins/marketing-setup/server/src/domain/names';
import { renderSalutation } from '../../src/plugins/marketing-setup/server/src/domain/salutation';

const parts = (firstName: string | null, middleName: string | null, surname: string | null) => ({
  firstName,
  middleName,
  surname,
});

describe('splitName — surname particles', () => {
  it.each([
    // Belgian convention: a particle written with a capital is part of the surname.
    ['Pieter Van den Broeck', 'Pieter', null, 'Van den Broeck'],
    ['Jean-Pierre Van de Velde', 'Jean-Pierre', null, 'Van de Velde'],
    ['Geert De Smet', 'Geert', null, 'De Smet'],
    ['Sophie Le Clercq', 'Sophie', null, 'Le Clercq'],
    ['Marie De la Fontaine', 'Marie', null, 'De la Fontaine'],
    ['Pieter Jan Vanden Bossche', 'Pieter Jan', null, 'Vanden Bossche'],
    ['Xandro Van den Broeck', 'Xandro', null, 'Van den Broeck'],
    // Dutch convention: lower-case particles are the middle name, as the reference splits.
    ['Pieter van den Broek', 'Pieter', 'van den', 'Broek'],
    ['Anna Maria van Dijk', 'Anna Maria', 'van', 'Dijk'],
    ['Jan in ’t Veld', 'Jan', 'in ’t', 'Veld'],
    ["Jan in 't Veld", 'Jan', "in 't", 'Veld'],
    ['Klaas op de Beeck', 'Klaas', 'op de', 'Beeck'],
    ['Jan In Het Veld', 'Jan', null, 'In Het Veld'],
    ['Jeanne d’ Arc', 'Jeanne', 'd’', 'Arc'],
    // Surname first, with particles.
    ['Van den Broeck Marie Claire', 'Marie Claire', null, 'Van den Broeck'],
    ['De Smet Geert', 'Geert', null, 'De Smet'],
    ['van den Broek Pieter', 'Pieter', 'van den', 'Broek'],
    // Starting with a particle: surname first even when the first name is not known.
    ['Van Dijk Xandro', 'Xandro', null, 'Van Dijk'],
    ['De Smet', null, null, 'De Smet'],
    // Without particles the reference's rule is unchanged.
    ['John Paul Smith', 'John', 'Paul', 'Smith'],
  ])('%j → %j / %j / %j', (name, firstName, middleName, surname) => {
    expect(splitName(name)).toEqual(parts(firstName, middleName, surname));
  });
});

describe('splitName — titles and generational suffixes', () => {
  it.each([
    ['Mevrouw Lies Peeters', 'Lies', null, 'Peeters'],
    ['Dr. Lies Peeters', 'Lies', null, 'Peeters'],
    ['dr Lies Peeters', 'Lies', null, 'Peeters'],
    ['De heer Jan Peeters', 'Jan', null, 'Peeters'],
    ['Dhr. Jan Van den Broeck', 'Jan', null, 'Van den Broeck'],
    ['Prof. Dr. Ir. Koen Verhoeven', 'Koen', null, 'Verhoeven'],
    ['MME Claire Dubois', 'Claire', null, 'Dubois'],
    ['Mr. Jan Peeters', 'Jan', null, 'Peeters'],
    ['M. Jean Dupont', 'Jean', null, 'Dupont'],
    ['Mevr. Peeters Xandra', 'Peeters', null, 'Xandra'],
    ['Mevr. Peeters Lies', 'Lies', null, 'Peeters'],
    // After a title, a lone word is the surname.
    ['Mevrouw Peeters', null, null, 'Peeters'],
    // "M." before a single word is an initial, not Monsieur.
    ['M. Janssens', 'M.', null, 'Janssens'],
    ['M. De Smet', 'M.', null, 'De Smet'],
    ['Daan Verstraete sr.', 'Daan', null, 'Verstraete sr.'],
    ['Verstraete Daan jr.', 'Daan', null, 'Verstraete jr.'],
    ['Verstraete jr. Daan', 'Daan', null, 'Verstraete jr.'],
    ['Daan Verstraete Junior', 'Daan', null, 'Verstraete Junior'],
    ['Jan Pieter Peeters III', 'Jan', 'Pieter', 'Peeters III'],
    ['Pieter Van den Broeck Sr', 'Pieter', null, 'Van den Broeck Sr'],
    ['Dr. Daan Verstraete jr.', 'Daan', null, 'Verstraete jr.'],
    // A spelled-out "Senior" with a single other word is a surname.
    ['Jan Senior', 'Jan', null, 'Senior'],
  ])('%j → %j / %j / %j', (name, firstName, middleName, surname) => {
    expect(splitName(name)).toEqual(parts(firstName, middleName, surname));
  });

  it('keeps the name as typed', () => {
    expect(applyContactFieldRules('person', null, { name: 'Dr. Lies Peeters' })).toMatchObject({
      name: 'Dr. Lies Peeters',
      firstName: 'Lies',
      middleName: null,
      surname: 'Peeters',
    });
  });
});

describe("splitName — particles of Belgium's other communities", () => {
  it.each([
    // Arabic / Berber, Italian, Spanish / Portuguese, French particles: part of the surname, in either order.
    ['Ben Salah Ahmed', 'Ahmed', null, 'Ben Salah'],
    ['Ahmed Ben Salah', 'Ahmed', null, 'Ben Salah'],
    ['Di Rupo Elio', 'Elio', null, 'Di Rupo'],
    ['Elio Di Rupo', 'Elio', null, 'Di Rupo'],
    ['Mohamed El Amrani', 'Mohamed', null, 'El Amrani'],
    ['El Amrani Mohamed', 'Mohamed', null, 'El Amrani'],
    ['Aït Ali Youssef', 'Youssef', null, 'Aït Ali'],
    ['Karim Abou Zeid', 'Karim', null, 'Abou Zeid'],
    ['Maria Della Valle', 'Maria', null, 'Della Valle'],
    ['Dos Santos Maria', 'Maria', null, 'Dos Santos'],
    ['Sophie Du Bois', 'Sophie', null, 'Du Bois'],
    // Lower case: still the surname (the middle-name rule is the Dutch particles').
    ['João da Silva', 'João', null, 'da Silva'],
    ['Mohamed el Amrani', 'Mohamed', null, 'el Amrani'],
    // A leading particle keeps the word after it, even when the rest are first names.
    ['De Rosa Maria', 'Maria', null, 'De Rosa'],
    // "Ben" is also a first name: at the start it is one unless first names follow the surname.
    ['Ben Peeters', 'Ben', null, 'Peeters'],
    ['Ben Van den Broeck', 'Ben', null, 'Van den Broeck'],
    ['Ben Salah', 'Ben', null, 'Salah'],
    ['Ben Salah Karim', 'Ben', 'Salah', 'Karim'],
  ])('%j → %j / %j / %j', (name, firstName, middleName, surname) => {
    expect(splitName(name)).toEqual(parts(firstName, middleName, surname));
  });

  it('reads "Ben" as a particle when the e-mail spells the last word as the first name', () => {
    expect(splitName('Ben Salah Karim', 'karim.bensalah@telenet.be')).toEqual(parts('Karim', null, 'Ben Salah'));
    expect(splitName('Ben Salah Karim', 'ben.salah@telenet.be')).toEqual(parts('Ben', 'Salah', 'Karim'));
  });
});

describe('splitName — double surnames, several titles, a title alone, Vietnamese order', () => {
  it.each([
    ['Ilse Van Looy - Maes', 'Ilse', null, 'Van Looy - Maes'],
    ['Ilse Van Looy-Maes', 'Ilse', null, 'Van Looy-Maes'],
    ['Ilse Maes - Van Looy', 'Ilse', null, 'Maes - Van Looy'],
    ['Van Looy – Maes Ilse', 'Ilse', null, 'Van Looy – Maes'],
    ['Dhr. en Mevr. Peeters', null, null, 'Peeters'],
    ['M. et Mme Dupont', null, null, 'Dupont'],
    ['Mr & Mrs Smith', null, null, 'Smith'],
    ['De heer en mevrouw Jan Peeters', 'Jan', null, 'Peeters'],
    ['Mevr.', null, null, null],
    ['Dhr. en Mevr.', null, null, null],
    // "De heer" alone is a surname, "en" without a title after it a word.
    ['De Heer', null, null, 'De Heer'],
    ['Dhr. Jan en Piet', 'Jan', 'en', 'Piet'],
    // The common Vietnamese surnames tell the order.
    ['Nguyen Van Anh', 'Anh', 'Van', 'Nguyen'],
    ['Tran Thi Mai', 'Mai', 'Thi', 'Tran'],
    ['Anh Nguyen', 'Anh', null, 'Nguyen'],
  ])('%j → %j / %j / %j', (name, firstName, middleName, surname) => {
    expect(splitName(name)).toEqual(parts(firstName, middleName, surname));
  });

  it('stores a name of titles only as sent, with no parts', () => {
    expect(applyContactFieldRules('person', null, { name: 'Mevr.' })).toMatchObject({
      name: 'Mevr.',
      firstName: null,
      middleName: null,
      surname: null,
    });
  });
});

describe('splitName — the e-mail tells the order when the first names cannot', () => {
  it.each([
    ['Wuyts Xandro', 'Xandro.Wuyts@telenet.be', 'Xandro', null, 'Wuyts'],
    ['Wuyts Xandro', 'xandro_wuyts@telenet.be', 'Xandro', null, 'Wuyts'],
    ['Wuyts Xandro', 'xandro-wuyts@telenet.be', 'Xandro', null, 'Wuyts'],
    ['Wuyts Xandro', 'x.wuyts@telenet.be', 'Xandro', null, 'Wuyts'],
    ['Wuyts Xandro', 'xandrowuyts@telenet.be', 'Xandro', null, 'Wuyts'],
    ['Wuyts Xandro', 'xandro.wuyts85@gmail.com', 'Xandro', null, 'Wuyts'],
    ['Van Wuyts Xandro', 'xandro.vanwuyts@gmail.com', 'Xandro', null, 'Van Wuyts'],
    ['Vanwuyts Xandro', 'info@wuyts.be; xandro.vanwuyts@gmail.com', 'Xandro', null, 'Vanwuyts'],
    // The e-mail says first name first, says nothing, or there is none: the reference's order.
    ['Wuyts Xandro', 'wuyts.xandro@telenet.be', 'Wuyts', null, 'Xandro'],
    ['Wuyts Xandro', 'info@wuyts.be', 'Wuyts', null, 'Xandro'],
    ['Wuyts Xandro', null, 'Wuyts', null, 'Xandro'],
    // A known first name decides; the e-mail is not asked.
    ['Koen Verhoeven', 'verhoeven.koen@telenet.be', 'Koen', null, 'Verhoeven'],
    ['Verhoeven Koen', 'info@verhoeven.be', 'Koen', null, 'Verhoeven'],
  ])('%j with %j → %j / %j / %j', (name, email, firstName, middleName, surname) => {
    expect(splitName(name, email)).toEqual(parts(firstName, middleName, surname));
  });

  it('reads the e-mail of the write, or the stored one', () => {
    expect(
      applyContactFieldRules('person', null, { name: 'Wuyts Xandro', email: 'Xandro.Wuyts@telenet.be' }),
    ).toMatchObject({ name: 'Wuyts Xandro', firstName: 'Xandro', surname: 'Wuyts' });
    const before = { type: 'person', name: 'X', firstName: 'X', email: 'xandro.wuyts@telenet.be' };
    expect(applyContactFieldRules('person', before, { name: 'Wuyts Xandro' })).toMatchObject({
      firstName: 'Xandro',
      surname: 'Wuyts',
    });
  });
});

describe('applyContactFieldRules — a name sent with only some of its parts', () => {
  it('fills the missing parts from the rest of the name and rebuilds the name first name first', () => {
    expect(applyContactFieldRules('person', null, { name: 'Peeters Xandro', surname: 'Peeters' })).toMatchObject({
      name: 'Xandro Peeters',
      firstName: 'Xandro',
      middleName: null,
      surname: 'Peeters',
      searchName: 'XANDRO PEETERS',
    });
    expect(applyContactFieldRules('person', null, { name: 'Peeters Xandro', firstName: 'Xandro' })).toMatchObject({
      name: 'Xandro Peeters',
      firstName: 'Xandro',
      middleName: null,
      surname: 'Peeters',
    });
  });

  it('matches whole words, in any case, and splits the rest by the particle rules', () => {
    expect(
      applyContactFieldRules('person', null, { name: 'Anna Maria van Dijk', firstName: 'anna maria' }),
    ).toMatchObject({ name: 'anna maria van Dijk', firstName: 'anna maria', middleName: 'van', surname: 'Dijk' });
    expect(
      applyContactFieldRules('person', null, { name: 'Van den Broeck Xandro Yorick', surname: 'Van den Broeck' }),
    ).toMatchObject({ firstName: 'Xandro Yorick', middleName: null, surname: 'Van den Broeck' });
    expect(applyContactFieldRules('person', null, { name: 'Dr. Lies Peeters', surname: 'Peeters' })).toMatchObject({
      name: 'Lies Peeters',
      firstName: 'Lies',
      surname: 'Peeters',
    });
    expect(applyContactFieldRules('person', null, { name: 'Verstraete Daan sr.', firstName: 'Daan' })).toMatchObject({
      firstName: 'Daan',
      middleName: null,
      surname: 'Verstraete sr.',
    });
  });

  it('on update, the name sent replaces the stored parts it does not name', () => {
    const before = {
      type: 'person',
      name: 'Jan Paul Peeters',
      firstName: 'Jan',
      middleName: 'Paul',
      surname: 'Peeters',
    };
    expect(applyContactFieldRules('person', before, { name: 'Wuyts Xandro', surname: 'Wuyts' })).toMatchObject({
      name: 'Xandro Wuyts',
      firstName: 'Xandro',
      middleName: null,
      surname: 'Wuyts',
    });
  });

  it('keeps today’s rule when a part sent is not in the name: parts win, the rest comes from the stored record', () => {
    const notInName = applyContactFieldRules('person', null, { name: 'Peeters Xandro', surname: 'Wuyts' });
    expect(notInName).toMatchObject({ name: 'Wuyts', surname: 'Wuyts' });
    expect(notInName.firstName).toBeUndefined();
    // "Peet" is not a whole word of the name.
    expect(applyContactFieldRules('person', null, { name: 'Peeters Xandro', surname: 'Peet' }).name).toBe('Peet');
    // On update with the stored name sent back: the part changed wins, the name is rebuilt.
    const before = { type: 'person', name: 'Jan Peeters', firstName: 'Jan', middleName: null, surname: 'Peeters' };
    expect(applyContactFieldRules('person', before, { name: 'Jan Peeters', firstName: 'Anna' })).toMatchObject({
      name: 'Anna Peeters',
      firstName: 'Anna',
    });
  });

  it('leaves all three parts sent as they are', () => {
    expect(
      applyContactFieldRules('person', null, {
        name: 'Peeters Xandro',
        firstName: 'Xandro',
        middleName: null,
        surname: 'Peeters',
      }),
    ).toMatchObject({ name: 'Xandro Peeters', firstName: 'Xandro', middleName: null, surname: 'Peeters' });
  });
});

describe('"Surname, First name": a comma puts the surname first (tester)', () => {
  it.each([
    ['Verbruggen, Tom', 'Tom', null, 'Verbruggen'],
    ['De Smet, Geert Jan', 'Geert Jan', null, 'De Smet'],
    ['Verbruggen,Tom', 'Tom', null, 'Verbruggen'],
    // An unknown first name: the comma tells, not the first-name list.
    ['Peeters, Xandro', 'Xandro', null, 'Peeters'],
    ['Janssens, M.', 'M.', null, 'Janssens'],
    ['Van den Broeck, Marie Claire', 'Marie Claire', null, 'Van den Broeck'],
    // The Dutch sorted way: particles after the first name are the surname's (lower case: the middle name).
    ['Broek, Pieter van den', 'Pieter', 'van den', 'Broek'],
    ['Dr. Verbruggen, Tom', 'Tom', null, 'Verbruggen'],
    ['Peeters, Mevr. Anna', 'Anna', null, 'Peeters'],
    ['Verbruggen, Tom sr.', 'Tom', null, 'Verbruggen sr.'],
    ['Verbruggen sr., Tom', 'Tom', null, 'Verbruggen sr.'],
    // A side with no name left: the comma only separates words, and never ends up in a part.
    ['Tom Verbruggen, sr.', 'Tom', null, 'Verbruggen sr.'],
    ['Jan Peeters, ir.', 'Jan', null, 'Peeters'],
    ['Peeters,', null, null, 'Peeters'],
    [', Tom', 'Tom', null, null],
  ])('%j → %j / %j / %j', (name, firstName, middleName, surname) => {
    expect(splitName(name)).toEqual(parts(firstName, middleName, surname));
  });

  it('POST {"type":"person","name":"Verbruggen, Tom"}: the name as typed, no comma in a part, "Beste Tom Verbruggen,"', () => {
    const created = applyContactFieldRules('person', null, { name: 'Verbruggen, Tom' });
    expect(created).toMatchObject({
      name: 'Verbruggen, Tom',
      firstName: 'Tom',
      middleName: null,
      surname: 'Verbruggen',
    });
    const formula = { language: 'NLB', type: 'formal' as const, text: 'Beste %1 %2 %3,' };
    const salutation = renderSalutation(
      { ...formula, name1: 'firstName', name2: 'middleName', name3: 'surname' },
      { type: 'person', ...created },
    );
    expect(salutation).toBe('Beste Tom Verbruggen,');
  });

  it('a name with a comma sent with some of its parts fills the others; parts spell it', () => {
    expect(applyContactFieldRules('person', null, { name: 'Verbruggen, Tom', surname: 'Verbruggen' })).toMatchObject({
      name: 'Tom Verbruggen',
      firstName: 'Tom',
      surname: 'Verbruggen',
    });
    expect(partsSpellName('Verbruggen, Tom', parts('Tom', null, 'Verbruggen'))).toBe(true);
  });
});

describe('a name part longer than 30 characters (tester)', () => {
  const create = (name: string) => {
    const warnings: string[] = [];
    return { fields: applyContactFieldRules('person', null, { name }, warnings), warnings };
  };

  it('a hyphenated first name keeps its whole parts that fit, and says so', () => {
    const { fields, warnings } = create('Maximiliaan-Alexander-Christiaan-Frederik Peeters');
    expect(fields).toMatchObject({
      name: 'Maximiliaan-Alexander-Christiaan-Frederik Peeters',
      firstName: 'Maximiliaan-Alexander',
      middleName: null,
      surname: 'Peeters',
    });
    expect(warnings).toEqual([
      'First Name was shortened to 30 characters: "Maximiliaan-Alexander-Christiaan-Frederik" is stored as ' +
        '"Maximiliaan-Alexander" (the name keeps it whole).',
    ]);
  });

  it('several first names: the whole names that fit ("Jan Pieter Karel Frans Jozef", not "… Jozef M")', () => {
    const { fields, warnings } = create('Jan Pieter Karel Frans Jozef Marie Albert Willem Hendrik Peeters');
    expect(fields).toMatchObject({
      firstName: 'Jan Pieter Karel Frans Jozef',
      middleName: 'Hendrik',
      surname: 'Peeters',
    });
    expect(warnings).toEqual([
      'First Name was shortened to 30 characters: "Jan Pieter Karel Frans Jozef Marie Albert Willem" is stored as ' +
        '"Jan Pieter Karel Frans Jozef" (the name keeps it whole).',
    ]);
  });

  it('never inside a letter: an accent typed as a combining mark stays with its letter', () => {
    const e = 'E\u0301'; // É written as E + combining acute: two characters
    const word = `A${e.repeat(20)}`; // 41 characters, 21 letters; composed (NFC) still 21 characters
    expect(word.normalize('NFC')).toHaveLength(21);
    const { fields, warnings } = create(`${'B'.repeat(25)}${word} Peeters`);
    // Composed it is 46 characters: cut at 30, not between an E and its accent.
    expect(fields.firstName).toBe(`${'B'.repeat(25)}A${'\u00c9'.repeat(4)}`);
    expect(warnings).toHaveLength(1);
    // Nothing to compose: the letter before an accent that does not fit goes with it.
    expect(splitName(`${'C'.repeat(29)}${e}${e} Peeters`).firstName).toBe(`${'C'.repeat(29)}\u00c9`);
    const marks = `${'C'.repeat(29)}E\u0301\u0323 Peeters`; // E with two marks: no composed form has both
    expect(splitName(marks).firstName).toBe('C'.repeat(29));
    // An emoji (two UTF-16 units) is one character, as PostgreSQL counts it (it took two of the 30), and a cut never
    // falls inside one.
    expect(splitName(`${'D'.repeat(29)}\u{1F600}x Peeters`).firstName).toBe(`${'D'.repeat(29)}\u{1F600}`);
    expect(splitName(`${'D'.repeat(28)}${'\u{1F600}'.repeat(3)} Peeters`).firstName).toBe(
      `${'D'.repeat(28)}\u{1F600}\u{1F600}`,
    );
  });

  it('letters outside the Basic Multilingual Plane ("𝔘", two UTF-16 units) count one character each', () => {
    const u = '\u{1D518}'; // 𝔘
    // 30 of them are 30 characters: kept whole, no warning (they were taken for 60 and cut to 15).
    const whole = create(`${u.repeat(30)} Peeters`);
    expect([whole.fields.firstName, whole.warnings]).toEqual([u.repeat(30), []]);
    // 31 are cut to 30, never to half a letter.
    const cut = create(`${u.repeat(31)} Peeters`);
    expect(cut.fields.firstName).toBe(u.repeat(30));
    expect(cut.warnings).toHaveLength(1);
  });

  it('a name whose accents fit once composed is stored composed, without a warning', () => {
    // First name "René" six times with the accents typed as marks: 35 characters typed, 29 composed.
    const { fields, warnings } = create(`${'Rene\u0301 '.repeat(7)}Peeters`);
    expect(fields.firstName).toBe('Ren\u00e9 '.repeat(6).trim());
    expect(warnings).toEqual([]);
    // A part that fits as typed is stored as typed.
    expect(create(`${'Rene\u0301 '.repeat(3)}Peeters`).fields.firstName).toBe('Rene\u0301 Rene\u0301');
  });

  it('a part sent by the caller is never shortened (a part too long is refused, as without a name)', () => {
    const long = 'Maximiliaan-Alexander-Christiaan';
    const { fields } = {
      fields: applyContactFieldRules('person', null, { name: `${long} Peeters`, surname: 'Peeters', firstName: long }),
    };
    expect(fields.firstName).toBe(long);
  });
});
