import { searchNameOf } from '../../src/plugins/marketing-setup/server/src/domain/duplicates/search-name';

describe("searchNameOf (the trigram index's name and town)", () => {
  test('a company: significant words without legal form, folded; the canonical town', () => {
    expect(searchNameOf({ type: 'company', name: 'Fabrikam N.V.', city: 'Bruxelles' })).toEqual({
      name: 'fabrikam',
      city: 'brussel',
      initial: 'f',
    });
    expect(searchNameOf({ type: 'company', name: 'Peeters & Zn BVBA', city: 'St.-Niklaas' })).toEqual({
      name: 'peeters zonen',
      city: 'sintniklaas',
      initial: 'p',
    });
  });

  test("a person: first name(s) and surname (initial: the surname's), from the parts or split from the name, titles dropped", () => {
    expect(searchNameOf({ type: 'person', firstName: 'Inge', surname: 'Van den Broeck', city: 'Gent' })).toEqual({
      name: 'inge van den broeck',
      city: 'gent',
      initial: 'v',
    });
    expect(searchNameOf({ type: 'person', name: 'Dhr. Jan Peeters' })).toEqual({
      name: 'jan peeters',
      city: '',
      initial: 'p',
    });
  });

  test('no name → an empty name (not indexed)', () => {
    expect(searchNameOf({ type: 'company', name: null, city: 'Gent' })).toEqual({
      name: '',
      city: 'gent',
      initial: '',
    });
  });
});
