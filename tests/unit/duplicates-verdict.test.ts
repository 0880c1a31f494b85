import { FABRIKAM } from '../helpers/fabrikam';
import {
  DEFAULT_SEARCH_SETUP,
  type SearchLine,
  buildSearchStrings,
} from '../../src/plugins/marketing-setup/server/src/domain/duplicates/search-strings';
import { prepareContact } from '../../src/plugins/marketing-setup/server/src/domain/duplicates/fuzzy';
import { duplicateVerdict } from '../../src/plugins/marketing-setup/server/src/domain/duplicates/verdict';
import { RuleViolation } from '../../src/plugins/marketing-setup/server/src/domain/errors';
import { splitName } from '../../src/plugins/marketing-setup/server/src/domain/contact-fields';

const DEFAULTS = { lines: DEFAULT_SEARCH_SETUP, hitPercent: 60 };
const FOUR_LINES: SearchLine[] = [
  { field: 'name', part: 'first', length: 5 },
  { field: 'name', part: 'last', length: 5 },
  { field: 'city', part: 'first', length: 5 },
  { field: 'city', part: 'last', length: 5 },
];

describe('duplicateVerdict', () => {
  it('default setup: equal name, address, city, post code, phone, VAT, e-mail → 14 matching strings, both rules', () => {
    const v = duplicateVerdict(FABRIKAM, { ...FABRIKAM }, DEFAULTS);
    expect(v).toMatchObject({
      isDuplicate: true,
      comparable: true,
      rules: ['searchStrings', 'fuzzy'],
      matchingStrings: 14, // mobile phone is blank on both: its 2 strings do not exist
      requiredStrings: 10,
      hitPercent: 88,
    });
    expect(v.fuzzy.total).toBe(1);
    expect(v.fuzzy.breakdown).toHaveLength(7);
  });

  it('four lines, hit 50: "Alpha Trading"/Oslo vs "Alpha Trading"/Bergen → a BC pair with 2 strings', () => {
    const v = duplicateVerdict(
      { name: 'Alpha Trading', city: 'Oslo' },
      { name: 'Alpha Trading', city: 'Bergen' },
      { lines: FOUR_LINES, hitPercent: 50 },
    );
    expect(v).toMatchObject({
      isDuplicate: true,
      rules: ['searchStrings'],
      matchingStrings: 2,
      requiredStrings: 2,
      hitPercent: 50,
    });
  });

  it('… and at hit 51 no BC pair (3 strings needed)', () => {
    const v = duplicateVerdict(
      { name: 'Alpha Trading', city: 'Oslo' },
      { name: 'Alpha Trading', city: 'Bergen' },
      { lines: FOUR_LINES, hitPercent: 51 },
    );
    expect(v.rules).not.toContain('searchStrings');
    expect(v).toMatchObject({ matchingStrings: 2, requiredStrings: 3, hitPercent: 50 });
    expect(v.isDuplicate).toBe(false); // the fuzzy rule does not take a namesake in another town either
  });

  it('"Alpha Trading"/Oslo vs "Alpha Systems"/Bergen → 1 string, no pair at 50', () => {
    const v = duplicateVerdict(
      { name: 'Alpha Trading', city: 'Oslo' },
      { name: 'Alpha Systems', city: 'Bergen' },
      { lines: FOUR_LINES, hitPercent: 50 },
    );
    expect(v).toMatchObject({ isDuplicate: false, rules: [], matchingStrings: 1, requiredStrings: 2, hitPercent: 25 });
  });

  it('"Fabrikam NV" vs "Fabrikkam N.V." (same city) → a fuzzy pair with a breakdown', () => {
    const v = duplicateVerdict(
      { type: 'company', name: 'Fabrikam NV', city: 'Gent' },
      { type: 'company', name: 'Fabrikkam N.V.', city: 'Gent' },
      DEFAULTS,
    );
    expect(v.isDuplicate).toBe(true);
    expect(v.rules).toEqual(['fuzzy']);
    expect(v.matchingStrings).toBe(4); // name "FABRI" / "KAMNV", city first/last: 4 of 16, BC needs 10
    expect(v.fuzzy.fires).toBe(true);
    expect(v.fuzzy.breakdown.map((f) => [f.field, f.values])).toEqual([
      ['name', ['fabrikam', 'fabrikkam']],
      ['city', ['gent', 'gent']],
    ]);
    for (const f of v.fuzzy.breakdown) {
      expect(f.score).toBeGreaterThan(0.9);
      expect(typeof f.method).toBe('string');
      expect(f.weight).toBeGreaterThan(0);
    }
  });

  it('"Fabrikam NV" vs "Contoso NV" → no pair', () => {
    const v = duplicateVerdict(
      { type: 'company', name: 'Fabrikam NV', city: 'Gent' },
      { type: 'company', name: 'Contoso NV', city: 'Gent' },
      DEFAULTS,
    );
    expect(v.isDuplicate).toBe(false);
    expect(v.rules).toEqual([]);
    expect(v.fuzzy.fires).toBe(false);
  });

  it('a company and a person with equal data → never a pair', () => {
    const v = duplicateVerdict(FABRIKAM, { ...FABRIKAM, type: 'person' }, DEFAULTS);
    expect(v).toMatchObject({ isDuplicate: false, comparable: false, rules: [], matchingStrings: 0, hitPercent: 0 });
    expect(v.fuzzy).toMatchObject({ fires: false, breakdown: [] });
  });

  it('persons are compared with persons', () => {
    const jan = {
      type: 'person',
      firstName: 'Jan',
      surname: 'Peeters',
      name: 'Jan Peeters',
      address: 'Kerkstraat 12',
      city: 'Gent',
      postCode: '9000',
      mobilePhoneNo: '0475 11 22 33',
      email: 'jan.peeters@telenet.be',
    };
    const v = duplicateVerdict(
      jan,
      { ...jan, name: 'Jan Peters', surname: 'Peters', mobilePhoneNo: '+32 475 112233' },
      DEFAULTS,
    );
    expect(v.comparable).toBe(true);
    expect(v.rules).toContain('fuzzy');
  });

  it('a contact without type is a company (the reference default)', () => {
    expect(duplicateVerdict({ name: 'Fabrikam' }, { type: 'company', name: 'Fabrikam' }, DEFAULTS).comparable).toBe(
      true,
    );
    expect(duplicateVerdict({ name: 'Fabrikam' }, { type: 'person', name: 'Fabrikam' }, DEFAULTS).comparable).toBe(
      false,
    );
  });

  it('uses strings and prepared contacts the adapter already has', () => {
    const other = { ...FABRIKAM, name: 'Fabrikam Logistics' };
    const plain = duplicateVerdict(FABRIKAM, other, DEFAULTS);
    const given = duplicateVerdict(
      {
        contact: FABRIKAM,
        searchStrings: buildSearchStrings(FABRIKAM, DEFAULT_SEARCH_SETUP),
        prepared: prepareContact(FABRIKAM),
      },
      { contact: other, searchStrings: buildSearchStrings(other, DEFAULT_SEARCH_SETUP) },
      DEFAULTS,
    );
    expect(given).toEqual(plain);
  });

  it('a holding next to its operating company: the search strings fire, the different VAT numbers overrule them', () => {
    const holding = { ...FABRIKAM, name: 'Fabrikam Holding', vatRegistrationNo: 'BE0999888777' };
    const v = duplicateVerdict(FABRIKAM, holding, DEFAULTS);
    expect(v.matchingStrings).toBeGreaterThanOrEqual(v.requiredStrings);
    expect(v).toMatchObject({ isDuplicate: false, rules: [], overruled: 'vatRegistrationNo' });
    expect(v.fuzzy.breakdown.find((f) => f.field === 'vatRegistrationNo')?.score).toBe(0);
  });

  it('two members of a household: shared address, phone and mailbox prefix, clearly different names → overruled by the name', () => {
    const base = {
      type: 'person',
      address: 'Kerkstraat 12',
      city: 'Gent',
      postCode: '9000',
      phoneNo: '09 123 45 67',
      email: 'peeters.family@telenet.be',
    };
    const v = duplicateVerdict(
      { ...base, name: 'Jan Peeters', firstName: 'Jan', surname: 'Peeters' },
      { ...base, name: 'Marleen Peeters', firstName: 'Marleen', surname: 'Peeters' },
      DEFAULTS,
    );
    expect(v.matchingStrings).toBeGreaterThanOrEqual(v.requiredStrings);
    expect(v).toMatchObject({ isDuplicate: false, overruled: 'name' });
  });

  it('father and son "Jan Peeters": one address, landline and family mailbox, two mobiles → overruled by the mobiles', () => {
    const base = {
      type: 'person',
      name: 'Jan Peeters',
      firstName: 'Jan',
      surname: 'Peeters',
      address: 'Kerkstraat 12',
      city: 'Gent',
      postCode: '9000',
      phoneNo: '09 123 45 67',
      email: 'peeters.familie@telenet.be',
    };
    const v = duplicateVerdict(
      { ...base, mobilePhoneNo: '0475 12 34 56' },
      { ...base, mobilePhoneNo: '0498 76 54 32' },
      DEFAULTS,
    );
    expect(v.matchingStrings).toBeGreaterThanOrEqual(v.requiredStrings);
    expect(v).toMatchObject({ isDuplicate: false, rules: [], overruled: 'mobilePhoneNo' });
    // The same man on one mobile (written another way) is one person.
    const same = duplicateVerdict(
      { ...base, mobilePhoneNo: '0475 12 34 56' },
      { ...base, mobilePhoneNo: '+32 475 12.34.56' },
      DEFAULTS,
    );
    expect(same).toMatchObject({ isDuplicate: true, overruled: null });
  });

  it('the search strings alone still fire when nothing contradicts them (no VAT, similar names)', () => {
    const v = duplicateVerdict(
      { name: 'Alpha Trading', city: 'Oslo' },
      { name: 'Alpha Trading', city: 'Bergen' },
      { lines: FOUR_LINES, hitPercent: 50 },
    );
    expect(v).toMatchObject({ isDuplicate: true, rules: ['searchStrings'], overruled: null });
  });

  it('refuses a hit % outside 1..100', () => {
    expect(() => duplicateVerdict(FABRIKAM, FABRIKAM, { lines: DEFAULT_SEARCH_SETUP, hitPercent: 0 })).toThrow(
      RuleViolation,
    );
    expect(() => duplicateVerdict(FABRIKAM, FABRIKAM, { lines: DEFAULT_SEARCH_SETUP, hitPercent: 101 })).toThrow(
      RuleViolation,
    );
  });
});

describe('generational suffixes (tester, match-fixes)', () => {
  const house = {
    type: 'person',
    address: 'Sint-Pietersnieuwstraat 78',
    postCode: '2800',
    city: 'Mechelen',
    phoneNo: '015 76 18 63',
  };
  // As a REST create stores a name sent alone: "Daan Verstraete sr." → Daan / Verstraete / sr.
  const rest = (name: string) => ({ ...house, name, ...splitName(name) });

  it.each([
    ['sr. / jr., sent as a name', rest('Daan Verstraete sr.'), rest('Daan Verstraete jr.')],
    ['Senior / Junior', rest('Daan Verstraete Senior'), rest('Daan Verstraete Junior')],
    ['surname first: "Daan jr." is the first name', rest('Verstraete Daan sr.'), rest('Verstraete Daan jr.')],
    [
      'in the surname field',
      { ...house, firstName: 'Daan', surname: 'Verstraete sr.' },
      { ...house, firstName: 'Daan', surname: 'Verstraete jr.' },
    ],
    [
      'in the first name on one side, the surname on the other',
      { ...house, firstName: 'Daan jr.', surname: 'Verstraete' },
      { ...house, firstName: 'Daan', surname: 'Verstraete Sr' },
    ],
    ['II / III', rest('Daan Verstraete II'), rest('Daan Verstraete III')],
    ['I / II', rest('Daan Verstraete I'), rest('Daan Verstraete II')],
  ])('%s: two people', (_label, a, b) => {
    const v = duplicateVerdict(a, b, DEFAULTS);
    expect(v.isDuplicate).toBe(false);
    expect(v.fuzzy.fires).toBe(false);
    expect(v.fuzzy.breakdown.find((f) => f.field === 'name')?.method).toMatch(/generation/);
  });

  it('the same suffix, or one on one side only, is read as before', () => {
    for (const [a, b] of [
      ['Daan Verstraete sr.', 'Daan Verstraete sr'],
      ['Daan Verstraete jr.', 'Daan Verstraete'],
      ['Daan Verstraete', 'Verstraete Daan Senior'],
    ]) {
      const v = duplicateVerdict(rest(a), rest(b), DEFAULTS);
      expect([a, b, v.isDuplicate, v.fuzzy.fires]).toEqual([a, b, true, true]);
      expect(v.fuzzy.breakdown.find((f) => f.field === 'name')?.score).toBe(1);
    }
  });
});

describe('nicknames in a household (tester, match-fixes)', () => {
  it('"Jef Peeters" and "Jozef Peeters" at one address, each with a mobile and a mailbox of his own, are two people', () => {
    const house = {
      type: 'person',
      address: 'Kerkstraat 12',
      postCode: '3000',
      city: 'Leuven',
      phoneNo: '016 22 33 44',
    };
    const v = duplicateVerdict(
      { ...house, name: 'Jef Peeters', mobilePhoneNo: '0478 12 34 56', email: 'jef.peeters@telenet.be' },
      { ...house, name: 'Jozef Peeters', mobilePhoneNo: '0495 65 43 21', email: 'jozef.peeters@gmail.com' },
      DEFAULTS,
    );
    expect(v.fuzzy.breakdown.find((f) => f.field === 'name')?.parts?.firstName).toBe(0.9);
    expect(v).toMatchObject({ isDuplicate: false, rules: [] });
  });
});

describe('forms of address of a man and a woman', () => {
  const house = {
    type: 'person',
    address: 'Kapelstraat 14',
    postCode: '3500',
    city: 'Hasselt',
    phoneNo: '011 22 33 44',
    email: 'peeters.thuis@telenet.be',
  };
  const rest = (name: string) => ({ ...house, name, ...splitName(name) });

  it.each([
    ['Dhr. Peeters', 'Mevr. Peeters'],
    ['Dhr. J. Peeters', 'Mevr. J. Peeters'],
    ['Monsieur Dupont', 'Madame Dupont'],
    ['Meneer Peeters', 'Mw. Peeters'],
  ])('%s / %s at one address, phone and mailbox: two people of a household', (a, b) => {
    const v = duplicateVerdict(rest(a), rest(b), DEFAULTS);
    expect(v.isDuplicate).toBe(false);
    expect(v.fuzzy.breakdown.find((f) => f.field === 'name')).toMatchObject({
      score: 0.5,
      method: expect.stringMatching(/forms of address differ/),
    });
  });

  it('the same form, one on one side only, or a title that names no one ("mr." is a Dutch lawyer\'s too): read as before', () => {
    for (const [a, b] of [
      ['Dhr. Jan Peeters', 'Dhr Jan Peeters'],
      ['Mevr. Anna Peeters', 'Anna Peeters'],
      ['Mr. Anna de Vries', 'Mevr. Anna de Vries'],
      ['Dr. Anna Peeters', 'Mevr. Anna Peeters'],
    ]) {
      const v = duplicateVerdict(rest(a), rest(b), DEFAULTS);
      expect([a, b, v.isDuplicate]).toEqual([a, b, true]);
      expect(v.fuzzy.breakdown.find((f) => f.field === 'name')?.method).not.toMatch(/forms of address/);
    }
  });
});

describe('"Surname, First name" (tester)', () => {
  const house = {
    type: 'person',
    address: 'Kerkstraat 12',
    postCode: '3000',
    city: 'Leuven',
    phoneNo: '016 22 33 44',
    email: 'tom.verbruggen@telenet.be',
  };
  // As a REST create stores a name sent alone, and as a record holding only its name.
  const rest = (name: string) => ({ ...house, name, ...splitName(name) });
  const nameOnly = (name: string) => ({ ...house, name });

  it.each([
    ['Verbruggen, Tom', 'Tom Verbruggen'],
    ['Peeters, Xandro', 'Xandro Peeters'],
    ['De Smet, Geert Jan', 'Geert Jan De Smet'],
  ])('%j is read as %j: the same name', (a, b) => {
    for (const make of [rest, nameOnly]) {
      const v = duplicateVerdict(make(a), make(b), DEFAULTS);
      expect(v.isDuplicate).toBe(true);
      const name = v.fuzzy.breakdown.find((f) => f.field === 'name');
      expect(name).toMatchObject({ score: 1, parts: { surname: 1, firstName: 1 } });
      expect(name?.values[0]).toBe(name?.values[1]);
    }
  });
});

describe('a hyphenated first name is one first name (tester)', () => {
  // Two colleagues of one company: the same address and switchboard.
  const office = {
    type: 'person',
    address: 'Industrieweg 5',
    postCode: '9000',
    city: 'Gent',
    phoneNo: '09 222 33 44',
  };
  const rest = (name: string) => ({ ...office, name, ...splitName(name) });
  const nameOnly = (name: string) => ({ ...office, name });

  it('"Pieter-Jan De Vos" and "Jan Peeters" at one company are two people ("Pieter" is no surname to meet "Peeters")', () => {
    for (const make of [rest, nameOnly]) {
      const v = duplicateVerdict(make('Pieter-Jan De Vos'), make('Jan Peeters'), DEFAULTS);
      expect(v).toMatchObject({ isDuplicate: false, rules: [] });
      const name = v.fuzzy.breakdown.find((f) => f.field === 'name');
      expect(name?.score).toBeLessThan(0.8);
      expect(name?.method).not.toMatch(/surname first/);
    }
  });

  it('"Jan" in "Pieter-Jan" is not the first name "Jan", in either order', () => {
    for (const [a, b] of [
      ['Pieter-Jan Peeters', 'Peeters Jan'],
      ['De Vos Pieter-Jan', 'Jan Pieters'],
    ]) {
      const v = duplicateVerdict(rest(a), rest(b), DEFAULTS);
      expect([a, b, v.isDuplicate]).toEqual([a, b, false]);
    }
  });

  it('the same person with a hyphenated first name is still found, in either order or written apart', () => {
    for (const [a, b] of [
      ['Pieter-Jan De Vos', 'De Vos Pieter-Jan'],
      ['Pieter-Jan De Vos', 'Pieter Jan De Vos'],
      ['Pieter-Jan De Vos', 'Pieterjan De Vos'],
      ['Pieter-Jan De Vos', 'Pieter-Jan Devos'],
    ]) {
      const v = duplicateVerdict(rest(a), rest(b), DEFAULTS);
      expect([a, b, v.isDuplicate, v.fuzzy.breakdown.find((f) => f.field === 'name')?.score]).toEqual([a, b, true, 1]);
    }
  });
});
