import {
  FIELD_GROUPS,
  INHERITABLE_FIELDS,
  type InheritFlags,
  applyDefaults,
  echoedInheritedFields,
  fieldsOfOverrideKey,
  inheritFromCompany,
  nextOverrides,
  overrideKeyOf,
  propagationPlan,
  resetKeys,
  switchedOnGroups,
  withoutStaleInherited,
} from '../../src/plugins/marketing-setup/server/src/domain/inheritance';
import { RuleViolation } from '../../src/plugins/marketing-setup/server/src/domain/errors';

const allOn: InheritFlags = {
  inheritSalesperson: true,
  inheritTerritory: true,
  inheritCountryRegion: true,
  inheritLanguage: true,
  inheritAddressDetails: true,
  inheritCommunicationDetails: true,
  inheritFormatRegion: true,
};

const fabrikam = {
  name: 'Fabrikam',
  address: 'Kerkstraat 1',
  address2: null,
  postCode: '9000',
  city: 'Gent',
  county: '',
  countryRegion: 'BE',
  phoneNo: '09 111 11 11',
  email: 'info@fabrikam.be',
  salesperson: 'AB',
  territory: 'EAST',
  language: null,
  formatRegion: null,
  correspondenceType: null,
};

/** A person that inherited everything from Fabrikam. */
const inheritedJohn = () => ({ firstName: 'John', surname: 'Smith', ...inheritFromCompany(allOn, fabrikam, []) });

describe('field groups and override keys', () => {
  it('lists every inheritable field once, with the address block as one key', () => {
    expect(new Set(INHERITABLE_FIELDS).size).toBe(INHERITABLE_FIELDS.length);
    expect(INHERITABLE_FIELDS).toHaveLength(20);
    expect(FIELD_GROUPS.filter((g) => g.block).map((g) => g.flag)).toEqual(['inheritAddressDetails']);
    expect(overrideKeyOf('city')).toBe('address');
    expect(overrideKeyOf('address')).toBe('address');
    expect(overrideKeyOf('phoneNo')).toBe('phoneNo');
    expect(fieldsOfOverrideKey('address')).toEqual(['address', 'address2', 'postCode', 'city', 'county']);
    expect(fieldsOfOverrideKey('salesperson')).toEqual(['salesperson']);
    expect(fieldsOfOverrideKey('nonsense')).toEqual([]);
    expect(() => overrideKeyOf('name')).toThrow(RuleViolation);
  });
});

describe('inheritFromCompany', () => {
  it('John Smith created for Fabrikam gets every company value and the company name', () => {
    const values = inheritFromCompany(allOn, fabrikam, []);
    expect(values).toMatchObject({
      companyName: 'Fabrikam',
      address: 'Kerkstraat 1',
      postCode: '9000',
      city: 'Gent',
      countryRegion: 'BE',
      phoneNo: '09 111 11 11',
      email: 'info@fabrikam.be',
      salesperson: 'AB',
      territory: 'EAST',
    });
    // Blanks are inherited too, as null.
    expect(values.county).toBeNull();
    expect(values.address2).toBeNull();
    expect(values.language).toBeNull();
    expect(values.faxNo).toBeNull();
  });

  it('with Inherit Address off: no address, but still the phone', () => {
    const values = inheritFromCompany({ ...allOn, inheritAddressDetails: false }, fabrikam, []);
    for (const field of ['address', 'address2', 'postCode', 'city', 'county']) expect(values).not.toHaveProperty(field);
    expect(values.phoneNo).toBe('09 111 11 11');
    expect(values.companyName).toBe('Fabrikam');
  });

  it('with every flag off only the company name is set', () => {
    const off = Object.fromEntries(Object.keys(allOn).map((k) => [k, false])) as unknown as InheritFlags;
    expect(inheritFromCompany(off, fabrikam, [])).toEqual({ companyName: 'Fabrikam' });
  });

  it('a standalone person with city Leuven keeps it when assigned to Fabrikam; salesperson becomes AB', () => {
    const leuven = { firstName: 'Ann', address: 'Naamsestraat 5', postCode: '3000', city: 'Leuven' };
    const overrides = nextOverrides(null, leuven, [], ['address', 'postCode', 'city']);
    expect(overrides).toEqual(['address']);
    const values = inheritFromCompany(allOn, fabrikam, overrides);
    expect(values).not.toHaveProperty('city');
    expect(values).not.toHaveProperty('address');
    expect(values.salesperson).toBe('AB');
    expect(values.phoneNo).toBe('09 111 11 11');
  });
});

describe('nextOverrides', () => {
  it('setting city Antwerpen under a Gent company overrides the address block', () => {
    const person = { ...inheritedJohn(), city: 'Antwerpen' };
    expect(nextOverrides(fabrikam, person, [], ['city'])).toEqual(['address']);
  });

  it('setting the phone equal to the company value makes it inherited again', () => {
    const person = { ...inheritedJohn(), phoneNo: ' 09 111 11 11 ' };
    expect(nextOverrides(fabrikam, person, ['address', 'phoneNo'], ['phoneNo'])).toEqual(['address']);
  });

  it('a phone of 0499 or a cleared phone is an override', () => {
    expect(nextOverrides(fabrikam, { ...inheritedJohn(), phoneNo: '0499' }, [], ['phoneNo'])).toEqual(['phoneNo']);
    expect(nextOverrides(fabrikam, { ...inheritedJohn(), phoneNo: '' }, [], ['phoneNo'])).toEqual(['phoneNo']);
  });

  it('the address block is inherited again only when all five fields equal the company', () => {
    const half = { ...inheritedJohn(), city: 'Gent', address: 'Veldstraat 9' };
    expect(nextOverrides(fabrikam, half, ['address'], ['city'])).toEqual(['address']);
    expect(nextOverrides(fabrikam, inheritedJohn(), ['address'], ['city', 'address'])).toEqual([]);
  });

  it('ignores non-inheritable fields, leaves untouched keys alone, sorts and de-duplicates', () => {
    const person = { ...inheritedJohn(), salesperson: 'JR', territory: 'WEST', name: 'John Smith' };
    expect(nextOverrides(fabrikam, person, ['territory', 'email'], ['name', 'salesperson', 'territory'])).toEqual([
      'email',
      'salesperson',
      'territory',
    ]);
  });

  it('blank, null, undefined and spaces compare equal', () => {
    const person = { ...inheritedJohn(), county: '  ', language: undefined };
    expect(nextOverrides(fabrikam, person, [], ['county', 'language'])).toEqual([]);
  });

  it('without a company a blank value is no override', () => {
    expect(nextOverrides(null, { phoneNo: '' }, ['phoneNo'], ['phoneNo'])).toEqual([]);
    expect(nextOverrides(null, { phoneNo: '0499' }, [], ['phoneNo'])).toEqual(['phoneNo']);
  });
});

describe('propagationPlan', () => {
  it('city Gent → Brugge with post code 8000 gives one address group', () => {
    const plan = propagationPlan(allOn, fabrikam, { ...fabrikam, city: 'Brugge', postCode: '8000' });
    expect(plan).toEqual([
      { overrideKey: 'address', fields: ['postCode', 'city'], values: { postCode: '8000', city: 'Brugge' } },
    ]);
  });

  it('a person who overrode the city (key address) is excluded from that group', () => {
    const plan = propagationPlan(allOn, fabrikam, { ...fabrikam, city: 'Brugge', postCode: '8000' });
    const antwerpen = { ...inheritedJohn(), city: 'Antwerpen', inheritanceOverrides: ['address'] };
    const untouched = { ...inheritedJohn(), inheritanceOverrides: [] as string[] };
    const apply = (p: Record<string, any>) => {
      const copy = { ...p };
      for (const g of plan)
        if (g.overrideKey === null || !p.inheritanceOverrides.includes(g.overrideKey)) Object.assign(copy, g.values);
      return copy;
    };
    expect(apply(untouched)).toMatchObject({ city: 'Brugge', postCode: '8000', address: 'Kerkstraat 1' });
    // Keeps Antwerpen and the old street: the whole block is overridden.
    expect(apply(antwerpen)).toMatchObject({ city: 'Antwerpen', postCode: '9000', address: 'Kerkstraat 1' });
  });

  it('a phone change gives a phoneNo group', () => {
    expect(propagationPlan(allOn, fabrikam, { ...fabrikam, phoneNo: '09 222 22 22' })).toEqual([
      { overrideKey: 'phoneNo', fields: ['phoneNo'], values: { phoneNo: '09 222 22 22' } },
    ]);
  });

  it('a name change gives a companyName group for every person (null key)', () => {
    expect(propagationPlan(allOn, fabrikam, { ...fabrikam, name: 'Fabrikam NV' })).toEqual([
      { overrideKey: null, fields: ['companyName'], values: { companyName: 'Fabrikam NV' } },
    ]);
  });

  it('skips fields whose flag is off, unchanged fields and fields absent from after', () => {
    const after = { ...fabrikam, phoneNo: '0', salesperson: 'JR', city: 'Gent ' };
    const plan = propagationPlan({ ...allOn, inheritCommunicationDetails: false }, fabrikam, after);
    expect(plan.map((g) => g.overrideKey)).toEqual(['salesperson']);
    expect(propagationPlan(allOn, fabrikam, { territory: 'EAST' })).toEqual([]);
  });

  it('propagates correspondenceType and clearing a value (as null)', () => {
    const plan = propagationPlan(allOn, fabrikam, { ...fabrikam, correspondenceType: 'email', email: '' });
    expect(plan).toEqual([
      { overrideKey: 'email', fields: ['email'], values: { email: null } },
      { overrideKey: 'correspondenceType', fields: ['correspondenceType'], values: { correspondenceType: 'email' } },
    ]);
  });
});

describe('switchedOnGroups', () => {
  const allOff = Object.fromEntries(Object.keys(allOn).map((f) => [f, false])) as InheritFlags;

  it('Inherit Address switched on: one group, the whole block under the key address', () => {
    expect(switchedOnGroups({ ...allOn, inheritAddressDetails: false }, allOn)).toEqual([
      { overrideKey: 'address', fields: ['address', 'address2', 'postCode', 'city', 'county'] },
    ]);
  });

  it('a relation flag switched on gives its field; communication gives one group per field', () => {
    const groups = switchedOnGroups(allOff, { ...allOff, inheritSalesperson: true, inheritCommunicationDetails: true });
    expect(groups[0]).toEqual({ overrideKey: 'salesperson', fields: ['salesperson'] });
    expect(groups.slice(1).map((g) => g.overrideKey)).toEqual(
      FIELD_GROUPS.find((g) => g.flag === 'inheritCommunicationDetails')!.fields,
    );
    expect(groups.every((g) => g.fields.length === 1 && g.fields[0] === g.overrideKey)).toBe(true);
  });

  it('flags left on, left off or switched off catch nothing up', () => {
    expect(switchedOnGroups(allOn, allOn)).toEqual([]);
    expect(switchedOnGroups(allOff, allOff)).toEqual([]);
    expect(switchedOnGroups(allOn, allOff)).toEqual([]);
  });

  it('a flag absent or null before (off) and on after is switched on; absent after is not', () => {
    expect(switchedOnGroups({}, { inheritTerritory: true })).toEqual([
      { overrideKey: 'territory', fields: ['territory'] },
    ]);
    expect(switchedOnGroups({ inheritTerritory: false }, {})).toEqual([]);
  });
});

describe('resetKeys', () => {
  it('no fields or an empty list resets every override', () => {
    expect(resetKeys(undefined, ['phoneNo', 'address'])).toEqual(['address', 'phoneNo']);
    expect(resetKeys([], ['phoneNo'])).toEqual(['phoneNo']);
  });

  it('maps field names to override keys', () => {
    expect(resetKeys(['city', 'postCode', 'phoneNo'], ['address', 'phoneNo', 'email'])).toEqual(['address', 'phoneNo']);
  });

  it('unknown field names are a rule violation on fields', () => {
    let error: any;
    try {
      resetKeys(['city', 'foo', 'name'], []);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RuleViolation);
    expect(error.path).toEqual(['fields']);
    expect(error.message).toMatch(
      /^Unknown field\(s\) for reset-inheritance: foo, name\. Inheritable fields are: salesperson, /,
    );
    expect(() => resetKeys('city' as any, [])).toThrow(RuleViolation);
  });
});

describe('applyDefaults', () => {
  const setup = {
    defaultSalesperson: 'JR',
    defaultTerritory: 'NORTH',
    defaultCountryRegion: 'BE',
    defaultLanguage: 'NLB',
    defaultFormatRegion: 'nl-BE',
    defaultCorrespondenceType: 'email',
    defaultCompanySalutation: 'COMPANY',
    defaultPersonSalutation: 'UNISEX',
  };

  it('fills only blank fields', () => {
    // A person of a German company with blank territory: DEU stays, NORTH fills the blank.
    const inherited = { language: 'DEU', territory: null, salesperson: 'AB', countryRegion: '' };
    expect(applyDefaults('person', inherited, setup)).toEqual({
      territory: 'NORTH',
      countryRegion: 'BE',
      formatRegion: 'nl-BE',
      correspondenceType: 'email',
      salutation: 'UNISEX',
    });
  });

  it('uses the company salutation for companies and keeps a given one', () => {
    expect(applyDefaults('company', {}, setup).salutation).toBe('COMPANY');
    expect(applyDefaults('company', { salutation: 'M' }, setup)).not.toHaveProperty('salutation');
  });

  it('sets nothing for blank defaults', () => {
    expect(applyDefaults('person', {}, { defaultTerritory: '', defaultLanguage: null })).toEqual({});
  });
});

describe('values sent back unchanged (the Content Manager sends the whole form)', () => {
  const before = {
    city: 'Brugge',
    postCode: '8001',
    address: 'Markt 1',
    phoneNo: '+32 50 1',
    mobilePhoneNo: '+32 470 1',
    salesperson: 4,
    jobTitle: 'Buyer',
  };
  test('an inherited value echoed is no hand change; an overridden or a changed one is', () => {
    const request = {
      city: 'Brugge',
      postCode: '8001',
      phoneNo: '+32 50 1',
      mobilePhoneNo: '+32 470 1',
      salesperson: 4,
      jobTitle: 'CEO',
      email: 'new@x.example',
    };
    expect(echoedInheritedFields(before, request, ['mobilePhoneNo']).sort()).toEqual([
      'city',
      'phoneNo',
      'postCode',
      'salesperson',
    ]);
  });
  test('a changed address field is not an echo (the block becomes an override in nextOverrides)', () => {
    expect(echoedInheritedFields(before, { city: 'Gent', postCode: '8001' }, [])).toEqual(['postCode']);
  });
  test('a new person has nothing to echo', () => {
    expect(echoedInheritedFields(null, { city: 'Brugge' }, [])).toEqual([]);
  });
});

describe('withoutStaleInherited (an import row of a person whose company the same import changed)', () => {
  // The export's row of John, written while he inherited Fabrikam's values.
  const exported = {
    jobTitle: 'Buyer',
    address: 'Kerkstraat 1',
    postCode: '9000',
    city: 'Gent',
    phoneNo: '09 111 11 11',
  };
  test("cells that copy the company's values from before the change are dropped: John keeps inheriting", () => {
    expect(withoutStaleInherited({ ...exported, companyName: 'Fabrikam' }, [], fabrikam)).toEqual({
      jobTitle: 'Buyer',
    });
  });
  test('a cell of his own stays (his own phone), and so does the whole address block when one of its cells differs', () => {
    expect(withoutStaleInherited({ ...exported, phoneNo: '0475 11 22 33' }, [], fabrikam)).toEqual({
      jobTitle: 'Buyer',
      phoneNo: '0475 11 22 33',
    });
    expect(withoutStaleInherited({ ...exported, city: 'Gentbrugge' }, [], fabrikam)).toEqual({
      jobTitle: 'Buyer',
      address: 'Kerkstraat 1',
      postCode: '9000',
      city: 'Gentbrugge',
    });
  });
  test('a field he set by hand is his: its cells stay', () => {
    expect(withoutStaleInherited(exported, ['address'], fabrikam)).toEqual({
      jobTitle: 'Buyer',
      address: 'Kerkstraat 1',
      postCode: '9000',
      city: 'Gent',
    });
  });
});
